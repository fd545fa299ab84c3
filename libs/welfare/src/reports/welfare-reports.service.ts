import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, ConfigService, ValidationFailedException } from '@app/common';
import { QueryCursor } from '@app/database';
import { REPORT_PERIOD_CTE, inReportPeriod, jurisdictionTimeZone, metDeadlineJoin, reportPeriodHeader, reportPeriodParams } from '@app/deadlines';
import { WELFARE_CLAIM_SUBJECT, WELFARE_DECISION_KIND } from '../claims/welfare-claims.service';
import { WELFARE_CLAIM_STATE } from '../api-enums';
import { APPROPRIATIONS_RECEIVED, CLAIM_TYPES, CONTRIBUTIONS_RECEIVED, FUND_CASH, OTHER_INCOME } from '../core';
import { CLAIM_STATES, ClaimState, ELIGIBILITY_EXCEPTION_REASONS } from '../lifecycle/claim-transitions';
import { EXCEPTION_PAGE_DEFAULT, ExceptionPage, exceptionCursor, readExceptionCursor } from './eligibility-exception-page';

/**
 * A period of local dates (YYYY-MM-DD, both ends included) in the ministry's home jurisdiction
 * (DEADLINE_DEFAULT_JURISDICTION's time zone). Which date of a record counts is each report's.
 */
export interface WelfareReportFilter {
  from?: string;
  to?: string;
}

/** What every report says about itself (the same header as the complaints reports). */
export class WelfareReportHeader {
  @ApiProperty({ format: 'date-time', example: '2026-04-01T02:00:00.000Z', description: 'The instant the figures were computed for.' })
  asOf: string;

  @ApiProperty({ format: 'date', example: '2026-04-01', description: "That instant's local date in `timeZone` (it names the CSV file)." })
  asOfDate: string;

  @ApiProperty({ example: 'Asia/Manila', description: "The IANA time zone of the home jurisdiction, in which the period's dates are read." })
  timeZone: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-01-01', description: "The period's first day as asked; null: open." })
  from: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-31', description: "The period's last day as asked; null: open." })
  to: string | null;
}

const COUNT = { type: 'integer', minimum: 0 } as const;

/** Claims per state, keyed by the state in camelCase (`under_review` → `underReview`). */
export class ClaimStateCounts {
  @ApiProperty({ ...COUNT, example: 2 })
  submitted: number;

  @ApiProperty({ ...COUNT, example: 1 })
  underReview: number;

  @ApiProperty({ ...COUNT, example: 0 })
  documentsRequested: number;

  @ApiProperty({ ...COUNT, example: 1 })
  approved: number;

  @ApiProperty({ ...COUNT, example: 1 })
  rejected: number;

  @ApiProperty({ ...COUNT, example: 0 })
  disbursed: number;

  @ApiProperty({ ...COUNT, example: 3 })
  paid: number;

  @ApiProperty({ ...COUNT, example: 8, description: 'Every claim counted, whatever its state.' })
  total: number;
}

export class ClaimTypeStateRow extends ClaimStateCounts {
  @ApiProperty({
    example: 'death:natural',
    description: 'The claim type: every known type has a row, in the order of the claim types (a type unknown to that list last, by name).',
  })
  claimType: string;
}

export class ClaimsByTypeReport extends WelfareReportHeader {
  @ApiProperty({ type: [ClaimTypeStateRow], description: 'One row per claim type, claims filed in the period counted by their current state.' })
  rows: ClaimTypeStateRow[];

  @ApiProperty({ type: ClaimStateCounts, description: 'The rows summed per state.' })
  totals: ClaimStateCounts;
}

export class DecisionTimeFigures {
  @ApiProperty({ ...COUNT, example: 4, description: 'Claims decided in the period (approved + rejected).' })
  decided: number;

  @ApiProperty({ ...COUNT, example: 3, description: 'Decided by approval (the claim is now approved, disbursed or paid).' })
  approved: number;

  @ApiProperty({ ...COUNT, example: 1 })
  rejected: number;

  @ApiProperty({
    type: Number,
    minimum: 0,
    nullable: true,
    example: 12.5,
    description:
      'Median of the days from filing to decision (continuous median: the mean of the two middle values for an even count; two decimals); null when nothing was decided. Elapsed calendar time, waiting for documents included.',
  })
  medianDays: number | null;
}

export class DecisionTimeRow extends DecisionTimeFigures {
  @ApiProperty({ example: 'death:natural', description: 'The claim type (only types with a decision in the period have a row).' })
  claimType: string;
}

export class DecisionTimesReport extends WelfareReportHeader {
  @ApiProperty({ type: [DecisionTimeRow], description: 'One row per claim type with a decision in the period, in the order of the claim types.' })
  rows: DecisionTimeRow[];

  @ApiProperty({ type: DecisionTimeFigures, description: 'Over every claim type (the median of all decisions, not a median of medians).' })
  totals: DecisionTimeFigures;
}

export type FundBucket = 'day' | 'month';

const MINOR = { type: String, pattern: '^-?[0-9]+$' } as const;

/** Amounts in minor units of the fund's currency, as decimal strings (like every welfare amount). */
export class FundMovements {
  @ApiProperty({ ...MINOR, example: '1500000', description: 'Paid into fund-cash by contributions.' })
  contributionsInMinor: string;

  @ApiProperty({ ...MINOR, example: '100000000', description: 'Paid into fund-cash by appropriations and other income (issue 20).' })
  incomeInMinor: string;

