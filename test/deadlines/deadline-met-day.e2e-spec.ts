/**
 * The SLA report's kept counts (deadline_met_day, migration DeadlineMetDay), end to end: deadlines
 * driven through every path the engine and the services take (met on time, met late without a
 * breach, met after the breach fired, acted at the breach, cancelled open and breached, paused and
 * resumed then met), and through SQL that bypasses them (a met deadline's closing time, kind and
 * state changed, reopened and met again, deleted, inserted met; a level-1 effect's outcome changed,
 * deleted and inserted). After each step the kept counts equal a recount from `deadline`, and the
 * report (`slaCompliance`) equals, byte for byte, the query that counted every row of the period
 * before (kept below as the oracle), for periods whose ends fall inside UTC days: Manila (+08:00),
 * Kathmandu (+05:45) and UTC. Two transactions meeting deadlines of one kind on one day at once do
 * not wait for each other (each writes a shard of its own).
 */
import { DataSource } from 'typeorm';
import { ManualClock } from '@app/common';
import {
  Deadline,
  DeadlineService,
  FiringService,
  REPORT_PERIOD_CTE,
  ReportPeriod,
  compliancePercent,
  inReportPeriod,
  reportPeriodHeader,
  reportPeriodParams,
  slaCompliance,
} from '@app/deadlines';
import { TEST_DEADLINE_HANDLERS, TestDeadlineKindsModule, reviewAnswers } from '../support/deadline-kinds';
import { createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const ORDER = ['test.review', 'test.burst'];

/** The SLA report as it was before the kept counts (every deadline of the period counted at each request): the oracle. */
async function slaComplianceCountingEveryRow(db: DataSource, q: { jurisdiction: string; now: Date; period: ReportPeriod; order: readonly string[] }) {
  const rows = (await db.query(
    `WITH ${REPORT_PERIOD_CTE},
     d AS (
       SELECT x.kind,
              (x.acted OR (x.state = 'met' AND x.breached_at IS NULL AND coalesce(x.closed_at, x.due_at) <= x.due_at)) AS met_on_time,
              (NOT x.acted AND x.state = 'met' AND (x.breached_at IS NOT NULL OR x.closed_at > x.due_at)) AS met_late,
              (NOT x.acted AND x.state <> 'met' AND (x.breached_at IS NOT NULL OR (x.state = 'pending' AND x.due_at < $2::timestamptz))) AS open_overdue
         FROM (
           SELECT dl.kind, dl.state, dl.breached_at, dl.closed_at, dl.due_at,
                  ((dl.state = 'breached' AND coalesce(p.acts_at_once, false))
                   OR (dl.state = 'met' AND dl.breached_at IS NOT NULL
                       AND EXISTS (SELECT 1 FROM deadline_effect e WHERE e.deadline_id = dl.id AND e.level = 1 AND e.outcome = 'acted'))) AS acted
             FROM deadline dl
             LEFT JOIN (SELECT kind, (escalations -> 0 -> 'actions') ? 'act' AND (escalations -> 0 ->> 'afterHours')::numeric = 0 AS acts_at_once FROM sla_policy) p
               ON p.kind = dl.kind, z
            WHERE dl.state IN ('pending','paused','breached','met')
              AND ${inReportPeriod('coalesce(dl.closed_at, dl.due_at)', q.period)}
         ) x
     ),
     r AS (
       SELECT d.kind,
              count(*) FILTER (WHERE d.met_on_time)::int AS met_on_time,
              count(*) FILTER (WHERE d.met_late)::int AS met_late,
              count(*) FILTER (WHERE d.open_overdue)::int AS open_overdue,
              count(*) FILTER (WHERE NOT d.met_on_time AND NOT d.met_late AND NOT d.open_overdue)::int AS open_on_time
         FROM d GROUP BY d.kind
     )
     SELECT z.tz, z.as_of_date, r.*
       FROM z LEFT JOIN r ON true
      ORDER BY array_position($5::text[], r.kind) NULLS LAST, r.kind`,
    [...reportPeriodParams(q.jurisdiction, q.now, q.period), q.order],
  )) as { tz: string; as_of_date: string; kind: string | null; met_on_time: number; met_late: number; open_overdue: number; open_on_time: number }[];
  const num = (v: unknown): number => Number(v ?? 0);
  const out = rows
    .filter((r): r is typeof r & { kind: string } => r.kind !== null)
    .map((r) => {
      const c = { metOnTime: num(r.met_on_time), metLate: num(r.met_late), openOverdue: num(r.open_overdue), openOnTime: num(r.open_on_time) };
      return { kind: r.kind, ...c, compliancePct: compliancePercent(c) };
    });
  const sum = (k: 'metOnTime' | 'metLate' | 'openOverdue' | 'openOnTime') => out.reduce((s, r) => s + r[k], 0);
  const t = { metOnTime: sum('metOnTime'), metLate: sum('metLate'), openOverdue: sum('openOverdue'), openOnTime: sum('openOnTime') };
  return { header: reportPeriodHeader(q.now, q.period, rows[0]), rows: out, totals: { ...t, compliancePct: compliancePercent(t) } };
}

/** Periods whose ends fall inside UTC days in every zone but UTC, over the days the scenarios write. */
const PERIODS: ReportPeriod[] = [
  {},
  { from: '2026-03-01' },
  { to: '2026-03-16' },
  { from: '2026-03-02', to: '2026-03-02' },
  { from: '2026-03-03', to: '2026-03-20' },
  { from: '2026-03-10', to: '2026-03-10' },
  { from: '2026-03-11', to: '2026-03-11' },
  { from: '2026-03-11', to: '2026-03-17' },
  { from: '2026-03-16', to: '2026-04-30' },
  { from: '2026-03-17', to: '2026-03-17' },
  { from: '2026-02-01', to: '2026-02-28' },
];
const JURISDICTIONS = ['PH', 'NP', 'ZZ']; // Asia/Manila, Asia/Kathmandu, none (UTC)

describe('SLA report: met deadlines counted as they are written (deadline_met_day)', () => {
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z')); // Monday 2 March 2026, 09:00 in Manila
  let t: TestApp;
  let worker: TestWorker;
  let deadlines: DeadlineService;
  let firing: FiringService;
  let ds: DataSource;
  let assignee: { id: string };
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DEADLINES_DRIVEN_BY_TEST, providers: TEST_DEADLINE_HANDLERS });
    worker = await createTestWorker({
      databaseUrl: t.db.url,
      clock,
      env: { ...DEADLINES_DRIVEN_BY_TEST, REDIS_PREFIX: t.config.redis.REDIS_PREFIX },
      extraModules: [TestDeadlineKindsModule],
    });
    deadlines = t.app.get(DeadlineService, { strict: false });
    firing = worker.app.get(FiringService, { strict: false });
    ds = t.dataSource;
    assignee = await createUser(t, { roles: ['inspector'], signIn: false });
    await createUser(t, { roles: ['supervisor'], signIn: false });
    await ds.query(
      `INSERT INTO jurisdiction (code, name, time_zone, weekend_days) VALUES ('NP', 'Nepal', 'Asia/Kathmandu', '{6}')
       ON CONFLICT (code) DO UPDATE SET time_zone = 'Asia/Kathmandu'`,
    );
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const at = (iso: string) => clock.set(new Date(iso));
  const start = async (kind = 'test.review') => {
    const subjectId = `MD-${++n}`;
    const d = await ds.transaction((m) => deadlines.start(m, { kind, subjectType: 'probe', subjectId, label: `Probe ${n}`, assigneeUserId: assignee.id }));
    return { ...d, subjectId };
  };
  const meet = (subjectId: string, kind = 'test.review') => ds.transaction((m) => deadlines.meet(m, 'probe', subjectId, kind));
  const row = (id: string) => ds.getRepository(Deadline).findOneByOrFail({ id });
  /** Fires every level due by the clock, one by one, as the jobs would. */
  const fireDue = async (id: string) => {
    for (;;) {
      const d = await row(id);
      if (!d.nextFireAt || d.nextFireAt > clock.now() || !['pending', 'breached'].includes(d.state)) return d;
      const out = await firing.fire({ deadlineId: id, version: d.version, level: d.nextLevel }, 'job', `met-day-${id}`, 0);
      expect(out.result).toBe('fired');
    }
  };

  const kept = () =>
    ds.query(
      `SELECT day::text AS day, kind, sum(on_time)::int AS on_time, sum(late)::int AS late FROM deadline_met_day
        GROUP BY day, kind HAVING sum(on_time) <> 0 OR sum(late) <> 0 ORDER BY day, kind`,
    );
  // The report's own rule for a met deadline, written out again here (not the migration's function).
  const recount = () =>
    ds.query(
      `SELECT day::text AS day, kind, count(*) FILTER (WHERE NOT late)::int AS on_time, count(*) FILTER (WHERE late)::int AS late
         FROM (SELECT (coalesce(dl.closed_at, dl.due_at) AT TIME ZONE 'UTC')::date AS day, dl.kind,
                      coalesce(NOT (dl.breached_at IS NOT NULL AND EXISTS (SELECT 1 FROM deadline_effect e WHERE e.deadline_id = dl.id AND e.level = 1 AND e.outcome = 'acted'))
                               AND (dl.breached_at IS NOT NULL OR dl.closed_at > dl.due_at), false) AS late
                 FROM deadline dl WHERE dl.state = 'met') x
        GROUP BY day, kind ORDER BY day, kind`,
    );

  /** The kept counts equal a recount, and every period's report equals the oracle's, in every zone. */
  const check = async (step: string) => {
    expect({ step, kept: await kept() }).toEqual({ step, kept: await recount() });
    for (const jurisdiction of JURISDICTIONS)
      for (const period of PERIODS) {
        const q = { jurisdiction, now: clock.now(), period, order: ORDER };
        const [now, before] = [await slaCompliance(ds, q), await slaComplianceCountingEveryRow(ds, q)];
        expect({ step, jurisdiction, period, report: JSON.stringify(now) }).toEqual({ step, jurisdiction, period, report: JSON.stringify(before) });
      }
  };

  it('keeps the counts through every path of the engine and the services, and the report answers as it did', async () => {
    at('2026-03-02T01:00:00.000Z');
    const onTime = await start(); // due Monday 16 March 01:00Z (ten business days)
    const onTimeNpt = await start();
    const lateNoBreach = await start();
    const breachedThenMet = await start();
    const acted = await start();
    const cancelled = await start();
    const breachedCancelled = await start();
    const paused = await start();
    await check('started: nothing met');
    expect(await kept()).toEqual([]);

    at('2026-03-10T18:10:00.000Z'); // 23:55 on 10 March in Kathmandu, 02:10 on 11 March in Manila
    await meet(onTime.subjectId);
    at('2026-03-10T18:20:00.000Z'); // 00:05 on 11 March in Kathmandu: the same UTC day, another local one
    await meet(onTimeNpt.subjectId);
    await check('met on time either side of midnight in Kathmandu');
    expect(await kept()).toEqual([{ day: '2026-03-10', kind: 'test.review', on_time: 2, late: 0 }]);

    at('2026-03-11T01:00:00.000Z');
    await ds.transaction((m) => deadlines.pause(m, 'probe', paused.subjectId, 'test.review'));
    await ds.transaction((m) => deadlines.cancel(m, 'probe', cancelled.subjectId, 'test.review'));
    await check('paused and cancelled: nothing counted');

    at('2026-03-12T02:00:00.000Z'); // after the reminders
    for (const d of [lateNoBreach, breachedThenMet, acted, breachedCancelled]) await fireDue(d.id);
    at('2026-03-13T01:00:00.000Z');
    await ds.transaction((m) => deadlines.resume(m, 'probe', paused.subjectId, 'test.review'));

    at('2026-03-16T02:00:00.000Z'); // an hour after the due time, the breach not fired yet
    await meet(lateNoBreach.subjectId);
    await check('met late without a breach');

    reviewAnswers.set(acted.subjectId, 'acted');
    at('2026-03-17T00:00:00.000Z'); // the breaches fire at UTC midnight
    for (const d of [breachedThenMet, acted, breachedCancelled]) await fireDue(d.id);
    expect(await row(acted.id)).toMatchObject({ state: 'met', breachedAt: clock.now(), closedAt: clock.now() });
    expect(await row(breachedThenMet.id)).toMatchObject({ state: 'breached' });
    await check('acted at the breach: met on time');
    expect(await kept()).toContainEqual({ day: '2026-03-17', kind: 'test.review', on_time: 1, late: 0 });

    at('2026-03-17T23:59:59.999Z');
    await meet(breachedThenMet.subjectId);
    await ds.transaction((m) => deadlines.cancel(m, 'probe', breachedCancelled.subjectId, 'test.review'));
    await check('met after the breach: late; a breached one cancelled: nothing');
    at('2026-03-18T00:30:00.000Z'); // due 18 March 01:00Z: two business days later for the pause
    await meet(paused.subjectId);
    await check('paused, resumed, met');
    expect(await kept()).toEqual([
      { day: '2026-03-10', kind: 'test.review', on_time: 2, late: 0 },
      { day: '2026-03-16', kind: 'test.review', on_time: 0, late: 1 },
      { day: '2026-03-17', kind: 'test.review', on_time: 1, late: 1 },
      { day: '2026-03-18', kind: 'test.review', on_time: 1, late: 0 },
    ]);

    // Writes that bypass the services: the triggers keep the counts all the same.
    await ds.query(`UPDATE deadline SET closed_at = '2026-03-11T12:00:00Z' WHERE id = $1`, [onTime.id]);
    await check('a met deadline closed on another day');
    await ds.query(`UPDATE deadline SET kind = 'test.burst' WHERE id = $1`, [onTimeNpt.id]);
    await check('a met deadline of another kind');
    await ds.query(`UPDATE deadline SET closed_at = '2026-03-16T05:00:00Z' WHERE id = $1`, [onTime.id]);
    await check('a met deadline now closed after its due time: late');
    await ds.query(`UPDATE deadline SET state = 'breached', closed_at = NULL, breached_at = due_at WHERE id = $1`, [lateNoBreach.id]);
    await check('a met deadline reopened (breached)');
    at('2026-03-19T10:00:00.000Z');
    await meet(lateNoBreach.subjectId);
    await check('the reopened one met again');
    await ds.query(`UPDATE deadline_effect SET outcome = 'nothing' WHERE deadline_id = $1 AND level = 1`, [acted.id]);
    await check("the acted one's breach effect no longer 'acted': late");
    await ds.query(`UPDATE deadline_effect SET outcome = 'acted' WHERE deadline_id = $1 AND level = 1`, [acted.id]);
    await check("and 'acted' again: on time");
    await ds.query(`DELETE FROM deadline_effect WHERE deadline_id = $1 AND level = 1`, [acted.id]);
    await check("the acted one's breach effect deleted: late");
    await ds.query(
      `INSERT INTO deadline_effect (deadline_id, version, level, kind, due_to_fire_at, fired_at, via, outcome)
       SELECT id, 900, 1, kind, due_at, due_at, 'sweep', 'acted' FROM deadline WHERE id = ANY($1::uuid[])`,
      [[acted.id, breachedThenMet.id]],
    );
    await check("an 'acted' breach effect inserted for two met after their breach: on time");
    await ds.query(`UPDATE deadline_effect SET level = 2 WHERE deadline_id = $1 AND version = 900`, [breachedThenMet.id]);
    await check('that effect moved to level 2: late again');
    await ds.query(`UPDATE deadline_effect SET deadline_id = $1 WHERE deadline_id = $2 AND version = 900`, [breachedThenMet.id, acted.id]);
    await check('an acted effect moved from one deadline to another');
    await ds.query(
      `INSERT INTO deadline (subject_type, subject_id, kind, jurisdiction_code, policy_version, label, started_at, due_at, state, closed_at)
       VALUES ('probe', 'MD-inserted-1', 'test.review', 'PH', 1, 'inserted', '2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z', 'met', '2026-03-09T18:14:00Z'),
              ('probe', 'MD-inserted-2', 'test.burst', 'PH', 1, 'inserted', '2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z', 'met', NULL),
              ('probe', 'MD-inserted-3', 'test.burst', 'PH', 1, 'inserted', '2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z', 'met', '2026-03-10T18:16:00Z')`,
    );
    await check('met deadlines inserted as they are (one without a closing time)');
    await ds.query(`DELETE FROM deadline WHERE id = $1 OR subject_id = 'MD-inserted-3'`, [paused.id]);
    await check('met deadlines deleted');
    await ds.query(`UPDATE deadline SET state = 'cancelled' WHERE subject_id = 'MD-inserted-1'`);
    await check('a met deadline cancelled');

    // An ordinary write of a met deadline (a label) calls no trigger; the counts stay.
    const before = await kept();
    await ds.query(`UPDATE deadline SET label = 'renamed', version = version + 1 WHERE state = 'met'`);
    expect(await kept()).toEqual(before);

    // The recount rebuilds the same counts (into one shard).
    await ds.query('SELECT deadline_met_day_recount()');
    await check('recounted');
    expect((await ds.query(`SELECT DISTINCT shard FROM deadline_met_day`)) as unknown[]).toEqual([{ shard: 0 }]);
  });

  it('two transactions meeting deadlines of one kind on one day do not wait for each other', async () => {
    at('2026-03-20T01:00:00.000Z');
    const [a1, a2, b1, b2] = [await start(), await start(), await start('test.burst'), await start()];
    at('2026-03-20T02:00:00.000Z');
    const qa = ds.createQueryRunner();
    const qb = ds.createQueryRunner();
    try {
      await qa.startTransaction();
      await qb.startTransaction();
      // Neither may wait for a row the other holds: a wait would time out (and a crossing order deadlock).
      await qa.query(`SET LOCAL lock_timeout = '3s'`);
      await qb.query(`SET LOCAL lock_timeout = '3s'`);
      await deadlines.meet(qa.manager, 'probe', a1.subjectId, 'test.review');
      await deadlines.meet(qb.manager, 'probe', b2.subjectId, 'test.review');
      await deadlines.meet(qb.manager, 'probe', b1.subjectId, 'test.burst');
      await deadlines.meet(qa.manager, 'probe', a2.subjectId, 'test.review');
      const [[sa], [sb]] = [await qa.query(`SELECT deadline_met_shard() AS s`), await qb.query(`SELECT deadline_met_shard() AS s`)];
      expect(sa.s).not.toBe(sb.s);
      await qa.commitTransaction();
      await qb.commitTransaction();
    } finally {
      await qa.release();
      await qb.release();
    }
    await check('two writers at once');
    expect(await kept()).toContainEqual({ day: '2026-03-20', kind: 'test.review', on_time: 3, late: 0 });
  });
});
