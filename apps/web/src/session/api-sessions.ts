/**
 * A signed-in person's API tokens live on the server, in Redis beside their session, never in the
 * browser: the browser holds only the random session id in an HttpOnly cookie.
 *
 *   signIn(request, { email, password })   POST /auth/login; on success a NEW session id
 *                                          (no fixation), the tokens kept under it
 *   forRequest(request)                    an ApiSession: a typed client sending the person's
 *                                          access token, refreshed on the server before it expires
 *   signOut(request, reply)                POST /auth/logout (the API session ends too), then
 *                                          the web session is destroyed and its cookie cleared
 *
 * The tokens are a Redis key of their own (`<prefix>:web:tokens:<session id>`, see
 * redis-session-store.ts), written only here; the session itself carries just a sign-in marker.
 *
 * Refreshing: the API's refresh tokens are single-use, and presenting a spent one ends the whole
 * session (reuse detection). Two pages loading at once near expiry would both refresh with the
 * same token; so a refresh takes a short Redis lock per session, and whoever does not get it
 * waits for the winner's new tokens instead of refreshing again.
 */
import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { ApiClient, Problem } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { ApiClientFactory } from '../api/api-client.factory';
import type { WebConfig } from '../config/web-config';
import { WEB_CONFIG, WEB_REDIS } from '../web.tokens';
import { SessionKeys } from './redis-session-store';

/** What the session itself keeps of a signed-in person (never a token). */
export interface SignedIn {
  signedInAt: string;
}

/** The API tokens, in their own Redis key. */
export interface ApiTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (epoch milliseconds, by this process's clock). */
  accessExpiresAt: number;
}

/** The person is not (or no longer) signed in: pages redirect to the sign-in page. */
export class SignedOutError extends Error {
  constructor(reason: string) {
    super(`not signed in: ${reason}`);
    this.name = 'SignedOutError';
  }
}

export type SignInResult = { ok: true } | { ok: false; status: number; problem: Problem | null };

/** Refresh this long before the access token expires (clock skew, a slow page). */
export const REFRESH_MARGIN_MS = 60_000;
const LOCK_TTL_MS = 10_000;
const WAIT_STEP_MS = 100;

export const SESSION_COOKIE = 'lcs_session';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** The API's TokenPairView, checked (the contract types it; the web does not take it on trust). */
export function asTokenPair(value: unknown): TokenPair {
  const v = value as Partial<TokenPair> | null;
  if (!v || typeof v.accessToken !== 'string' || typeof v.refreshToken !== 'string' || typeof v.expiresIn !== 'number' || !(v.expiresIn > 0)) {
    throw new Error('the API answered a token pair of an unexpected shape');
  }
  return { accessToken: v.accessToken, refreshToken: v.refreshToken, expiresIn: v.expiresIn };
}

const tokensFrom = (pair: TokenPair): ApiTokens => ({
  accessToken: pair.accessToken,
  refreshToken: pair.refreshToken,
  accessExpiresAt: Date.now() + pair.expiresIn * 1000,
});
const fresh = (t: ApiTokens) => t.accessExpiresAt - REFRESH_MARGIN_MS > Date.now();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A signed-in person's view of the API, for one request. */
export class ApiSession {
  /** Typed client sending this person's access token (refreshed when due). */
  readonly client: ApiClient;
  private tokens: ApiTokens | null = null;
  private refreshing: Promise<string> | null = null;

  constructor(
    private readonly request: FastifyRequest,
    private readonly sessions: ApiSessions,
    clients: ApiClientFactory,
  ) {
    this.client = clients.forRequest(request, { accessToken: () => this.accessToken() });
    // An access token the API refuses (session ended elsewhere, account disabled): signed out here too.
    this.client.use({
      onResponse: async ({ response }) => {
        if (response.status === 401) {
          await this.sessions.forget(this.request);
          throw new SignedOutError('the API refused the access token');
        }
        return response;
      },
    });
  }

  /** The current access token, refreshed first when it expires within REFRESH_MARGIN_MS. */
  async accessToken(): Promise<string> {
    this.tokens ??= await this.sessions.tokens(this.request);
    if (!this.tokens) throw new SignedOutError('no tokens for this session');
    if (fresh(this.tokens)) return this.tokens.accessToken;
    this.refreshing ??= this.sessions
      .refresh(this.request, this.tokens.refreshToken)
      .then((t) => ((this.tokens = t), t.accessToken))
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }
}