  @ApiProperty({ ...MINOR, example: '2000000', description: 'Paid out of fund-cash by disbursements.' })
  disbursementsOutMinor: string;

  @ApiProperty({
    ...MINOR,
    example: '-500000',
    description: 'Contributions and income in, minus disbursements out (negative when more went out than came in).',
  })
  netMinor: string;
}

export class FundBalanceRow extends FundMovements {
  @ApiProperty({ example: '2026-03-02', description: '`YYYY-MM-DD` (bucket `day`) or `YYYY-MM` (bucket `month`).' })
  bucket: string;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: "The bucket's first local day inside the period (a month is cut at the period's ends)." })
  firstDay: string;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: "The bucket's last local day inside the period." })
  lastDay: string;

  @ApiProperty({ ...MINOR, example: '3250000', description: 'fund-cash at the end of `lastDay` (local time).' })
  closingBalanceMinor: string;
}

/** The rows summed, and fund-cash at the end of the report's last day. */
export class FundBalanceTotals extends FundMovements {
  @ApiProperty({
    ...MINOR,
    example: '3250000',
    description: "fund-cash at the end of the report's `lastDay`: for a period ending today, `GET /welfare/fund`'s `cashMinor`.",
  })
  closingBalanceMinor: string;
}

export class FundBalanceReport extends WelfareReportHeader {
  @ApiProperty({ example: 'PHP', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the fund: every amount is in it.' })
  currency: string;

  @ApiProperty({ enum: ['day', 'month'], example: 'day', description: 'What one row covers.' })
  bucket: FundBucket;

  @ApiProperty({
    format: 'date',
    example: '2026-03-01',
    description: 'The first day the rows cover: `from`, or (open) the first day with a fund-cash movement (today when there is none).',
  })
  firstDay: string;

  @ApiProperty({ format: 'date', example: '2026-03-31', description: 'The last day the rows cover: `to`, or (open) today.' })
  lastDay: string;

  @ApiProperty({ ...MINOR, example: '3750000', description: 'fund-cash at the start of `firstDay`.' })
  openingBalanceMinor: string;

  @ApiProperty({ type: [FundBalanceRow], description: 'One row per local day (or month) from `firstDay` to `lastDay`, in order, those without movement too.' })
  rows: FundBalanceRow[];

  @ApiProperty({ type: FundBalanceTotals, description: 'Sums over the rows, and fund-cash at the end of `lastDay`.' })
  totals: FundBalanceTotals;
}

/** Money received in the period, by source. */
export class FundIncomeFigures {
  @ApiProperty({ ...MINOR, example: '1500000', description: "Contributions (converted into the fund's currency)." })
  contributionsMinor: string;

  @ApiProperty({ ...MINOR, example: '100000000', description: 'Appropriations.' })
  appropriationsMinor: string;

  @ApiProperty({ ...MINOR, example: '0', description: 'Other income (interest, donations, recoveries).' })
  otherIncomeMinor: string;
}

/** The obligations of one claim type at the end of the day: approved, not yet disbursed. */
export class FundObligationRow {
  @ApiProperty({ example: 'death:natural', description: 'The claim type (only types with an obligation have a row).' })
  claimType: string;

  @ApiProperty({ ...COUNT, example: 2, description: 'Claims approved and not yet disbursed.' })
  claims: number;

  @ApiProperty({ ...MINOR, example: '40000000', description: 'What the fund owes on them.' })
  obligationsMinor: string;
}

export class FundObligationTotals {
  @ApiProperty({ ...COUNT, example: 2 })
  claims: number;

  @ApiProperty({ ...MINOR, example: '40000000', description: "Every obligation: for a day that is today, `GET /welfare/fund`'s `payablesMinor`." })
  obligationsMinor: string;

  @ApiProperty({
    ...MINOR,
    example: '61500000',
    description: 'Cash minus obligations: what the fund could still commit (negative: approvals outrun the cash).',
  })
  uncommittedMinor: string;
}

export class FundPositionReport extends WelfareReportHeader {
  @ApiProperty({ example: 'PHP', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the fund: every amount is in it.' })
  currency: string;

  @ApiProperty({ format: 'date', example: '2026-03-31', description: 'The position is at the end of this local day: `to`, or today.' })
  asOfDay: string;

  @ApiProperty({ ...MINOR, example: '101500000', description: 'fund-cash at the end of `asOfDay`.' })
  cashMinor: string;

  @ApiProperty({ type: FundIncomeFigures, description: 'Received from `from` (open: the beginning) to `asOfDay`, by the local date the ledger took it.' })
  income: FundIncomeFigures;

  @ApiProperty({ ...MINOR, example: '2000000', description: 'Disbursed in the same period.' })
  disbursedMinor: string;

  @ApiProperty({
    type: [FundObligationRow],
    description: 'The projected obligations at the end of `asOfDay`, per claim type in the order of the claim types: claims approved and not yet disbursed.',
  })
  rows: FundObligationRow[];

  @ApiProperty({ type: FundObligationTotals })
  totals: FundObligationTotals;
}

/** A claim approved outside eligibility (issue 20). */
export class EligibilityExceptionRow {
  @ApiProperty({ example: 'WC-2026-00123-2' })
  reference: string;

  @ApiProperty({ example: 'medical' })
  claimType: string;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'The local date it was filed.' })
  filedOn: string;

  @ApiProperty({ format: 'date', example: '2026-03-20', description: 'The local date it was approved.' })
  decidedOn: string;

  @ApiProperty({ type: [String], example: ['filed-in-window'], description: 'The eligibility checks it failed.' })
  failedChecks: string[];

  @ApiProperty({
    enum: ELIGIBILITY_EXCEPTION_REASONS,
    enumName: 'EligibilityExceptionReason',
    example: 'late-filing-good-cause',
    description: 'The reason from the list.',
  })
  exceptionReason: string;

  @ApiProperty({ example: 'In hospital for four months after the accident.', description: "The supervisor's words." })
  reason: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The supervisor who approved it.' })
  approvedBy: string | null;

  @ApiProperty({ ...MINOR, example: '250000', description: 'The amount approved, in minor units of `currency`.' })
  approvedMinor: string;

  @ApiProperty({ example: 'PHP', pattern: '^[A-Z]{3}$' })
  currency: string;

  @ApiProperty({ ...WELFARE_CLAIM_STATE, example: 'approved', description: 'Where the claim is now.' })
  state: string;
}

export class EligibilityExceptionCounts {
  @ApiProperty({ ...COUNT, example: 0 })
  'late-filing-good-cause': number;

  @ApiProperty({ ...COUNT, example: 0 })
  'contribution-paid-unrecorded': number;

  @ApiProperty({ ...COUNT, example: 0 })
  'agency-failed-to-remit': number;

  @ApiProperty({ ...COUNT, example: 0 })
  'record-error': number;

  @ApiProperty({ ...COUNT, example: 1 })
  humanitarian: number;
}

export class EligibilityExceptionTotals {
  @ApiProperty({ ...COUNT, example: 1, description: 'Approvals outside eligibility in the period.' })
  approvals: number;

  @ApiProperty({ type: EligibilityExceptionCounts, description: 'The approvals per reason of the list (every reason, zero too).' })
  byReason: EligibilityExceptionCounts;
}

export class EligibilityExceptionsReport extends WelfareReportHeader {
  @ApiProperty({
    type: [EligibilityExceptionRow],
    description:
      'A page of the claims approved outside eligibility in the period (by the local date of the approval), oldest approval first (then by reference): ' +
      'at most `limit` rows, after `cursor`. The CSV download lists them all.',
  })
  rows: EligibilityExceptionRow[];

  @ApiProperty({ type: EligibilityExceptionTotals, description: 'Over the whole period (every page together), whichever page this is.' })
  totals: EligibilityExceptionTotals;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'WzMwMSwiMjAyNi0wMy0yMCAwMjowMDowMCswMCIsIldDLTIwMjYtMDAxMjMtMiJd',
    description: 'Pass it as `cursor` (with the same period) for the page after this one; null when this is the last page.',
  })
  next: string | null;
}

