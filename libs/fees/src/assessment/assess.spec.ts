import { assess } from './assess';
import { InvalidAssessmentInputError, MissingExchangeRateError, UnknownCurrencyError } from './errors';
import { RateLookup } from './money';
import { FeeLine, FeeRule, PlacementTerms } from './types';

const line = (item: string, amountMinor: bigint, currency: string, date = '2026-03-02', receiptNumber = `R-${item}-${amountMinor}`): FeeLine => ({
  item,
  amountMinor,
  currency,
  date,
  receiptNumber,
});
const noRates: RateLookup = () => undefined;

describe('assess: Philippines -> Hong Kong, domestic worker (protected, zero fee)', () => {
  const rule: FeeRule = {
    originCountry: 'PH',
    destinationCountry: 'HK',
    occupationCategory: 'domestic-worker',
    placementFeeCap: { kind: 'none' },
    allowedItems: [{ item: 'medical-exam' }],
    prohibitedItems: ['training'],
    protected: true,
    source: 'illustrative: zero placement fee for household service workers',
  };
  const placement: PlacementTerms = { monthlyBasicSalaryMinor: 499_000n, salaryCurrency: 'HKD' };

  it('no fees: compliant', () => {
    expect(assess(rule, placement, [], noRates)).toEqual({ compliant: true, violations: [] });
  });

  it('every fee, even an item otherwise allowed, is a violation for its full amount in its own currency', () => {
    const lines = [line('medical-exam', 250_000n, 'PHP'), line('placement-fee', 1_000_000n, 'HKD'), line('training', 1n, 'PHP')];
    expect(assess(rule, placement, lines, noRates)).toEqual({
      compliant: false,
      violations: [
        { lineIndex: 0, kind: 'protected-category', excessMinor: 250_000n, currency: 'PHP' },
        { lineIndex: 1, kind: 'protected-category', excessMinor: 1_000_000n, currency: 'HKD' },
        { lineIndex: 2, kind: 'protected-category', excessMinor: 1n, currency: 'PHP' },
      ],
    });
  });

  it('needs no exchange rate (the full amount is the excess)', () => {
    expect(() => assess(rule, placement, [line('placement-fee', 5n, 'NPR')], noRates)).not.toThrow();
  });
});

