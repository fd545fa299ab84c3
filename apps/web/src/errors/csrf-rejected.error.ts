/** A request that may change something came without a valid CSRF token (or its session had none). */
export class CsrfRejectedError extends Error {
  readonly statusCode = 403;

  constructor(readonly reason: string) {
    super(`CSRF check failed (${reason})`);
    this.name = 'CsrfRejectedError';
  }
}
