/**
 * Failure drills with the real clock: Redis emptied under 1,000 pending deadlines, and the
 * worker killed with SIGKILL in the middle of a burst. Every deadline fires once and every mail
 * arrives once, counted at a real SMTP server.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { DeadlineService, SchedulerService } from '@app/deadlines';
import { TEST_DEADLINE_HANDLERS, TestDeadlineKindsModule, firedLog } from '../support/deadline-kinds';
import { TEST_REDIS_URL } from '../support/env';
import { createUser } from '../support/identity';
import { TestSmtpServer } from '../support/smtp';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';

const ROOT = join(__dirname, '..', '..');

/** A Redis database of this file's own, so FLUSHDB empties what a FLUSHALL would without touching the other test files. */
function ownRedisDb(index: number): string {
  const u = new URL(TEST_REDIS_URL);
  u.pathname = `/${index}`;
  return u.toString();
}

describe('deadlines survive Redis being emptied', () => {
  const redisUrl = ownRedisDb(9);
  const driven = { REDIS_URL: redisUrl, DEADLINE_SCHEDULER_INTERVAL_MS: '0', DEADLINE_SWEEP_INTERVAL_SECONDS: '0' };
  let t: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    t = await createTestApp({ env: driven, providers: TEST_DEADLINE_HANDLERS });
    worker = await createTestWorker({
      databaseUrl: t.db.url,
      env: { ...driven, REDIS_PREFIX: t.config.redis.REDIS_PREFIX },
      extraModules: [TestDeadlineKindsModule],
    });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('1,000 deadlines due in the next seconds, Redis flushed after they were queued: all fire, once', async () => {
    const deadlines = t.app.get(DeadlineService, { strict: false });
    const scheduler = worker.app.get(SchedulerService, { strict: false });
    const now = Date.now();
    const ids = await t.dataSource.transaction(async (m) => {
      const out: string[] = [];
      for (let i = 0; i < 1000; i++) {
        const d = await deadlines.start(m, {
          kind: 'test.burst',
          subjectType: 'flush',
          subjectId: `F-${i}`,
          label: `F-${i}`,
          dueAt: new Date(now + 4_000 + (i % 50) * 60),
        });
        out.push(d.id);
      }
      return out;
    });
    await scheduler.sweep();
    const [{ scheduled }] = await t.dataSource.query(`SELECT count(*)::int AS scheduled FROM deadline WHERE id = ANY($1) AND scheduled_version = version`, [
      ids,
    ]);
    expect(scheduled).toBe(1000);

    const redis = new Redis(redisUrl);
    try {
      expect(await redis.dbsize()).toBeGreaterThan(1000);
      await redis.flushdb();
      expect(await redis.dbsize()).toBe(0);
    } finally {
      redis.disconnect();
    }

    const repaired = await scheduler.sweep();
    expect(repaired).toMatchObject({ redisReset: true });
    await waitFor(
      '1,000 firings',
      async () => {
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM deadline_effect WHERE deadline_id = ANY($1)`, [ids]);
        return n >= 1000;
      },
      45_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const [{ effects, distinct }] = await t.dataSource.query(
      `SELECT count(*)::int AS effects, count(DISTINCT deadline_id)::int AS distinct FROM deadline_effect WHERE deadline_id = ANY($1)`,
      [ids],
    );
    expect({ effects, distinct }).toEqual({ effects: 1000, distinct: 1000 });
    const handled = firedLog.filter((f) => f.subjectId.startsWith('F-'));
    expect(handled).toHaveLength(1000);
    expect(new Set(handled.map((h) => h.subjectId)).size).toBe(1000);
  });
});

describe('a worker killed mid-burst', () => {
  const prefix = `lcs-test-kill-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let smtp: TestSmtpServer;
  const children: ChildProcess[] = [];

  const startWorker = () => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'test/support/worker-process.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: t.db.url,
        DATABASE_POOL_SIZE: '6',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        DEADLINE_SCHEDULER_INTERVAL_MS: '200',
        DEADLINE_SWEEP_INTERVAL_SECONDS: '1',
        DEADLINE_SWEEP_GRACE_SECONDS: '2',
        DEADLINE_FIRE_BATCH: '10',
        MAIL_RELAY_LEASE_SECONDS: '5',
        MAIL_BACKOFF_BASE_MS: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    children.push(child);
    return { child, output: () => output, exited: new Promise<number | null>((r) => child.on('exit', (code) => r(code))) };
  };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({ env: { REDIS_PREFIX: prefix }, providers: TEST_DEADLINE_HANDLERS });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await t?.close();
    await smtp?.stop();
  });

  it('every deadline fires exactly once and every mail arrives exactly once', async () => {
    const COUNT = 400;
    const assignee = await createUser(t, { roles: ['inspector'], signIn: false });
    const deadlines = t.app.get(DeadlineService, { strict: false });
    const dueAt = new Date(Date.now() + 1_000);
    const ids = await t.dataSource.transaction(async (m) => {
      const out: string[] = [];
      for (let i = 0; i < COUNT; i++) {
        out.push(
          (await deadlines.start(m, { kind: 'test.burst', subjectType: 'kill', subjectId: `K-${i}`, label: `K-${i}`, assigneeUserId: assignee.id, dueAt })).id,
        );
      }
      return out;
    });
    const fired = async () =>
      ((await t.dataSource.query(`SELECT count(*)::int AS n FROM deadline_effect WHERE deadline_id = ANY($1)`, [ids])) as { n: number }[])[0].n;

    const first = startWorker();
    await waitFor('the first firings', async () => (await fired()) > 0, 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const firedBeforeKill = await fired();

    const second = startWorker();
    await waitFor('every firing', async () => (await fired()) === COUNT, 60_000);
    await waitFor('every mail', async () => smtp.received.filter((m) => m.subject.includes('K-')).length >= COUNT, 60_000);
    await new Promise((r) => setTimeout(r, 1_500));
    second.child.kill('SIGTERM');
    await second.exited;

    const [{ effects, distinct }] = await t.dataSource.query(
      `SELECT count(*)::int AS effects, count(DISTINCT deadline_id)::int AS distinct FROM deadline_effect WHERE deadline_id = ANY($1)`,
      [ids],
    );
    expect({ effects, distinct }).toEqual({ effects: COUNT, distinct: COUNT });
    const mails = smtp.received.filter((m) => m.subject.includes('K-'));
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(COUNT);
    expect(mails).toHaveLength(COUNT);
    // The kill really landed in the middle of the burst.
    expect(firedBeforeKill).toBeLessThan(COUNT);
  });
});