describe('assess: Nepal -> Malaysia style, one month salary cap in MYR, fees in NPR', () => {
  const rule: FeeRule = {
    originCountry: 'NP',
    destinationCountry: 'MY',
    occupationCategory: 'manufacturing',
    placementFeeCap: { kind: 'salary-multiple', multiple: 1 },
    allowedItems: [{ item: 'medical-exam', cap: { amountMinor: 500_000n, currency: 'NPR' } }, { item: 'documentation' }],
    prohibitedItems: ['visa', 'air-ticket'],
    protected: false,
  };
  // MYR 1,500.00 a month.
  const placement: PlacementTerms = { monthlyBasicSalaryMinor: 150_000n, salaryCurrency: 'MYR' };
  const table: Record<string, string> = { '2026-03-02': '0.0335', '2026-03-10': '0.0340' };
  const rates: RateLookup = (from, to, date) => (from === 'NPR' && to === 'MYR' ? table[date] : undefined);

  it('NPR 40,000.00 (= MYR 1,340.00) is within the cap', () => {
    expect(assess(rule, placement, [line('placement-fee', 4_000_000n, 'NPR')], rates)).toEqual({ compliant: true, violations: [] });
  });

  it('NPR 60,000.00 at 0.0335 = MYR 2,010.00: excess MYR 510.00, expressed in NPR and rounded once', () => {
    // Within the cap: MYR 1,500.00 / 0.0335 = NPR 44,776.1194... -> 4,477,612 minor (half-even).
    const r = assess(rule, placement, [line('placement-fee', 6_000_000n, 'NPR')], rates);
    expect(r).toEqual({
      compliant: false,
      violations: [{ lineIndex: 0, kind: 'placement-fee-over-cap', excessMinor: 6_000_000n - 4_477_612n, currency: 'NPR' }],
    });
  });

  it('uses the rate of each fee date; the earliest fee uses the cap first, whatever the input order', () => {
    // 2026-03-02: NPR 30,000.00 -> MYR 1,005.00 (within, MYR 495.00 left)
    // 2026-03-10: NPR 20,000.00 at 0.0340 -> MYR 680.00; within = 495 / 0.034 = NPR 14,558.8235... -> 1,455,882
    const lines = [line('placement-fee', 2_000_000n, 'NPR', '2026-03-10'), line('placement-fee', 3_000_000n, 'NPR', '2026-03-02')];
    expect(assess(rule, placement, lines, rates).violations).toEqual([
      { lineIndex: 0, kind: 'placement-fee-over-cap', excessMinor: 2_000_000n - 1_455_882n, currency: 'NPR' },
    ]);
  });

  it('prohibited and unlisted items are not allowed, for their full amount', () => {
    const lines = [line('visa', 1_200_000n, 'NPR'), line('welcome-party', 100n, 'NPR'), line('documentation', 999_999n, 'NPR')];
    expect(assess(rule, placement, lines, rates).violations).toEqual([
      { lineIndex: 0, kind: 'item-not-allowed', excessMinor: 1_200_000n, currency: 'NPR' },
      { lineIndex: 1, kind: 'item-not-allowed', excessMinor: 100n, currency: 'NPR' },
    ]);
  });

  it('an allowed item with a cap: the lines of that item are summed against it', () => {
    const lines = [line('medical-exam', 300_000n, 'NPR', '2026-03-02', 'A'), line('medical-exam', 300_000n, 'NPR', '2026-03-10', 'B')];
    expect(assess(rule, placement, lines, rates).violations).toEqual([{ lineIndex: 1, kind: 'item-over-cap', excessMinor: 100_000n, currency: 'NPR' }]);
  });

  it('a missing rate on a fee date is an error, not a guess', () => {
    expect(() => assess(rule, placement, [line('placement-fee', 1n, 'NPR', '2026-03-03')], rates)).toThrow(MissingExchangeRateError);
  });

  it('fractional multiples are exact (1.5 months = MYR 2,250.00)', () => {
    const r = assess({ ...rule, placementFeeCap: { kind: 'salary-multiple', multiple: 1.5 } }, placement, [line('placement-fee', 225_000n, 'MYR')], noRates);
    expect(r.compliant).toBe(true);
    const over = assess({ ...rule, placementFeeCap: { kind: 'salary-multiple', multiple: 1.5 } }, placement, [line('placement-fee', 225_001n, 'MYR')], noRates);
    expect(over.violations).toEqual([{ lineIndex: 0, kind: 'placement-fee-over-cap', excessMinor: 1n, currency: 'MYR' }]);
  });
});

