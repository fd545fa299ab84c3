/** Money in the welfare core: integer minor units (bigint) plus an ISO 4217 code. Never floating point. */
import { InvalidWelfareInputError } from './errors';

/** The error class a validator throws: each names the field and the problem. */
export type FieldErrorClass = new (field: string, problem: string) => Error;

export interface Money {
  amountMinor: bigint;
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;

/** An ISO 4217-shaped code (three capital letters), or an InvalidWelfareInputError naming `field`. */
export function requireCurrency(v: unknown, field: string, Err: FieldErrorClass = InvalidWelfareInputError): string {
  if (typeof v !== 'string' || !CURRENCY.test(v)) throw new Err(field, `must be an ISO 4217 code (three capital letters), got ${JSON.stringify(v)}`);
  return v;
}

/** A bigint of at least `min` minor units (fractional minor units and numbers are refused). */
export function requireMinor(v: unknown, field: string, min: bigint, Err: FieldErrorClass = InvalidWelfareInputError): bigint {
  if (typeof v !== 'bigint') throw new Err(field, `must be a bigint number of minor units, got ${describe(v)}`);
  if (v < min) throw new Err(field, min === 1n ? `must be positive, got ${v}` : `must be at least ${min}, got ${v}`);
  return v;
}

/** Round num/den (num >= 0, den > 0) to an integer, ties to even (banker's rounding). */
export function roundHalfEven(num: bigint, den: bigint): bigint {
  let q = num / den;
  const r = num % den;
  const twice = 2n * r;
  if (twice > den || (twice === den && q % 2n !== 0n)) q += 1n;
  return q;
}

export function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  return `${typeof v} ${String(v)}`;
}
