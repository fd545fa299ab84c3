export * from './fee-rule.entity';
export * from './exchange-rate.entity';
export * from './placement.entity';
export * from './placement-revision.entity';
export * from './fee-statement.entity';
export * from './fee-assessment.entity';
export * from './refund-order.entity';
export * from './model-contract.entity';
