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
export type { ReportFilter } from './complaint-reports.service';
export { csvField, toCsv } from './csv';
export type { CsvColumn, CsvValue } from './csv';
