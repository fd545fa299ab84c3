export * from './problem';
export * from './domain.exception';
export * from './validation';
export * from './problem-renderer';
export * from './unavailable';
export * from './core-input.error';
export * from './idempotency';
