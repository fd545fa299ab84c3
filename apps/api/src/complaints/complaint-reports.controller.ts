import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/auth';
import {
  AGENCY_PAGE_DEFAULT,
  AGENCY_PAGE_MAX,
  AgeBuckets,
  AgencyRateReport,
  AgencyRateRow,
  ComplaintReports,
  CsvColumn,
  SlaCounts,
  SlaReport,
  SlaRow,
  StageAgeReport,
  StageAgeRow,
  toCsv,
} from '@app/complaints/reports';
import { ExportSlots } from '../http/export-slots';
import { ApiReportResponse, PagedReportQuery, ReportQuery, csvDownload } from '../http/report-query';

/** A report's period and format (apps/api/src/http/report-query.ts). */
export class ComplaintReportQuery extends ReportQuery {}

/** The per-agency report's query: the period and format, and (JSON only) which page of the ranking. */
export class AgencyRateQuery extends PagedReportQuery({
  row: 'agency',
  rows: 'agencies',
  csvLists: 'every agency',
  first: 'the top of the ranking',
  default: AGENCY_PAGE_DEFAULT,
  max: AGENCY_PAGE_MAX,
  cursorExample: 'WzMwMCw2NjY3LDIsIjBiOWYzYzhlLTNhNWQtNGY2NC05ZDdlLTJmMWM4YTZiNGUyMSJd',
}) {}

const REPORT_FORMAT =
  'Periods are local dates of the home jurisdiction (`from`, `to` included; either may be left out). Read-only; computed as of now. ' +
  'JSON by default; `format=csv` answers the same rows as a CSV download (RFC 4180, UTF-8, `Content-Disposition: attachment; filename="complaints-<report>-<asOfDate>.csv"`).';

type StageCsvRow = Omit<StageAgeRow, 'stage'> & { stage: string };
type SlaCsvRow = SlaRow;

const AGE_COLUMNS: (keyof AgeBuckets)[] = ['days0To7', 'days8To30', 'days31To90', 'daysOver90', 'total'];
const STAGE_COLUMNS: CsvColumn<StageCsvRow>[] = ['stage', 'outcome', ...AGE_COLUMNS];
const SLA_COLUMNS: CsvColumn<SlaCsvRow>[] = ['kind', 'metOnTime', 'metLate', 'openOverdue', 'openOnTime', 'compliancePct'];
const AGENCY_COLUMNS: CsvColumn<AgencyRateRow>[] = ['agencyId', 'legalName', 'complaints', 'deployments', 'ratePer100'];

/** What each CSV looks like (written by the same code, so the examples keep its format). */
const STAGES_CSV_EXAMPLE = toCsv<StageCsvRow>(
  [{ stage: 'submitted', outcome: null, days0To7: 3, days8To30: 1, days31To90: 0, daysOver90: 0, total: 4 }],
  STAGE_COLUMNS,
);
const SLA_CSV_EXAMPLE = toCsv(
  [{ kind: 'complaint.triage', metOnTime: 8, metLate: 1, openOverdue: 1, openOnTime: 2, compliancePct: 80 }] as SlaCsvRow[],
  SLA_COLUMNS,
);
const AGENCIES_CSV_EXAMPLE = toCsv(
  [
    { agencyId: '0b9f3c8e-3a5d-4f64-9d7e-2f1c8a6b4e21', legalName: 'Bayanihan Manpower Services Inc.', complaints: 3, deployments: 120, ratePer100: 2.5 },
  ] as AgencyRateRow[],
  AGENCY_COLUMNS,
);

/**
 * Supervisor reports on complaints (docs/complaints.md, "Reports"): cases by stage and age, SLA
 * compliance of the case deadlines, complaints per 100 deployments by agency. JSON by default;
 * `?format=csv` answers the same rows (and the totals row) as a CSV download.
 */
@ApiTags('complaints: reports')
@ApiBearerAuth()
@Controller('complaints/reports')
@Roles('supervisor')
export class ComplaintReportsController {
  constructor(
    private readonly reports: ComplaintReports,
    private readonly exports: ExportSlots,
  ) {}

