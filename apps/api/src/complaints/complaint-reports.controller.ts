import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy, ValidationArguments } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/auth';
import { AgeBuckets, AgencyRateReport, AgencyRateRow, ComplaintReports, CsvColumn, ReportHeader, SlaCounts, SlaReport, SlaRow, StageAgeReport, StageAgeRow, toCsv } from '@app/complaints/reports';
import { IsLocalDate } from '../http/dto-rules';

/** `to` may not be before `from` (both YYYY-MM-DD, so text order is date order). */
const NotBefore = (field: string) =>
  ValidateBy({
    name: 'notBefore',
    constraints: [field],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const other = (args?.object as Record<string, unknown> | undefined)?.[field];
        return typeof value !== 'string' || typeof other !== 'string' || value >= other;
      },
      defaultMessage: () => `must not be before ${field}`,
    },
  });

export class ComplaintReportQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day of the period (local date of the home jurisdiction), included' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day of the period, included; not before `from`' })
  @IsOptional()
  @IsLocalDate()
  @NotBefore('from')
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: a file download (RFC 4180, UTF-8)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

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
  private csv(reply: FastifyReply, report: string, header: ReportHeader, body: string): string {
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="complaints-${report}-${header.asOfDate}.csv"`);
    return body;
  }
}
