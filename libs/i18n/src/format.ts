/**
 * Numbers, money and dates in the reader's language (Intl and luxon): Devanagari digits for
 * Nepali, `1.500.000` for Indonesian, day before month in English.
 */
import { DateTime } from 'luxon';
import { currencyExponent } from './currencies';
import { LOCALE_INFO, Locale } from './locales';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(LOCALE_INFO[locale].intl, options)));
  return format;
}

/** A number (or an integer as bigint or decimal string) in the reader's digits and grouping. */
export function formatNumber(value: number | bigint | string, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, options).format(value as number);
}

const INTEGER = /^-?\d+$/;

/**
 * An amount of money held as integer minor units (bigint, or the decimal string the API sends),
 * shown in the reader's language with its currency: the minor-unit exponent comes from the ISO
 * 4217 table (currencies.ts), never from Intl, and no float is involved (Intl formats the exact
 * decimal string). A whole amount in a currency usually written without decimals drops them
 * (`Rp 1.500.000`, not `Rp 1.500.000,00`); any other keeps every digit of its exponent.
 */
export function formatMoney(amountMinor: bigint | string | number, currency: string, locale: Locale): string {
  const minor = toBigInt(amountMinor);
  const exponent = currencyExponent(currency);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(exponent);
  const whole = abs / scale;
  const fraction = abs % scale;
  const decimal = `${negative ? '-' : ''}${whole}${exponent ? `.${fraction.toString().padStart(exponent, '0')}` : ''}`;
  const usual = numberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? exponent;
  const digits = fraction === 0n && usual < exponent ? usual : exponent;
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(decimal as Intl.StringNumericLiteral);
}

function toBigInt(value: bigint | string | number): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`minor units must be an integer, got ${value}`);
    return BigInt(value);
  }
  if (!INTEGER.test(value)) throw new RangeError(`minor units must be an integer, got "${value}"`);
  return BigInt(value);
}

export type DateStyle = 'date' | 'dateShort' | 'dateTime' | 'dateTimeFull' | 'time';

const LUXON_FORMATS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: DateTime.DATE_FULL, // 4 December 2026
  dateShort: DateTime.DATE_MED, // 4 Dec 2026
  dateTime: DateTime.DATETIME_MED, // 4 Dec 2026, 14:05
  // For mail, read wherever the reader is: the weekday, and the zone's offset after the time.
  dateTimeFull: { ...DateTime.DATETIME_FULL, weekday: 'long' }, // Friday, 4 December 2026 at 14:05 GMT+8
  time: DateTime.TIME_SIMPLE,
};

const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date or instant for the reader. A civil date (`2026-12-04`, as the API sends deadlines'
 * local dates) is shown as that day, whatever the zone; an instant (ISO string with offset, Date
 * or luxon DateTime) is first put in `zone` (an IANA name, e.g. the jurisdiction's).
 */
export function formatDate(value: string | Date | DateTime, locale: Locale, style: DateStyle = 'date', zone = 'UTC'): string {
  let dt: DateTime;
  if (typeof value === 'string' && CIVIL_DATE.test(value)) dt = DateTime.fromISO(value, { zone: 'UTC' });
  else if (typeof value === 'string') dt = DateTime.fromISO(value, { setZone: true }).setZone(zone);
  else if (value instanceof Date) dt = DateTime.fromJSDate(value).setZone(zone);
  else dt = value.setZone(zone);
  if (!dt.isValid) throw new RangeError(`not a date: ${String(value)}`);
  return dt.setLocale(LOCALE_INFO[locale].intl).toLocaleString(LUXON_FORMATS[style]);
}