/** `under_review` → `underReview`. */
const camel = (state: string) => state.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as Exclude<keyof ClaimStateCounts, 'total'>;

const num = (v: unknown): number => Number(v ?? 0);

/** The fund-balance report's bound: rows of one day at most a leap year's worth; rows of one month at most ten years. */
export const FUND_BALANCE_MAX_DAYS = 366;
export const FUND_BALANCE_MAX_MONTHS = 120;
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A day later in UTC, whatever the session's zone ('24 hours' has no daylight saving). */
const floorUtcDay = (t: string) => `date_trunc('day', ${t}, 'UTC')`;
const ceilUtcDay = (t: string) => `(date_trunc('day', ${t} - interval '1 microsecond', 'UTC') + interval '24 hours')`;
const utcDate = (t: string) => `(${t} AT TIME ZONE 'UTC')::date`;

/**
 * What moved on `account` from the instant `lo` (included) to `hi` (excluded; null: no end), read
 * from the rollups the ledger keeps as it posts (issue 23): the whole UTC days in between from
 * fund_movement_day, the quarter hours of the partial days at each end from fund_movement. `lo` and
 * `hi` are local midnights (whole quarter hours in every zone). One row: `dr`, `cr` (every debit and
 * credit), `cin` (debits of contributions), `iin` (of income), `cout` (credits of disbursements).
 */
const moved = (account: string, lo: string, hi: string | null): string => {
  const parts = [
    `SELECT d.kind, d.debit_minor, d.credit_minor FROM fund_movement_day d
      WHERE d.account = ${account} AND d.day >= ${utcDate(ceilUtcDay(lo))}${hi ? ` AND d.day < ${utcDate(floorUtcDay(hi))}` : ''}`,
    `SELECT m.kind, m.debit_minor, m.credit_minor FROM fund_movement m
      WHERE m.account = ${account} AND m.slot >= ${lo} AND m.slot < ${hi ? `least(${ceilUtcDay(lo)}, ${hi})` : ceilUtcDay(lo)}`,
    ...(hi
      ? [
          `SELECT m.kind, m.debit_minor, m.credit_minor FROM fund_movement m
            WHERE m.account = ${account} AND m.slot >= greatest(${floorUtcDay(hi)}, ${ceilUtcDay(lo)}) AND m.slot < ${hi}`,
        ]
      : []),
  ];
  return `(SELECT coalesce(sum(x.debit_minor), 0) AS dr, coalesce(sum(x.credit_minor), 0) AS cr,
                  coalesce(sum(x.debit_minor) FILTER (WHERE x.kind = 'contribution'), 0) AS cin,
                  coalesce(sum(x.debit_minor) FILTER (WHERE x.kind = 'income'), 0) AS iin,
                  coalesce(sum(x.credit_minor) FILTER (WHERE x.kind = 'disbursement'), 0) AS cout
             FROM (${parts.join(' UNION ALL ')}) x)`;
};

