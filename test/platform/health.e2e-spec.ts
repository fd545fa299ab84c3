import { TcpProxy } from '../support/tcp-proxy';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/env';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * The app reaches Postgres and Redis only through TCP proxies, so the test can stop a service
 * for this app alone and start it again on the same address, as an outage would.
 */
describe('health', () => {
  const pg = new URL(TEST_DATABASE_URL);
  const rd = new URL(TEST_REDIS_URL);
  const pgProxy = new TcpProxy(pg.hostname, Number(pg.port || 5432));
  const redisProxy = new TcpProxy(rd.hostname, Number(rd.port || 6379));
  let t: TestApp;

  beforeAll(async () => {
    await pgProxy.start();
    await redisProxy.start();
    t = await createTestApp({
      env: { REDIS_URL: `redis://127.0.0.1:${redisProxy.port}` },
      mapDatabaseUrl: (url) => {
        const u = new URL(url);
        u.hostname = '127.0.0.1';
        u.port = String(pgProxy.port);
        return u.toString();
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await pgProxy.stop();
    await redisProxy.stop();
  });

  async function readyUntil(status: number, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.http.get('/health/ready');
      if (res.status === status || Date.now() > deadline) return res;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('is live', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
  });

  it('is ready when Postgres and Redis answer', async () => {
    const res = await t.http.get('/health/ready').expect(200);
    expect(res.body.checks).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('answers 503 naming Postgres while it is down, and recovers without a restart', async () => {
    await pgProxy.stop();
    const down = await readyUntil(503);
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({ type: 'urn:lcs:problem:not-ready', detail: 'Not ready: database down.' });
    expect(down.body.checks.database.status).toBe('down');
    expect(down.body.checks.redis.status).toBe('up');

    await pgProxy.start();
    const up = await readyUntil(200);
    expect(up.status).toBe(200);
  });

  it('answers 503 naming Redis while it is down, and recovers without a restart', async () => {
    await redisProxy.stop();
    const down = await readyUntil(503);
    expect(down.status).toBe(503);
    expect(down.body.detail).toBe('Not ready: redis down.');
    expect(down.body.checks.redis.status).toBe('down');

    await redisProxy.start();
    const up = await readyUntil(200);
    expect(up.status).toBe(200);
  });
});
