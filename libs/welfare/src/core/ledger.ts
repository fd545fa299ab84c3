/**
 * The welfare fund as a double-entry ledger (SPEC section 4): every contribution, approval and
 * disbursement is a balanced entry; balances are derived from the entries, never stored on their
 * own; fund-cash never goes negative. Pure: entries in, entries (or an error) out. See README.md.
 */
import { InsufficientFundError, InvalidLedgerEntryError, InvalidWelfareInputError, MixedCurrencyError, OverDisbursementError } from './errors';
import { Money, describe, requireCurrency, requireMinor } from './money';

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

/** The fund's money (asset). */
export const FUND_CASH = 'fund-cash';
/** Contributions paid in (revenue). */
export const CONTRIBUTIONS_RECEIVED = 'contributions-received';
/** Benefits the fund has committed to pay, recognised at approval (expense). */
export const BENEFITS_PAID = 'benefits-paid';
/** Appropriations received from the state budget (revenue; issue 20). */
export const APPROPRIATIONS_RECEIVED = 'appropriations-received';
/** Any other income: interest, donations, recoveries (revenue; issue 20). */
export const OTHER_INCOME = 'other-income';
/** The sources of income other than contributions, and the revenue account each is credited to. */
export const INCOME_KINDS = ['appropriation', 'other-income'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];
export const INCOME_ACCOUNT: Readonly<Record<IncomeKind, typeof APPROPRIATIONS_RECEIVED | typeof OTHER_INCOME>> = Object.freeze({
  appropriation: APPROPRIATIONS_RECEIVED,
  'other-income': OTHER_INCOME,
});
const PAYABLE_PREFIX = 'claim-payable:';

export type PayableAccount = `claim-payable:${string}`;
export type Account =
  typeof FUND_CASH | typeof CONTRIBUTIONS_RECEIVED | typeof BENEFITS_PAID | typeof APPROPRIATIONS_RECEIVED | typeof OTHER_INCOME | PayableAccount;
export type AccountKind = 'asset' | 'revenue' | 'expense' | 'liability';

const CLAIM_ID = /^\S+$/;

function requireClaimId(claimId: unknown, field = 'claimId'): string {
  if (typeof claimId !== 'string' || !CLAIM_ID.test(claimId))
    throw new InvalidWelfareInputError(field, `must be a non-empty claim id without spaces, got ${describe(claimId)}`);
  return claimId;
}

/** The payable account of one claim: `claim-payable:<claimId>` (a liability: what the fund owes on that claim). */
export function payableAccount(claimId: string): PayableAccount {
  return `${PAYABLE_PREFIX}${requireClaimId(claimId)}`;
}

/** The claim id of a payable account, or null for the other accounts. */
export function claimIdOf(account: Account): string | null {
  return account.startsWith(PAYABLE_PREFIX) ? account.slice(PAYABLE_PREFIX.length) : null;
}

export function isAccount(v: unknown): v is Account {
  if (v === FUND_CASH || v === CONTRIBUTIONS_RECEIVED || v === BENEFITS_PAID || v === APPROPRIATIONS_RECEIVED || v === OTHER_INCOME) return true;
  return typeof v === 'string' && v.startsWith(PAYABLE_PREFIX) && CLAIM_ID.test(v.slice(PAYABLE_PREFIX.length));
}

