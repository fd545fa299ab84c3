import { EVENT_LAST_ERROR_MAX_LENGTH } from '../events.constants';

// A URL with credentials in it (postgres://user:password@host) never reaches the database or the logs.
const redactCredentials = (s: string) => s.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1[redacted]@');

/** What a handler's error says, for last_error and the logs: its name and message, one line, short, no credentials. */
export function describeHandlerError(e: unknown): string {
  const err = e instanceof Error ? e : new Error(typeof e === 'string' ? e : 'non-Error thrown');
  const text = redactCredentials(`${err.name}: ${err.message}`.replace(/\s+/g, ' ').trim());
  return text.length > EVENT_LAST_ERROR_MAX_LENGTH ? `${text.slice(0, EVENT_LAST_ERROR_MAX_LENGTH - 1)}…` : text;
}
