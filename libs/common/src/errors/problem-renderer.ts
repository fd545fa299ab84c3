import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainException } from './domain.exception';
import { ProblemDetails, problemType } from './problem';
import { unavailableDependency } from './unavailable';

const STATUS_CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

/** What pg-pool throws when no connection came free within connectionTimeoutMillis. */
const POOL_ACQUIRE_TIMEOUT = 'timeout exceeded when trying to connect';
const BUSY_RETRY_AFTER_SECONDS = 5;
/** Postgres or Redis unreachable: both reconnect by themselves; a few seconds is the usual restart or failover. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export interface RenderedProblem {
  problem: ProblemDetails;
  /** Set when the error was not one we raised on purpose: log it with its stack. */
  unexpected: boolean;
  /** Set when a dependency was unreachable (the answer is a 503): log it as a warning, without a stack. */
  outage?: 'database' | 'redis' | 'dependency';
  headers: Record<string, string>;
}

const titleOf = (status: number) =>
  (HttpStatus[status] ?? 'Error')
    .toString()
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase());

/**
 * Turns anything thrown while serving a request into a problem document. Nothing of an
 * unexpected error (message, stack, SQL) leaves the process: only its correlation id.
 */
export function renderProblem(error: unknown, correlationId: string, instance?: string): RenderedProblem {
  const base = { instance, correlationId };
  if (error instanceof DomainException) {
    // A refusal that says when to come back (a rate limit's 429, a busy instance's 503) carries
    // `retryAfter` in seconds: the header says the same, for every such exception, here alone.
    const retryAfter = error.extensions.retryAfter;
    return {
      unexpected: false,
      headers: typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : {},
      problem: {
        type: problemType(error.code),
        code: error.code,
        title: error.title,
        status: error.status,
        detail: error.detail,
        ...base,
        ...error.extensions,
      },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal-error' : 'http-error');
    const body = error.getResponse();
    const extensions: Record<string, unknown> = {};
    let detail: string | undefined;
    if (typeof body === 'string') detail = body;
    else if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      if (typeof b.detail === 'string') detail = b.detail;
      else if (typeof b.message === 'string') detail = b.message;
      else if (Array.isArray(b.message)) detail = b.message.join('; ');
      for (const [k, v] of Object.entries(b)) {
        if (!['message', 'error', 'statusCode', 'detail', 'type', 'title', 'status'].includes(k)) extensions[k] = v;
      }
    }
    return {
      unexpected: status >= 500 && status !== 503,
      headers: {},
      problem: {
        type: problemType(code),
        code,
        title: titleOf(status),
        status,
        detail: status >= 500 && status !== 503 ? 'An unexpected error occurred.' : detail,
        ...base,
        ...(status >= 500 && status !== 503 ? {} : extensions),
      },
    };
  }
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // A client error from a library that does not use HttpException.
    const code = STATUS_CODES[statusCode] ?? 'http-error';
    return {
      unexpected: false,
      headers: {},
      problem: {
        type: problemType(code),
        code,
        title: titleOf(statusCode),
        status: statusCode,
        ...base,
      },
    };
  }
  if (error instanceof Error && error.message === POOL_ACQUIRE_TIMEOUT) {
    // Every database connection stayed busy for the pool's whole wait (DATABASE_POOL_SIZE, 3 s):
    // overload, not a fault. Nothing was written (no transaction had begun): the client may retry.
    return {
      unexpected: false,
      headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
      problem: {
        type: problemType('service-unavailable'),
        code: 'service-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: `The service is too busy to take this request now; nothing was saved. Try again in ${BUSY_RETRY_AFTER_SECONDS} seconds.`,
        ...base,
        retryAfter: BUSY_RETRY_AFTER_SECONDS,
      },
    };
  }
  const outage = unavailableDependency(error);
  if (outage) {
    // The connection to Postgres or Redis is refused or was cut: an outage, not a fault of this
    // request. The pools reconnect by themselves; the client may retry. A write whose COMMIT was
    // cut may or may not have landed, so the detail does not promise that nothing was saved.
    return {
      unexpected: false,
      outage,
      headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
      problem: {
        type: problemType('service-unavailable'),
        code: 'service-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: `A service this request needs is unreachable for the moment. Try again in ${OUTAGE_RETRY_AFTER_SECONDS} seconds; if you were saving a change, check whether it was saved before sending it again.`,
        ...base,
        retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
      },
    };
  }
  return {
    unexpected: true,
    headers: {},
    problem: {
      type: problemType('internal-error'),
      code: 'internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred. Quote the correlation id if you report it.',
      ...base,
    },
  };
}
