export {
  AgeBuckets,
  AgencyRateReport,
  AgencyRateRow,
  ComplaintReports,
  ReportHeader,
  SlaCounts,
  SlaReport,
  SlaRow,
  StageAgeReport,
  StageAgeRow,
} from './complaint-reports.service';
export type { AgencyPage, ReportFilter } from './complaint-reports.service';
export { AgencyRankingCache } from './agency-ranking-cache';
export { AGENCY_PAGE_DEFAULT, AGENCY_PAGE_MAX } from './agency-ranking';
export { csvField, toCsv } from './csv';
export type { CsvColumn, CsvValue } from './csv';
