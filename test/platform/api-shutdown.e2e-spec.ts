/**
 * SIGTERM to the real API process while keep-alive clients keep it busy: the requests in flight
 * finish, every request after the signal is refused with a problem+json 503, Retry-After and
 * `Connection: close` (never a reset connection), and the process exits 0 within SHUTDOWN_TIMEOUT_MS.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, IncomingHttpHeaders, request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { formatLicenseNumber } from '@app/agencies';
import { TEST_REDIS_URL } from '../support/env';
import { TcpProxy } from '../support/tcp-proxy';
import { TestDatabase, createTestDatabase } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');
const SHUTDOWN_TIMEOUT_MS = 8_000;
const SLOW_START_MS = 180_000;

interface Answer {
  at: number;
  status?: number;
  headers?: IncomingHttpHeaders;
  body?: string;
  error?: string;
}

function get(agent: Agent, port: number, path: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ at: Date.now(), status: res.statusCode, headers: res.headers, body }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ at: Date.now(), error: e.code ?? e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ at: Date.now(), error: e.code ?? e.message }));
    req.end();
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe('the API on SIGTERM under keep-alive load', () => {
  let db: TestDatabase;
  let child: ChildProcess | undefined;
  const prefix = `lcs-test-apishut-${randomBytes(4).toString('hex')}`;
  let pgProxy: TcpProxy;

  beforeAll(async () => {
    db = await createTestDatabase();
    const u = new URL(db.url);
    pgProxy = new TcpProxy(u.hostname, Number(u.port || 5432));
    await pgProxy.start();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await pgProxy?.stop();
    await db?.drop();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it(
    'finishes the requests in flight, answers the rest 503 + Connection: close, never resets a connection, exits 0 in time',
    async () => {
      const port = await freePort();
      const viaProxy = new URL(db.url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(pgProxy.port);
      let output = '';
      child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: viaProxy.toString(),
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      const exited = new Promise<number | null>((r) => child!.on('exit', (code) => r(code)));
      const started = Date.now();
      while (!output.includes('api listening')) {
        if (child.exitCode !== null || Date.now() - started > SLOW_START_MS - 20_000) throw new Error(`the API did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }

      // Keep-alive clients: the fast ones loop on a route without the database, the slow ones wait on it.
      const fastAgent = new Agent({ keepAlive: true, maxSockets: 6 });
      const slowAgent = new Agent({ keepAlive: true, maxSockets: 6 });
      const warm = await Promise.all(Array.from({ length: 12 }, () => get(fastAgent, port, '/health/live')));
      expect(warm.map((a) => a.status)).toEqual(warm.map(() => 200));

      let stop = false;
      const fast: Answer[] = [];
      const loops = Array.from({ length: 6 }, async () => {
        while (!stop) {
          const a = await get(fastAgent, port, '/health/live');
          fast.push(a);
          // Told to come back in Retry-After seconds (a client that honours it goes elsewhere meanwhile),
          // or the listener is gone: this client is done with this instance.
          if (a.status === 503 || a.error) return;
        }
      });
      await new Promise((r) => setTimeout(r, 300));

      // A license lookup (a well-formed number no license has: 404) reads the database.
      const lookup = (i: number) => get(slowAgent, port, `/public/licenses/${formatLicenseNumber('PH-LRA', 2026, 90_000 + i)}`);
      // Six pooled database connections, opened while the database is still quick.
      const opened = await Promise.all(Array.from({ length: 6 }, (_, i) => lookup(i)));
      expect(opened.map((a) => a.status)).toEqual(opened.map(() => 404));
      // Every database answer now takes 2.5 s: these six are still in flight when the process gets to
      // the signal, even on a loaded machine (with 1 s, one answered before it did once in CI).
      pgProxy.delayMs = 2_500;
      const slow = Array.from({ length: 6 }, (_, i) => lookup(10 + i));
      await new Promise((r) => setTimeout(r, 300));
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
      // A burst of new requests while the six are still running: every one refused properly, none reset.
      const burstAgent = new Agent({ keepAlive: true, maxSockets: 30 });
      const burst = await Promise.all(Array.from({ length: 60 }, () => get(burstAgent, port, '/health/live')));
      burstAgent.destroy();

      const slowAnswers = await Promise.all(slow);
      const code = await exited;
      const exitedAt = Date.now();
      stop = true;
      await Promise.all(loops);
      fastAgent.destroy();
      slowAgent.destroy();

      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
      expect(exitedAt - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      // In flight when the signal came: finished, and told to close the connection.
      for (const a of slowAnswers) {
        // Their own answer (no such license), not a refusal.
        expect({ status: a.status, body: a.status === 404 ? '' : a.body }).toEqual({ status: 404, body: '' });
        expect(a.headers!.connection).toBe('close');
      }
      // Nothing ever had its connection reset; the only error allowed is a refused connection once the listener closed.
      const errors = fast.filter((a) => a.error);
      expect(errors.filter((a) => a.error !== 'ECONNREFUSED')).toEqual([]);
      // After the signal (with a little slack for answers already on the wire), new requests were refused properly.
      expect(burst.map((a) => a.status ?? a.error)).toEqual(burst.map(() => 503));
      const refused = [...fast, ...burst].filter((a) => a.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      for (const a of refused) {
        expect(a.headers!.connection).toBe('close');
        expect(a.headers!['retry-after']).toBe('5');
        expect(a.headers!['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(a.body!)).toMatchObject({ type: 'urn:lcs:problem:service-unavailable', status: 503, retryAfter: 5 });
      }
      expect(fast.filter((a) => a.at > signalledAt + 250 && a.status === 200)).toEqual([]);
      expect(fast.filter((a) => a.status !== undefined && a.status !== 200 && a.status !== 503)).toEqual([]);
      expect(output).toMatch(/draining: \d+ request\(s\) in flight finished/);
    },
    SLOW_START_MS,
  );
});
