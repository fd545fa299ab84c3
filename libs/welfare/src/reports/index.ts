export { WelfareReports } from './welfare-reports.service';
export {
  ClaimStateCounts,
  ClaimTypeStateRow,
  ClaimsByTypeReport,
  DecisionTimeFigures,
  DecisionTimeRow,
  DecisionTimesReport,
  FundBalanceReport,
  FundBalanceRow,
  FundBalanceTotals,
  FundMovements,
  WelfareReportHeader,
} from './welfare-reports.service';
export type { FundBucket, WelfareReportFilter } from './welfare-reports.service';
