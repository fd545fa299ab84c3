/**
 * The escrow ledger's arithmetic, as plain functions (no database): what an entry does to the
 * balance, whether the ledger accepts it, and how far the balance is from the requirement.
 * Amounts are integer minor units (bigint), always positive; the sign comes from the kind.
 */

export const ESCROW_ENTRY_KINDS = ['deposit', 'top-up', 'garnishment', 'release'] as const;
export type EscrowEntryKind = (typeof ESCROW_ENTRY_KINDS)[number];

/** Kinds that add to the balance; the others take from it. */
export const CREDIT_KINDS: readonly EscrowEntryKind[] = ['deposit', 'top-up'];
export const isCredit = (kind: EscrowEntryKind): boolean => CREDIT_KINDS.includes(kind);

export const ESCROW_LICENSE_TYPES = ['provisional', 'regular'] as const;
export type EscrowLicenseType = (typeof ESCROW_LICENSE_TYPES)[number];

/** The entry's effect on the balance: +amount for a deposit or top-up, -amount for a garnishment or release. */
export function signedAmount(kind: EscrowEntryKind, amountMinor: bigint): bigint {
  if (amountMinor <= 0n) throw new RangeError('an escrow amount is always positive');
  return isCredit(kind) ? amountMinor : -amountMinor;
}

/** The balance a sequence of entries leaves: their signed sum. */
export const balanceOf = (entries: readonly { kind: EscrowEntryKind; amountMinor: bigint }[]): bigint =>
  entries.reduce((sum, e) => sum + signedAmount(e.kind, e.amountMinor), 0n);

/**
 * The largest balance the ledger can hold: each entry records the balance after it in a Postgres
 * `bigint` (2^63 - 1 minor units, about 92 quadrillion pesos: only repeated absurd deposits get there).
 */
export const MAX_ESCROW_BALANCE_MINOR = 9_223_372_036_854_775_807n;

export type LedgerDecision =
  { accepted: true; balanceAfter: bigint } | { accepted: false; reason: 'insufficient-balance' | 'balance-limit'; balance: bigint; asked: bigint };

/**
 * Whether the ledger takes this entry: a garnishment or release never makes the balance negative,
 * and a deposit or top-up never takes it past MAX_ESCROW_BALANCE_MINOR.
 */
export function applyEntry(balance: bigint, kind: EscrowEntryKind, amountMinor: bigint): LedgerDecision {
  const after = balance + signedAmount(kind, amountMinor);
  if (after < 0n) return { accepted: false, reason: 'insufficient-balance', balance, asked: amountMinor };
  if (after > MAX_ESCROW_BALANCE_MINOR) return { accepted: false, reason: 'balance-limit', balance, asked: amountMinor };
  return { accepted: true, balanceAfter: after };
}

/** How much is missing to reach the requirement (0 when it is met). */
export const shortfallOf = (balance: bigint, required: bigint): bigint => (balance >= required ? 0n : required - balance);

/**
 * What crossing the requirement means for the top-up deadline and the hold:
 * - `start`: a garnishment or release left the balance below the requirement;
 * - `meet`: a deposit or top-up brought it to (or above) the requirement;
 * - `none`: otherwise (a deposit that is not yet enough, a debit that leaves it at or above).
 */
export function requirementEffect(kind: EscrowEntryKind, balanceAfter: bigint, required: bigint): 'start' | 'meet' | 'none' {
  if (isCredit(kind)) return balanceAfter >= required ? 'meet' : 'none';
  return balanceAfter < required ? 'start' : 'none';
}
