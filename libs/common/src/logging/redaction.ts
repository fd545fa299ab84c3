/**
 * Field names that hold secrets or personal data. Their values never reach a log line,
 * at whatever depth (up to three levels) they appear in a logged object.
 */
export const SENSITIVE_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'email',
  'phone',
  'passportNumber',
  'nationalId',
  'dateOfBirth',
  'address',
  'bankAccount',
  'fullName',
  'displayName',
] as const;

export function redactionPaths(): string[] {
  const paths = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];
  for (const f of SENSITIVE_FIELDS) paths.push(f, `*.${f}`, `*.*.${f}`);
  return paths;
}
