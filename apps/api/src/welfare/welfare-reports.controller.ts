import { Controller, Get, Query, Res, StreamableFile, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/auth';
import { CsvColumn, toCsv } from '@app/common';
import { CLAIM_TYPES } from '@app/welfare';
import {
  ClaimTypeStateRow,
  ClaimsByTypeReport,
  DecisionTimeRow,
  DecisionTimesReport,
  EXCEPTION_PAGE_DEFAULT,
  EXCEPTION_PAGE_MAX,
  EligibilityExceptionRow,
  EligibilityExceptionsReport,
  FundBalanceReport,
  FundObligationRow,
  FundPositionReport,
  FundBalanceRow,
  FundBucket,
  WelfareReports,
} from '@app/welfare/reports';
import { ExportSlots } from '../http/export-slots';
import { PagedReportQuery, ReportQuery, csvDownload } from '../http/report-query';

/** A report's period and format (apps/api/src/http/report-query.ts). */
export class WelfareReportQuery extends ReportQuery {}

export class FundBalanceQuery extends WelfareReportQuery {
  @ApiPropertyOptional({
    enum: ['day', 'month'],
    default: 'day',
    example: 'month',
    description: 'One row per local day, or per calendar month (cut at the period’s ends).',
  })
  @IsOptional()
  @IsIn(['day', 'month'])
  bucket?: FundBucket;
}

/** The eligibility-exceptions report's query: the period and format, and (JSON only) which page. */
export class EligibilityExceptionsQuery extends PagedReportQuery({
  row: 'claim',
  rows: 'claims',
  csvLists: 'every claim of the period',
  first: 'the first page',
  default: EXCEPTION_PAGE_DEFAULT,
  max: EXCEPTION_PAGE_MAX,
  cursorExample: 'WzMwMSwiMjAyNi0wMy0yMCAwMjowMDowMCswMCIsIldDLTIwMjYtMDAxMjMtMiJd',
}) {}

const CLAIM_COLUMNS: CsvColumn<ClaimTypeStateRow>[] = [
  'claimType',
  'submitted',
  'underReview',
  'documentsRequested',
  'approved',
  'rejected',
  'disbursed',
  'paid',
  'total',
];
const DECISION_COLUMNS: CsvColumn<DecisionTimeRow>[] = ['claimType', 'decided', 'approved', 'rejected', 'medianDays'];
/** Amounts as numbers (bigint), not text: a negative net is ours, not a formula to defuse. */
const minor = (key: 'contributionsInMinor' | 'incomeInMinor' | 'disbursementsOutMinor' | 'netMinor' | 'closingBalanceMinor'): CsvColumn<FundBalanceRow> => ({
  header: key,
  value: (r) => BigInt(r[key]),
});
const FUND_COLUMNS: CsvColumn<FundBalanceRow>[] = [
  'bucket',
  'firstDay',
  'lastDay',
  minor('contributionsInMinor'),
  minor('incomeInMinor'),
  minor('disbursementsOutMinor'),
  minor('netMinor'),
  minor('closingBalanceMinor'),
];
const POSITION_COLUMNS: CsvColumn<FundObligationRow>[] = ['claimType', 'claims', { header: 'obligationsMinor', value: (r) => BigInt(r.obligationsMinor) }];

/** The eligibility-exceptions CSV's columns (exported for the test that compares the stream with toCsv). */
export const EXCEPTION_COLUMNS: CsvColumn<EligibilityExceptionRow>[] = [
  'reference',
  'claimType',
  'filedOn',
  'decidedOn',
  { header: 'failedChecks', value: (r) => r.failedChecks.join(' ') },
  'exceptionReason',
  'reason',
  'approvedBy',
  { header: 'approvedMinor', value: (r) => BigInt(r.approvedMinor) },
  'currency',
  'state',
];

/** What each CSV looks like (written by the same code, so the examples keep its format). */
const ZERO = { submitted: 0, underReview: 0, documentsRequested: 0, approved: 0, rejected: 0, disbursed: 0, paid: 0, total: 0 };
const CLAIMS_CSV_EXAMPLE = toCsv(
  [
    ...CLAIM_TYPES.map((claimType) => (claimType === 'death:natural' ? { ...ZERO, claimType, submitted: 1, paid: 2, total: 3 } : { ...ZERO, claimType })),
    { ...ZERO, claimType: 'total', submitted: 1, paid: 2, total: 3 },
  ],
  CLAIM_COLUMNS,
);
const DECISIONS_CSV_EXAMPLE = toCsv(
  [
    { claimType: 'medical', decided: 2, approved: 1, rejected: 1, medianDays: 12.5 },
    { claimType: 'total', decided: 2, approved: 1, rejected: 1, medianDays: 12.5 },
  ],
  DECISION_COLUMNS,
);
const FUND_CSV_EXAMPLE = toCsv(
  [
    {
      bucket: '2026-03',
      firstDay: '2026-03-01',
      lastDay: '2026-03-31',
      contributionsInMinor: '1500000',
      incomeInMinor: '0',
      disbursementsOutMinor: '2000000',
      netMinor: '-500000',
      closingBalanceMinor: '3250000',
    },
    {
      bucket: 'total',
      firstDay: '2026-03-01',
      lastDay: '2026-03-31',
      contributionsInMinor: '1500000',
      incomeInMinor: '0',
      disbursementsOutMinor: '2000000',
      netMinor: '-500000',
      closingBalanceMinor: '3250000',
    },
  ],
  FUND_COLUMNS,
);

const POSITION_CSV_EXAMPLE = toCsv(
  [
    { claimType: 'death:natural', claims: 1, obligationsMinor: '20000000' },
    { claimType: 'total', claims: 1, obligationsMinor: '20000000' },
  ],
  POSITION_COLUMNS,
);
const EXCEPTIONS_CSV_EXAMPLE = toCsv(
  [
    {
      reference: 'WC-2026-00123-2',
      claimType: 'medical',
      filedOn: '2026-03-02',
      decidedOn: '2026-03-20',
      failedChecks: ['filed-in-window'],
      exceptionReason: 'late-filing-good-cause',
      reason: 'In hospital for four months after the accident.',
      approvedBy: '7d3c6f0e-2f4b-4c8e-9a59-1b2c3d4e5f60',
      approvedMinor: '250000',
      currency: 'PHP',
      state: 'approved',
    },
  ],
  EXCEPTION_COLUMNS,
);

/** The 200 of a report: its JSON class, or (`?format=csv`) the same rows and a closing `total` row as a CSV download. */
const ReportResponse = (report: Type<unknown>, file: string, csvExample: string, totalRow = true) =>
  ApiOkResponse({
    description: `The report: JSON by default; with \`format=csv\` a CSV download (\`text/csv; charset=utf-8\`, RFC 4180, a header line, the rows${totalRow ? ' and a closing `total` row' : ''}), named \`welfare-${file}-<asOfDate>.csv\` by \`Content-Disposition\`.`,
    headers: { 'Content-Disposition': { description: `CSV only: \`attachment; filename="welfare-${file}-<asOfDate>.csv"\`.`, schema: { type: 'string' } } },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(report) } },
      'text/csv': { schema: { type: 'string' }, example: csvExample },
    },
  });

