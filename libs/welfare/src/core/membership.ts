/**
 * Welfare-fund membership (SPEC section 4): a worker is a member while a contribution covers
 * them. Contributions are recorded per placement; membership periods are derived from them, never
 * typed in. Pure: no Nest, no database, no clock. See README.md beside this file.
 */
import { addDays, formatDay, monthAnniversary, requireDay } from './dates';
import { InvalidWelfareInputError } from './errors';
import { requireCurrency, requireMinor } from './money';

/** The SPEC's cover: the contract, up to 2 years. */
export const DEFAULT_MAX_COVER_MONTHS = 24;

/** One contribution, paid for one placement. Dates are YYYY-MM-DD. */
export interface Contribution {
  placementId: string;
  /** The day the contribution was paid. */
  paidOn: string;
  /** First day of the employment contract of the placement. */
  contractStart: string;
  /** Length of the contract in whole months (>= 1). */
  contractMonths: number;
  amountMinor: bigint;
  currency: string;
}

/** The days one contribution covers, inclusive. */
export interface Cover {
  placementId: string;
  from: string;
  to: string;
}

/** A run of days on which the worker is a member, inclusive, and the placements whose contributions make it up (in order of first appearance). */
export interface MembershipPeriod {
  from: string;
  to: string;
  placementIds: string[];
}

export interface MembershipOptions {
  /** The longest cover of one contribution, counted from the contract start. Whole months >= 1; default 24. */
  maxCoverMonths?: number;
}

function validateContribution(c: Contribution, field: string): { start: number; paid: number } {
  if (c === null || typeof c !== 'object') throw new InvalidWelfareInputError(field, 'must be a contribution');
  if (typeof c.placementId !== 'string' || c.placementId.trim() === '')
    throw new InvalidWelfareInputError(`${field}.placementId`, 'must be a non-empty string');
  const paid = requireDay(c.paidOn, `${field}.paidOn`);
  const start = requireDay(c.contractStart, `${field}.contractStart`);
  if (typeof c.contractMonths !== 'number' || !Number.isSafeInteger(c.contractMonths) || c.contractMonths < 1)
    throw new InvalidWelfareInputError(`${field}.contractMonths`, `must be a whole number of months >= 1, got ${String(c.contractMonths)}`);
  requireMinor(c.amountMinor, `${field}.amountMinor`, 1n);
  requireCurrency(c.currency, `${field}.currency`);
  return { start, paid };
}

function requireMaxCoverMonths(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1)
    throw new InvalidWelfareInputError('maxCoverMonths', `must be a whole number of months >= 1, got ${String(v)}`);
  return v;
}

/**
 * The days one contribution covers, or null when it covers none (paid after the contract ended).
 *
 * - It ends on the earlier of the contract's last day and the last day of the cover limit: the day
 *   before the min(contractMonths, maxCoverMonths)-month anniversary of the contract start. When the
 *   start day does not exist in the anniversary month (a 31st, 29 February), the anniversary is the
 *   1st of the next month, so the cover runs to the end of the shorter month (2024-01-31 for 1 month
 *   → to 2024-02-29; 2024-02-29 for 12 months → to 2025-02-28).
 * - It starts on the LATER of the contract start and the day the contribution was paid: a
 *   contribution paid before departure (the normal case) covers from the first day of the contract;
 *   one paid late covers from the day it was paid, never backwards, so an incident before the payment
 *   is never covered by it. A late payment does not move the end: the limit counts from the contract start.
 */
export function coverOf(c: Contribution, options: MembershipOptions = {}, field = 'contribution'): Cover | null {
  const maxCoverMonths = requireMaxCoverMonths(options.maxCoverMonths ?? DEFAULT_MAX_COVER_MONTHS);
  const { start, paid } = validateContribution(c, field);
  const months = Math.min(c.contractMonths, maxCoverMonths);
  const end = requireDay(addDays(monthAnniversary(c.contractStart, months), -1), `${field}.contractStart`);
  const from = Math.max(start, paid);
  if (from > end) return null;
  return { placementId: c.placementId, from: formatDay(from), to: formatDay(end) };
}

/**
 * Membership periods derived from contributions: each contribution's cover (see {@link coverOf}),
 * sorted, and merged where they overlap or are adjacent (one ends the day before the next starts).
 * A gap of one day or more stays a gap. The result is sorted by `from`, and no two periods overlap
 * or touch. The order of the contributions given does not matter.
 */
export function membershipPeriods(contributions: readonly Contribution[], options: MembershipOptions = {}): MembershipPeriod[] {
  if (!Array.isArray(contributions as unknown)) throw new InvalidWelfareInputError('contributions', 'must be an array');
  const covers = contributions
    .map((c, i) => coverOf(c, options, `contributions[${i}]`))
    .filter((c): c is Cover => c !== null)
    .map((c) => ({ ...c, f: requireDay(c.from, 'from'), t: requireDay(c.to, 'to') }))
    .sort((a, b) => a.f - b.f || a.t - b.t || (a.placementId < b.placementId ? -1 : a.placementId > b.placementId ? 1 : 0));
  const merged: { f: number; t: number; placementIds: string[] }[] = [];
  for (const c of covers) {
    const last = merged[merged.length - 1];
    if (last && c.f <= last.t + 1) {
      last.t = Math.max(last.t, c.t);
      if (!last.placementIds.includes(c.placementId)) last.placementIds.push(c.placementId);
    } else {
      merged.push({ f: c.f, t: c.t, placementIds: [c.placementId] });
    }
  }
  return merged.map((p) => ({ from: formatDay(p.f), to: formatDay(p.t), placementIds: p.placementIds }));
}

/** The membership period that covers `date`, or undefined. Periods are inclusive at both ends. */
export function periodOn(periods: readonly MembershipPeriod[], date: string): MembershipPeriod | undefined {
  const d = requireDay(date, 'date');
  return periods.find((p, i) => requireDay(p.from, `periods[${i}].from`) <= d && d <= requireDay(p.to, `periods[${i}].to`));
}

/** Whether the worker is a member on `date` (first and last days of a period included). */
export function activeOn(periods: readonly MembershipPeriod[], date: string): boolean {
  return periodOn(periods, date) !== undefined;
}
