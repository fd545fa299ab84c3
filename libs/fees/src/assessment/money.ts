import { CURRENCY_EXPONENTS, isKnownCurrency } from '@app/i18n';
import { InvalidDecimalError, MissingExchangeRateError, UnknownCurrencyError } from './errors';

/**
 * Money is integer minor units (bigint) plus an ISO 4217 code. Never floating point.
 * Conversion is exact (rational arithmetic on bigints) and rounds once, half-even, when a
 * result has to be expressed as minor units.
 */
export interface Money {
  amountMinor: bigint;
  currency: string;
}

/**
 * The ISO 4217 minor-unit exponents: the system's one table (libs/i18n currencies.ts), which also
 * writes amounts for people, so an amount is never assessed with one exponent and shown with another.
 */
export { CURRENCY_EXPONENTS, isKnownCurrency };

/** The exponent of `currency`; an unknown code is this core's UnknownCurrencyError, naming the field. */
export function currencyExponent(currency: string, field?: string): number {
  if (!isKnownCurrency(currency)) throw new UnknownCurrencyError(currency, field);
  return CURRENCY_EXPONENTS[currency];
}

/** Exchange-rate lookup: how many units of `to` one unit of `from` buys on `date` (YYYY-MM-DD), as a decimal string; undefined when unknown. */
export type RateLookup = (from: string, to: string, date: string) => string | undefined;

/** An exact non-negative rational number num/den (den > 0), kept reduced. */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational with zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    return g > 1n ? new Rational(num / g, den / g) : new Rational(num, den);
  }

  static readonly ZERO = Rational.of(0n);

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  cmp(o: Rational): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }

  /** Round to an integer, ties to even. */
  roundHalfEven(): bigint {
    const { num, den } = this;
    let q = num / den; // truncates toward zero
    let r = num % den;
    if (r < 0n) {
      q -= 1n;
      r += den;
    } // now num = q*den + r, 0 <= r < den
    const twice = 2n * r;
    if (twice > den || (twice === den && q % 2n !== 0n)) q += 1n;
    return q;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Parse a non-negative decimal string ("1", "0.0175", "56.3", "1e-7") exactly. */
export function parseDecimal(text: string, field?: string): Rational {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new InvalidDecimalError(text, field);
  const frac = m[2] ?? '';
  const exp = m[3] ? Number(m[3]) : 0;
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) throw new InvalidDecimalError(text, field);
  const digits = BigInt(m[1] + frac);
  const scale = exp - frac.length;
  return scale >= 0 ? Rational.of(digits * 10n ** BigInt(scale)) : Rational.of(digits, 10n ** BigInt(-scale));
}

/** A JS number (e.g. a salary multiple like 1.5) as an exact decimal via its shortest round-trip string. */
export function numberToDecimal(n: number, field?: string): Rational {
  if (!Number.isFinite(n) || n < 0) throw new InvalidDecimalError(String(n), field);
  return parseDecimal(String(n), field);
}

/**
 * The exact factor turning minor units of `from` into minor units of `to` on `date`:
 * rate × 10^(exp(to) − exp(from)). Same currency: exactly 1, no lookup.
 */
export function conversionFactor(from: string, to: string, date: string, rates: RateLookup, field?: string): Rational {
  const ef = currencyExponent(from, field);
  const et = currencyExponent(to, field);
  if (from === to) return Rational.of(1n);
  const text = rates(from, to, date);
  if (text === undefined || text === null) throw new MissingExchangeRateError(from, to, date, field);
  const rate = parseDecimal(text, field);
  if (rate.isZero()) throw new InvalidDecimalError(text, field);
  const d = et - ef;
  return d >= 0 ? rate.mul(Rational.of(10n ** BigInt(d))) : rate.mul(Rational.of(1n, 10n ** BigInt(-d)));
}

/** Exact conversion of minor units (no rounding). */
export function convertExact(amountMinor: bigint, from: string, to: string, date: string, rates: RateLookup): Rational {
  return Rational.of(amountMinor).mul(conversionFactor(from, to, date, rates));
}

/** Convert minor units, rounding once, half-even, at the end. */
export function convert(money: Money, to: string, date: string, rates: RateLookup): Money {
  return { amountMinor: convertExact(money.amountMinor, money.currency, to, date, rates).roundHalfEven(), currency: to };
}
