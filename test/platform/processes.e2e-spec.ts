import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_REDIS_URL } from '../support/env';
import { TestDatabase, createTestDatabase } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(entry: string, env: Record<string, string>): Run {
  let output = '';
  const child = spawn(process.execPath, [...TS_NODE, entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitFor(run: Run, text: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (Date.now() > deadline || run.child.exitCode !== null) {
      throw new Error(`did not see "${text}"; output:\n${run.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A real Redis of the test's own, configured with an eviction policy. */
async function startRedis(policy: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--maxmemory-policy', policy], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port, host: '127.0.0.1' });
      s.on('connect', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

describe('process start-up and shutdown', () => {
  // A migrated database and a Redis prefix of this file's own for the processes that start.
  let db: TestDatabase;
  const prefix = `lcs-test-proc-${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    const Redis = (await import('ioredis')).default;
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('the api refuses to start on a wrong setting, naming the variable', async () => {
    const run = start('apps/api/src/main.ts', { PORT: 'eighty' });
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/PORT: must be an integer number/);
    expect(run.output()).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  describe('in production, refuses secrets and keys that are not random, naming the variable and never printing the value', () => {
    // Each process loads the whole app through ts-node before it reads its settings: slow on a busy machine.
    const SLOW_START_MS = 180_000;
    const randomKeys = () => ({ FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, FIELD_INDEX_KEY: randomBytes(32).toString('base64') });

    it(
      'the api: a JWT secret of one repeated character',
      async () => {
        const weak = 'a'.repeat(48);
        const run = start('apps/api/src/main.ts', { NODE_ENV: 'production', AUTH_JWT_SECRET: weak, ...randomKeys() });
        expect(await run.exit).toBe(1);
        expect(run.output()).toMatch(/AUTH_JWT_SECRET: uses too few distinct characters \(1; at least 10\)/);
        expect(run.output()).not.toContain(weak);
        expect(run.output()).not.toMatch(/at .*\.ts:\d+/);
      },
      SLOW_START_MS,
    );

    it(
      'the api: a blind-index key of zero bytes',
      async () => {
        const weak = Buffer.alloc(32).toString('base64');
        const run = start('apps/api/src/main.ts', {
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: randomBytes(48).toString('base64'),
          ...randomKeys(),
          FIELD_INDEX_KEY: weak,
        });
        expect(await run.exit).toBe(1);
        expect(run.output()).toMatch(/FIELD_INDEX_KEY: decodes to too few distinct bytes/);
        expect(run.output()).not.toContain(weak);
      },
      SLOW_START_MS,
    );

    it(
      'the web: a session secret that counts through the alphabet',
      async () => {
        const weak = 'abcdefghijklmnopqrstuvwxyz0123456789';
        const run = start('apps/web/src/main.ts', { NODE_ENV: 'production', WEB_SESSION_SECRET: weak, WEB_PORT: String(await freePort()) });
        expect(await run.exit).toBe(1);
        expect(run.output()).toMatch(/WEB_SESSION_SECRET: is too predictable/);
        expect(run.output()).not.toContain(weak);
      },
      SLOW_START_MS,
    );
  });

  it('the worker refuses to start on a wrong setting, naming the variable', async () => {
    const run = start('apps/worker/src/main.ts', { REDIS_URL: 'localhost:6379' });
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('the worker refuses a Redis that may evict keys', async () => {
    const redis = await startRedis('allkeys-lru');
    try {
      const run = start('apps/worker/src/main.ts', { REDIS_URL: redis.url, DATABASE_URL: db.url, REDIS_PREFIX: prefix });
      expect(await run.exit).toBe(1);
      expect(run.output()).toMatch(/maxmemory-policy is "allkeys-lru", but this system needs "noeviction"/);
    } finally {
      redis.stop();
    }
  });

  it('the worker starts on a noeviction Redis and stops cleanly on SIGTERM', async () => {
    const run = start('apps/worker/src/main.ts', { REDIS_URL: TEST_REDIS_URL, DATABASE_URL: db.url, REDIS_PREFIX: prefix });
    await waitFor(run, 'worker started');
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });

  it('the worker refuses to start while a deadline kind in use has no handler, naming it', async () => {
    const orphaned = await createTestDatabase();
    try {
      const c = new Client({ connectionString: orphaned.url });
      await c.connect();
      await c.query(`INSERT INTO sla_policy (kind, duration_days, counting, reminder_share, escalations) VALUES ('retired.kind', 1, 'calendar', NULL, '[]')`);
      await c.end();
      const run = start('apps/worker/src/main.ts', { REDIS_URL: TEST_REDIS_URL, DATABASE_URL: orphaned.url, REDIS_PREFIX: prefix });
      expect(await run.exit).toBe(1);
      expect(run.output()).toMatch(/Deadline kinds with no handler .*: retired\.kind/);
    } finally {
      await orphaned.drop();
    }
  });

  it('the api serves, then stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const run = start('apps/api/src/main.ts', { PORT: String(port), DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
    await waitFor(run, 'api listening');
    const res = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(res.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });
});
