import { DomainException, rethrowCoreInput } from '@app/common';
import { MissingExchangeRateError } from './assessment';

/** No rate for a pair on a date (within FEES_RATE_MAX_AGE_DAYS): the ministry must record one; the system never guesses. */
export class MissingExchangeRateException extends DomainException {
  constructor(e: MissingExchangeRateError) {
    super(
      'missing-exchange-rate',
      422,
      'Missing exchange rate',
      `No exchange rate ${e.from} -> ${e.to} is in force on ${e.date}; an administrator must record one.`,
      { from: e.from, to: e.to, date: e.date },
    );
  }
}

/** No fee rule covers the corridor on the date asked. */
export class NoFeeRuleException extends DomainException {
  constructor(destination: string, occupation: string, origin: string, date: string) {
    super('no-fee-rule', 404, 'No fee rule', `No fee rule for ${occupation} work in ${destination} (origin ${origin}) is in force on ${date}.`, {
      destination,
      occupation,
      origin,
      date,
    });
  }
}

/**
 * Maps the pure core's errors to problem+json: bad input → 400 naming the field (its path
 * prefixed with where the input sat in the request), a missing rate → 422. Anything else is rethrown.
 */
export function rethrowAsProblem(e: unknown, fieldOf: (coreField: string) => string = (f) => f): never {
  if (e instanceof MissingExchangeRateError) throw new MissingExchangeRateException(e);
  return rethrowCoreInput(e, fieldOf);
}
