/** Typed errors of the fee-assessment core. Each names the offending field so an HTTP layer can map it to problem+json. */
export abstract class FeeAssessmentError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
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
