export { ComplaintReports, compliancePercent } from './complaint-reports.service';
export type { AgeBuckets, AgencyRateReport, AgencyRateRow, ReportFilter, ReportHeader, SlaCounts, SlaReport, SlaRow, StageAgeReport, StageAgeRow } from './complaint-reports.service';
export { csvField, toCsv } from './csv';
export type { CsvColumn, CsvValue } from './csv';
