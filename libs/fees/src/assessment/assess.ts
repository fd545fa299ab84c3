import { InvalidAssessmentInputError } from './errors';
import { Rational, RateLookup, conversionFactor, currencyExponent, numberToDecimal } from './money';
import { Assessment, FeeLine, FeeRule, PLACEMENT_FEE_ITEM, PlacementTerms, Violation, ViolationKind } from './types';

/**
 * Assess the fee lines of one placement against one rule (the caller picks the rule in force).
 *
 * - Protected category: every line with a positive amount is a violation for its full amount.
 * - 'placement-fee' lines: their sum (converted to the cap currency at each line's date, exactly)
 *   is compared with the cap (none = 0; salary × multiple in the salary currency; fixed amount).
 * - Prohibited items, and items neither allowed nor the placement fee: violation for the full amount.
 * - Allowed items with a cap: the lines of that item are summed (converted exactly) against the cap.
 *
 * Capped sums consume the cap in a canonical order (date, then currency, amount, receipt number),
 * so the earliest charges are the ones within the cap and the result does not depend on the order
 * of `lines`. A line's excess is its amount minus the part of the remaining cap it could use,
 * converted back to the line's currency with one half-even rounding; it is never more than the line.
 */
export function assess(rule: FeeRule, placement: PlacementTerms, lines: readonly FeeLine[], rates: RateLookup): Assessment {
  validateRule(rule);
  validatePlacement(placement);
  lines.forEach(validateLine);

  const violations: Violation[] = [];
  const push = (lineIndex: number, kind: ViolationKind, excessMinor: bigint) => {
    if (excessMinor > 0n) violations.push({ lineIndex, kind, excessMinor, currency: lines[lineIndex].currency });
  };

  if (rule.protected) {
    lines.forEach((l, i) => push(i, 'protected-category', l.amountMinor));
    return finish(violations);
  }

  const prohibited = new Set(rule.prohibitedItems);
  const allowed = new Map(rule.allowedItems.map((a) => [a.item, a]));
  const capped = new Map<string, number[]>(); // item -> line indexes subject to a cap
  const placementIdx: number[] = [];

  lines.forEach((l, i) => {
    if (l.item === PLACEMENT_FEE_ITEM) placementIdx.push(i);
    else if (prohibited.has(l.item) || !allowed.has(l.item)) push(i, 'item-not-allowed', l.amountMinor);
    else if (allowed.get(l.item)!.cap) capped.set(l.item, [...(capped.get(l.item) ?? []), i]);
  });

  if (placementIdx.length > 0) {
    const cap = placementCap(rule, placement);
    for (const [i, excess] of allocate(cap.amount, cap.currency, placementIdx, lines, rates)) push(i, 'placement-fee-over-cap', excess);
  }
  for (const [item, idx] of capped) {
    const c = allowed.get(item)!.cap!;
    for (const [i, excess] of allocate(Rational.of(c.amountMinor), c.currency, idx, lines, rates)) push(i, 'item-over-cap', excess);
  }
  return finish(violations);
}

function finish(violations: Violation[]): Assessment {
  violations.sort((a, b) => (a.lineIndex ?? -1) - (b.lineIndex ?? -1) || a.kind.localeCompare(b.kind));
  return { compliant: violations.length === 0, violations };
}

/** The placement-fee cap, exact, in minor units of its currency. */
function placementCap(rule: FeeRule, p: PlacementTerms): { amount: Rational; currency: string } {
  const cap = rule.placementFeeCap;
  switch (cap.kind) {
    case 'none':
      return { amount: Rational.ZERO, currency: p.salaryCurrency };
    case 'salary-multiple':
      return { amount: Rational.of(p.monthlyBasicSalaryMinor).mul(numberToDecimal(cap.multiple, 'rule.placementFeeCap.multiple')), currency: p.salaryCurrency };
    case 'fixed':
      return { amount: Rational.of(cap.amountMinor), currency: cap.currency };
  }
}

/** Canonical order of lines, independent of their position. */
function canonical(a: FeeLine, b: FeeLine): number {
  return (
    cmpStr(a.date, b.date) ||
    cmpStr(a.currency, b.currency) ||
    (a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0) ||
    cmpStr(a.receiptNumber, b.receiptNumber) ||
    cmpStr(a.item, b.item)
  );
}
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Let lines consume an exact cap (minor units of capCurrency) in canonical order; return the
 * excess of each line in its own currency (rounded once, half-even).
 */
