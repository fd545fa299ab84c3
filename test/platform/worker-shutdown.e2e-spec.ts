/**
 * SIGTERM to the real worker process (apps/worker/src/main.ts) with mail in hand, against a slow
 * SMTP server: the round in hand finishes and no other starts, the process exits 0 within
 * SHUTDOWN_TIMEOUT_MS, no claimed row is left waiting out its lease, and no message goes out twice.
 * When the server is too slow for the timeout, the sends still open are cut off and their rows
 * handed back, so the next worker sends each of them exactly once.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Notifications } from '@app/notifications';
import { TEST_REDIS_URL } from '../support/env';
import { TestSmtpServer } from '../support/smtp';
import { TestApp, createTestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const ROOT = join(__dirname, '..', '..');
const SLOW_START_MS = 240_000;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

describe('the worker on SIGTERM with mail in hand', () => {
  const prefix = `lcs-test-wshut-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let smtp: TestSmtpServer;
  const runs: Run[] = [];

  const startWorker = async (shutdownTimeoutMs: number): Promise<Run> => {
    let output = '';
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: t.db.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: smtp.url,
        SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const run = { child, output: () => output, exited: new Promise<number | null>((r) => child.on('exit', (code) => r(code))) };
    runs.push(run);
    await waitFor('the worker to start', () => Promise.resolve(output.includes('worker started') || child.exitCode !== null), SLOW_START_MS - 60_000);
    if (child.exitCode !== null) throw new Error(`the worker did not start:\n${output}`);
    return run;
  };

  /** SIGTERM, then the exit code and how long it took. */
  const stop = async (run: Run): Promise<{ code: number | null; ms: number }> => {
    const at = Date.now();
    run.child.kill('SIGTERM');
    const code = await run.exited;
    return { code, ms: Date.now() - at };
  };

  const enqueue = (label: string, count: number) =>
    t.dataSource.transaction(async (m) => {
      for (let i = 0; i < count; i++) {
        const to = `${label}.${i}@workers.test`;
        await t.app.get(Notifications, { strict: false }).enqueue(m, {
          to: { address: to },
          template: 'case.received',
          language: 'en',
          data: { referenceNumber: `LC-2026-${String(i).padStart(6, '0')}`, trackingCode: 'K7QM-4XPA', trackingUrl: 'https://cases.example.gov/track' },
          dedupKey: `test:${to}`,
        });
      }
    });

  /** The outbox rows of this file (only this test's template), oldest first. */
  const rows = async () =>
    (await t.dataSource.query(
      `SELECT id, state, attempts, next_attempt_at <= now() + interval '1 second' AS due_now FROM notification_outbox WHERE template = 'case.received' ORDER BY created_at`,
    )) as { id: string; state: string; attempts: number; due_now: boolean }[];

  const receivedFor = (label: string) => smtp.received.filter((m) => m.envelopeTo.some((to) => to.startsWith(`${label}.`)));

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({ env: { REDIS_PREFIX: prefix } });
  });
  afterAll(async () => {
    for (const r of runs) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await t?.close();
    await smtp?.stop();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it(
    'finishes the round in hand, starts no other, exits 0 in time; nothing waits out a lease, nothing is sent twice',
    async () => {
      smtp.dataDelayMs = 400;
      await enqueue('graceful', 60);
      const first = await startWorker(8_000);
      await waitFor('the first mails', () => Promise.resolve(receivedFor('graceful').length > 0), 60_000);
      const { code, ms } = await stop(first);
      expect({ code, output: code === 0 ? '' : first.output() }).toEqual({ code: 0, output: '' });
      expect(ms).toBeLessThan(8_000);
      // Nothing failed on the way out (a loop writing after the pool closed would say so).
      const afterSignal = first.output().slice(first.output().indexOf('SIGTERM received'));
      expect(afterSignal).not.toMatch(/ failed: |not recorded|Connection terminated/);

      const all = await rows();
      const sent = all.filter((r) => r.state === 'sent');
      // The round in hand finished, and no other started: some left for the next worker.
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.length).toBeLessThan(60);
      // Every row not sent is due now: none waits out a lease of the stopped worker.
      expect(all.filter((r) => r.state === 'pending' && !r.due_now)).toEqual([]);
      // What the server acknowledged is exactly what is recorded as sent.
      expect(receivedFor('graceful')).toHaveLength(sent.length);

      const second = await startWorker(8_000);
      await waitFor('every mail', () => Promise.resolve(receivedFor('graceful').length >= 60), 90_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await stop(second)).code).toBe(0);
      const mails = receivedFor('graceful');
      expect(mails).toHaveLength(60);
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(60);
    },
    SLOW_START_MS * 2,
  );

  it(
    'a server too slow for the timeout: open sends are cut off and handed back, exit 0 in time, each sent once by the next worker',
    async () => {
      smtp.dataDelayMs = 20_000;
      await enqueue('cutoff', 5);
      const first = await startWorker(4_000);
      // The relay has claimed them (leased into the future) and is waiting on the server.
      await waitFor(
        'the claim',
        async () => {
          const [{ n }] = await t.dataSource.query(
            `SELECT count(*)::int AS n FROM notification_outbox WHERE state = 'pending' AND next_attempt_at > now() + interval '10 seconds'`,
          );
          return n === 5;
        },
        60_000,
      );
      await new Promise((r) => setTimeout(r, 500));
      const { code, ms } = await stop(first);
      expect({ code, output: code === 0 ? '' : first.output() }).toEqual({ code: 0, output: '' });
      expect(ms).toBeLessThan(4_000);
      expect(first.output()).toMatch(/cut off by shutdown; handed back/);
      const left = (await t.dataSource.query(`SELECT state, attempts, next_attempt_at <= now() AS due_now FROM notification_outbox WHERE state <> 'sent'`)) as {
        state: string;
        attempts: number;
        due_now: boolean;
      }[];
      expect(left).toEqual(Array.from({ length: 5 }, () => ({ state: 'pending', attempts: 0, due_now: true })));
      expect(receivedFor('cutoff')).toHaveLength(0);

      smtp.dataDelayMs = 0;
      const second = await startWorker(8_000);
      await waitFor('the five mails', () => Promise.resolve(receivedFor('cutoff').length >= 5), 60_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await stop(second)).code).toBe(0);
      expect(receivedFor('cutoff')).toHaveLength(5);
      expect(new Set(receivedFor('cutoff').map((m) => m.messageId)).size).toBe(5);
    },
    SLOW_START_MS * 2,
  );
});
