import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AGENCY_TABLE, agencyColumns } from '@app/agencies';
import { Clock, ConfigService } from '@app/common';
import { QueryCursor } from '@app/database';
import { REPORT_PERIOD_CTE, inReportPeriod, reportPeriodHeader, reportPeriodParams, slaCompliance } from '@app/deadlines';
import { placementsPerAgencySql } from '@app/fees';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import { RANK_ORDER, afterRank, foreignRankCursor, rankCursor, readRankCursor } from './agency-ranking';
import { AgencyRankingCache, KEPT_RANKS, type KeptRanking, RANKING_CHANGED_SQL, RANKING_SNAPSHOT_SQL } from './agency-ranking-cache';
import { CLOSE_OUTCOMES, COMPLAINT_STAGES, CloseOutcome, ComplaintStage } from '../lifecycle/complaint-transitions';

/**
 * A period of local dates (YYYY-MM-DD, both ends included) in the ministry's home jurisdiction
 * (DEADLINE_DEFAULT_JURISDICTION's time zone). Which date of a record counts is each report's.
 */
export interface ReportFilter {
  from?: string;
  to?: string;
}

const INT = { type: 'integer', minimum: 0, example: 0 } as const;

/** What every report says about itself. */
export class ReportHeader {
  /** The instant the figures were computed for (the injected Clock). */
  @ApiProperty({ type: String, format: 'date-time', description: 'The instant the figures were computed for.' })
  asOf: string;

  /** That instant's local date in `timeZone`. */
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-04-01',
    description: "That instant's local date in `timeZone` (the CSV download is named after it).",
  })
  asOfDate: string;

  /** The zone the period's dates are read in. */
  @ApiProperty({ type: String, example: 'Asia/Manila', description: "The zone the period's dates are read in (the home jurisdiction's)." })
  timeZone: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-01-01',
    description: 'The first day of the period, as asked; null: from the beginning.',
  })
  from: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-31', description: 'The last day of the period, as asked; null: up to now.' })
  to: string | null;
}

/** Cases counted by age: whole days from filing to now (open) or to closing (closed). */
export class AgeBuckets {
  @ApiProperty({ ...INT, description: '0 to 7 days old.' })
  days0To7: number;

  @ApiProperty({ ...INT, description: '8 to 30 days old.' })
  days8To30: number;

  @ApiProperty({ ...INT, description: '31 to 90 days old.' })
  days31To90: number;

  @ApiProperty({ ...INT, description: 'Over 90 days old.' })
  daysOver90: number;

  @ApiProperty({ ...INT, description: 'All of them.' })
  total: number;
}

/** One stage (one row per outcome for `closed`), its cases by age. */
export class StageAgeRow extends AgeBuckets {
  @ApiProperty({ enum: COMPLAINT_STAGES, enumName: 'ComplaintStage', example: 'conciliation' })
  stage: ComplaintStage;

  /** For `closed`: how the cases ended; null for the open stages. */
  @ApiProperty({
    type: String,
    enum: CLOSE_OUTCOMES,
    nullable: true,
    example: null,
    description: 'For `closed`: how the cases ended (one row each); null for the open stages.',
  })
  outcome: CloseOutcome | null;
}

/** Cases filed in the period by stage and age. */
export class StageAgeReport extends ReportHeader {
  @ApiProperty({
    type: [StageAgeRow],
    description: 'Every open stage in lifecycle order, then `closed` once per outcome; a row with nothing in it is listed with zeros.',
  })
  rows: StageAgeRow[];

  @ApiProperty({ type: AgeBuckets, description: 'All rows added up.' })
  totals: AgeBuckets;
}

/** The case deadlines of one kind (or all), by how they were met. */
export class SlaCounts {
  @ApiProperty({
    ...INT,
    description:
      'Met by the due time, never breached; or a deadline whose breach is its action (the appeal window, the conciliation, a license expiry) that acted.',
  })
  metOnTime: number;

  /** Met after the due time, or after the breach fired. */
  @ApiProperty({ ...INT, description: 'Met after the due time, or after the breach fired.' })
  metLate: number;

  /** Still open and past due (breached, or pending with the due time passed). */
  @ApiProperty({ ...INT, description: 'Still open and past due (breached, or pending with the due time passed).' })
  openOverdue: number;

  /** Still open, not due yet (or paused before it was). */
  @ApiProperty({ ...INT, description: 'Still open, not due yet (or paused before it was).' })
  openOnTime: number;

