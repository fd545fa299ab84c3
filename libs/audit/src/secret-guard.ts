/**
 * Keys that name secrets (compared case-insensitively, ignoring `_` and `-`): a key that is or
 * ends with one of these is refused, so `password`, `passwordHash`, `new_password`, `token`,
 * `refreshToken`, `accessToken`, `secret`, `clientSecret`, `apiKey` are refused while
 * `passwordChangedAt` or `tokenCount` are not.
 */
const SECRET_KEY = /(password|passwordhash|passwd|secret|token|apikey|privatekey)$/;

export class AuditSecretError extends Error {
  constructor(readonly path: string) {
    super(`audit: ${path} looks like a secret; secrets must never be written to the audit log (record that it changed, not its value)`);
    this.name = 'AuditSecretError';
  }
}

/**
 * Throws AuditSecretError when any key, at any depth (arrays included), looks like a secret.
 * A programming error, never user input: the message names the path, never the value.
 */
export function assertNoSecrets(value: unknown, path = 'changes'): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoSecrets(item, `${path}[${i}]`));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (SECRET_KEY.test(key.toLowerCase().replace(/[-_]/g, ''))) throw new AuditSecretError(`${path}.${key}`);
    assertNoSecrets(child, `${path}.${key}`);
  }
}
