/**
 * Request URLs as logged: a query string can carry a token (`?access_token=`), a name or an email
 * searched for, and some paths carry a person's identifier. What the log keeps is the route and
 * the names of the query parameters, enough to follow a request, never their values.
 */

const REDACTED = '[redacted]';

/**
 * Path segments that are personal data, by the route that carries them: the prefix before the
 * segment. Each route taking a person's identifier in its path must be listed here
 * (libs/common/src/logging/redact-url.spec.ts checks the API's controllers against it).
 */
export const PERSONAL_PATH_SEGMENTS: readonly RegExp[] = [
  // GET /welfare/members/:passport: a passport number.
  /^(\/welfare\/members\/)[^/]+/i,
];

/** The URL with every query value and every personal path segment replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  for (const pattern of PERSONAL_PATH_SEGMENTS) path = path.replace(pattern, `$1${REDACTED}`);
  if (q === -1) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
    })
    .join('&');
  return `${path}?${query}`;
}
