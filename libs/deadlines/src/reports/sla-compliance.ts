import type { DataSource, EntityManager } from 'typeorm';
import { REPORT_PERIOD_CTE, ReportPeriod, ReportPeriodHeader, inReportPeriod, reportPeriodHeader, reportPeriodParams } from './report-period';

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
 * then the others by name.
 */
export async function slaCompliance(
  db: DataSource | EntityManager,
  q: { jurisdiction: string; now: Date; period: ReportPeriod; order: readonly string[] },
): Promise<{ header: ReportPeriodHeader; rows: (SlaCountsOf & { kind: string })[]; totals: SlaCountsOf }> {
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
