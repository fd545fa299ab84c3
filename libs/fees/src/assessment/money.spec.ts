import fc from 'fast-check';
import { InvalidDecimalError, MissingExchangeRateError, UnknownCurrencyError } from './errors';
import { CURRENCY_EXPONENTS as DISPLAY_EXPONENTS } from '@app/i18n';
import { CURRENCY_EXPONENTS, Rational, conversionFactor, convert, currencyExponent, parseDecimal } from './money';

const RUNS = { numRuns: 300 };

describe('Rational.roundHalfEven', () => {
  it.each([
    [1n, 2n, 0n],
    [3n, 2n, 2n],
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [-1n, 2n, 0n],
    [-3n, 2n, -2n],
    [-5n, 2n, -2n],
    [7n, 3n, 2n],
    [8n, 3n, 3n],
    [-7n, 3n, -2n],
    [10n, 1n, 10n],
  ])('%p/%p -> %p', (n, d, want) => {
    expect(Rational.of(n, d).roundHalfEven()).toBe(want);
  });

  it('is the nearest integer, ties to even (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 12n), 10n ** 12n), fc.bigInt(1n, 10n ** 6n), (n, d) => {
        const r = Rational.of(n, d).roundHalfEven();
        const diff2 = 2n * (n - r * d); // 2 * (x - r) * d
        const abs = diff2 < 0n ? -diff2 : diff2;
        expect(abs <= d).toBe(true);
        if (abs === d) expect(r % 2n).toBe(0n);
      }),
      RUNS,
    );
  });
});

describe('parseDecimal', () => {
  it('parses plain and exponent decimals exactly', () => {
    expect(parseDecimal('0.0335').cmp(Rational.of(335n, 10000n))).toBe(0);
    expect(parseDecimal('1').cmp(Rational.of(1n))).toBe(0);
    expect(parseDecimal('1.000').cmp(Rational.of(1n))).toBe(0);
    expect(parseDecimal('1e-7').cmp(Rational.of(1n, 10_000_000n))).toBe(0);
    expect(parseDecimal('2.5E3').cmp(Rational.of(2500n))).toBe(0);
  });
  it.each(['', '-1', 'abc', '1.', '.5', '1,5', 'NaN', '0x10'])('rejects %p', (s) => {
    expect(() => parseDecimal(s)).toThrow(InvalidDecimalError);
  });
});

describe('convert', () => {
  const table: Record<string, string> = {
    'NPR>MYR@2026-03-02': '0.0335',
    'JPY>USD@2026-01-05': '0.0064',
    'USD>KWD@2026-01-05': '0.3071',
    'USD>JPY@2026-01-05': '156.25',
  };
  const rates = (from: string, to: string, date: string): string | undefined => table[`${from}>${to}@${date}`];

  it('same currency needs no rate', () => {
    expect(convert({ amountMinor: 123n, currency: 'PHP' }, 'PHP', '2026-01-01', () => undefined)).toEqual({ amountMinor: 123n, currency: 'PHP' });
  });
  it('NPR 60,000.00 -> MYR at 0.0335 = MYR 2,010.00', () => {
    expect(convert({ amountMinor: 6_000_000n, currency: 'NPR' }, 'MYR', '2026-03-02', rates)).toEqual({ amountMinor: 201_000n, currency: 'MYR' });
  });
  it('takes the exponents from the one table money is also written with (libs/i18n), IDR 2 included', () => {
    expect(CURRENCY_EXPONENTS).toBe(DISPLAY_EXPONENTS);
    expect(currencyExponent('IDR')).toBe(2);
    expect(() => currencyExponent('XXY', 'lines[0].currency')).toThrow(
      expect.objectContaining({ name: 'UnknownCurrencyError', code: 'unknown-currency', field: 'lines[0].currency' }),
    );
  });
  it('respects minor-unit exponents (JPY 0, USD 2, KWD 3)', () => {
    // JPY 10,000 * 0.0064 = USD 64.00
    expect(convert({ amountMinor: 10_000n, currency: 'JPY' }, 'USD', '2026-01-05', rates).amountMinor).toBe(6_400n);
    // USD 100.00 * 0.3071 = KWD 30.710
    expect(convert({ amountMinor: 10_000n, currency: 'USD' }, 'KWD', '2026-01-05', rates).amountMinor).toBe(30_710n);
    // USD 0.01 * 156.25 = JPY 1.5625 -> 2
    expect(convert({ amountMinor: 1n, currency: 'USD' }, 'JPY', '2026-01-05', rates).amountMinor).toBe(2n);
  });
  it('rounds half-even: 1 minor at 0.5 -> 0, 3 minor -> 2, 5 minor -> 2', () => {
    const half = () => '0.5';
    expect(convert({ amountMinor: 1n, currency: 'NPR' }, 'INR', '2026-01-01', half).amountMinor).toBe(0n);
    expect(convert({ amountMinor: 3n, currency: 'NPR' }, 'INR', '2026-01-01', half).amountMinor).toBe(2n);
    expect(convert({ amountMinor: 5n, currency: 'NPR' }, 'INR', '2026-01-01', half).amountMinor).toBe(2n);
  });
  it('a missing rate is a typed error naming the pair and date, never a guess', () => {
    const err = (() => {
      try {
        convert({ amountMinor: 1n, currency: 'NPR' }, 'MYR', '2026-03-03', rates);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MissingExchangeRateError);
    expect(err).toMatchObject({ from: 'NPR', to: 'MYR', date: '2026-03-03', code: 'missing-exchange-rate' });
  });
  it('a zero rate is refused', () => {
    expect(() => conversionFactor('NPR', 'MYR', '2026-01-01', () => '0')).toThrow(InvalidDecimalError);
  });
  it('an unknown currency is a typed error', () => {
    expect(() => convert({ amountMinor: 1n, currency: 'XXY' }, 'USD', '2026-01-01', () => '1')).toThrow(UnknownCurrencyError);
  });
  it('converting with rate 1 between currencies of the same exponent is the identity (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 15n), (n) => {
        expect(convert({ amountMinor: n, currency: 'HKD' }, 'USD', '2026-01-01', () => '1').amountMinor).toBe(n);
      }),
      RUNS,
    );
  });
});
