/**
 * Reading what a person typed: amounts of money, dates in three boxes, email addresses and phone
 * numbers, as forgivingly as is safe (spaces, Devanagari digits, the reader's decimal comma), and
 * always to the shape the API takes (integer minor units, YYYY-MM-DD).
 */
import { Locale, currencyExponent, isKnownCurrency } from '@app/i18n';

/** Devanagari (०-९) and other common non-ASCII digits to ASCII. */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0966-\u096F]/g, (c) => String(c.charCodeAt(0) - 0x0966)).replace(/[\uFF10-\uFF19]/g, (c) => String(c.charCodeAt(0) - 0xff10));
}

/** Text from a form field: a string, trimmed (anything else: ''). */
export function text(value: unknown): string {
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
}

/** A field sent once or several times (checkboxes) as a list of strings. */
export function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

/** Languages writing the decimal separator as a comma (and grouping with dots). */
const DECIMAL_COMMA: readonly Locale[] = ['id'];

export type AmountResult = { ok: true; minor: string } | { ok: false; reason: 'invalid' | 'decimals' | 'zero' | 'tooLarge' };

/**
 * An amount typed in the reader's way ("15,000", "15000.50", Indonesian "1.500.000,50", "१५०००")
 * as integer minor units of `currency` (its ISO 4217 exponent: JPY none, KWD three).
 */
export function parseAmount(input: string, currency: string, locale: Locale): AmountResult {
  let s = asciiDigits(input).replace(/[\s\u00A0\u202F']/g, '');
  if (!s || !/^[0-9.,]+$/.test(s)) return { ok: false, reason: 'invalid' };
  const [group, decimal] = DECIMAL_COMMA.includes(locale) ? ['.', ','] : [',', '.'];
  // One decimal separator at most; grouping separators go.
  const parts = s.split(decimal);
  if (parts.length > 2) return { ok: false, reason: 'invalid' };
  const whole = parts[0].split(group).join('');
  const fraction = parts[1] ?? '';
  if (fraction.includes(group) || !/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || (!whole && !fraction)) return { ok: false, reason: 'invalid' };
  const exponent = isKnownCurrency(currency) ? currencyExponent(currency) : 2;
  if (fraction.length > exponent) return { ok: false, reason: 'decimals' };
  s = (whole || '0') + fraction.padEnd(exponent, '0');
  const minor = s.replace(/^0+/, '');
  if (!minor) return { ok: false, reason: 'zero' };
  if (minor.length > 18) return { ok: false, reason: 'tooLarge' };
  return { ok: true, minor };
}

/** Minor units back as the person would type them ("15000.50", Indonesian "15000,50"), for a form field. */
export function amountForInput(minor: string | undefined, currency: string | undefined, locale: Locale): string {
  if (!minor || !/^\d+$/.test(minor)) return '';
  const exponent = currency && isKnownCurrency(currency) ? currencyExponent(currency) : 2;
  const padded = minor.padStart(exponent + 1, '0');
  const whole = padded.slice(0, padded.length - exponent);
  const fraction = exponent ? padded.slice(-exponent) : '';
  if (!fraction || /^0+$/.test(fraction)) return whole;
  return `${whole}${DECIMAL_COMMA.includes(locale) ? ',' : '.'}${fraction}`;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DateResult = { ok: true; date: string } | { ok: true; date: undefined } | { ok: false; reason: 'incomplete' | 'invalid' | 'future' | 'tooOld' };

/**
 * A date typed in three boxes (GOV.UK's date input). All empty: no date (ok, undefined). Checked:
 * a real day, not in the future (`today`, YYYY-MM-DD), not before 1950.
 */
export function parseDateParts(parts: DateParts, today: string): DateResult {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((p) => asciiDigits(p).trim());
  if (!day && !month && !year) return { ok: true, date: undefined };
  if (!day || !month || !year) return { ok: false, reason: 'incomplete' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { ok: false, reason: 'invalid' };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return { ok: false, reason: 'invalid' };
  const iso = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (iso > today) return { ok: false, reason: 'future' };
  if (y < 1950) return { ok: false, reason: 'tooOld' };
  return { ok: true, date: iso };
}

/** YYYY-MM-DD back into the three boxes. */
export function dateParts(iso: string | undefined): DateParts {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])) } : { day: '', month: '', year: '' };
}

/** Today's date where the person is not known: UTC's (a day's difference only widens "not in the future" by a day). */
export function todayIso(now: Date = new Date()): string {
  // The latest date anywhere on Earth (UTC+14), so that nobody's today is "in the future".
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

/** The API's rule for a phone number (FileComplaintDto.phone). */
export const PHONE = /^\+?[0-9 ()-]{6,25}$/;

/** A phone number as typed, with Devanagari digits made ASCII and dots made spaces. */
export function normalisePhone(input: string): string {
  return asciiDigits(input)
    .replace(/[.\u00A0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A plausible email address (the API decides finally; this catches typing slips early). */
export function looksLikeEmail(s: string): boolean {
  return s.length <= 254 && /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/.test(s);
}
