/**
 * Which errors mean "a service this process depends on cannot be reached right now" (Postgres or
 * Redis down, restarting, or the connection to it cut), as opposed to a bug or a refused write.
 * Those answer 503 `service-unavailable` with Retry-After: the request may succeed once the
 * dependency is back, and the process reconnects by itself.
 *
 * The test is deliberately narrow: socket error codes, Postgres SQLSTATEs of the connection and
 * shutdown classes, and the exact messages pg and ioredis give a connection they lost. A constraint
 * violation, a syntax error or a TypeError never matches, so a real fault stays a 500.
 */

/** Socket-level failures (Node's net/dns codes), on the error or on what it wraps. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * Postgres SQLSTATEs of an unavailable server: class 08 (connection exception), the shutdown codes
 * 57P01-57P03 (admin/crash shutdown, cannot connect now: starting up or in recovery), and 53300
 * (too many connections).
 */
const PG_UNAVAILABLE_STATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What pg, pg-pool, ioredis and BullMQ say when the connection is gone (their messages, matched from the start). */
const LOST_CONNECTION_MESSAGES = [
  // pg
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  // ioredis, with enableOfflineQueue false ("Stream isn't writeable and enableOfflineQueue options is false")
  "Stream isn't writeable",
  // ioredis MaxRetriesPerRequestError
  'Reached the max retries per request limit',
  'Connection is closed.',
  // ioredis offline queue flushed on reconnect / disconnect
  'Command queue flushed',
  'Connection is in "wait" state',
];

const MAX_DEPTH = 4;

/** Everything the error wraps that might carry the real cause: TypeORM's driverError, `cause`, AggregateError's errors. */
function* causes(error: unknown, depth = 0): Generator<object> {
  if (!error || typeof error !== 'object' || depth > MAX_DEPTH) return;
  yield error;
  const e = error as { driverError?: unknown; cause?: unknown; errors?: unknown; originalError?: unknown };
  yield* causes(e.driverError, depth + 1);
  yield* causes(e.cause, depth + 1);
  yield* causes(e.originalError, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors.slice(0, 4)) yield* causes(inner, depth + 1);
}

/** Names the dependency that is unreachable ('database', 'redis' or 'dependency'), or null for any other error. */
export function unavailableDependency(error: unknown): 'database' | 'redis' | 'dependency' | null {
  for (const e of causes(error)) {
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (name === 'MaxRetriesPerRequestError') return 'redis';
    if (LOST_CONNECTION_MESSAGES.some((m) => text.startsWith(m))) {
      return /writeable|max retries|Connection is closed|Command queue|"wait" state/.test(text) ? 'redis' : 'database';
    }
    if (typeof code === 'string') {
      if (PG_UNAVAILABLE_STATE.test(code)) return 'database';
      if (SOCKET_CODES.has(code)) return 'dependency';
    }
  }
  return null;
}
