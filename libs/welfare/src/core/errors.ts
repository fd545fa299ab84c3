import { CoreInputError } from '@app/common/errors/core-input.error';

/**
 * Typed errors of the welfare-fund core. Each carries a stable `code` and a `field` naming the
 * offending input path (`contributions[2].paidOn`, `degreePercent`, `entries[4].lines[0]`), so an
 * HTTP layer can map it to problem+json (rethrowCoreInput).
 */
export abstract class WelfareCoreError extends CoreInputError {}

/** Bad input: a date that is not a real YYYY-MM-DD, a non-bigint or negative amount, a missing claimed amount, a degree out of range... */
export class InvalidWelfareInputError extends WelfareCoreError {
  readonly code = 'invalid-welfare-input';
  constructor(field: string, problem: string) {
    super(`Invalid welfare input: ${field} ${problem}`, field);
  }
}

/** A benefit schedule that cannot be applied: a bad rule, validFrom after validTo, two entries of one type in force on the same day. */
export class InvalidBenefitScheduleError extends WelfareCoreError {
  readonly code = 'invalid-benefit-schedule';
  constructor(field: string, problem: string) {
    super(`Invalid benefit schedule: ${field} ${problem}`, field);
  }
}

/** Two amounts that must share a currency do not (a claim in USD against a PHP rule). */
export class CurrencyMismatchError extends WelfareCoreError {
  readonly code = 'currency-mismatch';
  constructor(
    field: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Currency mismatch: ${field} is in ${actual}, expected ${expected}`, field);
  }
}

/** A ledger entry that is not a valid balanced double entry (one-sided line, non-positive amount, unknown account, debits ≠ credits). */
export class InvalidLedgerEntryError extends WelfareCoreError {
  readonly code = 'invalid-ledger-entry';
  constructor(field: string, problem: string) {
    super(`Invalid ledger entry: ${field} ${problem}`, field);
  }
}

/** An entry whose currency differs from the fund's: a fund keeps one currency. */
export class MixedCurrencyError extends WelfareCoreError {
  readonly code = 'mixed-currency';
  constructor(
    field: string,
    readonly fundCurrency: string,
    readonly entryCurrency: string,
  ) {
    super(`The fund is kept in ${fundCurrency}; ${field} is in ${entryCurrency}. Convert before posting.`, field);
  }
}

/** A disbursement (or any entry) that would make the fund's cash negative. Nothing is posted. */
export class InsufficientFundError extends WelfareCoreError {
  readonly code = 'insufficient-fund';
  constructor(
    readonly availableMinor: bigint,
    readonly requestedMinor: bigint,
    readonly currency: string,
  ) {
    super(
      `Insufficient fund: paying ${currency} ${requestedMinor} (minor units) would overdraw fund-cash, which holds ${currency} ${availableMinor}`,
      'amountMinor',
    );
  }
}

/** A disbursement larger than what is still payable on the claim (never approved, or already paid). Nothing is posted. */
export class OverDisbursementError extends WelfareCoreError {
  readonly code = 'over-disbursement';
  constructor(
    readonly claimId: string,
    readonly outstandingMinor: bigint,
    readonly requestedMinor: bigint,
    readonly currency: string,
  ) {
    super(
      `Over-disbursement: claim ${claimId} has ${currency} ${outstandingMinor} (minor units) payable, ${currency} ${requestedMinor} requested`,
      'amountMinor',
    );
  }
}
