import { DomainException } from './domain.exception';

/** An Idempotency-Key (or a garnishment's case reference) used before with a different request (422). */
export class IdempotencyKeyReusedException extends DomainException {
  constructor() {
    super(
      'idempotency-key-reused',
      422,
      'Idempotency key reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
    );
  }
}

/** A POST that creates money without an Idempotency-Key header, or with a malformed one (400). */
export class IdempotencyKeyRequiredException extends DomainException {
  constructor() {
    super(
      'idempotency-key-required',
      400,
      'Idempotency-Key required',
      'Send an Idempotency-Key header (1-128 printable ASCII characters, a UUID is best) so a retry cannot record the entry twice.',
    );
  }
}

/** `Idempotency-Key` as a bare token or as a structured-field string ("…"), 1-128 printable ASCII characters. */
export function idempotencyKeyOf(header: string | undefined): string {
  const key = header?.trim().replace(/^"(.*)"$/, '$1');
  if (!key || !/^[\x21-\x7e]{1,128}$/.test(key)) throw new IdempotencyKeyRequiredException();
  return key;
}
