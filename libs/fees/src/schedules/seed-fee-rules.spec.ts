import { CURRENCY_EXPONENTS, FeeLine, PLACEMENT_FEE_ITEM, RateLookup, Rational, assess, parseDecimal } from '../assessment';
import { COST_ITEMS, isCostItem } from './cost-items';
import { ORIGIN_CURRENCIES, originCurrency } from './origin-currencies';
import {
  DESTINATION_SALARY_CURRENCIES,
  EXCHANGE_RATE_SEED_FIRST_DATE,
  EXCHANGE_RATE_SEED_LAST_DATE,
  EXCHANGE_RATE_SEED_SOURCE,
  OCCUPATION_CATEGORIES,
  SEEDED_EXCHANGE_RATES,
  SEEDED_FEE_RULES,
  SeedFeeRule,
  destinationSalaryCurrency,
  inverseRate,
  isOccupationCategory,
  toSignificantDecimal,
} from './seed-fee-rules';

/** Exact-date lookup over the seeded rates (no inverse, no cross rate, no other date: as the core requires). */
const RATES = new Map(SEEDED_EXCHANGE_RATES.map((r) => [`${r.base}|${r.quote}|${r.date}`, r.rate]));
const lookup: RateLookup = (from, to, date) => RATES.get(`${from}|${to}|${date}`);

const salaryCurrencyOf = (rule: SeedFeeRule) => destinationSalaryCurrency(rule.destinationCountry)!;
const originCurrencyOf = (rule: SeedFeeRule) => originCurrency(rule.originCountry!)!;

