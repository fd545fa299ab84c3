import type { DataSource, EntityManager } from 'typeorm';
import { REPORT_PERIOD_CTE, ReportPeriod, ReportPeriodHeader, inReportPeriod, reportPeriodHeader, reportPeriodParams } from './report-period';
import { OPEN_STATES_SQL } from '../entities/deadline.entity';

/** How the deadlines of one kind were met. */
export interface SlaCountsOf {
  metOnTime: number;
  metLate: number;
  openOverdue: number;
  openOnTime: number;
  /** metOnTime as a share of the decided ones (met, or already overdue), in %, one decimal; null when none is decided. */
  compliancePct: number | null;
}

/** metOnTime as a share of the decided ones (met, or already overdue), in %, one decimal. */
export function compliancePercent(c: Pick<SlaCountsOf, 'metOnTime' | 'metLate' | 'openOverdue'>): number | null {
  const decided = c.metOnTime + c.metLate + c.openOverdue;
  return decided === 0 ? null : Math.round((1000 * c.metOnTime) / decided) / 10;
}

const num = (v: unknown): number => Number(v ?? 0);

/** The UTC midnight at or after an instant, and at or before it ('24 hours' has no daylight saving whatever the session's zone). */
const ceilUtcDay = (t: string) => `(date_trunc('day', ${t} - interval '1 microsecond', 'UTC') + interval '24 hours')`;
const floorUtcDay = (t: string) => `date_trunc('day', ${t}, 'UTC')`;

/**
 * Where the period's deadlines are read (issue 23). The met ones of the period's whole UTC days are
 * counted as they are written, in `deadline_met_day` (migration DeadlineMetDay: triggers on
 * `deadline` and `deadline_effect` classify each met deadline as this report does); the met ones of
 * the partial days at the two ends (a period is local dates: at +08:00 or +05:45 its ends fall
 * inside UTC days) and every open one of the period are read from `deadline`, through
 * `ix_deadline_period_met` and `ix_deadline_period_open`. The bounds are scalar subqueries on `b`,
 * computed once, so the indexes read those ranges alone.
 */
function periodParts(period: ReportPeriod): { days: string; metEnds: string[]; open: string } {
  const at = (col: string) => `(SELECT b.${col} FROM b)`;
  const days = [period.from ? `k.day >= ${at('first_day')}` : null, period.to ? `k.day < ${at('end_day')}` : null].filter(Boolean).join(' AND ') || 'true';
  const metAt = 'coalesce(dl.closed_at, dl.due_at)';
  const metEnds: string[] = [];
  if (period.from) metEnds.push(`${metAt} >= ${at('lo')} AND ${metAt} < ${period.to ? `least(${at('lo_day_end')}, ${at('hi')})` : at('lo_day_end')}`);
  if (period.to)
    metEnds.push(`${metAt} >= ${period.from ? `greatest(${at('hi_day_start')}, ${at('lo_day_end')})` : at('hi_day_start')} AND ${metAt} < ${at('hi')}`);
  return { days, metEnds, open: inReportPeriod(metAt, period) };
}

/**
 * SLA compliance of the deadlines, per kind, over a period: a deadline counts
 * in the period of the day it closed, or, while open, of the day it falls due (cancelled ones are
 * left out). Met on time: met before its due time, never breached; met late: met after it, or
 * after breaching; open overdue: pending past its due time, or breached and not met; open on time:
 * the rest (a paused deadline's clock is stopped: it is late only if it had breached). A deadline
 * whose breach is its action (the appeal window closing the case, a conciliation going to
 * adjudication, a license expiring) did its work when it fired: met, on time. The engine closes it
 * as met when its handler answered `acted` at the breach (the effect row keeps the outcome); one
 * fired before outcomes were recorded stayed `breached`, and its policy's first level acting tells it.
 * Every kind with a deadline in the period has a row: the kinds in `order` first, in that order,
 * then the others by name. The met ones of the period's whole UTC days come from the kept counts
 * (see periodParts); the answer is the one counting every row gave, byte for byte
 * (test/deadlines/deadline-met-day.e2e-spec.ts keeps that query as its oracle).
 */
