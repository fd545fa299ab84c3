import fc from 'fast-check';
import { assess } from './assess';
import { RateLookup } from './money';
import { AllowedCostItem, Assessment, FeeLine, FeeRule, PlacementFeeCap, PlacementTerms } from './types';

/*
 * Property tests of assess(). Rules, placements, fee lines and exchange rates are random; rates
 * are a deterministic function of (from, to, date) drawn from a random table, with every pair
 * defined, so only the assessment itself is under test.
 */

const RUNS = { numRuns: 300 };
const CURRENCIES = ['USD', 'HKD', 'PHP', 'NPR', 'JPY', 'KWD'] as const;
const DATES = ['2026-01-01', '2026-01-02', '2026-01-03'];
const CAPPABLE = ['medical-exam', 'training', 'documentation'];
const ITEMS = ['placement-fee', ...CAPPABLE, 'visa', 'other'];

const currency = fc.constantFrom(...CURRENCIES);
const minor = (max: bigint) => fc.bigInt(0n, max);

/** A positive decimal string such as "0.0335" or "156.25". */
const rateText = fc.tuple(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 0, max: 6 })).map(([n, scale]) => {
  const s = String(n).padStart(scale + 1, '0');
  return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
});
const rates = fc.array(rateText, { minLength: 16, maxLength: 16 }).map((table): RateLookup => (from, to, date) => {
  let h = 7;
  for (const ch of `${from}>${to}@${date}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return table[h % table.length];
});

const cap: fc.Arbitrary<PlacementFeeCap> = fc.oneof(
  fc.constant<PlacementFeeCap>({ kind: 'none' }),
  fc.constantFrom(0.25, 0.5, 1, 1.5, 2).map((multiple): PlacementFeeCap => ({ kind: 'salary-multiple', multiple })),
  fc.record({ amountMinor: minor(10_000_000n), currency }).map((c): PlacementFeeCap => ({ kind: 'fixed', ...c })),
);

const rule: fc.Arbitrary<FeeRule> = fc
  .record({
    placementFeeCap: cap,
    allowed: fc.subarray(CAPPABLE),
    itemCaps: fc.array(fc.option(fc.record({ amountMinor: minor(5_000_000n), currency }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
    visaProhibited: fc.boolean(),
    protectedCategory: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  })
  .map(({ placementFeeCap, allowed, itemCaps, visaProhibited, protectedCategory }) => ({
    destinationCountry: 'XX',
    occupationCategory: 'any',
    placementFeeCap,
    allowedItems: allowed.map((item, i): AllowedCostItem => (itemCaps[i] ? { item, cap: itemCaps[i] } : { item })),
    prohibitedItems: [...(visaProhibited ? ['visa'] : []), ...CAPPABLE.filter((i) => !allowed.includes(i))],
    protected: protectedCategory,
  }));

const placement: fc.Arbitrary<PlacementTerms> = fc.record({ monthlyBasicSalaryMinor: fc.bigInt(1n, 10_000_000n), salaryCurrency: currency });

const lineOf = (cur: fc.Arbitrary<string>) =>
  fc.record({
    item: fc.constantFrom(...ITEMS),
    amountMinor: minor(3_000_000n),
    currency: cur,
    date: fc.constantFrom(...DATES),
    receiptNumber: fc.constantFrom('A', 'B', 'C'),
  });
const lines = fc.array(lineOf(currency), { maxLength: 8 });

const key = (l: FeeLine) => `${l.item}|${l.amountMinor}|${l.currency}|${l.date}|${l.receiptNumber}`;
/** The assessment as a multiset keyed by line content rather than position. */
const byContent = (ls: readonly FeeLine[], a: Assessment) =>
  a.violations.map((v) => `${v.lineIndex === null ? 'null' : key(ls[v.lineIndex])}|${v.kind}|${v.excessMinor}|${v.currency}`).sort();

describe('assess (properties)', () => {
  it('the excess never exceeds what was charged, and is in the fee currency', () => {
    fc.assert(
      fc.property(rule, placement, lines, rates, (r, p, ls, rt) => {
        const a = assess(r, p, ls, rt);
        expect(a.compliant).toBe(a.violations.length === 0);
        const perLine = new Map<number, bigint>();
        for (const v of a.violations) {
          expect(v.lineIndex).not.toBeNull();
          const l = ls[v.lineIndex!];
          expect(v.currency).toBe(l.currency);
          expect(v.excessMinor > 0n).toBe(true);
          perLine.set(v.lineIndex!, (perLine.get(v.lineIndex!) ?? 0n) + v.excessMinor);
        }
        for (const [i, total] of perLine) expect(total <= ls[i].amountMinor).toBe(true);
      }),
      RUNS,
    );
  });

  it('the result does not depend on the order of lines', () => {
    fc.assert(
      fc.property(rule, placement, lines, rates, fc.array(fc.integer(), { minLength: 8, maxLength: 8 }), (r, p, ls, rt, sortKeys) => {
        const shuffled = ls
          .map((l, i) => ({ l, k: sortKeys[i] }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.l);
        const a = assess(r, p, ls, rt);
        const b = assess(r, p, shuffled, rt);
        expect(b.compliant).toBe(a.compliant);
        expect(byContent(shuffled, b)).toEqual(byContent(ls, a));
      }),
      RUNS,
    );
  });

  it('dropping the violating lines leaves a compliant set, which stays compliant when a line is lowered', () => {
    fc.assert(
      fc.property(rule, placement, lines, rates, fc.nat(), fc.bigInt(0n, 3_000_000n), (r, p, ls, rt, pick, lower) => {
        const violating = new Set(assess(r, p, ls, rt).violations.map((v) => v.lineIndex));
        const compliant = ls.filter((_, i) => !violating.has(i));
        expect(assess(r, p, compliant, rt)).toEqual({ compliant: true, violations: [] });
        if (compliant.length === 0) return;
        const k = pick % compliant.length;
        const lowered = compliant.map((l, i) => (i === k ? { ...l, amountMinor: lower % (l.amountMinor + 1n) } : l));
        expect(assess(r, p, lowered, rt).compliant).toBe(true);
      }),
      RUNS,
    );
  });

  it('a protected category: exactly the non-zero lines are violations, each for its full amount', () => {
    fc.assert(
      fc.property(rule, placement, lines, rates, (r, p, ls, rt) => {
        const a = assess({ ...r, protected: true }, p, ls, rt);
        const want = ls.flatMap((l, i) =>
          l.amountMinor > 0n ? [{ lineIndex: i, kind: 'protected-category', excessMinor: l.amountMinor, currency: l.currency }] : [],
        );
        expect(a.violations).toEqual(want);
      }),
      RUNS,
    );
  });

  it('converting once: assess with rate 1 to another currency equals assess in the same currency', () => {
    const sameExponent = fc.constantFrom('HKD', 'PHP', 'NPR');
    fc.assert(
      fc.property(rule, placement, sameExponent, fc.array(lineOf(fc.constant('X')), { maxLength: 8 }), (r, p, cur, raw) => {
        const ls = raw.map((l) => ({ ...l, currency: cur }));
        // Everything the rule and placement price goes into USD, with a rate of exactly 1 ...
        const inUsd = relabel(r, p, 'USD');
        const one: RateLookup = () => '1';
        // ... or into the fee currency itself, where no conversion happens at all.
        const inFeeCurrency = relabel(r, p, cur);
        const never: RateLookup = () => undefined;
        expect(assess(inUsd.rule, inUsd.placement, ls, one)).toEqual(assess(inFeeCurrency.rule, inFeeCurrency.placement, ls, never));
      }),
      RUNS,
    );
  });
});

function relabel(r: FeeRule, p: PlacementTerms, cur: string): { rule: FeeRule; placement: PlacementTerms } {
  const c = r.placementFeeCap;
  return {
    rule: {
      ...r,
      placementFeeCap: c.kind === 'fixed' ? { ...c, currency: cur } : c,
      allowedItems: r.allowedItems.map((a) => (a.cap ? { ...a, cap: { ...a.cap, currency: cur } } : a)),
    },
    placement: { ...p, salaryCurrency: cur },
  };
}
