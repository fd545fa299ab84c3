import { CoreInputError } from '@app/common/errors/core-input.error';

/** Typed errors of the fee-assessment core. Each names the offending field (or '') so the service can map it to problem+json (rethrowCoreInput). */
export abstract class FeeAssessmentError extends CoreInputError {
  constructor(message: string, field = '') {
    super(message, field);
  }
}

/** A currency code that is not a known ISO 4217 code. */
export class UnknownCurrencyError extends FeeAssessmentError {
  readonly code = 'unknown-currency';
  constructor(
    readonly currency: string,
    field?: string,
  ) {
    super(`Unknown currency code ${JSON.stringify(currency)}`, field);
  }
}

/** No exchange rate for a pair on a date. Never guessed, never taken from another date. */
export class MissingExchangeRateError extends FeeAssessmentError {
  readonly code = 'missing-exchange-rate';
  constructor(
    readonly from: string,
    readonly to: string,
    readonly date: string,
    field?: string,
  ) {
    super(`No exchange rate ${from} -> ${to} on ${date}`, field);
  }
}

/** A rate (or multiple) that is not a positive plain decimal. */
export class InvalidDecimalError extends FeeAssessmentError {
  readonly code = 'invalid-decimal';
  constructor(
    readonly value: string,
    field?: string,
  ) {
    super(`Not a valid non-negative decimal: ${JSON.stringify(value)}`, field);
  }
}

/** Bad input in a rule, placement or fee line (negative amounts, bad dates, zero salary...). */
export class InvalidAssessmentInputError extends FeeAssessmentError {
  readonly code = 'invalid-input';
  constructor(message: string, field: string) {
    super(message, field);
  }
}
