/**
 * `npm run bench:deadlines`: 100,000 deadlines falling due at once.
 *
 * Creates a scratch database (migrated from zero) and a Redis key prefix of its own, inserts N
 * deadlines of a benchmark kind whose breach is due a few seconds from now, starts W worker
 * processes (the real worker module: scheduler, BullMQ jobs, firing transactions with their
 * audit entries), and waits until every breach has fired. Prints the time from the due instant
 * until the last one fired, the lateness p50/p99, and the duplicates (handler calls beyond one
 * per deadline, and effect rows beyond one per deadline and level): both must be 0.
 *
 *   npm run bench:deadlines -- [--count 100000] [--workers 1] [--lead 10] [--target 60]
 *
 * Exit status 0 when everything fired within the target with no duplicate, 1 otherwise.
 * Uses DATABASE_URL's server and REDIS_URL (defaults: this machine's).
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { admin, urlFor } from './lib/scratch-databases';
import { buildDataSourceOptions } from '@app/database';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = arg('count', 100_000);
const WORKERS = arg('workers', 1);
const LEAD_SECONDS = arg('lead', 10);
const TARGET_SECONDS = arg('target', 60);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

async function main() {
  const db = `lcs_bench_deadlines_${randomBytes(4).toString('hex')}`;
  const prefix = `lcs-bench-${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${db}"`);
  const ds = new DataSource({ ...buildDataSourceOptions({ DATABASE_URL: urlFor(db), DATABASE_POOL_SIZE: 4, DATABASE_LOG_SQL: 'false' }), entities: [] });
  await ds.initialize();
  const children: ReturnType<typeof fork>[] = [];
  try {
    await ds.runMigrations({ transaction: 'each' });
    await ds.query(`CREATE TABLE bench_fired (deadline_id uuid NOT NULL)`);
    await ds.query(
      `INSERT INTO sla_policy (kind, duration_days, counting, reminder_share, escalations) VALUES ('bench.burst', 1, 'calendar', NULL, '[{"afterHours":0,"actions":["act"]}]')`,
    );
    const dueAt = new Date(Date.now() + LEAD_SECONDS * 1000);
    console.log(`inserting ${COUNT} deadlines due at ${dueAt.toISOString()} …`);
    for (let i = 0; i < COUNT; i += 10_000) {
      const n = Math.min(10_000, COUNT - i);
      await ds.query(
        `INSERT INTO deadline (subject_type, subject_id, kind, jurisdiction_code, policy_version, label, started_at, due_fixed, due_at, next_fire_at, next_level, state)
         SELECT 'bench', 'B-' || g, 'bench.burst', 'PH', 1, 'bench ' || g, now(), true, $1, $1, 1, 'pending' FROM generate_series($2::int, $3::int) g`,
        [dueAt, i + 1, i + n],
      );
    }
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      // Production refuses the development secrets and keys (and any that do not look random): fresh ones per run.
      AUTH_JWT_SECRET: randomBytes(48).toString('base64'),
      FIELD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      FIELD_INDEX_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: urlFor(db),
      DATABASE_POOL_SIZE: '12',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      DEADLINE_WORKER_CONCURRENCY: '10',
      DEADLINE_SCHEDULER_INTERVAL_MS: '500',
      DEADLINE_SWEEP_INTERVAL_SECONDS: '60',
      SMTP_URL: 'smtp://127.0.0.1:1',
    };
    for (let w = 0; w < WORKERS; w++) {
      children.push(
        fork(require.resolve('./deadlines-worker.ts'), [], {
          env,
          execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
          stdio: 'inherit',
        }),
      );
    }
    console.log(`started ${WORKERS} worker process(es); waiting for the breaches …`);
    let fired = 0;
    const deadlineMs = dueAt.getTime() + (TARGET_SECONDS + 120) * 1000;
    for (;;) {
      [{ fired }] = await ds.query(`SELECT count(*)::int AS fired FROM deadline_effect`);
      if (fired >= COUNT || Date.now() > deadlineMs) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // Stop the workers before counting, so the figures are final.
    await Promise.all(children.map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGTERM')))));
    children.length = 0;
    const [stats] = await ds.query(
      `SELECT count(*)::int AS effects, count(DISTINCT (deadline_id, level))::int AS distinct_effects,
              extract(epoch FROM max(fired_at) - $1::timestamptz) AS last_after_due,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_to_fire_at)) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_to_fire_at)) AS p99
         FROM deadline_effect`,
      [dueAt],
    );
    const [{ handled }] = await ds.query(`SELECT count(*)::int AS handled FROM bench_fired`);
    const [{ distinct_handled }] = await ds.query(`SELECT count(DISTINCT deadline_id)::int AS distinct_handled FROM bench_fired`);
    // The handler answers acted: the engine closes each deadline as met when its breach fires.
    const [{ closed }] = await ds.query(`SELECT count(*)::int AS closed FROM deadline WHERE state = 'met' AND breached_at IS NOT NULL`);
    const duplicates = stats.effects - stats.distinct_effects + (handled - distinct_handled);
    const seconds = Number(stats.last_after_due);
    const ok = stats.effects === COUNT && closed === COUNT && duplicates === 0 && seconds <= TARGET_SECONDS;
    console.log(`\ndeadlines: ${COUNT} due at once, ${WORKERS} worker process(es)`);
    console.log(`  fired:               ${stats.effects} (${closed} acted and closed, handler ran ${handled} times)`);
    console.log(`  all fired after:     ${seconds.toFixed(1)} s from the due instant (target ${TARGET_SECONDS} s)`);
    console.log(`  lateness p50 / p99:  ${(Number(stats.p50) * 1000).toFixed(0)} ms / ${(Number(stats.p99) * 1000).toFixed(0)} ms`);
    console.log(`  duplicates:          ${duplicates}`);
    console.log(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await ds.destroy();
    await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