/** What a row of the eligibility-exceptions report reads of a claim `w` (z: the period). */
const EXCEPTION_COLUMNS = `w.reference, w.claim_type, w.filed_on::text AS filed_on, to_char(w.decided_at AT TIME ZONE z.tz, 'YYYY-MM-DD') AS decided_on,
          w.eligibility, w.eligibility_exception, w.decision_reason, w.decided_by, w.approved_minor::text AS approved_minor, trim(w.currency) AS currency, w.state`;

/** Claims approved outside eligibility in the whole period, oldest approval first (one row carrying only the header when none): the CSV. */
const ELIGIBILITY_EXCEPTIONS_SQL = (filter: WelfareReportFilter) =>
  `WITH ${REPORT_PERIOD_CTE}
   SELECT z.tz, z.as_of_date, ${EXCEPTION_COLUMNS}
     FROM z LEFT JOIN welfare_claim w ON w.eligibility_exception IS NOT NULL AND ${inReportPeriod('w.decided_at', filter)}
    ORDER BY w.decided_at, w.reference`;

/**
 * A page of the same rows (the JSON), with the whole period's counts per reason, in one statement
 * (one snapshot: the totals are those of the rows the pages walk). The page is a range of
 * ix_welfare_claim_exception_page: after the cursor's (decided_at, reference), LIMIT the page size
 * + 1 (the extra row says a next page exists); the counts read the period's range of the same
 * index, which carries the reason. `$5`…: the cursor's key (when given), then the limit.
 */
const ELIGIBILITY_EXCEPTIONS_PAGE_SQL = (filter: WelfareReportFilter, page: ExceptionPage): { sql: string; params: (p: unknown[]) => unknown[] } => {
  const key = page.cursor ? readExceptionCursor(page.cursor) : null;
  const params = (p: unknown[]) => [...p, ...(key ? [key.decidedAt, key.reference] : []), page.limit + 1];
  const period = `w.eligibility_exception IS NOT NULL AND ${inReportPeriod('w.decided_at', filter)}`;
  const after = key ? ' AND (w.decided_at, w.reference) > ($5::timestamptz, $6::text)' : '';
  const limit = key ? '$7' : '$5';
  const sql = `WITH ${REPORT_PERIOD_CTE},
       n AS (SELECT w.eligibility_exception AS reason, count(*)::int AS n FROM welfare_claim w WHERE ${period} GROUP BY w.eligibility_exception),
       pg AS (
         SELECT w.decided_at, w.decided_at::text AS decided_key, ${EXCEPTION_COLUMNS}
           FROM welfare_claim w CROSS JOIN z
          WHERE ${period}${after}
          ORDER BY w.decided_at, w.reference
          LIMIT ${limit}::int
       )
       SELECT z.tz, z.as_of_date, (SELECT coalesce(jsonb_object_agg(n.reason, n.n), '{}'::jsonb) FROM n) AS by_reason, pg.*
         FROM z LEFT JOIN pg ON true
        ORDER BY pg.decided_at, pg.reference`;
  return { sql, params };
};

interface ExceptionSqlRow {
  tz: string;
  as_of_date: string;
  /** The page's SQL only: the whole period's count per reason, and the row's key as Postgres writes it. */
  by_reason?: Record<string, number>;
  decided_key?: string;
  reference: string | null;
  claim_type: string;
  filed_on: string;
  decided_on: string;
  eligibility: { checks: { check: string; ok: boolean }[] };
  eligibility_exception: string;
  decision_reason: string | null;
  decided_by: string | null;
  approved_minor: string;
  currency: string;
  state: string;
}

const exceptionRow = (r: ExceptionSqlRow): EligibilityExceptionRow => ({
  reference: r.reference!,
  claimType: r.claim_type,
  filedOn: r.filed_on,
  decidedOn: r.decided_on,
  failedChecks: r.eligibility.checks.filter((c) => !c.ok).map((c) => c.check),
  exceptionReason: r.eligibility_exception,
  reason: r.decision_reason ?? '',
  approvedBy: r.decided_by,
  approvedMinor: r.approved_minor,
  currency: r.currency,
  state: r.state,
});

/**
 * Reports on the welfare fund for supervisors and welfare officers: claims by type and state,
 * median days from filing to decision per claim type, and the fund's cash over time. Each is one
 * read-only SQL statement over the tables (no entity is loaded, nothing is written, no schema of
 * its own). Periods are local dates of the home jurisdiction; "now" is the injected Clock.
 */
