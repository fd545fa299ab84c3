import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/auth';
import { AgeBuckets, AgencyRateReport, AgencyRateRow, ComplaintReports, CsvColumn, SlaCounts, SlaReport, SlaRow, StageAgeReport, StageAgeRow, toCsv } from '@app/complaints/reports';
import { ReportQuery, csvDownload } from '../http/report-query';

/** A report's period and format (apps/api/src/http/report-query.ts). */
export class ComplaintReportQuery extends ReportQuery {}

type StageCsvRow = Omit<StageAgeRow, 'stage'> & { stage: string };
type SlaCsvRow = SlaRow;

const AGE_COLUMNS: (keyof AgeBuckets)[] = ['days0To7', 'days8To30', 'days31To90', 'daysOver90', 'total'];
const STAGE_COLUMNS: CsvColumn<StageCsvRow>[] = ['stage', 'outcome', ...AGE_COLUMNS];
const SLA_COLUMNS: CsvColumn<SlaCsvRow>[] = ['kind', 'metOnTime', 'metLate', 'openOverdue', 'openOnTime', 'compliancePct'];
const AGENCY_COLUMNS: CsvColumn<AgencyRateRow>[] = ['agencyId', 'legalName', 'complaints', 'deployments', 'ratePer100'];

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
  constructor(private readonly reports: ComplaintReports) {}

  /** Cases filed in the period, per stage (closed: per outcome) and age: 0–7, 8–30, 31–90, over 90 days. */
  @Get('stages')
  @ApiProduces('application/json', 'text/csv')
  async stages(@Query() q: ComplaintReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<StageAgeReport | string> {
    const report = await this.reports.byStageAndAge(q);
    if (q.format !== 'csv') return report;
    const rows: StageCsvRow[] = [...report.rows, { stage: 'total', outcome: null, ...report.totals }];
    return this.csv(reply, 'stages', report, toCsv(rows, STAGE_COLUMNS));
  }

  /** The case deadlines per kind: met on time, met late, open overdue, open on time, and compliance %. */
  @Get('sla')
  @ApiProduces('application/json', 'text/csv')
  async sla(@Query() q: ComplaintReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<SlaReport | string> {
    const report = await this.reports.slaCompliance(q);
    if (q.format !== 'csv') return report;
    const totals: SlaCounts & { kind: string } = { kind: 'total', ...report.totals };
    return this.csv(reply, 'sla', report, toCsv([...report.rows, totals], SLA_COLUMNS));
  }

  /** Complaints per 100 deployments (placements recorded) per agency, highest rate first. */
  @Get('agencies')
  @ApiProduces('application/json', 'text/csv')
  async agencies(@Query() q: ComplaintReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<AgencyRateReport | string> {
    const report = await this.reports.perAgency(q);
    if (q.format !== 'csv') return report;
    return this.csv(reply, 'agencies', report, toCsv(report.rows, AGENCY_COLUMNS));
  }

  /** Sends the CSV text as a download named after the report and the local date it was made. */
  private csv(reply: FastifyReply, report: string, header: { asOfDate: string }, body: string): string {
    return csvDownload(reply, `complaints-${report}-${header.asOfDate}.csv`, body);
  }
}