@Injectable()
export class ApiSessions {
  private readonly logger = new Logger('ApiSessions');
  private readonly perRequest = new WeakMap<FastifyRequest, ApiSession>();
  private readonly keys: SessionKeys;

  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    @Inject(WEB_REDIS) private readonly redis: Redis,
    private readonly clients: ApiClientFactory,
  ) {
    this.keys = new SessionKeys(config.REDIS_PREFIX);
  }

  /** Whether the session is marked signed in (the tokens may still turn out to be gone). */
  isSignedIn(request: FastifyRequest): boolean {
    return Boolean(request.session?.auth);
  }

  /** The signed-in person's ApiSession (one per request); SignedOutError when nobody is signed in. */
  forRequest(request: FastifyRequest): ApiSession {
    if (!this.isSignedIn(request)) throw new SignedOutError('the session is not signed in');
    let session = this.perRequest.get(request);
    if (!session) this.perRequest.set(request, (session = new ApiSession(request, this, this.clients)));
    return session;
  }

  /** The session's API tokens as stored now (null when none). */
  async tokens(request: FastifyRequest): Promise<ApiTokens | null> {
    const id = request.session?.sessionId;
    if (!id) return null;
    const raw = await this.redis.get(this.keys.tokens(id));
    return raw ? (JSON.parse(raw) as ApiTokens) : null;
  }

  private async storeTokens(sessionId: string, tokens: ApiTokens): Promise<void> {
    await this.redis.set(this.keys.tokens(sessionId), JSON.stringify(tokens), 'EX', this.config.WEB_SESSION_TTL_SECONDS);
  }

  /**
   * Signs in with the API. On success the session gets a new id (the old one is destroyed, so a
   * session id planted before sign-in is worthless after it) and the tokens are kept under it. On
   * a refusal the API's problem (401 invalid-credentials, 429 too-many-requests, 400...) is handed
   * back for the page to explain; the session is untouched.
   */
  async signIn(request: FastifyRequest, credentials: { email: string; password: string }): Promise<SignInResult> {
    const api = this.clients.forRequest(request);
    const { data, error, response } = await api.POST('/auth/login', { body: credentials });
    if (!response.ok) return { ok: false, status: response.status, problem: isProblem(error) ? error : null };
    await this.adopt(request, data as unknown);
    return { ok: true };
  }

  /**
   * Signs the session in with a token pair the API answered another way (opening a verification
   * link or accepting an invitation signs the person in): as signIn does, a new session id first.
   * What the session held for the form (its language, a pending link) is not carried over.
   */
  async adopt(request: FastifyRequest, pair: unknown): Promise<void> {
    const tokens = tokensFrom(asTokenPair(pair));
    await request.session.regenerate();
    await this.storeTokens(request.session.sessionId, tokens);
    request.session.auth = { signedInAt: new Date().toISOString() };
    await request.session.save();
  }

  /**
   * Ends the API session (POST /auth/logout) and this one. If the API cannot be reached the web
   * session still ends (the API session then lapses by itself); the cookie is cleared either way.
   */
  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const tokens = await this.tokens(request);
    if (tokens) {
      try {
        const api = this.clients.forRequest(request, { accessToken: async () => tokens.accessToken });
        const { response } = await api.POST('/auth/logout');
        if (!response.ok && response.status !== 401) this.logger.warn(`POST /auth/logout answered ${response.status}`);
      } catch (e) {
        this.logger.warn(`POST /auth/logout failed: ${e instanceof Error ? e.message : String(e)}; the API session will lapse by itself`);
      }
    }
    if (request.session?.sessionId) await request.session.destroy(); // the store deletes the tokens too
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** Drops the tokens and the sign-in marker (signed out of the web; the API session is already over). */
  async forget(request: FastifyRequest): Promise<void> {
    const id = request.session?.sessionId;
    if (!id) return;
    await this.redis.del(this.keys.tokens(id));
    if (request.session.auth) {
      request.session.auth = undefined;
      await request.session.save();
    }
  }

  /**
   * New tokens in place of `spent` (the refresh token the caller holds), stored before they are
   * used. Holds a per-session lock while calling POST /auth/refresh; a request that finds the lock
   * taken waits for the holder's tokens instead (see the top of this file).
   */
  async refresh(request: FastifyRequest, spent: string): Promise<ApiTokens> {
    const sessionId = request.session.sessionId;
    const lock = this.keys.refreshLock(sessionId);
    const deadline = Date.now() + LOCK_TTL_MS + 2_000;
    while (Date.now() < deadline) {
      const lockValue = randomBytes(12).toString('hex');
      if ((await this.redis.set(lock, lockValue, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') {
        try {
          // Someone may have refreshed between our read and our lock: use theirs.
          const current = await this.tokens(request);
          if (!current) throw new SignedOutError('signed out meanwhile');
          if (current.refreshToken !== spent) return current;
          return await this.exchange(request, current);
        } finally {
          await this.redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, lock, lockValue);
        }
      }
      await sleep(WAIT_STEP_MS);
      const current = await this.tokens(request);
      if (!current) throw new SignedOutError('signed out meanwhile');
      if (current.refreshToken !== spent) return current;
    }
    throw new Error('refreshing the API tokens timed out waiting for another request of the same session');
  }

  private async exchange(request: FastifyRequest, current: ApiTokens): Promise<ApiTokens> {
    const api = this.clients.forRequest(request);
    const { data, response } = await api.POST('/auth/refresh', { body: { refreshToken: current.refreshToken } });
    if (response.status === 401) {
      await this.forget(request);
      throw new SignedOutError('the API refused the refresh token (session lapsed or ended)');
    }
    if (!response.ok) throw new Error(`POST /auth/refresh answered ${response.status}`);
    const tokens = tokensFrom(asTokenPair(data as unknown));
    await this.storeTokens(request.session.sessionId, tokens);
    return tokens;
  }
}
