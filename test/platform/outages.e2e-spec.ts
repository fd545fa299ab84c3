import { formatComplaintReference } from '@app/complaints';
import { TcpProxy } from '../support/tcp-proxy';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/env';
import { TEST_PASSWORD, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * Postgres and Redis taken down for this app alone (through TCP proxies, never the shared servers):
 * every request that needs the missing service answers 503 `service-unavailable` with Retry-After,
 * never a 500; once the service is back the same requests succeed, without a restart.
 */
describe('outages answer 503 with Retry-After and recover by themselves', () => {
  const pg = new URL(TEST_DATABASE_URL);
  const rd = new URL(TEST_REDIS_URL);
  const pgProxy = new TcpProxy(pg.hostname, Number(pg.port || 5432));
  const redisProxy = new TcpProxy(rd.hostname, Number(rd.port || 6379));
  let t: TestApp;
  let email: string;
  let bearer: string;
  const reference = formatComplaintReference(2026, 99_999);

  beforeAll(async () => {
    await pgProxy.start();
    await redisProxy.start();
    t = await createTestApp({
      // Sign-in is tried many times here: the attempt limits are not what this file tests.
      env: { REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`, AUTH_LOGIN_LIMIT_PER_ACCOUNT: '10000', AUTH_LOGIN_LIMIT_PER_IP: '10000' },
      mapDatabaseUrl: (url) => {
        const u = new URL(url);
        u.hostname = '127.0.0.1';
        u.port = String(pgProxy.port);
        return u.toString();
      },
    });
    const user = await createUser(t, { roles: ['inspector'] });
    email = user.email;
    bearer = user.bearer;
  });
  afterAll(async () => {
    if (!pgProxy.running) await pgProxy.start();
    if (!redisProxy.running) await redisProxy.start();
    await t?.close();
    await pgProxy.stop();
    await redisProxy.stop();
  });

  // Three routes that need both services: sign-in (throttled in Redis, the account in Postgres),
  // tracking a complaint (secret-attempt counters in Redis, the case in Postgres) and one's own profile.
  const signIn = () => t.http.post('/auth/login').send({ email, password: TEST_PASSWORD });
  const track = () => t.http.get(`/public/complaints/${reference}`).set('X-Tracking-Secret', 'not-the-secret');
  const me = () => t.http.get('/me').set('Authorization', bearer);
  const routes = { signIn: [signIn, 200], track: [track, 404], me: [me, 200] } as const;

  function expectOutage(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, route: string) {
    expect({ route, status: res.status }).toEqual({ route, status: 503 });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:service-unavailable', status: 503, retryAfter: 5 });
    expect(typeof res.body.correlationId).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/ECONN|Stream|terminated|127\.0\.0\.1/);
  }

  const unexpectedErrors = () => t.logs.lines.filter((l) => l.msg === 'unexpected error while serving a request');

  /** Every route answers as it should, polled until it does (the pools reconnect on their own schedule). */
  async function recovers(timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (const [name, [call, ok]] of Object.entries(routes)) {
      for (;;) {
        const res = await call();
        if (res.status === ok) break;
        // Between "down" and "up", an outage answer is the only acceptable one.
        if (res.status !== 503) throw new Error(`${name} answered ${res.status} while recovering: ${JSON.stringify(res.body)}`);
        if (Date.now() > until) throw new Error(`${name} still answers 503 after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  it('answers normally with both services up', async () => {
    await recovers(1_000);
  });

  it('Postgres down: 503 with Retry-After on every database-backed route, also with connections cut mid-use; back by itself', async () => {
    // Warm connections first, so that the outage cuts pooled connections, not only refuses new ones.
    await Promise.all([me(), me(), me()]);
    await pgProxy.stop();
    for (let round = 0; round < 3; round++) {
      for (const [name, [call]] of Object.entries(routes)) expectOutage(await call(), name);
    }
    // Many at once: none of them a 500.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => [signIn, track, me][i % 3]()));
    expect(burst.map((r) => r.status)).toEqual(burst.map(() => 503));

    await pgProxy.start();
    await recovers();
    expect(unexpectedErrors()).toEqual([]);
  });

  it('Redis down: sign-in and tracking answer 503 with Retry-After, during the outage and while it reconnects; back by itself', async () => {
    await redisProxy.stop();
    for (let round = 0; round < 3; round++) {
      expectOutage(await signIn(), 'signIn');
      expectOutage(await track(), 'track');
    }
    await redisProxy.start();
    // Straight after the restart ioredis is still reconnecting: the answers then are 503s, not 500s.
    await recovers();
    expect(unexpectedErrors()).toEqual([]);
  });
});