function allocate(cap: Rational, capCurrency: string, idx: number[], lines: readonly FeeLine[], rates: RateLookup): Map<number, bigint> {
  const order = [...idx].sort((i, j) => canonical(lines[i], lines[j]) || i - j);
  const out = new Map<number, bigint>();
  let remaining = cap;
  for (const i of order) {
    const l = lines[i];
    if (remaining.isZero()) {
      // Nothing left of the cap: the whole line is excess; no rate is needed to say so.
      out.set(i, l.amountMinor);
      continue;
    }
    const factor = conversionFactor(l.currency, capCurrency, l.date, rates, `lines[${i}]`);
    const value = Rational.of(l.amountMinor).mul(factor);
    if (value.cmp(remaining) <= 0) {
      remaining = remaining.sub(value);
      continue;
    }
    // The part of the line still within the cap, back in the line's currency, rounded once.
    const withinMinor = remaining.div(factor).roundHalfEven();
    remaining = Rational.ZERO;
    const excess = l.amountMinor - (withinMinor > l.amountMinor ? l.amountMinor : withinMinor);
    out.set(i, excess);
  }
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function requireCurrency(c: string, field: string): void {
  currencyExponent(c, field); // throws UnknownCurrencyError
}

function requireMinor(v: unknown, field: string, allowZero: boolean): void {
  if (typeof v !== 'bigint') throw new InvalidAssessmentInputError(`${field} must be integer minor units (bigint)`, field);
  if (v < 0n || (!allowZero && v === 0n)) throw new InvalidAssessmentInputError(`${field} must be ${allowZero ? 'non-negative' : 'positive'}`, field);
}

/** Refuses a rule that cannot be applied (InvalidAssessmentInputError / UnknownCurrencyError naming the field). */
export function validateRule(rule: FeeRule): void {
  const cap = rule.placementFeeCap;
  if (cap.kind === 'salary-multiple') numberToDecimal(cap.multiple, 'rule.placementFeeCap.multiple');
  if (cap.kind === 'fixed') {
    requireMinor(cap.amountMinor, 'rule.placementFeeCap.amountMinor', true);
    requireCurrency(cap.currency, 'rule.placementFeeCap.currency');
  }
  const seen = new Set<string>();
  rule.allowedItems.forEach((a, i) => {
    if (a.item === PLACEMENT_FEE_ITEM)
      throw new InvalidAssessmentInputError(`'${PLACEMENT_FEE_ITEM}' is governed by placementFeeCap, not allowedItems`, `rule.allowedItems[${i}].item`);
    if (seen.has(a.item)) throw new InvalidAssessmentInputError(`Item '${a.item}' listed twice`, `rule.allowedItems[${i}].item`);
    seen.add(a.item);
    if (a.cap) {
      requireMinor(a.cap.amountMinor, `rule.allowedItems[${i}].cap.amountMinor`, true);
      requireCurrency(a.cap.currency, `rule.allowedItems[${i}].cap.currency`);
    }
  });
  rule.prohibitedItems.forEach((p, i) => {
    if (seen.has(p)) throw new InvalidAssessmentInputError(`Item '${p}' is both allowed and prohibited`, `rule.prohibitedItems[${i}]`);
    if (p === PLACEMENT_FEE_ITEM)
      throw new InvalidAssessmentInputError(`'${PLACEMENT_FEE_ITEM}' is governed by placementFeeCap; use { kind: 'none' }`, `rule.prohibitedItems[${i}]`);
  });
}

function validatePlacement(p: PlacementTerms): void {
  requireMinor(p.monthlyBasicSalaryMinor, 'placement.monthlyBasicSalaryMinor', false);
  requireCurrency(p.salaryCurrency, 'placement.salaryCurrency');
}

function validateLine(l: FeeLine, i: number): void {
  requireMinor(l.amountMinor, `lines[${i}].amountMinor`, true);
  requireCurrency(l.currency, `lines[${i}].currency`);
  if (!validDate(l.date)) throw new InvalidAssessmentInputError(`lines[${i}].date must be a YYYY-MM-DD date`, `lines[${i}].date`);
  if (typeof l.item !== 'string' || l.item.length === 0) throw new InvalidAssessmentInputError(`lines[${i}].item is required`, `lines[${i}].item`);
}
