export * from './assessment';
export * from './entities';
export { FeesModule } from './fees.module';
export type { FeesActor } from './fees-actor';
export { FeesCalendar } from './fees-calendar';
export { MissingExchangeRateException, NoFeeRuleException, rethrowAsProblem } from './fee-errors';
export { FeeSchedules } from './schedules/fee-schedules.service';
export type { CorridorKey, RuleFilter } from './schedules/fee-schedules.service';
export { AllowedItemView, FeeRuleView, MoneyCapView, PlacementFeeCapView } from './schedules/fee-rule-mapping';
export type { FeeRuleInput } from './schedules/fee-rule-mapping';
export { COST_ITEMS, isCostItem } from './schedules/cost-items';
export { OCCUPATION_CATEGORIES, isOccupationCategory } from './schedules/occupation-categories';
export { ORIGIN_CURRENCIES, originCurrency } from './schedules/origin-currencies';
export { CostItemView, FeeVocabulary, feeVocabulary } from './schedules/fee-vocabulary';
export { ExchangeRates } from './rates/exchange-rates.service';
export { ExchangeRateView } from './rates/exchange-rates.service';
export type { ExchangeRateInput, RateFilter } from './rates/exchange-rates.service';
export { Placements, MayNotPlaceWorkersException } from './placements/placements.service';
export type { AmendPlacementInput, PlacementFilter, PlacementTermsInput, RecordPlacementInput } from './placements/placements.service';
export type { FeeLineInput } from './placements/fee-lines';
export { placementWorkers } from './placements/placement-workers';
export type { PlacementWorker, PlacementWorkerQuery } from './placements/placement-workers';
export * from './placements/placement-views';
export { RefundOrders, REFUND_ORDER_SUBJECT, REFUND_PAYMENT_KIND } from './refunds/refund-orders.service';
export type { RefundOrderFilter } from './refunds/refund-orders.service';
export { REFUND_ORDER_ACTIONS, REFUND_ORDER_LIFECYCLE, REFUND_ORDER_TRANSITIONS, refundOrderTransition } from './refunds/refund-order-transitions';
export type { RefundOrderAction } from './refunds/refund-order-transitions';
export { FEE_VIOLATION_EVENT } from './assessing/assessment-recorder';
export type { FeeViolationPayload } from './assessing/assessment-recorder';
export {
  CalculatorAllowedItem,
  CalculatorAnswer,
  CheckAnswer,
  CheckedFeeViolation,
  FeeCalculator,
  FeeRuleSummary,
  LabelledFeeItem,
  MaxPlacementFee,
  MoneyAnswer,
} from './calculator/fee-calculator.service';
export type { CalculatorQuestion } from './calculator/fee-calculator.service';
export { FeesSeedModule } from './demo-fees.seeder';
export { seedFeeReferenceData } from './schedules/seed-reference-data';
export { SEEDED_FEE_RULES, SEEDED_EXCHANGE_RATES, DESTINATION_SALARY_CURRENCIES } from './schedules/seed-fee-rules';
export type { SeedFeeRule, SeedExchangeRate } from './schedules/seed-fee-rules';
export { CONTRACT_TERMS, FARE_PAYERS, checkAgainstModel, compareStated } from './contracts/contract-terms';
export type { BelowModel, ContractTerm, ContractTerms, FarePayer, ModelCheck, ModelTerms, TermDifference } from './contracts/contract-terms';
export {
  CONTRACT_BELOW_MODEL_EVENT,
  ContractFindingView,
  ContractUncheckedView,
  ModelContractView,
  ModelContracts,
  PlacementContractView,
} from './contracts/model-contracts.service';
export type { ContractBelowModelPayload, ModelContractInput, PlacementContractInput } from './contracts/model-contracts.service';
export { SEEDED_MODEL_CONTRACTS, seedModelContracts } from './contracts/seed-model-contracts';
export type { SeedModelContract } from './contracts/seed-model-contracts';
export { placementDestination, placementsPerAgencySql } from './placements/placement-reads';
