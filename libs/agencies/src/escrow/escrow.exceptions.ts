import { ConflictException, DomainException } from '@app/common';

/** A garnishment or release larger than the balance: refused, nothing written (409). */
export class EscrowInsufficientBalanceException extends ConflictException {
  constructor(balanceMinor: bigint, askedMinor: bigint, currency: string) {
    super(
      'escrow-insufficient-balance',
      `The escrow balance (${balanceMinor} ${currency} minor units) is less than the amount asked (${askedMinor}); the balance may never be negative.`,
      {
        balanceMinor: balanceMinor.toString(),
        amountMinor: askedMinor.toString(),
        currency,
      },
    );
  }
}

/** A deposit or top-up that would take the balance past what the ledger can record: refused, nothing written (409). */
export class EscrowBalanceLimitException extends ConflictException {
  constructor(balanceMinor: bigint, askedMinor: bigint, limitMinor: bigint, currency: string) {
    super(
      'escrow-balance-limit',
      `The escrow balance (${balanceMinor} ${currency} minor units) plus the amount (${askedMinor}) would exceed the most the ledger can hold (${limitMinor}).`,
      {
        balanceMinor: balanceMinor.toString(),
        amountMinor: askedMinor.toString(),
        limitMinor: limitMinor.toString(),
        currency,
      },
    );
  }
}

/** An entry in another currency than the account's (400). */
export class EscrowCurrencyMismatchException extends DomainException {
  constructor(expected: string, given: string) {
    super('escrow-currency-mismatch', 400, 'Wrong currency', `This escrow account is kept in ${expected}; an entry in ${given} is refused. Convert it first.`, {
      expectedCurrency: expected,
      currency: given,
    });
  }
}

/** The agency has no escrow account yet: licensing (or a supervisor) opens it with the license type (409). */
export class EscrowAccountNotOpenException extends ConflictException {
  constructor() {
    super(
      'escrow-account-not-open',
      'The agency has no escrow account yet; open it with the license type first (POST /licensing/agencies/:agencyId/escrow/account).',
    );
  }
}
