/**
 * Redis losing its data with the worker's timers running (the sweep's own interval left at its
 * 60 s default): the worker repairs as soon as it sees Redis back empty, not at the next interval,
 * counts what it put back correctly, and every deadline fires once.
 *
 * The worker reaches Redis through a TCP proxy, on a Redis database of this file's own, so the
 * test can take Redis away from this worker alone and empty that database without touching the
 * server or the data other tests use.
 */
import Redis from 'ioredis';
import { DeadlineService } from '@app/deadlines';
import { TEST_DEADLINE_HANDLERS, TestDeadlineKindsModule } from '../support/deadline-kinds';
import { TEST_REDIS_URL } from '../support/env';
import { TcpProxy } from '../support/tcp-proxy';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';

const REDIS_DB = 11;

describe('the worker repairs as soon as Redis comes back empty', () => {
  const direct = new URL(TEST_REDIS_URL);
  direct.pathname = `/${REDIS_DB}`;
  const proxy = new TcpProxy(direct.hostname, Number(direct.port || 6379));
  let t: TestApp;
  let worker: TestWorker;

  const sweepRuns = async () =>
    (await t.dataSource.query(`SELECT redis_reset AS "redisReset", requeued, fired_directly AS "firedDirectly" FROM deadline_sweep_run ORDER BY id`)) as {
      redisReset: boolean;
      requeued: number;
      firedDirectly: number;
    }[];

  const startDeadlines = (label: string, count: number, inMs: number) =>
    t.dataSource.transaction(async (m) => {
      const deadlines = t.app.get(DeadlineService, { strict: false });
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        ids.push(
          (
            await deadlines.start(m, {
              kind: 'test.burst',
              subjectType: 'recovery',
              subjectId: `${label}-${i}`,
              label: `${label}-${i}`,
              dueAt: new Date(Date.now() + inMs),
            })
          ).id,
        );
      }
      return ids;
    });

  const scheduled = async (ids: string[]) =>
    ((await t.dataSource.query(`SELECT count(*)::int AS n FROM deadline WHERE id = ANY($1) AND scheduled_version = version`, [ids])) as { n: number }[])[0].n;

  const effects = async (ids: string[]) =>
    (
      (await t.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT deadline_id)::int AS d FROM deadline_effect WHERE deadline_id = ANY($1)`, [
        ids,
      ])) as { n: number; d: number }[]
    )[0];

  const flush = async () => {
    const redis = new Redis(direct.toString());
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
  };

  beforeAll(async () => {
    await proxy.start();
    await flush();
    const proxied = `redis://127.0.0.1:${proxy.port}/${REDIS_DB}`;
    // The sweep's interval stays at its default (60 s): any repair within this test is the prompt one.
    const timers = { DEADLINE_SCHEDULER_INTERVAL_MS: '200', DEADLINE_SWEEP_INTERVAL_SECONDS: '60', DEADLINE_SWEEP_GRACE_SECONDS: '30' };
    t = await createTestApp({
      env: { ...timers, DEADLINE_SCHEDULER_INTERVAL_MS: '0', DEADLINE_SWEEP_INTERVAL_SECONDS: '0' },
      providers: TEST_DEADLINE_HANDLERS,
    });
    worker = await createTestWorker({ databaseUrl: t.db.url, env: { ...timers, REDIS_URL: proxied }, extraModules: [TestDeadlineKindsModule] });
    // The start-up sweep has run (it left its marker).
    await waitFor('the start-up sweep', async () => (await sweepRuns()).length > 0, 30_000);
  });
  afterAll(async () => {
    if (!proxy.running) await proxy.start();
    await worker?.close();
    await t?.close();
    await proxy.stop();
    await flush();
  });

  it('Redis restarted empty (an outage, then no data): a sweep right after the reconnection re-queues every job, counted exactly', async () => {
    const ids = await startDeadlines('R', 40, 15_000);
    await waitFor('40 jobs scheduled', async () => (await scheduled(ids)) === 40, 15_000);
    const before = (await sweepRuns()).length;

    await proxy.stop();
    await flush();
    await new Promise((r) => setTimeout(r, 1_500));
    const backAt = Date.now();
    await proxy.start();

    const runs = await waitFor('the repair sweep', async () => ((await sweepRuns()).length > before ? sweepRuns() : null), 15_000);
    // Well before the 60 s interval.
    expect(Date.now() - backAt).toBeLessThan(10_000);
    expect(runs.slice(before)).toEqual([{ redisReset: true, requeued: 40, firedDirectly: 0 }]);

    await waitFor('40 firings', async () => (await effects(ids)).n >= 40, 40_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await effects(ids)).toEqual({ n: 40, d: 40 });
  }, 90_000);

  it('Redis flushed while connected: the next scheduler tick sees the marker gone and repairs at once', async () => {
    const ids = await startDeadlines('F', 25, 12_000);
    await waitFor('25 jobs scheduled', async () => (await scheduled(ids)) === 25, 15_000);
    const before = (await sweepRuns()).length;

    const flushedAt = Date.now();
    await flush();
    const runs = await waitFor('the repair sweep', async () => ((await sweepRuns()).length > before ? sweepRuns() : null), 15_000);
    expect(Date.now() - flushedAt).toBeLessThan(5_000);
    expect(runs.slice(before)).toEqual([{ redisReset: true, requeued: 25, firedDirectly: 0 }]);

    await waitFor('25 firings', async () => (await effects(ids)).n >= 25, 40_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await effects(ids)).toEqual({ n: 25, d: 25 });
  }, 90_000);
});