@Injectable()
export class WelfareReports {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /**
   * Claims filed in the period (by `filed_on`, the local date of filing in the home
   * jurisdiction, as the claim shows it), per claim type and current state. Every known claim type
   * has a row, in the order of CLAIM_TYPES (types unknown to it last, by name); totals per state.
   */
  async claimsByTypeAndState(filter: WelfareReportFilter): Promise<ClaimsByTypeReport> {
    const now = this.clock.now();
    const rows = (await this.db.query(
      `WITH ${REPORT_PERIOD_CTE},
       c AS (
         SELECT w.claim_type, w.state, count(*)::int AS n
           FROM welfare_claim w
          WHERE ($3::date IS NULL OR w.filed_on >= $3::date) AND ($4::date IS NULL OR w.filed_on <= $4::date)
          GROUP BY w.claim_type, w.state
       )
       SELECT z.tz, z.as_of_date, c.claim_type, c.state, c.n
         FROM z LEFT JOIN c ON true`,
      this.params(now, filter),
    )) as { tz: string; as_of_date: string; claim_type: string | null; state: ClaimState | null; n: number }[];
    const zero = (): ClaimStateCounts => ({ submitted: 0, underReview: 0, documentsRequested: 0, approved: 0, rejected: 0, disbursed: 0, paid: 0, total: 0 });
    const byType = new Map<string, ClaimStateCounts>(CLAIM_TYPES.map((t) => [t, zero()]));
    const totals = zero();
    for (const r of rows) {
      if (r.claim_type === null || r.state === null) continue;
      if (!byType.has(r.claim_type)) byType.set(r.claim_type, zero());
      const counts = byType.get(r.claim_type)!;
      const key = (CLAIM_STATES as readonly string[]).includes(r.state) ? camel(r.state) : null;
      const n = num(r.n);
      if (key) {
        counts[key] += n;
        totals[key] += n;
      }
      counts.total += n;
      totals.total += n;
    }
    const known = CLAIM_TYPES as readonly string[];
    const order = [...known, ...[...byType.keys()].filter((t) => !known.includes(t)).sort()];
    return { ...this.header(now, filter, rows[0]), rows: order.map((claimType) => ({ claimType, ...byType.get(claimType)! })), totals };
  }

  /**
   * Days from filing to decision, per claim type: the claims decided (approved or rejected) in
   * the period, by the local date of the decision; types with no decision in the period have no
   * row. Filing is `welfare_claim.created_at`; the decision is the `closed_at` of the claim's
   * `welfare.decision` deadline in state `met`: approve and reject meet it in their own
   * transaction, with the same Clock that stamped the filing, so the difference is exact. (The
   * audit log's `welfare.claim.approve`/`reject` entries are stamped with the wall clock when they
   * are chained, not with the Clock, so they are not used.) Elapsed time, calendar days,
   * including any time spent waiting for requested documents. Median: `percentile_cont(0.5)`
   * (the mean of the two middle values for an even count), rounded to two decimals.
   */
  async decisionTimes(filter: WelfareReportFilter): Promise<DecisionTimesReport> {
    const now = this.clock.now();
    const decision = metDeadlineJoin('dl', { subjectType: WELFARE_CLAIM_SUBJECT, subjectId: 'w.id::text', kind: '$5' });
    const rows = (await this.db.query(
      `WITH ${REPORT_PERIOD_CTE},
       d AS (
         SELECT w.claim_type, (w.state = 'rejected') AS rejected, (w.state IN ('approved','disbursed','paid')) AS approved,
                extract(epoch FROM ${decision.metAt} - w.created_at) / 86400.0 AS days
           FROM welfare_claim w
           ${decision.join}
          CROSS JOIN z
          WHERE ${inReportPeriod(decision.metAt, filter)}
       ),
       r AS (
         SELECT d.claim_type, grouping(d.claim_type) AS all_types,
                count(*)::int AS decided,
                count(*) FILTER (WHERE d.approved)::int AS approved,
                count(*) FILTER (WHERE d.rejected)::int AS rejected,
                round((percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days))::numeric, 2)::text AS median_days
           FROM d
          GROUP BY GROUPING SETS ((d.claim_type), ())
       )
       SELECT z.tz, z.as_of_date, r.*
         FROM z LEFT JOIN r ON true
        ORDER BY r.all_types NULLS LAST, array_position($6::text[], r.claim_type) NULLS LAST, r.claim_type`,
      [...this.params(now, filter), WELFARE_DECISION_KIND, [...CLAIM_TYPES]],
    )) as {
      tz: string;
      as_of_date: string;
      claim_type: string | null;
      all_types: number | null;
      decided: number;
      approved: number;
      rejected: number;
      median_days: string | null;
    }[];
    const figures = (r: (typeof rows)[number] | undefined): DecisionTimeFigures => ({
      decided: num(r?.decided),
      approved: num(r?.approved),
      rejected: num(r?.rejected),
      medianDays: numOrNull(r?.median_days),
    });
    const out: DecisionTimeRow[] = rows.filter((r) => r.all_types === 0 && r.claim_type !== null).map((r) => ({ claimType: r.claim_type!, ...figures(r) }));
    return { ...this.header(now, filter, rows[0]), rows: out, totals: figures(rows.find((r) => num(r.all_types) === 1)) };
  }