/** The 1st of every month from the first to the last seeded date, computed independently of the seed. */
function months(): string[] {
  const out: string[] = [];
  for (let y = 2025; y <= 2027; y++) for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}-01`);
  return out.filter((d) => d >= EXCHANGE_RATE_SEED_FIRST_DATE && d <= EXCHANGE_RATE_SEED_LAST_DATE);
}
const MONTHS = months();

/** The currencies the caps of a rule are stated in, given the placement's salary currency. */
function capCurrencies(rule: SeedFeeRule): string[] {
  const cap = rule.placementFeeCap;
  const out = new Set<string>([cap.kind === 'fixed' ? cap.currency : salaryCurrencyOf(rule)]);
  for (const a of rule.allowedItems) if (a.cap) out.add(a.cap.currency);
  return [...out];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** What the exchange-rate API accepts (exchange-rates.service.ts) and numeric(24,12) stores. */
const RATE_TEXT = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,12})?$/;

describe('cost items', () => {
  it('are kebab-case codes with a label; placement-fee is not one of them', () => {
    const codes = Object.keys(COST_ITEMS);
    expect(codes.length).toBeGreaterThanOrEqual(15);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(COST_ITEMS[code].label.trim()).not.toBe('');
      expect(isCostItem(code)).toBe(true);
    }
    expect(isCostItem(PLACEMENT_FEE_ITEM)).toBe(false);
    expect(isCostItem('toString')).toBe(false);
    expect(isCostItem('Visa')).toBe(false);
    expect(Object.isFrozen(COST_ITEMS)).toBe(true);
  });
});

describe('origin currencies', () => {
  it('maps every origin to a currency the money core knows', () => {
    expect(Object.keys(ORIGIN_CURRENCIES).sort()).toEqual(['BD', 'ET', 'ID', 'IN', 'KE', 'KH', 'LK', 'MM', 'NP', 'PH', 'PK', 'UG', 'VN']);
    for (const [country, currency] of Object.entries(ORIGIN_CURRENCIES)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(CURRENCY_EXPONENTS[currency]).toBeDefined();
    }
    expect(originCurrency('PH')).toBe('PHP');
    expect(originCurrency('NP')).toBe('NPR');
    expect(originCurrency('XX')).toBeUndefined();
    expect(originCurrency('constructor')).toBeUndefined();
  });
});

describe('seeded fee rules', () => {
  it('are the expected corridors, with unique stable keys', () => {
    const keys = SEEDED_FEE_RULES.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual([
      'ID-HK-domestic-work',
      'NP-MY-general',
      'NP-QA-general',
      'PH-HK-domestic-work',
      'PH-HK-general',
      'PH-SA-domestic-work',
      'PH-SA-general',
      'PH-TW-domestic-work',
      'PH-TW-general',
    ]);
  });

  it.each(SEEDED_FEE_RULES.map((r) => [r.key, r] as const))('%s is a valid rule of the controlled vocabulary with a source', (key, rule) => {
    expect(key).toBe(`${rule.originCountry}-${rule.destinationCountry}-${rule.occupationCategory}`);
    expect(rule.originCountry).toMatch(/^[A-Z]{2}$/);
    expect(rule.destinationCountry).toMatch(/^[A-Z]{2}$/);
    expect(originCurrency(rule.originCountry!)).toBeDefined();
    expect(destinationSalaryCurrency(rule.destinationCountry)).toBeDefined();
    expect(isOccupationCategory(rule.occupationCategory)).toBe(true);
    expect(OCCUPATION_CATEGORIES).toContain(rule.occupationCategory);
    for (const a of rule.allowedItems) expect(isCostItem(a.item)).toBe(true);
    for (const p of rule.prohibitedItems) expect(isCostItem(p)).toBe(true);
    expect(rule.source.trim().length).toBeGreaterThan(40);
    expect(rule.validFrom).toMatch(DATE);
    expect(rule.validTo === null || (DATE.test(rule.validTo) && rule.validTo >= rule.validFrom)).toBe(true);
    // The core refuses an invalid rule (item twice, allowed and prohibited, placement-fee listed, unknown currency, ...).
    expect(() => assess(rule, { monthlyBasicSalaryMinor: 1n, salaryCurrency: salaryCurrencyOf(rule) }, [], lookup)).not.toThrow();
    expect(assess(rule, { monthlyBasicSalaryMinor: 1n, salaryCurrency: salaryCurrencyOf(rule) }, [], lookup).compliant).toBe(true);
  });

  it('never overlap in validity for one (destination, occupation, origin)', () => {
    const byKey = new Map<string, SeedFeeRule[]>();
    for (const r of SEEDED_FEE_RULES) {
      const k = `${r.destinationCountry}|${r.occupationCategory}|${r.originCountry}`;
      byKey.set(k, [...(byKey.get(k) ?? []), r]);
    }
    for (const rules of byKey.values()) {
      for (let i = 0; i < rules.length; i++)
        for (let j = i + 1; j < rules.length; j++) {
          const [a, b] = [rules[i], rules[j]];
          const aEnd = a.validTo ?? '9999-12-31';
          const bEnd = b.validTo ?? '9999-12-31';
          expect(a.validFrom > bEnd || b.validFrom > aEnd).toBe(true);
        }
    }
  });

  it('are deeply frozen', () => {
    expect(Object.isFrozen(SEEDED_FEE_RULES)).toBe(true);
    for (const r of SEEDED_FEE_RULES) {
      expect(Object.isFrozen(r)).toBe(true);
      expect(Object.isFrozen(r.allowedItems)).toBe(true);
    }
  });

  it('protected rules and zero-cost rules allow nothing', () => {
    for (const r of SEEDED_FEE_RULES.filter((x) => x.protected || x.placementFeeCap.kind === 'none')) {
      expect(r.placementFeeCap.kind).toBe('none');
      expect(r.allowedItems).toEqual([]);
    }
  });
});

describe('seeded fee rules applied', () => {
  const rule = (key: string) => SEEDED_FEE_RULES.find((r) => r.key === key)!;
  const line = (item: string, amountMinor: bigint, currency: string, date = '2025-03-01', receiptNumber = 'R1'): FeeLine => ({
    item,
    amountMinor,
    currency,
    date,
    receiptNumber,
  });

  it('PH-HK-general: 10% of a HKD 5,000.00 wage is the cap, a PHP fee above it is over', () => {
    const r = rule('PH-HK-general');
    const placement = { monthlyBasicSalaryMinor: 500000n, salaryCurrency: 'HKD' };
    expect(assess(r, placement, [line(PLACEMENT_FEE_ITEM, 50000n, 'HKD')], lookup).compliant).toBe(true);
    const over = assess(r, placement, [line(PLACEMENT_FEE_ITEM, 500000n, 'PHP')], lookup); // PHP 5,000 ≈ HKD 670
    expect(over.violations).toEqual([expect.objectContaining({ kind: 'placement-fee-over-cap', currency: 'PHP' })]);
    expect(assess(r, placement, [line('airfare', 1000n, 'PHP')], lookup).violations[0].kind).toBe('item-not-allowed');
    expect(assess(r, placement, [line('passport', 120001n, 'PHP')], lookup).violations).toEqual([
      { lineIndex: 0, kind: 'item-over-cap', excessMinor: 1n, currency: 'PHP' },
    ]);
  });

  it('NP-QA-general: NPR 10,000.00 service charge is allowed, one paisa more is not, visa never', () => {
    const r = rule('NP-QA-general');
    const placement = { monthlyBasicSalaryMinor: 150000n, salaryCurrency: 'QAR' };
    expect(assess(r, placement, [line(PLACEMENT_FEE_ITEM, 1000000n, 'NPR')], lookup).compliant).toBe(true);
    expect(assess(r, placement, [line(PLACEMENT_FEE_ITEM, 1000001n, 'NPR')], lookup).violations).toEqual([
      { lineIndex: 0, kind: 'placement-fee-over-cap', excessMinor: 1n, currency: 'NPR' },
    ]);
    expect(assess(r, placement, [line('visa', 1n, 'NPR')], lookup).violations[0].kind).toBe('item-not-allowed');
  });

  it('PH-TW-general: the broker service fee is capped at TWD 60,000.00 in total', () => {
    const r = rule('PH-TW-general');
    const placement = { monthlyBasicSalaryMinor: 2859000n, salaryCurrency: 'TWD' };
    const fees = Array.from({ length: 36 }, (_, i) =>
      line('service-fee', i < 12 ? 180000n : i < 24 ? 170000n : 150000n, 'TWD', '2025-03-01', `S${String(i).padStart(2, '0')}`),
    );
    expect(assess(r, placement, fees, lookup).compliant).toBe(true);
    expect(assess(r, placement, [...fees, line('service-fee', 100n, 'TWD', '2025-04-01', 'S99')], lookup).violations).toEqual([
      { lineIndex: 36, kind: 'item-over-cap', excessMinor: 100n, currency: 'TWD' },
    ]);
  });

  it('domestic work from the Philippines is protected: even a passport fee is a violation', () => {
    for (const key of ['PH-HK-domestic-work', 'PH-SA-domestic-work', 'PH-TW-domestic-work']) {
      const r = rule(key);
      expect(r.protected).toBe(true);
      const a = assess(r, { monthlyBasicSalaryMinor: 100n, salaryCurrency: salaryCurrencyOf(r) }, [line('passport', 95000n, 'PHP')], lookup);
      expect(a.violations).toEqual([{ lineIndex: 0, kind: 'protected-category', excessMinor: 95000n, currency: 'PHP' }]);
    }
  });

  it('ID-HK-domestic-work: zero cost, any placement fee or item is over', () => {
    const r = rule('ID-HK-domestic-work');
    const a = assess(
      r,
      { monthlyBasicSalaryMinor: 499000n, salaryCurrency: 'HKD' },
      [line(PLACEMENT_FEE_ITEM, 100n, 'IDR'), line('training', 100n, 'IDR')],
      lookup,
    );
    expect(a.violations.map((v) => v.kind)).toEqual(['placement-fee-over-cap', 'item-not-allowed']);
  });
});

describe('seeded exchange rates', () => {
  it('say where they come from', () => {
    expect(EXCHANGE_RATE_SEED_SOURCE).toMatch(/demonstration/i);
    expect(EXCHANGE_RATE_SEED_SOURCE).toMatch(/official/i);
  });

  it('are plain positive decimals of at most 8 significant digits that the rate API and numeric(24,12) accept', () => {
    for (const r of SEEDED_EXCHANGE_RATES) {
      expect(r.rate).toMatch(RATE_TEXT);
      expect(parseDecimal(r.rate).cmp(Rational.ZERO)).toBe(1);
      expect(r.rate.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length).toBeLessThanOrEqual(8);
      expect(CURRENCY_EXPONENTS[r.base]).toBeDefined();
      expect(CURRENCY_EXPONENTS[r.quote]).toBeDefined();
      expect(r.base).not.toBe(r.quote);
      expect(MONTHS).toContain(r.date);
    }
    // Rates of 1 or more (the forward direction of each pair) have at most 8 decimal places.
    for (const r of SEEDED_EXCHANGE_RATES.filter((x) => parseDecimal(x.rate).cmp(Rational.of(1n)) >= 0)) expect(r.rate).toMatch(/^\d+(?:\.\d{1,8})?$/);
  });

  it('have one rate per pair and date, on the 1st of every month from 2025-01 through 2027-06', () => {
    expect(MONTHS).toHaveLength(30);
    expect(MONTHS[0]).toBe('2025-01-01');
    expect(MONTHS[29]).toBe('2027-06-01');
    expect(RATES.size).toBe(SEEDED_EXCHANGE_RATES.length);
    const pairs = new Set(SEEDED_EXCHANGE_RATES.map((r) => `${r.base}|${r.quote}`));
    for (const p of pairs) for (const d of MONTHS) expect(RATES.has(`${p}|${d}`)).toBe(true);
    expect(SEEDED_EXCHANGE_RATES.length).toBe(pairs.size * MONTHS.length);
  });

  it('cover every pair a seeded rule can need, in both directions, every month', () => {
    const missing: string[] = [];
    for (const rule of SEEDED_FEE_RULES) {
      const feeCurrencies = new Set([originCurrencyOf(rule), 'USD', salaryCurrencyOf(rule)]);
      const needed = new Set<string>();
      // A fee in the origin currency, USD or the salary currency converted to any cap currency...
      for (const f of feeCurrencies) for (const k of capCurrencies(rule)) if (f !== k) needed.add(`${f}|${k}`);
      // ...and the pairs named by the seed's contract: origin ↔ salary/cap currencies, USD ↔ all, item caps ↔ salary.
      const all = new Set([...feeCurrencies, ...capCurrencies(rule)]);
      for (const a of all) for (const b of all) if (a !== b) needed.add(`${a}|${b}`);
      for (const pair of needed) for (const d of MONTHS) if (!RATES.has(`${pair}|${d}`)) missing.push(`${rule.key}: ${pair} on ${d}`);
    }
    expect(missing).toEqual([]);
  });

  it('let every seeded rule assess fees in the origin currency, USD or the salary currency on every month start', () => {
    for (const rule of SEEDED_FEE_RULES) {
      const placement = { monthlyBasicSalaryMinor: 100000n, salaryCurrency: salaryCurrencyOf(rule) };
      const items = [PLACEMENT_FEE_ITEM, ...rule.allowedItems.filter((a) => a.cap).map((a) => a.item)];
      for (const date of MONTHS) {
        for (const currency of [originCurrencyOf(rule), 'USD', salaryCurrencyOf(rule)]) {
          // Two lines per item so the second one needs its conversion after the first used part of the cap.
          const lines = items.flatMap((item) => [line(item, 1n, currency, date, 'A'), line(item, 10n ** 12n, currency, date, 'B')]);
          expect(() => assess(rule, placement, lines, lookup)).not.toThrow();
        }
      }
    }
    function line(item: string, amountMinor: bigint, currency: string, date: string, receiptNumber: string): FeeLine {
      return { item, amountMinor, currency, date, receiptNumber };
    }
  });

  it('are consistent: forward × inverse = 1 within 1e-6, and the inverse is 1/forward rounded to 8 significant digits', () => {
    const tolerance = Rational.of(1n, 1_000_000n);
    const one = Rational.of(1n);
    for (const r of SEEDED_EXCHANGE_RATES) {
      const back = RATES.get(`${r.quote}|${r.base}|${r.date}`);
      expect(back).toBeDefined();
      const product = parseDecimal(r.rate).mul(parseDecimal(back!));
      const diff = product.cmp(one) >= 0 ? product.sub(one) : one.sub(product);
      expect(diff.cmp(tolerance)).toBeLessThanOrEqual(0);
      // One of the two directions is derived from the other.
      expect(inverseRate(r.rate) === back || inverseRate(back!) === r.rate).toBe(true);
    }
  });

  it('stay near plausible levels (USD→PHP 50-65, USD→HKD inside the 7.75-7.85 band, USD→SAR pegged at 3.75)', () => {
    for (const d of MONTHS) {
      const php = Number(lookup('USD', 'PHP', d));
      const hkd = Number(lookup('USD', 'HKD', d));
      expect(php).toBeGreaterThan(50);
      expect(php).toBeLessThan(65);
      expect(hkd).toBeGreaterThanOrEqual(7.75);
      expect(hkd).toBeLessThanOrEqual(7.85);
      expect(lookup('USD', 'SAR', d)).toBe('3.75');
    }
  });

  it('destination salary currencies are known to the money core', () => {
    for (const c of Object.values(DESTINATION_SALARY_CURRENCIES)) expect(CURRENCY_EXPONENTS[c]).toBeDefined();
  });
});

describe('toSignificantDecimal', () => {
  it('rounds half-even to 8 significant digits and writes plain decimals', () => {
    expect(toSignificantDecimal(Rational.of(1n, 3n))).toBe('0.33333333');
    expect(toSignificantDecimal(Rational.of(2n, 3n))).toBe('0.66666667');
    expect(toSignificantDecimal(Rational.of(16250n))).toBe('16250');
    expect(toSignificantDecimal(Rational.of(123456785n, 10n))).toBe('12345678'); // tie, 8 is even
    expect(toSignificantDecimal(Rational.of(123456775n, 10n))).toBe('12345678'); // tie, 7 is odd → up
    expect(toSignificantDecimal(Rational.of(999999995n, 100n))).toBe('10000000'); // carries into a new digit
    expect(toSignificantDecimal(Rational.of(123456789012n))).toBe('123456790000');
    expect(toSignificantDecimal(Rational.of(1n, 16250n))).toBe('0.000061538462');
    expect(inverseRate('7.78')).toBe('0.1285347');
    expect(() => toSignificantDecimal(Rational.ZERO)).toThrow(RangeError);
  });
});
