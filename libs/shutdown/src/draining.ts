import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What a request that arrives during shutdown is told to wait: long enough for another instance or the restart. */
export const DRAINING_RETRY_AFTER_SECONDS = 5;

/**
 * A Fastify process's graceful shutdown (the API's and the web's), before Nest closes anything:
 *
 * 1. `start()` (on SIGTERM): from now on every new request is refused at once with a 503 (the
 *    process's own, given to the constructor: the API's problem+json, the web's page), with
 *    `Retry-After` and `Connection: close`; requests already running go on, and their answers carry
 *    `Connection: close` too. A keep-alive client so learns, on the very connection it uses, to go
 *    elsewhere, instead of finding the connection reset.
 * 2. `drained(until)`: resolves once no request is in flight (or at `until`).
 * 3. Then the caller closes the application: the listener stops, idle connections are closed, the
 *    pools and Redis are released.
 */
export class Draining {
  private draining = false;
  private inFlight = 0;
  private readonly waiters = new Set<() => void>();

  /** @param refuse answers a request that arrives while draining (status 503, `Connection: close` and `Retry-After` are set already). */
  constructor(private readonly refuse: (request: FastifyRequest, reply: FastifyReply) => void) {}

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
      const timer = setTimeout(
        () => {
          this.waiters.delete(done);
          resolve(false);
        },
        Math.max(0, untilMs - Date.now()),
      );
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(true);
      };
      this.waiters.add(done);
    });
  }

  /** Registers the hooks; call before any route or other hook, so a refused request costs nothing else. */
  register(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      if (!this.draining) {
        this.inFlight += 1;
        (request as FastifyRequest & { lcsCounted?: boolean }).lcsCounted = true;
        return done();
      }
      void reply.code(503).header('connection', 'close').header('retry-after', String(DRAINING_RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
      this.refuse(request, reply);
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

/** Time kept, out of the shutdown timeout, for closing the pools and Redis after the requests in flight. */
const CLOSE_RESERVE_MS = 2_000;

/**
 * The `beforeClose` step of closeOnSignals for a process that drains: new requests are refused at
 * once, those in flight finish (until shortly before the deadline), then the app may close.
 */
export function drainBeforeClose(draining: Draining, timeoutMs: number, log: (msg: string) => void): (deadlineMs: number) => Promise<void> {
  return async (deadline) => {
    draining.start();
    const reserve = Math.min(CLOSE_RESERVE_MS, timeoutMs / 4);
    const inFlight = draining.requestsInFlight;
    const drained = await draining.drained(deadline - reserve);
    log(drained ? `draining: ${inFlight} request(s) in flight finished` : `draining: ${draining.requestsInFlight} request(s) still running at the deadline`);
  };
}