  /** metOnTime / (metOnTime + metLate + openOverdue) in %, one decimal; null when nothing is decided yet. */
  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 100,
    nullable: true,
    example: 87.5,
    description: 'metOnTime / (metOnTime + metLate + openOverdue) in %, one decimal; null when none is met or overdue yet.',
  })
  compliancePct: number | null;
}

export class SlaRow extends SlaCounts {
  @ApiProperty({
    type: String,
    example: 'complaint.triage',
    description:
      'The deadline kind (complaint.triage, complaint.conciliation, ..., license.expiry, fees.refund-payment, welfare kinds...): the case kinds first in the order a case meets them, then the others by name.',
  })
  kind: string;
}

/** SLA compliance of every deadline of the system in the period (cases, licensing, fees, escrow, welfare). */
export class SlaReport extends ReportHeader {
  @ApiProperty({ type: [SlaRow], description: 'One row per deadline kind with a deadline in the period (cancelled ones left out).' })
  rows: SlaRow[];

  @ApiProperty({ type: SlaCounts, description: 'All rows added up (the percentage of the sums).' })
  totals: SlaCounts;
}

/** One agency's complaints against its deployments in the period. */
export class AgencyRateRow {
  @ApiProperty({ type: String, format: 'uuid' })
  agencyId: string;

  @ApiProperty({ type: String, example: 'Bayanihan Manpower Services Inc.' })
  legalName: string;

  @ApiProperty({ ...INT, description: 'Complaints naming the agency filed in the period (inspection cases left out).' })
  complaints: number;

  @ApiProperty({ ...INT, description: 'Placements the agency recorded in the period.' })
  deployments: number;

  /** complaints × 100 / deployments, two decimals; null when the agency recorded no placement in the period. */
  @ApiProperty({
    type: Number,
    minimum: 0,
    nullable: true,
    example: 2.5,
    description: 'complaints × 100 / deployments, two decimals; null when the agency recorded no placement in the period.',
  })
  ratePer100: number | null;
}

/** Complaints per 100 deployments, per agency: a page of the ranking. */
export class AgencyRateReport extends ReportHeader {
  @ApiProperty({
    type: [AgencyRateRow],
    description:
      'A page of the ranking of every agency with a complaint or a placement in the period: highest rate first (no rate last), then most complaints, then by name (then by id). ' +
      'At most `limit` rows; the CSV download lists them all.',
  })
  rows: AgencyRateRow[];

  @ApiProperty({ ...INT, example: 17071, description: 'How many agencies the whole ranking holds (every page together).' })
  total: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'WzMwMCw2NjY3LDIsIjBiOWYzYzhlLTNhNWQtNGY2NC05ZDdlLTJmMWM4YTZiNGUyMSJd',
    description: 'Pass it as `cursor` (with the same period) for the page after this one; null when this is the last page.',
  })
  next: string | null;
}

/** A page of the per-agency ranking: how many rows, and after which (a page's `next`). */
export interface AgencyPage {
  limit: number;
  cursor?: string;
}

/** The open stages (one row each), then `closed` once per outcome. */
const STAGE_KEYS: { stage: ComplaintStage; outcome: CloseOutcome | null }[] = [
  ...COMPLAINT_STAGES.filter((s) => s !== 'closed').map((stage) => ({ stage, outcome: null })),
  ...CLOSE_OUTCOMES.map((outcome) => ({ stage: 'closed' as const, outcome })),
];

/** The order rows come in: the order of COMPLAINT_DEADLINES (as a case meets them); kinds unknown to it last, by name. */
const DEADLINE_KINDS: string[] = Object.values(COMPLAINT_DEADLINES);

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A row of the ranking's SQL (with no agency in the ranking, one row carrying only the header's columns). */
interface AgencyRankRow {
  tz: string;
  as_of_date: string;
  total: number;
  known: boolean;
  agency_id: string | null;
  legal_name: string;
  complaints: number;
  deployments: number;
  rate: string | null;
}

const agencyRow = (r: AgencyRankRow): AgencyRateRow => ({
  agencyId: r.agency_id!,
  legalName: r.legal_name,
  complaints: num(r.complaints),
  deployments: num(r.deployments),
  ratePer100: numOrNull(r.rate),
});

/**
 * Supervisor reports on complaints: cases by stage and age, SLA compliance of the case
 * deadlines, and complaints per 100 deployments by agency. Each is one read-only SQL statement
 * (aggregates read through the period's indexes and kept counts; no entity is loaded; the
 * per-agency ranking is kept between requests while its inputs are unchanged). Periods are local dates of the home
 * jurisdiction; "now" is the injected Clock.
 */