/**
 * Reports on the welfare fund (docs/welfare.md, "Reports"): claims by type and state, median days
 * from filing to decision per claim type, and the fund's cash per day or month. JSON by default;
 * `?format=csv` answers the same rows (and the totals row) as a CSV download, as the complaints
 * reports do.
 */
@ApiTags('welfare: reports')
@ApiBearerAuth()
@ApiExtraModels(ClaimsByTypeReport, DecisionTimesReport, FundBalanceReport, EligibilityExceptionsReport, FundPositionReport)
@Controller('welfare/reports')
@Roles('supervisor', 'welfare_officer')
export class WelfareReportsController {
  constructor(
    private readonly reports: WelfareReports,
    private readonly exports: ExportSlots,
  ) {}

  /** Claims filed in the period (by filing date), per claim type and current state, with totals. */
  @Get('claims')
  @ApiOperation({
    summary: 'Report claims by type and state',
    description:
      'The claims filed in the period (by their local filing date, `filedOn`), counted per claim type and current state. Every claim type has a row, ' +
      'in the order of the claim types, even with no claim; `totals` sums them per state. `from` and `to` are optional local dates of the home ' +
      'jurisdiction, both included (left out: open). Read-only; computed at the time of the request.',
  })
  @ReportResponse(ClaimsByTypeReport, 'claims', CLAIMS_CSV_EXAMPLE)
  async claims(@Query() q: WelfareReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<ClaimsByTypeReport | string> {
    const report = await this.reports.claimsByTypeAndState(q);
    if (q.format !== 'csv') return report;
    return this.csv(reply, 'claims', report, toCsv([...report.rows, { claimType: 'total', ...report.totals }], CLAIM_COLUMNS));
  }

  /** Claims decided in the period (by decision date), per claim type: how many, approved, rejected, median days from filing. */
  @Get('decision-times')
  @ApiOperation({
    summary: 'Report the days from filing to decision per claim type',
    description:
      'The claims decided (approved or rejected) in the period, by the local date of the decision, per claim type: how many, how many approved and ' +
      'rejected, and the median of the days from filing to decision (continuous median, two decimals; elapsed calendar time, including any time spent ' +
      'waiting for requested documents). Only types with a decision in the period have a row; `totals` is the median over every decision, not a median ' +
      'of medians. Read-only; computed at the time of the request.',
  })
  @ReportResponse(DecisionTimesReport, 'decision-times', DECISIONS_CSV_EXAMPLE)
  async decisionTimes(@Query() q: WelfareReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<DecisionTimesReport | string> {
    const report = await this.reports.decisionTimes(q);
    if (q.format !== 'csv') return report;
    return this.csv(reply, 'decision-times', report, toCsv([...report.rows, { claimType: 'total', ...report.totals }], DECISION_COLUMNS));
  }

  /** fund-cash per day (or `?bucket=month`): contributions in, disbursements out, balance at the end of the bucket. */
  @Get('fund-balance')
  @ApiOperation({
    summary: "Report the fund's cash per day or month",
    description:
      "fund-cash over the period, one row per local day (`bucket=day`, the default) or calendar month (`bucket=month`, cut at the period's ends), " +
      "days without movement too: contributions paid in, appropriations and other income paid in, disbursements paid out, their net, and the balance at the end of the row's last day " +
      "(`openingBalanceMinor` plus a running sum). A movement counts on the local date the ledger took it, not on a receipt's date; approvals move no " +
      'cash. Bounded: at most 366 rows by day, 120 by month; a longer period is 400 naming `from`. Open ends: from the first day with a movement ' +
      "(today when there is none; cut to the bound) to today. Amounts are minor units of the fund's currency; in CSV " +
      "they are written as numbers. For a period ending today the closing balance equals `GET /welfare/fund`'s `cashMinor`. Read-only.",
  })
  @ReportResponse(FundBalanceReport, 'fund-balance', FUND_CSV_EXAMPLE)
  async fundBalance(@Query() q: FundBalanceQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<FundBalanceReport | string> {
    const report = await this.reports.fundBalance(q);
    if (q.format !== 'csv') return report;
    const total: FundBalanceRow = { bucket: 'total', firstDay: report.firstDay, lastDay: report.lastDay, ...report.totals };
    return this.csv(reply, 'fund-balance', report, toCsv([...report.rows, total], FUND_COLUMNS));
  }

  /** The fund's position at the end of a day, its income by source and its projected obligations (approved, not yet disbursed) per claim type. */
  @Get('fund-position')
  @ApiOperation({
    summary: "Report the fund's position and projected obligations",
    description:
      'The fund at the end of the local day `to` (left out: today): cash held; what came in from `from` (left out: the beginning) to that day, by source ' +
      '(contributions, appropriations, other income) and what was disbursed; and the projected obligations: per claim type, the claims approved and not ' +
      "yet disbursed and what the fund owes on them (from each claim's payable account in the ledger at the end of the day), with `uncommittedMinor`, cash " +
      "minus obligations (negative when approvals outrun the cash). For today the obligations equal `GET /welfare/fund`'s `payablesMinor`. The CSV has " +
      'the obligation rows and a closing `total` row. Read-only.',
  })
  @ReportResponse(FundPositionReport, 'fund-position', POSITION_CSV_EXAMPLE)
  async fundPosition(@Query() q: WelfareReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<FundPositionReport | string> {
    const report = await this.reports.fundPosition(q);
    if (q.format !== 'csv') return report;
    return this.csv(
      reply,
      'fund-position',
      report,
      toCsv([...report.rows, { claimType: 'total', claims: report.totals.claims, obligationsMinor: report.totals.obligationsMinor }], POSITION_COLUMNS),
    );
  }

  /** Claims approved outside eligibility in the period: the failed checks, the reason from the list, the words, who approved. */
  @Get('eligibility-exceptions')
  @ApiOperation({
    summary: 'Report claims approved outside eligibility',
    description:
      'Every claim a supervisor approved although it failed an eligibility check (membership on the incident date, the filing window, an earlier payment), ' +
      "by the local date of the approval, oldest first (then by reference): the checks it failed, the reason from the list (`exceptionReason`), the supervisor's words, who " +
      'approved it and the amount. `from` and `to` are optional local dates, both included. ' +
      `The JSON is a page: \`limit\` claims (${EXCEPTION_PAGE_DEFAULT} by default, at most ${EXCEPTION_PAGE_MAX}) and \`next\`, the cursor of the page after ` +
      '(null on the last page; keyset paging: pass it back as `cursor` with the same period); `totals` counts the whole period, per reason too, on every page. ' +
      'The CSV has one row per claim of the whole period (the failed checks separated by spaces; `limit` and `cursor` do not apply) and no totals row, ' +
      'streamed as the client reads: an instance streams at most `DATABASE_EXPORT_STREAMS` downloads at once (4 by default), past it 503 `service-unavailable` with `Retry-After`. Read-only.',
  })
  @ReportResponse(EligibilityExceptionsReport, 'eligibility-exceptions', EXCEPTIONS_CSV_EXAMPLE, false)
  async eligibilityExceptions(
    @Query() q: EligibilityExceptionsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EligibilityExceptionsReport | StreamableFile> {
    if (q.format !== 'csv') return this.reports.eligibilityExceptions({ from: q.from, to: q.to }, { limit: q.limit, cursor: q.cursor });
    // One row per claim, as many as the period holds: streamed from a database cursor (issue 23), one of the process's few streams at once.
    return this.exports.csv(
      reply,
      () => this.reports.eligibilityExceptionRows({ from: q.from, to: q.to }),
      (header) => `welfare-eligibility-exceptions-${header.asOfDate}.csv`,
      EXCEPTION_COLUMNS,
    );
  }

  /** Sends the CSV text as a download named after the report and the local date it was made. */
  private csv(reply: FastifyReply, report: string, header: { asOfDate: string }, body: string): string {
    return csvDownload(reply, `welfare-${report}-${header.asOfDate}.csv`, body);
  }
}