describe('assess: fixed cap and no-fee rules', () => {
  const base: FeeRule = {
    destinationCountry: 'QA',
    occupationCategory: 'construction',
    placementFeeCap: { kind: 'fixed', amountMinor: 1_000_000n, currency: 'NPR' },
    allowedItems: [],
    prohibitedItems: [],
    protected: false,
  };
  const placement: PlacementTerms = { monthlyBasicSalaryMinor: 100_000n, salaryCurrency: 'QAR' };

  it('NPR 10,000 fixed cap: NPR 12,500 charged in two receipts -> NPR 2,500 over, on the later one', () => {
    const lines = [line('placement-fee', 700_000n, 'NPR', '2026-01-10', 'R1'), line('placement-fee', 550_000n, 'NPR', '2026-01-20', 'R2')];
    expect(assess(base, placement, lines, noRates).violations).toEqual([
      { lineIndex: 1, kind: 'placement-fee-over-cap', excessMinor: 250_000n, currency: 'NPR' },
    ]);
  });

  it('cap kind none: every placement-fee line is over the cap for its full amount', () => {
    const r = assess(
      { ...base, placementFeeCap: { kind: 'none' } },
      placement,
      [line('placement-fee', 10n, 'QAR'), line('placement-fee', 20n, 'NPR')],
      noRates,
    );
    expect(r.violations).toEqual([
      { lineIndex: 0, kind: 'placement-fee-over-cap', excessMinor: 10n, currency: 'QAR' },
      { lineIndex: 1, kind: 'placement-fee-over-cap', excessMinor: 20n, currency: 'NPR' },
    ]);
  });

  it('sums exactly before rounding: three 1-minor fees at 0.5 against a 1-minor cap are over', () => {
    // Rounding each conversion first would give 0 + 0 + 0 (half-even) and miss the excess.
    const rule: FeeRule = { ...base, placementFeeCap: { kind: 'fixed', amountMinor: 1n, currency: 'USD' } };
    const half: RateLookup = () => '0.5';
    const lines = [
      line('placement-fee', 1n, 'HKD', '2026-01-01', 'a'),
      line('placement-fee', 1n, 'HKD', '2026-01-01', 'b'),
      line('placement-fee', 1n, 'HKD', '2026-01-01', 'c'),
    ];
    const r = assess(rule, placement, lines, half);
    expect(r.compliant).toBe(false);
    expect(r.violations).toEqual([{ lineIndex: 2, kind: 'placement-fee-over-cap', excessMinor: 1n, currency: 'HKD' }]);
  });

  it('zero-amount lines are never violations', () => {
    expect(
      assess({ ...base, placementFeeCap: { kind: 'none' } }, placement, [line('placement-fee', 0n, 'QAR'), line('bribe', 0n, 'QAR')], noRates).compliant,
    ).toBe(true);
  });
});

describe('assess: bad input', () => {
  const rule: FeeRule = {
    destinationCountry: 'SA',
    occupationCategory: 'driver',
    placementFeeCap: { kind: 'salary-multiple', multiple: 1 },
    allowedItems: [{ item: 'medical-exam' }],
    prohibitedItems: [],
    protected: false,
  };
  const placement: PlacementTerms = { monthlyBasicSalaryMinor: 150_000n, salaryCurrency: 'SAR' };
  const fieldOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error('did not throw');
  };

  it('negative amounts name the field', () => {
    const e = fieldOf(() => assess(rule, placement, [line('medical-exam', -1n, 'SAR')], noRates));
    expect(e).toBeInstanceOf(InvalidAssessmentInputError);
    expect(e).toMatchObject({ field: 'lines[0].amountMinor' });
  });
  it('fractional minor units (a number) are refused', () => {
    const bad = { ...line('medical-exam', 1n, 'SAR'), amountMinor: 1.5 as unknown as bigint };
    expect(fieldOf(() => assess(rule, placement, [bad], noRates))).toMatchObject({ field: 'lines[0].amountMinor' });
  });
  it('zero salary is refused', () => {
    expect(fieldOf(() => assess(rule, { ...placement, monthlyBasicSalaryMinor: 0n }, [], noRates))).toMatchObject({
      field: 'placement.monthlyBasicSalaryMinor',
    });
  });
  it('unknown currencies are refused', () => {
    const e = fieldOf(() => assess(rule, placement, [line('medical-exam', 1n, 'ABC')], noRates));
    expect(e).toBeInstanceOf(UnknownCurrencyError);
    expect(e).toMatchObject({ field: 'lines[0].currency' });
  });
  it('bad dates are refused', () => {
    expect(fieldOf(() => assess(rule, placement, [line('medical-exam', 1n, 'SAR', '2026-02-30')], noRates))).toMatchObject({ field: 'lines[0].date' });
  });
  it('an item both allowed and prohibited is an invalid rule', () => {
    expect(fieldOf(() => assess({ ...rule, prohibitedItems: ['medical-exam'] }, placement, [], noRates))).toMatchObject({ field: 'rule.prohibitedItems[0]' });
  });
  it('a negative multiple is an invalid rule', () => {
    expect(() => assess({ ...rule, placementFeeCap: { kind: 'salary-multiple', multiple: -1 } }, placement, [], noRates)).toThrow();
  });
});
