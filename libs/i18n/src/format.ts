/**
 * Numbers, money and dates in the reader's language (Intl, and luxon where Intl alone cannot
 * read a date): Devanagari digits for Nepali, `1.500.000` for Indonesian, day before month in
 * English.
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

/** Each language's formatter without options, the one pages use most (no key to build for it). */
const plainNumberFormats = new Map<Locale, Intl.NumberFormat>();

/** A number (or an integer as bigint or decimal string) in the reader's digits and grouping. */
export function formatNumber(value: number | bigint | string, locale: Locale, options?: Intl.NumberFormatOptions): string {
  if (options) return numberFormat(locale, options).format(value as number);
  let format = plainNumberFormats.get(locale);
  if (!format) plainNumberFormats.set(locale, (format = numberFormat(locale, {})));
  return format.format(value as number);
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
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    decimal as Intl.StringNumericLiteral,
  );
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
 *
 * What the API sends (a civil date, an instant as `toISOString()` writes it or with an offset) in
 * UTC or an IANA zone is formatted by Intl directly, with one formatter kept per language, style
 * and zone: luxon parsing a DateTime and formatting it part by part per call was ~5 % of the
 * agency page's CPU. It writes exactly what luxon writes (luxon formats with the same Intl
 * options); anything else (another ISO form, a fixed offset such as `UTC+8`, a DateTime, an
 * impossible date) goes through luxon as before.
 */
export function formatDate(value: string | Date | DateTime, locale: Locale, style: DateStyle = 'date', zone = 'UTC'): string {
  const civil = typeof value === 'string' && CIVIL_DATE.test(value);
  const ms = typeof value === 'string' ? epochMillisOf(value, civil) : value instanceof Date ? value.getTime() : NaN;
  const format = Number.isNaN(ms) ? null : dateFormat(locale, style, civil ? 'UTC' : zone);
  return format ? format(ms) : formatWithLuxon(value, locale, style, zone, civil);
}

function formatWithLuxon(value: string | Date | DateTime, locale: Locale, style: DateStyle, zone: string, civil: boolean): string {
  let dt: DateTime;
  if (civil) dt = DateTime.fromISO(value as string, { zone: 'UTC' });
  else if (typeof value === 'string') dt = DateTime.fromISO(value, { setZone: true }).setZone(zone);
  else if (value instanceof Date) dt = DateTime.fromJSDate(value).setZone(zone);
  else dt = value.setZone(zone);
  if (!dt.isValid) throw new RangeError(`not a date: ${String(value)}`);
  return dt.setLocale(LOCALE_INFO[locale].intl).toLocaleString(LUXON_FORMATS[style]);
}

/** `2026-12-04T20:30:00.000Z`, `2026-12-04T20:30:00+08:00`: what the API writes for an instant. */
const INSTANT = /^([1-9]\d{3})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const CIVIL_PARTS = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number) => (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]);

/**
 * The instant a civil date (its midnight in UTC) or an ISO instant stands for, in epoch
 * milliseconds; NaN for any other form or an impossible date, left to luxon.
 */
function epochMillisOf(value: string, civil: boolean): number {
  const m = (civil ? CIVIL_PARTS : INSTANT).exec(value);
  if (!m) return NaN;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return NaN;
  const offsetHours = m[9] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[10] === undefined ? 0 : Number(m[10]);
  if (offsetHours > 23 || offsetMinutes > 59) return NaN;
  // Milliseconds as luxon reads them (it floors the fraction times 1000).
  const millis = m[7] === undefined ? 0 : Math.floor(parseFloat(`0.${m[7]}`) * 1000);
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

type DateFormat = (epochMillis: number) => string;

/** Formatters by language, style and zone; null: a zone that is not for Intl alone (luxon's then). */
const dateFormats = new Map<string, DateFormat | null>();
/** Zones come from code and the API's data, a handful; the bound only guards against a stream of odd ones. */
const MAX_DATE_FORMATS = 1000;
/** Zones luxon reads itself, not as IANA names: fixed offsets (`UTC+8`) and the system's. */
const LUXON_ZONE = /^(?:utc[+-]\d{1,2}(?::\d{2})?|default|local|system)$/i;

function dateFormat(locale: Locale, style: DateStyle, zone: string): DateFormat | null {
  const key = `${locale}|${style}|${zone}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    if (dateFormats.size >= MAX_DATE_FORMATS) dateFormats.clear();
    dateFormats.set(key, (format = makeDateFormat(locale, style, zone)));
  }
  return format;
}

function makeDateFormat(locale: Locale, style: DateStyle, zone: string): DateFormat | null {
  const lowered = zone.toLowerCase();
  // luxon's UTC (`utc`, `gmt`): Intl's UTC zone, its name written `UTC` whatever the language.
  const utc = lowered === 'utc' || lowered === 'gmt';
  if (!utc && LUXON_ZONE.test(zone)) return null;
  let dtf: Intl.DateTimeFormat;
  try {
    dtf = new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, { ...LUXON_FORMATS[style], timeZone: utc ? 'UTC' : zone });
  } catch {
    return null; // not a zone Intl knows: luxon says it is not a date
  }
  if (!utc) return (ms) => dtf.format(ms);
  // luxon writes a UTC date from Intl's parts (to name the zone its way), and V8's format() turns
  // the narrow no-break space ICU puts before "AM" into a plain one: where the two differ for
  // this formatter (its literals are the same for every date), the parts are used.
  const fromParts: DateFormat = (ms) =>
    dtf
      .formatToParts(ms)
      .map((p) => (p.type === 'timeZoneName' ? 'UTC' : p.value))
      .join('');
  return LUXON_FORMATS[style].timeZoneName || fromParts(PROBE) !== dtf.format(PROBE) ? fromParts : (ms) => dtf.format(ms);
}

/** An afternoon instant, to see a formatter's literals and day period. */
const PROBE = Date.UTC(2026, 11, 4, 20, 30);
