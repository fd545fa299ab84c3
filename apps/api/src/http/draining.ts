import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemType } from '@app/common';

/** What a request that arrives during shutdown is told to wait: long enough for another instance or the restart. */
export const DRAINING_RETRY_AFTER_SECONDS = 5;

/**
 * The API's graceful shutdown, before Nest closes anything:
 *
 * 1. `start()` (on SIGTERM): from now on every new request is refused at once with 503
 *    `service-unavailable`, `Retry-After` and `Connection: close`; requests already running go on,
 *    and their answers carry `Connection: close` too. A keep-alive client so learns, on the very
 *    connection it uses, to go elsewhere, instead of finding the connection reset.
 * 2. `drained(until)`: resolves once no request is in flight (or at `until`).
 * 3. Then the caller closes the application: the listener stops, idle connections are closed, the
 *    pools and Redis are released.
 */
export class Draining {
  private draining = false;
  private inFlight = 0;
  private readonly waiters = new Set<() => void>();

  get active(): boolean {
    return this.draining;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  start(): void {
    this.draining = true;
  }

  /** Resolves when nothing is in flight, or at `untilMs` (epoch ms) at the latest; true when drained. */
  drained(untilMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        resolve(false);
      }, Math.max(0, untilMs - Date.now()));
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(true);
      };
      this.waiters.add(done);
    });
  }

  /** Registers the hooks; call before any route or other hook, so a refused request costs nothing else. */
  register(app: NestFastifyApplication): void {
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      if (!this.draining) {
        this.inFlight += 1;
        (request as FastifyRequest & { lcsCounted?: boolean }).lcsCounted = true;
        return done();
      }
      refuse(request, reply);
    });
    fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, p?: unknown) => void) => {
      if (this.draining && request.raw.httpVersionMajor < 2) void reply.header('connection', 'close');
      done(null, payload);
    });
    const finished = (request: FastifyRequest) => {
      const r = request as FastifyRequest & { lcsCounted?: boolean };
      if (!r.lcsCounted) return;
      r.lcsCounted = false;
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const w of [...this.waiters]) w();
    };
    fastify.addHook('onResponse', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      finished(request);
      done();
    });
    // A client that hangs up before its answer: the request no longer counts as in flight.
    fastify.addHook('onRequestAbort', (request: FastifyRequest, done: () => void) => {
      finished(request);
      done();
    });
  }
}

function refuse(request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .code(503)
    .header('connection', 'close')
    .header('retry-after', String(DRAINING_RETRY_AFTER_SECONDS))
    .header('x-request-id', request.id)
    .header('cache-control', 'no-store')
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({
      type: problemType('service-unavailable'),
      code: 'service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: `This instance is shutting down and takes no new requests; nothing was done. Try again in ${DRAINING_RETRY_AFTER_SECONDS} seconds.`,
      instance: request.url,
      correlationId: String(request.id),
      retryAfter: DRAINING_RETRY_AFTER_SECONDS,
    });
}