export function accountKind(account: Account): AccountKind {
  if (account === FUND_CASH) return 'asset';
  if (account === CONTRIBUTIONS_RECEIVED || account === APPROPRIATIONS_RECEIVED || account === OTHER_INCOME) return 'revenue';
  if (account === BENEFITS_PAID) return 'expense';
  return 'liability';
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

/** One side of one line: exactly one of debitMinor and creditMinor, a positive bigint. */
export interface EntryLine {
  account: Account;
  debitMinor?: bigint;
  creditMinor?: bigint;
}

/** A double entry in the fund's currency: the debits add up to the credits. */
export interface Entry {
  lines: EntryLine[];
  currency: string;
}

/**
 * A valid entry: an ISO 4217-shaped currency; at least two lines; each line a known account and
 * exactly one side, a positive bigint; the sum of debits equal to the sum of credits.
 * Throws InvalidLedgerEntryError naming the field.
 */
export function validateEntry(entry: Entry, field = 'entry'): void {
  const E = InvalidLedgerEntryError;
  if (entry === null || typeof entry !== 'object') throw new E(field, 'must be an entry');
  requireCurrency(entry.currency, `${field}.currency`, E);
  if (!Array.isArray(entry.lines) || entry.lines.length < 2) throw new E(`${field}.lines`, 'must have at least two lines (a debit and a credit)');
  let debits = 0n;
  let credits = 0n;
  entry.lines.forEach((line, i) => {
    const f = `${field}.lines[${i}]`;
    if (line === null || typeof line !== 'object') throw new E(f, 'must be a line');
    if (!isAccount(line.account))
      throw new E(
        `${f}.account`,
        `must be fund-cash, contributions-received, appropriations-received, other-income, benefits-paid or claim-payable:<claimId>, got ${describe(line.account)}`,
      );
    const hasDebit = line.debitMinor !== undefined;
    const hasCredit = line.creditMinor !== undefined;
    if (hasDebit === hasCredit) throw new E(f, hasDebit ? 'has both a debit and a credit: one side per line' : 'has neither a debit nor a credit');
    if (hasDebit) debits += requireMinor(line.debitMinor, `${f}.debitMinor`, 1n, E);
    else credits += requireMinor(line.creditMinor, `${f}.creditMinor`, 1n, E);
  });
  if (debits !== credits) throw new E(`${field}.lines`, `is unbalanced: debits ${debits} ≠ credits ${credits}`);
}

/** Whether an entry is valid and balanced (see {@link validateEntry}). */
export function isBalanced(entry: Entry): boolean {
  try {
    validateEntry(entry);
    return true;
  } catch (e) {
    if (e instanceof InvalidLedgerEntryError) return false;
    throw e;
  }
}

function requireAmount(amount: Money, field = 'amount'): Money {
  if (amount === null || typeof amount !== 'object') throw new InvalidWelfareInputError(field, 'must be an amount { amountMinor, currency }');
  requireMinor(amount.amountMinor, `${field}.amountMinor`, 1n);
  requireCurrency(amount.currency, `${field}.currency`);
  return amount;
}

/** A contribution received, in the fund's currency: debit fund-cash, credit contributions-received. */
export function contributionEntry(amount: Money): Entry {
  const { amountMinor, currency } = requireAmount(amount);
  return {
    currency,
    lines: [
      { account: FUND_CASH, debitMinor: amountMinor },
      { account: CONTRIBUTIONS_RECEIVED, creditMinor: amountMinor },
    ],
  };
}

/** Income other than a contribution (an appropriation, other income), in the fund's currency: debit fund-cash, credit its revenue account. */
export function incomeEntry(kind: IncomeKind, amount: Money): Entry {
  const account = INCOME_ACCOUNT[kind];
  if (!account) throw new InvalidWelfareInputError('kind', `must be one of ${INCOME_KINDS.join(', ')}, got ${describe(kind)}`);
  const { amountMinor, currency } = requireAmount(amount);
  return {
    currency,
    lines: [
      { account: FUND_CASH, debitMinor: amountMinor },
      { account, creditMinor: amountMinor },
    ],
  };
}

/** A claim approved for an amount: debit benefits-paid, credit claim-payable:<claimId>. No cash moves. */
export function approvalEntry(claimId: string, amount: Money): Entry {
  const account = payableAccount(claimId);
  const { amountMinor, currency } = requireAmount(amount);
  return {
    currency,
    lines: [
      { account: BENEFITS_PAID, debitMinor: amountMinor },
      { account, creditMinor: amountMinor },
    ],
  };
}

/** Money paid out on an approved claim: debit claim-payable:<claimId>, credit fund-cash. */
export function disbursementEntry(claimId: string, amount: Money): Entry {
  const account = payableAccount(claimId);
  const { amountMinor, currency } = requireAmount(amount);
  return {
    currency,
    lines: [
      { account, debitMinor: amountMinor },
      { account: FUND_CASH, creditMinor: amountMinor },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Balances
// ---------------------------------------------------------------------------------------------

/**
 * The fund's currency: the currency of its entries, or null when there are none. Every entry is
 * validated; an entry in another currency than the first is a MixedCurrencyError.
 */
export function ledgerCurrency(entries: readonly Entry[]): string | null {
  if (!Array.isArray(entries as unknown)) throw new InvalidWelfareInputError('entries', 'must be an array');
  let currency: string | null = null;
  entries.forEach((e, i) => {
    validateEntry(e, `entries[${i}]`);
    if (currency === null) currency = e.currency;
    else if (e.currency !== currency) throw new MixedCurrencyError(`entries[${i}].currency`, currency, e.currency);
  });
  return currency;
}

/**
 * Balance of every account that appears in the entries, derived from them.
 *
 * Sign convention: one rule for every account, balance = debits − credits. So the accounts whose
 * normal side is the debit (fund-cash, an asset; benefits-paid, an expense) are positive, and the
 * accounts whose normal side is the credit (contributions-received, revenue; claim-payable:*, a
 * liability) are negative or zero. Because every entry is balanced, the balances add up to zero.
 * For figures with their natural sign, use {@link fundPosition} or {@link outstandingPayable}.
 *
 * Entries are validated; mixed currencies are refused (MixedCurrencyError).
 */
export function balances(entries: readonly Entry[]): Map<Account, bigint> {
  ledgerCurrency(entries);
  const out = new Map<Account, bigint>();
  for (const e of entries) for (const l of e.lines) out.set(l.account, (out.get(l.account) ?? 0n) + (l.debitMinor ?? 0n) - (l.creditMinor ?? 0n));
  return out;
}

/** What the fund still owes on one claim (approved minus disbursed), a non-negative amount in a valid ledger. */
export function outstandingPayable(entries: readonly Entry[], claimId: string): bigint {
  return -(balances(entries).get(payableAccount(claimId)) ?? 0n);
}

export interface FundPosition {
  /** null while the ledger is empty. */
  currency: string | null;
  /** Money held: fund-cash (>= 0). */
  cashMinor: bigint;
  /** All contributions received (net of any reversal). */
  contributionsReceivedMinor: bigint;
  /** All benefits approved (expense recognised at approval). */
  benefitsApprovedMinor: bigint;
  /** Appropriations received. */
  appropriationsReceivedMinor: bigint;
  /** Other income received. */
  otherIncomeMinor: bigint;
  /** Approved and not yet disbursed, over all claims. */
  payablesMinor: bigint;
  /** cash − payables: what the fund could still commit. May be negative when approvals outrun the cash. */
  uncommittedMinor: bigint;
}

/** The fund's figures with their natural signs, for reports and the fund-balance screen. */
export function fundPosition(entries: readonly Entry[]): FundPosition {
  const b = balances(entries);
  let payables = 0n;
  for (const [account, balance] of b) if (accountKind(account) === 'liability') payables -= balance;
  const cash = b.get(FUND_CASH) ?? 0n;
  return {
    currency: ledgerCurrency(entries),
    cashMinor: cash,
    contributionsReceivedMinor: -(b.get(CONTRIBUTIONS_RECEIVED) ?? 0n),
    benefitsApprovedMinor: b.get(BENEFITS_PAID) ?? 0n,
    appropriationsReceivedMinor: -(b.get(APPROPRIATIONS_RECEIVED) ?? 0n),
    otherIncomeMinor: -(b.get(OTHER_INCOME) ?? 0n),
    payablesMinor: payables,
    uncommittedMinor: cash - payables,
  };
}

// ---------------------------------------------------------------------------------------------
// Posting with the fund's invariants
// ---------------------------------------------------------------------------------------------

/**
 * Posts one entry: returns a new array, the entries followed by it (nothing is mutated), or throws
 * and posts nothing. Checked, in this order:
 * 1. the entry is valid and balanced (InvalidLedgerEntryError);
 * 2. it is in the fund's currency (MixedCurrencyError; an empty ledger takes the entry's currency);
 * 3. no claim-payable account is debited past what is owed on it (OverDisbursementError);
 * 4. fund-cash does not go negative (InsufficientFundError).
 */
export function postEntry(entries: readonly Entry[], entry: Entry): Entry[] {
  validateEntry(entry);
  const currency = ledgerCurrency(entries);
  if (currency !== null && entry.currency !== currency) throw new MixedCurrencyError('entry.currency', currency, entry.currency);
  const before = balances(entries);
  const delta = new Map<Account, bigint>();
  for (const l of entry.lines) delta.set(l.account, (delta.get(l.account) ?? 0n) + (l.debitMinor ?? 0n) - (l.creditMinor ?? 0n));
  for (const [account, d] of delta) {
    const claimId = claimIdOf(account);
    if (claimId === null) continue;
    const owed = -(before.get(account) ?? 0n);
    if (d > owed) throw new OverDisbursementError(claimId, owed, d, entry.currency);
  }
  const cashBefore = before.get(FUND_CASH) ?? 0n;
  const cashDelta = delta.get(FUND_CASH) ?? 0n;
  if (cashBefore + cashDelta < 0n) throw new InsufficientFundError(cashBefore, -cashDelta, entry.currency);
  return [...entries, entry];
}

/**
 * Records a disbursement on an approved claim: {@link postEntry} with {@link disbursementEntry}.
 * Refused with OverDisbursementError when the amount is more than is still payable on the claim
 * (never approved, or already paid), and with InsufficientFundError when fund-cash would go
 * negative; an amount in another currency than the fund's is a MixedCurrencyError.
 */
export function applyDisbursement(entries: readonly Entry[], claimId: string, amount: Money): Entry[] {
  return postEntry(entries, disbursementEntry(claimId, amount));
}

/** Records a contribution (already converted to the fund's currency): {@link postEntry} with {@link contributionEntry}. */
export function applyContribution(entries: readonly Entry[], amount: Money): Entry[] {
  return postEntry(entries, contributionEntry(amount));
}

/** Records an approval: {@link postEntry} with {@link approvalEntry}. */
export function applyApproval(entries: readonly Entry[], claimId: string, amount: Money): Entry[] {
  return postEntry(entries, approvalEntry(claimId, amount));
}
