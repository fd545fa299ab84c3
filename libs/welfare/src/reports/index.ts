export { WelfareReports } from './welfare-reports.service';
export type {
  ClaimStateCounts,
  ClaimTypeStateRow,
  ClaimsByTypeReport,
  DecisionTimeFigures,
  DecisionTimeRow,
  DecisionTimesReport,
  FundBalanceReport,
  FundBalanceRow,
  FundBucket,
  FundMovements,
  WelfareReportFilter,
  WelfareReportHeader,
} from './welfare-reports.service';
