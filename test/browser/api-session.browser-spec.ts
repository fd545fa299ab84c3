/**
 * The web's sign-in helpers (apps/web/src/session/api-sessions.ts) against the real API and the
 * real Redis of the browser stack, one behaviour at a time (the pages using them are walked in
 * account.browser-spec.ts and account-links.browser-spec.ts): a small Fastify app with the web's
 * own session set-up (the same plugins and Redis store) calls the helpers as those pages do.
 */
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import Fastify, { FastifyInstance, LightMyRequestResponse } from 'fastify';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DEV_ONLY_FIELD_ENCRYPTION_KEYS, DEV_ONLY_FIELD_INDEX_KEY, FieldEncryption } from '@app/common';
import { dedupDigest, openBody, secretLinkAad } from '@app/notifications';
import { ApiClientFactory, ApiUnavailableError } from '../../apps/web/src/api/api-client.factory';
import { loadWebConfig } from '../../apps/web/src/config/web-config';
import { ApiSessions, SESSION_COOKIE, SignedOutError } from '../../apps/web/src/session/api-sessions';
import { RedisSessionStore } from '../../apps/web/src/session/redis-session-store';
import { stack } from './support/stack';

const PASSWORD = 'correct horse battery staple';

interface Harness {
  app: FastifyInstance;
  redis: Redis;
  store: RedisSessionStore;
  close(): Promise<void>;
}

async function harness(apiUrl = stack().apiUrl): Promise<Harness> {
  const s = stack();
  const config = loadWebConfig({
    API_URL: apiUrl,
    API_TIMEOUT_MS: '3000',
    REDIS_URL: s.redisUrl,
    REDIS_PREFIX: s.redisPrefix,
    WEB_SESSION_SECRET: s.sessionSecret,
  });
  const redis = new Redis(s.redisUrl, { maxRetriesPerRequest: 1 });
  const store = new RedisSessionStore(redis, s.redisPrefix, 600);
  const sessions = new ApiSessions(config, redis, new ApiClientFactory(config));
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: s.sessionSecret,
    cookieName: SESSION_COOKIE,
    store,
    saveUninitialized: false,
    cookie: { secure: false, httpOnly: true, sameSite: 'lax', path: '/' },
  });
  app.addHook('onRequest', async (request) => {
    request.locale = 'en';
  });
  app.setErrorHandler((e: Error, _request, reply) =>
    reply.status(e instanceof SignedOutError ? 401 : e instanceof ApiUnavailableError ? 503 : 500).send({ error: e.name, message: e.message }),
  );
  app.post('/visit', async (request) => {
    (request.session as unknown as Record<string, unknown>).visited = true; // an anonymous session, as a form would make
    return { sessionId: request.session.sessionId };
  });
  app.post('/sign-in', async (request) => sessions.signIn(request, request.body as { email: string; password: string }));
  app.get('/me', async (request) => {
    const { data, response } = await sessions.forRequest(request).client.GET('/me');
    return { status: response.status, email: (data as { email?: string } | undefined)?.email };
  });
  app.get('/state', async (request) => ({
    sessionId: request.session.sessionId,
    signedIn: sessions.isSignedIn(request),
    tokens: await sessions.tokens(request),
  }));
  // The access token's end, moved into the past (as 15 minutes of waiting would).
  app.post('/expire', async (request) => {
    const tokens = (await sessions.tokens(request))!;
    await redis.set(store.keys.tokens(request.session.sessionId), JSON.stringify({ ...tokens, accessExpiresAt: Date.now() - 1_000 }), 'KEEPTTL');
    return 'expired';
  });
  app.get('/slow', async (request) => {
    await new Promise((r) => setTimeout(r, 600));
    (request.session as unknown as Record<string, unknown>).seen = Date.now(); // modified: saved at the end
    return 'slow';
  });
  app.post('/sign-out', async (request, reply) => {
    await sessions.signOut(request, reply);
    return 'signed out';
  });
  await app.ready();
  return {
    app,
    redis,
    store,
    close: async () => {
      await app.close();
      redis.disconnect();
    },
  };
}

/**
 * The session cookie a response set, as `name=value` for the next request ('' when none). After
 * a sign-in the answer clears the old cookie and sets the new one: the last one counts.
 */
function sessionCookie(res: LightMyRequestResponse): string {
  const set = res.cookies.filter((c) => c.name === SESSION_COOKIE).pop();
  return set?.value ? `${set.name}=${set.value}` : '';
}