export async function slaCompliance(
  db: DataSource | EntityManager,
  q: { jurisdiction: string; now: Date; period: ReportPeriod; order: readonly string[] },
): Promise<{ header: ReportPeriodHeader; rows: (SlaCountsOf & { kind: string })[]; totals: SlaCountsOf }> {
  const parts = periodParts(q.period);
  // The met ones of the ends, late or on time by the rule the kept counts are counted with
  // (deadline_met_late, migration DeadlineMetDay): one rule for a met deadline, in one place.
  const metEnds = parts.metEnds.length
    ? parts.metEnds
        .map(
          (range) =>
            `SELECT dl.kind, deadline_met_late(dl.id, dl.breached_at, dl.closed_at, dl.due_at) AS late FROM deadline dl WHERE dl.state = 'met' AND ${range}`,
        )
        .join('\n       UNION ALL\n       ')
    : `SELECT NULL::text AS kind, false AS late WHERE false`;
  const rows = (await db.query(
    `WITH ${REPORT_PERIOD_CTE},
     b AS (
       SELECT z.lo, z.hi, ${ceilUtcDay('z.lo')} AS lo_day_end, ${floorUtcDay('z.hi')} AS hi_day_start,
              (${ceilUtcDay('z.lo')} AT TIME ZONE 'UTC')::date AS first_day, (${floorUtcDay('z.hi')} AT TIME ZONE 'UTC')::date AS end_day
         FROM z
     ),
     ends AS (
       ${metEnds}
     ),
     x AS (
       -- The open ones of the period: acted when breached and their policy's first level acts at the due time.
       SELECT dl.kind, dl.state, dl.breached_at, dl.due_at, (dl.state = 'breached' AND coalesce(p.acts_at_once, false)) AS acted
         FROM deadline dl
         LEFT JOIN (SELECT kind, (escalations -> 0 -> 'actions') ? 'act' AND (escalations -> 0 ->> 'afterHours')::numeric = 0 AS acts_at_once FROM sla_policy) p
           ON p.kind = dl.kind
        WHERE dl.state IN (${OPEN_STATES_SQL})
          AND ${parts.open}
     ),
     d AS (
       SELECT x.kind, x.acted,
              (NOT x.acted AND (x.breached_at IS NOT NULL OR (x.state = 'pending' AND x.due_at < $2::timestamptz))) AS overdue
         FROM x
     ),
     kept AS (
       SELECT k.kind, sum(k.on_time)::int AS on_time, sum(k.late)::int AS late
         FROM deadline_met_day k
        WHERE ${parts.days}
        GROUP BY k.kind
       HAVING sum(k.on_time + k.late) <> 0
     ),
     r AS (
       SELECT u.kind, sum(u.met_on_time)::int AS met_on_time, sum(u.met_late)::int AS met_late,
              sum(u.open_overdue)::int AS open_overdue, sum(u.open_on_time)::int AS open_on_time
         FROM (
           SELECT kept.kind, kept.on_time AS met_on_time, kept.late AS met_late, 0 AS open_overdue, 0 AS open_on_time FROM kept
           UNION ALL
           SELECT ends.kind, count(*) FILTER (WHERE NOT ends.late)::int, count(*) FILTER (WHERE ends.late)::int, 0, 0 FROM ends GROUP BY ends.kind
           UNION ALL
           SELECT d.kind, count(*) FILTER (WHERE d.acted)::int, 0,
                  count(*) FILTER (WHERE d.overdue)::int,
                  count(*) FILTER (WHERE NOT d.acted AND NOT d.overdue)::int
             FROM d GROUP BY d.kind
         ) u
        GROUP BY u.kind
     )
     SELECT z.tz, z.as_of_date, r.*
       FROM z LEFT JOIN r ON true
      ORDER BY array_position($5::text[], r.kind) NULLS LAST, r.kind`,
    [...reportPeriodParams(q.jurisdiction, q.now, q.period), q.order],
  )) as { tz: string; as_of_date: string; kind: string | null; met_on_time: number; met_late: number; open_overdue: number; open_on_time: number }[];
  // With no deadline in the period, the one row carries only the header's columns.
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
