/**
 * The period every ministry report is asked for, and the SQL that reads it: local dates of the
 * home jurisdiction (`DEADLINE_DEFAULT_JURISDICTION`, whose time zone this lib keeps), both ends
 * optional, "now" from the injected Clock. Shared by the complaints and welfare reports so a
 * period means the same instants in both.
 */
export interface ReportPeriod {
  /** First local date (YYYY-MM-DD) of the period; absent: from the beginning. */
  from?: string;
  /** Last local date of the period, included; absent: up to now. */
  to?: string;
}

/** What every report says about itself (the API's report views extend it). */
export interface ReportPeriodHeader {
  asOf: string;
  asOfDate: string;
  timeZone: string;
  from: string | null;
  to: string | null;
}

/**
 * The home time zone, "now" and the period's bounds as instants, as a CTE named `z` for a
 * report's `WITH`: `$1` the jurisdiction code, `$2` now, `$3`/`$4` the first and last local date
 * (or null), in that order (reportPeriodParams). `lo`/`hi`: the first instant of `from` and the
 * first instant after `to`; `tz` and `as_of_date` for the header (select them in the answer's rows).
 */
export const REPORT_PERIOD_CTE = `
  z AS (
    SELECT tz,
           to_char($2::timestamptz AT TIME ZONE tz, 'YYYY-MM-DD') AS as_of_date,
           ($3::date::timestamp AT TIME ZONE tz) AS lo,
           (($4::date + 1)::timestamp AT TIME ZONE tz) AS hi
      FROM (SELECT coalesce((SELECT time_zone FROM jurisdiction WHERE code = $1), 'UTC') AS tz) j
  )`;

/**
 * The period's bounds on a column, written only for the bounds given and as scalar subqueries
 * (computed once, before the scan), so that an index on the column (ix_complaint_created,
 * ix_placement_created, ix_deadline_period...) reads the period alone rather than the whole table.
 */
export const inReportPeriod = (col: string, period: ReportPeriod): string =>
  [period.from ? `${col} >= (SELECT z.lo FROM z)` : null, period.to ? `${col} < (SELECT z.hi FROM z)` : null].filter(Boolean).join(' AND ') || 'true';

/** `$1`-`$4` of REPORT_PERIOD_CTE. */
export const reportPeriodParams = (jurisdiction: string, now: Date, period: ReportPeriod): unknown[] => [
  jurisdiction,
  now,
  period.from ?? null,
  period.to ?? null,
];

/** The header of a report from the first row it read (`tz`, `as_of_date`: none when the query answered no row). */
export function reportPeriodHeader(now: Date, period: ReportPeriod, first: { tz: string; as_of_date: string } | undefined): ReportPeriodHeader {
  return {
    asOf: now.toISOString(),
    asOfDate: first?.as_of_date ?? now.toISOString().slice(0, 10),
    timeZone: first?.tz ?? 'UTC',
    from: period.from ?? null,
    to: period.to ?? null,
  };
}
