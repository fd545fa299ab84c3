export { WelfareReports } from './welfare-reports.service';
export { EXCEPTION_PAGE_DEFAULT, EXCEPTION_PAGE_MAX } from './eligibility-exception-page';
export type { ExceptionPage } from './eligibility-exception-page';
export {
  ClaimStateCounts,
  ClaimTypeStateRow,
  ClaimsByTypeReport,
  DecisionTimeFigures,
  DecisionTimeRow,
  DecisionTimesReport,
  EligibilityExceptionCounts,
  EligibilityExceptionRow,
  EligibilityExceptionTotals,
  EligibilityExceptionsReport,
  FundBalanceReport,
  FundIncomeFigures,
  FundObligationRow,
  FundObligationTotals,
  FundPositionReport,
  FUND_BALANCE_MAX_DAYS,
  FUND_BALANCE_MAX_MONTHS,
  FundBalanceRow,
  FundBalanceTotals,
  FundMovements,
  WelfareReportHeader,
} from './welfare-reports.service';
export type { FundBucket, WelfareReportFilter } from './welfare-reports.service';
