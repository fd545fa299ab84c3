/**
 * @fastify/session's store contract (get/set/destroy with callbacks) over ioredis. Per session:
 *
 *   <prefix>:web:sess:<id>     the session as JSON (language of forms, CSRF secret, sign-in marker)
 *   <prefix>:web:tokens:<id>   a signed-in person's API tokens, written ONLY by ApiSessions
 *
 * Both expire after the TTL, which every save of the session renews (sessions roll: a page view
 * counts as use); destroying the session deletes both. The tokens live apart so that a request
 * that started before a refresh and saves its (rolling) session afterwards cannot write the spent
 * refresh token back: the API would take the next refresh for a stolen token and end the session.
 *
 * A Redis that does not answer is a SessionStoreUnavailableError (the page answers 503), never
 * "no session": a signed-in person is not silently signed out by a blip.
 */
import type { Session } from 'fastify';
import type { SessionStore } from '@fastify/session';
import type { Redis } from 'ioredis';

export class SessionStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the session store (Redis) did not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SessionStoreUnavailableError';
  }
}

/** The Redis keys of one session. */
export class SessionKeys {
  constructor(private readonly prefix: string) {}
  session(id: string): string {
    return `${this.prefix}:web:sess:${id}`;
  }
  tokens(id: string): string {
    return `${this.prefix}:web:tokens:${id}`;
  }
  refreshLock(id: string): string {
    return `${this.prefix}:web:refresh-lock:${id}`;
  }
}

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, session?: Session | null) => void;

export class RedisSessionStore implements SessionStore {
  readonly keys: SessionKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    readonly ttlSeconds: number,
  ) {
    this.keys = new SessionKeys(prefix);
  }

  /** The session's own key (tests look at it). */
  key(sessionId: string): string {
    return this.keys.session(sessionId);
  }

  set(sessionId: string, session: unknown, callback: Callback): void {
    this.redis
      .multi()
      .set(this.keys.session(sessionId), JSON.stringify(session), 'EX', this.ttlSeconds)
      .expire(this.keys.tokens(sessionId), this.ttlSeconds)
      .exec()
      .then(
        () => callback(),
        (e: unknown) => callback(new SessionStoreUnavailableError(e)),
      );
  }

  get(sessionId: string, callback: GetCallback): void {
    this.redis.get(this.keys.session(sessionId)).then(
      (raw) => {
        if (raw === null) return callback(null, null);
        try {
          const parsed: unknown = JSON.parse(raw);
          callback(null, typeof parsed === 'object' && parsed !== null ? (parsed as Session) : null);
        } catch {
          callback(null, null); // unreadable: as if there were none
        }
      },
      (e: unknown) => callback(new SessionStoreUnavailableError(e)),
    );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.redis.del(this.keys.session(sessionId), this.keys.tokens(sessionId), this.keys.refreshLock(sessionId)).then(
      () => callback(),
      (e: unknown) => callback(new SessionStoreUnavailableError(e)),
    );
  }
}