  /** Cases filed in the period, per stage (closed: per outcome) and age: 0–7, 8–30, 31–90, over 90 days. */
  @Get('stages')
  @ApiOperation({
    summary: 'Report cases by stage and age',
    description:
      'Cases filed in the period (by the local date of filing; complaints and inspection cases alike), per stage (closed ones per outcome) and age in whole days: 0–7, 8–30, 31–90, over 90 ' +
      '(open cases aged to now, closed ones to their closing). Every stage is listed, with zeros when empty, and the totals. ' +
      REPORT_FORMAT +
      ' The CSV ends with a `total` row.',
  })
  @ApiReportResponse(StageAgeReport, STAGES_CSV_EXAMPLE)
  async stages(@Query() q: ComplaintReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<StageAgeReport | string> {
    const report = await this.reports.byStageAndAge(q);
    if (q.format !== 'csv') return report;
    const rows: StageCsvRow[] = [...report.rows, { stage: 'total', outcome: null, ...report.totals }];
    return this.csv(reply, 'stages', report, toCsv(rows, STAGE_COLUMNS));
  }

  /** The case deadlines per kind: met on time, met late, open overdue, open on time, and compliance %. */
  @Get('sla')
  @ApiOperation({
    summary: 'Report SLA compliance of the case deadlines',
    description:
      'The case deadlines per kind (cancelled ones left out): met on time, met late (after the due time or after the breach fired), open overdue, open on time, and compliance % ' +
      '(on time out of those met or overdue). A deadline counts in the period of the local date it was met (met ones) or falls due (open ones); a kind with none in the period has no row. ' +
      REPORT_FORMAT +
      ' The CSV ends with a `total` row.',
  })
  @ApiReportResponse(SlaReport, SLA_CSV_EXAMPLE)
  async sla(@Query() q: ComplaintReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<SlaReport | string> {
    const report = await this.reports.slaCompliance(q);
    if (q.format !== 'csv') return report;
    const totals: SlaCounts & { kind: string } = { kind: 'total', ...report.totals };
    return this.csv(reply, 'sla', report, toCsv([...report.rows, totals], SLA_COLUMNS));
  }

  /** Complaints per 100 deployments (placements recorded) per agency, highest rate first. */
  @Get('agencies')
  @ApiOperation({
    summary: 'Report complaints per 100 deployments by agency',
    description:
      'Per agency: the complaints naming it filed in the period (inspection cases left out) against the placements it recorded in the same period, as a rate per 100. ' +
      'Every agency with a complaint or a placement in the period is ranked: highest rate first (no placements: no rate, listed last), then most complaints, then by name (then by id). ' +
      `The JSON is a page of the ranking: \`limit\` agencies (${AGENCY_PAGE_DEFAULT} by default, at most ${AGENCY_PAGE_MAX}), \`total\` the number in the whole ranking, ` +
      'and `next`, the cursor of the page after (null on the last page; keyset paging: pass it back as `cursor`). The CSV lists every agency in the same order (`limit` and `cursor` do not apply), ' +
      'streamed as the client reads: an instance streams at most `DATABASE_EXPORT_STREAMS` downloads at once (4 by default), past it 503 `service-unavailable` with `Retry-After`. ' +
      REPORT_FORMAT,
  })
  @ApiReportResponse(AgencyRateReport, AGENCIES_CSV_EXAMPLE)
  async agencies(@Query() q: AgencyRateQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<AgencyRateReport | StreamableFile> {
    if (q.format !== 'csv') return this.reports.perAgency({ from: q.from, to: q.to }, { limit: q.limit, cursor: q.cursor });
    // Every agency, streamed from a database cursor as the client reads (issue 23): never one string; one of the process's few streams at once.
    return this.exports.csv(
      reply,
      () => this.reports.perAgencyRows({ from: q.from, to: q.to }),
      (header) => `complaints-agencies-${header.asOfDate}.csv`,
      AGENCY_COLUMNS,
    );
  }

  /** Sends the CSV text as a download named after the report and the local date it was made. */
  private csv(reply: FastifyReply, report: string, header: { asOfDate: string }, body: string): string {
    return csvDownload(reply, `complaints-${report}-${header.asOfDate}.csv`, body);
  }
}