  /**
   * fund-cash over time: per local day (or month) of the period, the contributions paid in, the
   * disbursements paid out, and the balance at the end of the bucket: the balance before the
   * period plus a running sum (window function) over the buckets. A movement counts on the local
   * date its fund entry was written (`fund_entry.created_at`: when the ledger took it, not the
   * receipt's `paid_on`). Every bucket of the period is listed, those without movement too
   * (carrying the balance forward). Bounded (issue 20): at most FUND_BALANCE_MAX_DAYS day rows or
   * FUND_BALANCE_MAX_MONTHS month rows. Open ends: from the first day with a fund-cash movement, cut to the bound,
   * (today when there is none), to today. Read from the rollups the ledger keeps as it posts (issue
   * 23; `moved`): each bucket's UTC days and edge quarter hours, and the opening balance as fund-cash's
   * balance now (fund_balance) less what moved since the period began; no line is read.
   */
  async fundBalance(filter: WelfareReportFilter & { bucket?: FundBucket }): Promise<FundBalanceReport> {
    const now = this.clock.now();
    const bucket: FundBucket = filter.bucket ?? 'day';
    if (filter.from) await this.boundFundBalance(now, filter.from, filter.to, bucket);
    const rows = (await this.db.query(
      `WITH ${REPORT_PERIOD_CTE},
       span AS (
         SELECT coalesce($3::date, greatest(least((SELECT (min(m.slot) AT TIME ZONE t.tz)::date FROM fund_movement m WHERE m.account = $6), last_day), earliest), last_day) AS first_day,
                last_day, t.tz
           FROM (SELECT last_day, tz, CASE WHEN $5 = 'day' THEN last_day - ${FUND_BALANCE_MAX_DAYS - 1} ELSE (date_trunc('month', last_day) - interval '${FUND_BALANCE_MAX_MONTHS - 1} months')::date END AS earliest
                   FROM (SELECT coalesce($4::date, greatest(z.as_of_date::date, $3::date)) AS last_day, z.tz FROM z) l) t
       ),
       bounds AS (SELECT (span.first_day::timestamp AT TIME ZONE span.tz) AS lo, ((span.last_day + 1)::timestamp AT TIME ZONE span.tz) AS hi FROM span),
       b AS (
         SELECT date_trunc($5, g)::date AS bucket_start, min(g)::date AS first_day, max(g)::date AS last_day
           FROM span, generate_series(span.first_day::timestamp, span.last_day::timestamp, interval '1 day') g
          GROUP BY 1
       ),
       opening AS (
         SELECT coalesce((SELECT debit_minor - credit_minor FROM fund_balance WHERE account = $6), 0)
              - (SELECT o.dr - o.cr FROM ${moved('$6', '(SELECT lo FROM bounds)', null)} o) AS v
       ),
       r AS (
         SELECT b.bucket_start, b.first_day, b.last_day, mv.cin, mv.iin, mv.cout, mv.dr - mv.cr AS net,
                opening.v + sum(mv.dr - mv.cr) OVER (ORDER BY b.bucket_start) AS closing
           FROM b CROSS JOIN opening CROSS JOIN span
          CROSS JOIN LATERAL ${moved('$6', '(b.first_day::timestamp AT TIME ZONE span.tz)', '((b.last_day + 1)::timestamp AT TIME ZONE span.tz)')} mv
       )
       SELECT z.tz, z.as_of_date,
              to_char(span.first_day::timestamp, 'YYYY-MM-DD') AS span_first, to_char(span.last_day::timestamp, 'YYYY-MM-DD') AS span_last, opening.v::text AS opening,
              to_char(r.bucket_start::timestamp, $7) AS bucket, to_char(r.first_day::timestamp, 'YYYY-MM-DD') AS first_day, to_char(r.last_day::timestamp, 'YYYY-MM-DD') AS last_day,
              r.cin::text AS cin, r.iin::text AS iin, r.cout::text AS cout, r.net::text AS net, r.closing::text AS closing
         FROM z CROSS JOIN span CROSS JOIN opening
         LEFT JOIN r ON true
        ORDER BY r.bucket_start`,
      [...this.params(now, filter), bucket, FUND_CASH, bucket === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'],
    )) as {
      tz: string;
      as_of_date: string;
      span_first: string;
      span_last: string;
      opening: string;
      bucket: string | null;
      first_day: string;
      last_day: string;
      cin: string;
      iin: string;
      cout: string;
      net: string;
      closing: string;
    }[];
    const out: FundBalanceRow[] = rows
      .filter((r) => r.bucket !== null)
      .map((r) => ({
        bucket: r.bucket!,
        firstDay: r.first_day,
        lastDay: r.last_day,
        contributionsInMinor: r.cin,
        incomeInMinor: r.iin,
        disbursementsOutMinor: r.cout,
        netMinor: r.net,
        closingBalanceMinor: r.closing,
      }));
    const sum = (k: keyof FundMovements) => out.reduce((s, r) => s + BigInt(r[k]), 0n).toString();
    const opening = rows[0]?.opening ?? '0';
    return {
      ...this.header(now, filter, rows[0]),
      currency: this.config.get('welfare').WELFARE_FUND_CURRENCY,
      bucket,
      firstDay: rows[0]?.span_first ?? now.toISOString().slice(0, 10),
      lastDay: rows[0]?.span_last ?? now.toISOString().slice(0, 10),
      openingBalanceMinor: opening,
      rows: out,
      totals: {
        contributionsInMinor: sum('contributionsInMinor'),
        incomeInMinor: sum('incomeInMinor'),
        disbursementsOutMinor: sum('disbursementsOutMinor'),
        netMinor: sum('netMinor'),
        closingBalanceMinor: out.at(-1)?.closingBalanceMinor ?? opening,
      },
    };
  }

  /**
   * The fund's position at the end of a local day (`to`, or today): cash, what came in by source and
   * what went out in the period, and the projected obligations: per claim type, the claims approved
   * and not yet disbursed (the balance of each claim's payable account at the end of the day), with
   * cash minus obligations. Read from the rollups the ledger keeps as it posts (issue 23): an
   * account's figure at the end of the day is its balance now less what moved after the day (the
   * UTC days and quarter hours since, `moved`); the obligations are the totals kept per claim type
   * (`fund_obligation`, at most 16 rows a type), corrected for the claims whose payable moved after
   * the day (none for today): their contribution now taken out, what they owed at the end of the
   * day (their lines alone) put in. No claim owed is read one by one.
   */
  async fundPosition(filter: WelfareReportFilter): Promise<FundPositionReport> {
    const now = this.clock.now();
    // The end of the day first, as a parameter of the report's query: the planner then knows how
    // few claim payables moved after it (none for today) and reads them by ix_fund_balance_moved.
    const [{ hi }] = (await this.db.query(
      `WITH ${REPORT_PERIOD_CTE} SELECT ((coalesce($4::date, z.as_of_date::date) + 1)::timestamp AT TIME ZONE z.tz) AS hi FROM z`,
      this.params(now, filter),
    )) as { hi: Date }[];
    const rows = (await this.db.query(
      `WITH ${REPORT_PERIOD_CTE},
       d AS (SELECT coalesce($4::date, z.as_of_date::date) AS day, $8::timestamptz AS hi FROM z),
       acc AS (
         SELECT a.account,
                coalesce(b.credit_minor, 0) - coalesce(s.cr, 0) AS cr_to_day,
                coalesce(b.debit_minor, 0) - coalesce(s.dr, 0) AS dr_to_day,
                coalesce(p.cr, 0) AS cr_period, coalesce(p.dr, 0) AS dr_period
           FROM unnest($7::text[]) AS a(account)
           LEFT JOIN fund_balance b ON b.account = a.account
           LEFT JOIN LATERAL ${moved('a.account', '(SELECT hi FROM d)', null)} s ON true
           LEFT JOIN LATERAL (SELECT q.* FROM ${moved('a.account', '(SELECT lo FROM z)', '(SELECT hi FROM d)')} q WHERE $3::date IS NOT NULL) p ON true
       ),
       totals AS (
         SELECT max(dr_to_day - cr_to_day) FILTER (WHERE account = $5) AS cash,
                max(CASE WHEN $3::date IS NULL THEN cr_to_day - dr_to_day ELSE cr_period - dr_period END) FILTER (WHERE account = 'contributions-received') AS contributions,
                max(CASE WHEN $3::date IS NULL THEN cr_to_day - dr_to_day ELSE cr_period - dr_period END) FILTER (WHERE account = 'appropriations-received') AS appropriations,
                max(CASE WHEN $3::date IS NULL THEN cr_to_day - dr_to_day ELSE cr_period - dr_period END) FILTER (WHERE account = 'other-income') AS other,
                max(CASE WHEN $3::date IS NULL THEN cr_to_day ELSE cr_period END) FILTER (WHERE account = $5) AS disbursed
           FROM acc
       ),
       late AS (
         SELECT (SELECT w.claim_type FROM welfare_claim w WHERE w.id = substr(b.account, length('claim-payable:') + 1)::uuid) AS claim_type,
                b.credit_minor - b.debit_minor AS owed_now,
                CASE WHEN b.first_moved_at < $8 THEN coalesce((SELECT sum(l.credit_minor - l.debit_minor) FROM fund_line l JOIN fund_entry e ON e.seq = l.entry_seq
                                                               WHERE l.account = b.account AND e.created_at < $8), 0)
                     ELSE 0 END AS owed_then
           FROM fund_balance b
          WHERE b.last_moved_at >= $8 AND b.account LIKE 'claim-payable:%' AND (b.first_moved_at < $8 OR b.debit_minor <> b.credit_minor)
       ),
       ob AS (
         SELECT claim_type, sum(claims)::int AS claims, sum(owed) AS owed
           FROM (SELECT claim_type, claims::bigint AS claims, owed_minor::numeric AS owed FROM fund_obligation
                 UNION ALL
                 SELECT claim_type, (owed_then <> 0)::int - (owed_now <> 0)::int, owed_then - owed_now FROM late WHERE claim_type IS NOT NULL) k
          GROUP BY claim_type HAVING sum(claims) > 0
       )
       SELECT z.tz, z.as_of_date, to_char(d.day::timestamp, 'YYYY-MM-DD') AS day, t.cash::text AS cash, t.contributions::text AS contributions, t.appropriations::text AS appropriations,
              t.other::text AS other, t.disbursed::text AS disbursed, ob.claim_type, ob.claims, ob.owed::text AS owed
         FROM z CROSS JOIN d CROSS JOIN totals t LEFT JOIN ob ON true
        ORDER BY array_position($6::text[], ob.claim_type) NULLS LAST, ob.claim_type`,
      [...this.params(now, filter), FUND_CASH, [...CLAIM_TYPES], [FUND_CASH, CONTRIBUTIONS_RECEIVED, APPROPRIATIONS_RECEIVED, OTHER_INCOME], hi],
    )) as {
      tz: string;
      as_of_date: string;
      day: string;
      cash: string;
      contributions: string;
      appropriations: string;
      other: string;
      disbursed: string;
      claim_type: string | null;
      claims: number;
      owed: string;
    }[];
    const first = rows[0];
    const out: FundObligationRow[] = rows
      .filter((r) => r.claim_type !== null)
      .map((r) => ({ claimType: r.claim_type!, claims: num(r.claims), obligationsMinor: r.owed }));
    const obligations = out.reduce((a, r) => a + BigInt(r.obligationsMinor), 0n);
    return {
      ...this.header(now, filter, first),
      currency: this.config.get('welfare').WELFARE_FUND_CURRENCY,
      asOfDay: first.day,
      cashMinor: first.cash,
      income: { contributionsMinor: first.contributions, appropriationsMinor: first.appropriations, otherIncomeMinor: first.other },
      disbursedMinor: first.disbursed,
      rows: out,
      totals: {
        claims: out.reduce((a, r) => a + r.claims, 0),
        obligationsMinor: obligations.toString(),
        uncommittedMinor: (BigInt(first.cash) - obligations).toString(),
      },
    };
  }

  /**
   * Claims approved outside eligibility (a supervisor, a reason from the list and words), by the
   * local date of the approval (`decided_at`, the Clock's), oldest first (then by reference), with
   * the checks they failed, the reason and who approved them: a page of `page.limit` rows after
   * `page.cursor` (issue 23: never the whole period in the process; eligibility-exception-page.ts)
   * with the next page's cursor, and the totals per reason of the whole period, counted in SQL.
   * The whole period (the CSV) is {@link eligibilityExceptionRows}.
   */
  async eligibilityExceptions(filter: WelfareReportFilter, page: ExceptionPage = { limit: EXCEPTION_PAGE_DEFAULT }): Promise<EligibilityExceptionsReport> {
    const now = this.clock.now();
    const { sql, params } = ELIGIBILITY_EXCEPTIONS_PAGE_SQL(filter, page);
    const rows = (await this.db.query(sql, params(this.params(now, filter)))) as ExceptionSqlRow[];
    // With no claim on the page, the one row carries only the header and the counts.
    const found = rows.filter((r) => r.reference !== null);
    const more = found.length > page.limit;
    const shown = more ? found.slice(0, page.limit) : found;
    const last = shown[shown.length - 1];
    const counted = rows[0]?.by_reason ?? {};
    const byReason = Object.fromEntries(ELIGIBILITY_EXCEPTION_REASONS.map((k) => [k, num(counted[k])])) as unknown as EligibilityExceptionCounts;
    return {
      ...this.header(now, filter, rows[0]),
      rows: shown.map(exceptionRow),
      totals: { approvals: Object.values(counted).reduce((a, n) => a + num(n), 0), byReason },
      next: more ? exceptionCursor({ decidedAt: last.decided_key!, reference: last.reference! }) : null,
    };
  }

  /**
   * The same rows as {@link eligibilityExceptions}, in the same order, read through a database
   * cursor in batches (issue 23: the CSV is streamed, the rows are not held): the header comes with
   * the first batch (an error of the query is thrown here, before anything is sent). The reader
   * iterates `rows` to the end or calls `close`.
   */
  async eligibilityExceptionRows(
    filter: WelfareReportFilter,
    batchSize = 500,
  ): Promise<{ header: WelfareReportHeader; rows: AsyncIterable<EligibilityExceptionRow[]>; close: () => Promise<void> }> {
    const now = this.clock.now();
    const cursor = await QueryCursor.open<ExceptionSqlRow>(this.db, ELIGIBILITY_EXCEPTIONS_SQL(filter), this.params(now, filter), batchSize);
    async function* rows(): AsyncGenerator<EligibilityExceptionRow[], void, undefined> {
      for await (const batch of cursor) yield batch.filter((r) => r.reference !== null).map(exceptionRow);
    }
    return { header: this.header(now, filter, cursor.first[0]), rows: rows(), close: () => cursor.close() };
  }

  /**
   * The fund-balance report is bounded: at most FUND_BALANCE_MAX_DAYS day rows, or
   * FUND_BALANCE_MAX_MONTHS month rows; a longer period is a 400 naming `from` (an open `from` is
   * cut to the bound by the query itself).
   */
  private async boundFundBalance(now: Date, from: string, to: string | undefined, bucket: FundBucket): Promise<void> {
    const [{ days, months }] = (await this.db.query(
      `SELECT (l - $3::date + 1)::int AS days, ((extract(year FROM l) - extract(year FROM $3::date)) * 12 + extract(month FROM l) - extract(month FROM $3::date) + 1)::int AS months
         FROM (SELECT coalesce($4::date, greatest(to_char($2::timestamptz AT TIME ZONE ${jurisdictionTimeZone('$1')}, 'YYYY-MM-DD')::date, $3::date)) AS l) x`,
      [this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION, now, from, to ?? null],
    )) as { days: number; months: number }[];
    if (bucket === 'day' && days > FUND_BALANCE_MAX_DAYS)
      throw new ValidationFailedException([
        { field: 'from', message: `the period has ${days} days: at most ${FUND_BALANCE_MAX_DAYS} by day (ask bucket=month for longer)`, rule: 'maxPeriod' },
      ]);
    if (bucket === 'month' && months > FUND_BALANCE_MAX_MONTHS)
      throw new ValidationFailedException([
        { field: 'from', message: `the period spans ${months} months: at most ${FUND_BALANCE_MAX_MONTHS} by month`, rule: 'maxPeriod' },
      ]);
  }

  private params(now: Date, filter: WelfareReportFilter): unknown[] {
    return reportPeriodParams(this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION, now, filter);
  }

  private header(now: Date, filter: WelfareReportFilter, first: { tz: string; as_of_date: string } | undefined): WelfareReportHeader {
    return reportPeriodHeader(now, filter, first);
  }
}
