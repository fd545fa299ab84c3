import type { StoredDiscrepancy, StoredFeeLine } from '../entities';

/**
 * How a worker's statement of what they paid differs from the agency's declared fees: per item and
 * currency, stated minus declared. A positive difference (the worker paid more than the agency
 * declared) is what gets flagged; both directions are listed. Pure.
 */
export function discrepancies(declared: readonly StoredFeeLine[], stated: readonly StoredFeeLine[]): StoredDiscrepancy[] {
  const sums = new Map<string, { item: string; currency: string; declared: bigint; stated: bigint }>();
  const add = (l: StoredFeeLine, side: 'declared' | 'stated') => {
    const key = `${l.item}\u0000${l.currency}`;
    const entry = sums.get(key) ?? { item: l.item, currency: l.currency, declared: 0n, stated: 0n };
    entry[side] += BigInt(l.amountMinor);
    sums.set(key, entry);
  };
  declared.forEach((l) => add(l, 'declared'));
  stated.forEach((l) => add(l, 'stated'));
  return [...sums.values()]
    .filter((s) => s.stated !== s.declared)
    .sort((a, b) => a.item.localeCompare(b.item) || a.currency.localeCompare(b.currency))
    .map((s) => ({
      item: s.item,
      currency: s.currency,
      declaredMinor: s.declared.toString(),
      statedMinor: s.stated.toString(),
      differenceMinor: (s.stated - s.declared).toString(),
    }));
}

/** True when the worker says they paid more than declared for some item. */
export const underDeclared = (d: readonly StoredDiscrepancy[]): boolean => d.some((x) => BigInt(x.differenceMinor) > 0n);