/**
 * A new worker account, made as a person makes one: registration, then the mailed link opened
 * with the same password (the account exists only then). The link is read from the outbox, where
 * it is sealed; the stack runs with the development field keys, so they open it.
 */
async function registerWorker(): Promise<string> {
  const email = `web-session-${randomBytes(5).toString('hex')}@test.lcs`;
  const post = (path: string, body: object) =>
    fetch(`${stack().apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const res = await post('/auth/register', { email, password: PASSWORD, displayName: 'Web Session Test' });
  expect(res.status).toBe(202);
  const db = new Client({ connectionString: stack().databaseUrl });
  await db.connect();
  try {
    // The outbox seals each message's data and keeps a digest of its key (`<template>:<link id>`).
    const keys = FieldEncryption.fromSettings({
      NODE_ENV: 'test',
      FIELD_ENCRYPTION_KEYS: DEV_ONLY_FIELD_ENCRYPTION_KEYS,
      FIELD_INDEX_KEY: DEV_ONLY_FIELD_INDEX_KEY,
    });
    const { rows: links } = await db.query<{ id: string }>(`SELECT id FROM account_link WHERE email = $1`, [email]);
    const { rows } = await db.query(`SELECT id, recipient_enc, recipient, data_enc, data FROM notification_outbox WHERE dedup_key = $1`, [
      dedupDigest(keys, `account.verify-email:${links[0].id}`),
    ]);
    const data = openBody(keys, rows[0]).data as { verifyUrl: { sealed: string } };
    const url = keys.decrypt(data.verifyUrl.sealed, secretLinkAad('account.verify-email', 'verifyUrl'));
    const verified = await post('/auth/verify-email', { token: new URL(url).searchParams.get('token'), password: PASSWORD });
    expect(verified.status).toBe(200);
  } finally {
    await db.end();
  }
  return email;
}

describe('ApiSessions: the API tokens of a signed-in person, kept in the server-side session', () => {
  let h: Harness;
  // A new account for each test: the API limits sign-ins per account (AUTH_LOGIN_LIMIT_PER_ACCOUNT).
  let email: string;
  beforeAll(async () => {
    h = await harness();
  });
  beforeEach(async () => {
    email = await registerWorker();
  });
  afterAll(async () => {
    await h?.close();
  });

  const signIn = async (cookie = '', password = PASSWORD) =>
    h.app.inject({ method: 'POST', url: '/sign-in', headers: cookie ? { cookie } : {}, payload: { email, password } });
  type Tokens = { accessToken: string; refreshToken: string; accessExpiresAt: number };
  const state = async (cookie: string) =>
    (await h.app.inject({ url: '/state', headers: { cookie } })).json<{ sessionId: string; signedIn: boolean; tokens: Tokens | null }>();

  it("a refused sign-in hands back the API's problem and stores nothing", async () => {
    const res = await signIn('', 'wrong password entirely');
    expect(res.json()).toMatchObject({ ok: false, status: 401, problem: { code: 'invalid-credentials' } });
    expect(sessionCookie(res)).toBe('');
  });

  it('signing in gives a NEW session id, keeps the tokens in Redis and none in the cookie', async () => {
    const planted = await h.app.inject({ method: 'POST', url: '/visit' });
    const before = sessionCookie(planted);
    const beforeId = planted.json<{ sessionId: string }>().sessionId;
    expect(await h.redis.exists(h.store.key(beforeId))).toBe(1);

    const res = await signIn(before);
    expect(res.json()).toEqual({ ok: true });
    const after = sessionCookie(res);
    expect(after).not.toBe('');
    expect(after).not.toBe(before);
    expect(await h.redis.exists(h.store.key(beforeId))).toBe(0); // the planted id is worthless now

    const { sessionId, signedIn, tokens } = await state(after);
    expect(sessionId).not.toBe(beforeId);
    expect(signedIn).toBe(true);
    expect(tokens?.accessToken).toMatch(/^ey/);
    expect(after).not.toContain(tokens!.accessToken);
    // The session itself holds no token; the tokens have a key of their own, expiring with it.
    const session = (await h.redis.get(h.store.key(sessionId)))!;
    expect(session).not.toContain(tokens!.refreshToken);
    expect(JSON.parse((await h.redis.get(h.store.keys.tokens(sessionId)))!).refreshToken).toBe(tokens!.refreshToken);
    expect(await h.redis.ttl(h.store.key(sessionId))).toBeGreaterThan(500);
    expect(await h.redis.ttl(h.store.keys.tokens(sessionId))).toBeGreaterThan(500);

    const me = await h.app.inject({ url: '/me', headers: { cookie: after } });
    expect(me.json()).toEqual({ status: 200, email });
  });

  it('refreshes an access token about to expire, in the session, before the call', async () => {
    const cookie = sessionCookie(await signIn());
    const first = (await state(cookie)).tokens!;
    await h.app.inject({ method: 'POST', url: '/expire', headers: { cookie } });

    const me = await h.app.inject({ url: '/me', headers: { cookie } });
    expect(me.json()).toEqual({ status: 200, email });
    const second = (await state(cookie)).tokens!;
    // (The access token itself may come out the same string within the same second: a JWT of the same claims.)
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessExpiresAt).toBeGreaterThan(Date.now() + 60_000);
  });

  it('a page that started before a refresh cannot write the spent refresh token back', async () => {
    const cookie = sessionCookie(await signIn());
    await h.app.inject({ method: 'POST', url: '/expire', headers: { cookie } });
    // Slow page: loads the session (before the refresh) and saves it, rolling, after it.
    const slow = h.app.inject({ url: '/slow', headers: { cookie } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.app.inject({ url: '/me', headers: { cookie } })).json()).toEqual({ status: 200, email });
    await slow;
    expect((await h.app.inject({ url: '/me', headers: { cookie } })).json()).toEqual({ status: 200, email });
    await h.app.inject({ method: 'POST', url: '/expire', headers: { cookie } });
    expect((await h.app.inject({ url: '/me', headers: { cookie } })).json()).toEqual({ status: 200, email }); // a second refresh still works
  });

  it("pages loading at once near expiry refresh once: none is signed out by the API's reuse detection", async () => {
    const cookie = sessionCookie(await signIn());
    const before = (await state(cookie)).tokens!;
    await h.app.inject({ method: 'POST', url: '/expire', headers: { cookie } });

    const answers = await Promise.all(Array.from({ length: 6 }, () => h.app.inject({ url: '/me', headers: { cookie } })));
    expect(answers.map((a) => a.json())).toEqual(Array.from({ length: 6 }, () => ({ status: 200, email })));
    const after = (await state(cookie)).tokens!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // Still signed in afterwards: the API did not see a spent refresh token.
    expect((await h.app.inject({ url: '/me', headers: { cookie } })).json()).toEqual({ status: 200, email });
  });

  it('signing out ends the API session too, deletes the web session and clears the cookie', async () => {
    const cookie = sessionCookie(await signIn());
    const { sessionId, tokens } = await state(cookie);
    const res = await h.app.inject({ method: 'POST', url: '/sign-out', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.filter((c) => c.name === SESSION_COOKIE).pop()?.value).toBe('');
    expect(await h.redis.exists(h.store.key(sessionId), h.store.keys.tokens(sessionId))).toBe(0);

    const api = await fetch(`${stack().apiUrl}/me`, { headers: { authorization: `Bearer ${tokens!.accessToken}` } });
    expect(api.status).toBe(401); // the token died with the API session
    const page = await h.app.inject({ url: '/me', headers: { cookie } });
    expect(page.statusCode).toBe(401); // SignedOutError: the pages send the person to sign in
  });

  it('a token the API stops accepting signs the person out of the web as well', async () => {
    const cookie = sessionCookie(await signIn());
    const { tokens } = await state(cookie);
    // The API session ends elsewhere (here: a sign-out with the same token, as another tab could do).
    const out = await fetch(`${stack().apiUrl}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${tokens!.accessToken}` } });
    expect(out.status).toBe(204);
    expect((await h.app.inject({ url: '/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await state(cookie)).toMatchObject({ signedIn: false, tokens: null });
  });

  it('an API that cannot be reached is ApiUnavailableError (the pages answer 503), not a crash', async () => {
    const dead = await harness('http://127.0.0.1:9'); // the discard port: nothing listens
    try {
      const res = await dead.app.inject({ method: 'POST', url: '/sign-in', payload: { email, password: PASSWORD } });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: 'ApiUnavailableError' });
    } finally {
      await dead.close();
    }
  });
});