@Injectable()
export class ComplaintReports {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly rankings: AgencyRankingCache,
  ) {}

  /**
   * Cases filed in the period (by the local date of `created_at`; complaints and inspection
   * cases alike: both are caseload), per stage and age bucket.
   * Age in whole days (24 h) elapsed: from filing to now for open cases, from filing to closing
   * for closed ones (which are counted per outcome). Buckets: 0–7, 8–30, 31–90, over 90 days.
   */
  async byStageAndAge(filter: ReportFilter): Promise<StageAgeReport> {
    const now = this.clock.now();
    const rows = (await this.db.query(
      `WITH ${REPORT_PERIOD_CTE},
       keys AS (SELECT k.stage, k.outcome, k.ord FROM unnest($5::text[], $6::text[]) WITH ORDINALITY AS k(stage, outcome, ord)),
       aged AS (
         SELECT c.stage, c.outcome,
                greatest(0, floor(extract(epoch FROM (CASE WHEN c.stage = 'closed' THEN coalesce(c.closed_at, $2::timestamptz) ELSE $2::timestamptz END) - c.created_at) / 86400))::int AS days
           FROM complaint c, z
          WHERE ${inReportPeriod('c.created_at', filter)}
       )
       SELECT z.tz, z.as_of_date, k.stage, k.outcome,
              count(a.days) FILTER (WHERE a.days <= 7)::int AS d0,
              count(a.days) FILTER (WHERE a.days BETWEEN 8 AND 30)::int AS d8,
              count(a.days) FILTER (WHERE a.days BETWEEN 31 AND 90)::int AS d31,
              count(a.days) FILTER (WHERE a.days > 90)::int AS d91,
              count(a.days)::int AS total
         FROM z CROSS JOIN keys k
         LEFT JOIN aged a ON a.stage = k.stage AND a.outcome IS NOT DISTINCT FROM k.outcome
        GROUP BY z.tz, z.as_of_date, k.stage, k.outcome, k.ord
        ORDER BY k.ord`,
      [...this.params(now, filter), STAGE_KEYS.map((k) => k.stage), STAGE_KEYS.map((k) => k.outcome)],
    )) as {
      tz: string;
      as_of_date: string;
      stage: ComplaintStage;
      outcome: CloseOutcome | null;
      d0: number;
      d8: number;
      d31: number;
      d91: number;
      total: number;
    }[];
    const out: StageAgeRow[] = rows.map((r) => ({
      stage: r.stage,
      outcome: r.outcome,
      days0To7: num(r.d0),
      days8To30: num(r.d8),
      days31To90: num(r.d31),
      daysOver90: num(r.d91),
      total: num(r.total),
    }));
    const totals: AgeBuckets = { days0To7: 0, days8To30: 0, days31To90: 0, daysOver90: 0, total: 0 };
    for (const r of out) for (const k of Object.keys(totals) as (keyof AgeBuckets)[]) totals[k] += r[k];
    return { ...this.header(now, filter, rows[0]), rows: out, totals };
  }

  /**
   * Every deadline of the system per kind (cases, fines, licensing, fees, escrow, welfare),
   * cancelled ones left out; a kind with no deadline in the period has no row; the case kinds
   * first, in the order a case meets them, then the others by name. A deadline counts in the
   * period of the local date it was met (met ones) or falls due (open ones). Met on time: met by
   * its due time and never breached, or a deadline whose breach is its action and that acted (its
   * handler answered `acted` at the breach, and the engine closed it as met; or, fired before
   * outcomes were recorded, left breached with its policy's first level acting at the due time:
   * the appeal window, the conciliation, a license's expiry); met late: met after the due time or after the breach fired; open overdue: breached (and
   * not acting), or pending past its due time (the breach not fired yet); open on time: the rest
   * (a paused deadline's clock is stopped: it is late only if it had breached).
   */
  async slaCompliance(filter: ReportFilter): Promise<SlaReport> {
    const { header, rows, totals } = await slaCompliance(this.db, {
      jurisdiction: this.jurisdiction(),
      now: this.clock.now(),
      period: filter,
      order: DEADLINE_KINDS,
    });
    return { ...header, rows, totals };
  }

  /**
   * Complaints per 100 deployments, per agency: complaints naming the agency filed in the period
   * (local date of `created_at`; inspection cases, which complaints open, are not complaints)
   * against placements the agency recorded in the same period. Every agency with a complaint or a
   * placement in the period is ranked: highest rate first (no placements: no rate, listed last),
   * then most complaints, then by name, then by id (agency-ranking.ts). The answer is `page.limit`
   * rows after `page.cursor` (ranked, cut and limited in SQL: a period at national scale ranks some
   * 17,000 agencies) with the next page's cursor; `total` counts the whole ranking. The whole
   * ranking (the CSV) is {@link perAgencyRows}.
   *
   * The first page reads the head of the ranking (its first KEPT_RANKS agencies and its total) and
   * this process keeps it with the snapshot it was read in (AgencyRankingCache). A later page
   * within that head, or another reader of the same period, is cut from it after one check in
   * Postgres that no transaction has since changed a complaint, a placement, an agency's name or
   * the time zone (migration AgencyRankingChanges); otherwise it is read again. A page past the
   * head, or after a cursor the head does not place (its agency moved or left the ranking), is
   * ranked, cut and limited in Postgres, as every page was before.
   */
  async perAgency(filter: ReportFilter, page: AgencyPage): Promise<AgencyRateReport> {
    const now = this.clock.now();
    const cursor = page.cursor ? readRankCursor(page.cursor) : null;
    const period = `${this.jurisdiction()}|${filter.from ?? ''}|${filter.to ?? ''}`;
    // The head of the period's ranking kept by this process, when nothing it was read from has changed since.
    const kept = this.rankings.get(period);
    const keptStart = kept && AgencyRankingCache.startAfter(kept, cursor, page.limit);
    if (kept && keptStart !== undefined) {
      const [check] = (await this.db.query(`WITH ${REPORT_PERIOD_CTE} SELECT z.tz, z.as_of_date, ${RANKING_CHANGED_SQL('$5', '$6')} AS changed FROM z`, [
        ...this.params(now, filter),
        kept.snapshot,
        kept.keptAt,
      ])) as { tz: string; as_of_date: string; changed: boolean }[];
      if (!check.changed) return this.keptPage(now, filter, check, kept, keptStart, page.limit);
      this.rankings.forget(period, kept);
    }
    if (cursor) return this.rankedPage(now, filter, page);
    // The first page: read the ranking's head with its snapshot, keep it, and answer from it.
    const { sql, params } = this.agencyRanking(now, filter, { page: { limit: KEPT_RANKS }, keep: true });
    const rows = (await this.db.query(sql, params)) as (AgencyRankRow & { snapshot: string; kept_at: Date })[];
    const ranked = rows.filter((r) => r.agency_id !== null);
    const fresh = this.rankings.keep(period, { snapshot: rows[0].snapshot, keptAt: rows[0].kept_at, rows: ranked.map(agencyRow), total: num(rows[0].total) });
    return this.keptPage(now, filter, rows[0], fresh, 0, page.limit);
  }

  /** A page of a kept ranking: `limit` rows from `start`. */
  private keptPage(
    now: Date,
    filter: ReportFilter,
    first: { tz: string; as_of_date: string },
    ranking: KeptRanking,
    start: number,
    limit: number,
  ): AgencyRateReport {
    const shown = ranking.rows.slice(start, start + limit);
    const last = shown[shown.length - 1];
    return {
      ...this.header(now, filter, first),
      rows: shown,
      total: ranking.total,
      next: start + limit < ranking.total ? rankCursor({ rate: last.ratePer100, complaints: last.complaints, agency_id: last.agencyId }) : null,
    };
  }

  /**
   * A page the kept head does not hold (past it, or after a cursor it does not place: the cursor's
   * agency has moved since, or is not ranked): ranked, cut and limited in Postgres, which
   * continues after any key.
   */
  private async rankedPage(now: Date, filter: ReportFilter, page: AgencyPage): Promise<AgencyRateReport> {
    const { sql, params } = this.agencyRanking(now, filter, { page });
    const rows = (await this.db.query(sql, params)) as AgencyRankRow[];
    if (!rows[0]?.known) throw foreignRankCursor();
    // With no agency on the page, the one row carries only the header's columns.
    const ranked = rows.filter((r) => r.agency_id !== null);
    const more = ranked.length > page.limit;
    const shown = more ? ranked.slice(0, page.limit) : ranked;
    const last = shown[shown.length - 1];
    return {
      ...this.header(now, filter, rows[0]),
      rows: shown.map(agencyRow),
      total: num(rows[0]?.total),
      next: more ? rankCursor({ rate: last.rate, complaints: num(last.complaints), agency_id: last.agency_id! }) : null,
    };
  }

  /**
   * The whole per-agency ranking, in the order of {@link perAgency}'s pages, read through a
   * database cursor in batches (issue 23: the CSV of some 17,000 agencies is streamed, never held):
   * the report's header and total come with the first batch (an error of the query is thrown
   * here, before anything is sent), the rows as the reader asks for them. The reader iterates
   * `rows` to the end or closes it.
   */
  async perAgencyRows(
    filter: ReportFilter,
    batchSize = 500,
  ): Promise<{ header: ReportHeader; total: number; rows: AsyncIterable<AgencyRateRow[]>; close: () => Promise<void> }> {
    const now = this.clock.now();
    const { sql, params } = this.agencyRanking(now, filter);
    const cursor = await QueryCursor.open<AgencyRankRow>(this.db, sql, params, batchSize);
    const first = cursor.first[0];
    async function* rows(): AsyncGenerator<AgencyRateRow[], void, undefined> {
      for await (const batch of cursor) yield batch.filter((r) => r.agency_id !== null).map(agencyRow);
    }
    return { header: this.header(now, filter, first), total: num(first?.total), rows: rows(), close: () => cursor.close() };
  }

  /**
   * The ranking's SQL: a page of it (after a cursor), or (no page) all of it; with `keep`, every
   * row also carries the snapshot it was read in (AgencyRankingCache).
   */
  private agencyRanking(now: Date, filter: ReportFilter, how: { page?: AgencyPage; keep?: boolean } = {}): { sql: string; params: unknown[] } {
    const { page } = how;
    const key = page?.cursor ? readRankCursor(page.cursor) : null;
    const params = this.params(now, filter);
    const at = (v: unknown) => `$${params.push(v)}`;
    // The placements and the agencies are read as libs/fees and libs/agencies publish them.
    const a = agencyColumns('a');
    const k = agencyColumns('k');
    const ranked = `WITH ${REPORT_PERIOD_CTE},
       c AS (SELECT cp.agency_id, count(*)::int AS n FROM complaint cp, z WHERE cp.agency_id IS NOT NULL AND cp.kind = 'complaint' AND ${inReportPeriod('cp.created_at', filter)} GROUP BY cp.agency_id),
       p AS (${placementsPerAgencySql(filter)}),
       r AS MATERIALIZED (
         SELECT ${a.id} AS agency_id, ${a.legalName} AS legal_name, coalesce(c.n, 0) AS complaints, coalesce(p.n, 0) AS deployments,
                CASE WHEN coalesce(p.n, 0) = 0 THEN NULL ELSE round(coalesce(c.n, 0) * 100.0 / p.n, 2) END AS rate
           FROM c FULL JOIN p ON p.agency_id = c.agency_id
           JOIN ${AGENCY_TABLE} a ON ${a.id} = coalesce(c.agency_id, p.agency_id)
       )`;
    // The cursor's agency's name, read back (a cursor naming no agency is refused by perAgency).
    const cursorName = key ? `(SELECT ${k.legalName} FROM ${AGENCY_TABLE} k WHERE ${k.id} = ${at(key.agencyId)}::uuid)` : null;
    const after = key ? `WHERE ${afterRank({ rate: at(key.rate), complaints: at(key.complaints), name: cursorName!, id: at(key.agencyId) })}` : '';
    const limit = page ? `LIMIT ${at(page.limit + 1)}::int` : '';
    const sql = `${ranked},
       n AS (SELECT count(*)::int AS total FROM r),
       pg AS (SELECT r.* FROM r ${after} ORDER BY ${RANK_ORDER} ${limit})
       SELECT z.tz, z.as_of_date, n.total, ${cursorName ? `${cursorName} IS NOT NULL` : 'true'} AS known,${how.keep ? ` ${RANKING_SNAPSHOT_SQL},` : ''} pg.*
         FROM z CROSS JOIN n LEFT JOIN pg ON true
        ORDER BY ${RANK_ORDER.replace(/\br\./g, 'pg.')}`;
    return { sql, params };
  }

  private params(now: Date, filter: ReportFilter): unknown[] {
    return reportPeriodParams(this.jurisdiction(), now, filter);
  }

  private jurisdiction(): string {
    return this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION;
  }

  private header(now: Date, filter: ReportFilter, first: { tz: string; as_of_date: string } | undefined): ReportHeader {
    return reportPeriodHeader(now, filter, first);
  }
}
