import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/auth';
import { CsvColumn, toCsv } from '@app/common';
import { ClaimTypeStateRow, ClaimsByTypeReport, DecisionTimeRow, DecisionTimesReport, FundBalanceReport, FundBalanceRow, FundBucket, WelfareReports } from '@app/welfare/reports';
import { ReportQuery, csvDownload } from '../http/report-query';

/** A report's period and format (apps/api/src/http/report-query.ts). */
export class WelfareReportQuery extends ReportQuery {}

export class FundBalanceQuery extends WelfareReportQuery {
  @ApiPropertyOptional({ enum: ['day', 'month'], default: 'day', description: 'One row per local day, or per calendar month (cut at the period’s ends)' })
  @IsOptional()
  @IsIn(['day', 'month'])
  bucket?: FundBucket;
}

const CLAIM_COLUMNS: CsvColumn<ClaimTypeStateRow>[] = ['claimType', 'submitted', 'underReview', 'documentsRequested', 'approved', 'rejected', 'disbursed', 'paid', 'total'];
const DECISION_COLUMNS: CsvColumn<DecisionTimeRow>[] = ['claimType', 'decided', 'approved', 'rejected', 'medianDays'];
/** Amounts as numbers (bigint), not text: a negative net is ours, not a formula to defuse. */
const minor = (key: 'contributionsInMinor' | 'disbursementsOutMinor' | 'netMinor' | 'closingBalanceMinor'): CsvColumn<FundBalanceRow> => ({ header: key, value: (r) => BigInt(r[key]) });
const FUND_COLUMNS: CsvColumn<FundBalanceRow>[] = ['bucket', 'firstDay', 'lastDay', minor('contributionsInMinor'), minor('disbursementsOutMinor'), minor('netMinor'), minor('closingBalanceMinor')];

/**
 * Reports on the welfare fund (docs/welfare.md, "Reports"): claims by type and state, median days
 * from filing to decision per claim type, and the fund's cash per day or month. JSON by default;
 * `?format=csv` answers the same rows (and the totals row) as a CSV download, as the complaints
 * reports do.
 */
@ApiTags('welfare: reports')
@ApiBearerAuth()
@Controller('welfare/reports')
@Roles('supervisor', 'welfare_officer')
export class WelfareReportsController {
  constructor(private readonly reports: WelfareReports) {}

  /** Claims filed in the period (by filing date), per claim type and current state, with totals. */
  @Get('claims')
  @ApiProduces('application/json', 'text/csv')
  async claims(@Query() q: WelfareReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<ClaimsByTypeReport | string> {
    const report = await this.reports.claimsByTypeAndState(q);
    if (q.format !== 'csv') return report;
    return this.csv(reply, 'claims', report, toCsv([...report.rows, { claimType: 'total', ...report.totals }], CLAIM_COLUMNS));
  }

  /** Claims decided in the period (by decision date), per claim type: how many, approved, rejected, median days from filing. */
  @Get('decision-times')
  @ApiProduces('application/json', 'text/csv')
  async decisionTimes(@Query() q: WelfareReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<DecisionTimesReport | string> {
    const report = await this.reports.decisionTimes(q);
    if (q.format !== 'csv') return report;
    return this.csv(reply, 'decision-times', report, toCsv([...report.rows, { claimType: 'total', ...report.totals }], DECISION_COLUMNS));
  }

  /** fund-cash per day (or `?bucket=month`): contributions in, disbursements out, balance at the end of the bucket. */
  @Get('fund-balance')
  @ApiProduces('application/json', 'text/csv')
  async fundBalance(@Query() q: FundBalanceQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<FundBalanceReport | string> {
    const report = await this.reports.fundBalance(q);
    if (q.format !== 'csv') return report;
    const total: FundBalanceRow = { bucket: 'total', firstDay: report.firstDay, lastDay: report.lastDay, ...report.totals };
    return this.csv(reply, 'fund-balance', report, toCsv([...report.rows, total], FUND_COLUMNS));
  }

  /** Sends the CSV text as a download named after the report and the local date it was made. */
  private csv(reply: FastifyReply, report: string, header: { asOfDate: string }, body: string): string {
    return csvDownload(reply, `welfare-${report}-${header.asOfDate}.csv`, body);
  }
}
