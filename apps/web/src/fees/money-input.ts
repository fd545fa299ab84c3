/**
 * Amounts of money as people type them, turned into the integer minor units the API takes (and
 * back, to fill a form in again). The exponent comes from libs/i18n's one ISO 4217 table, never
 * from Intl: IDR has two decimals in ISO 4217 (sen) though people write it without, so 1.500.000
 * rupiah is 150000000 minor units; JPY has none, so 250000 yen is 250000.
 *
 * People write numbers their own way: `25,000.50` (English, Filipino, Nepali), `25.000,50`
 * (Indonesian), `२५,०००` (Nepali digits), `1,00,000` (Nepali grouping), spaces between groups.
 * The rules, in order:
 *   - Devanagari digits count as digits; spaces are ignored;
 *   - with both `.` and `,` in it, the last one is the decimal point;
 *   - with one of them several times, it groups thousands;
 *   - with one of them once: followed by exactly three digits it is what the reader's language
 *     makes it (`1.500` is 1500 in Indonesian, 1.5 in English); otherwise it is a decimal point.
 * No float is ever involved.
 */
import { LOCALE_INFO, Locale, currencyExponent, formatNumber } from '@app/i18n';

export type MoneyInputError = 'required' | 'invalid' | 'decimals' | 'whole' | 'zero';

export type ParsedMoney = { ok: true; minor: string } | { ok: false; error: MoneyInputError };

const DEVANAGARI_ZERO = 0x0966;
const toAsciiDigits = (s: string) => s.replace(/[\u0966-\u096F]/g, (d) => String(d.charCodeAt(0) - DEVANAGARI_ZERO));

/** The reader's decimal separator (`,` in Indonesian, `.` otherwise). */
export function decimalSeparator(locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_INFO[locale].intl).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** `text` typed in `locale`, as minor units of `currency` (a decimal string without leading zeros). */
export function parseMoneyInput(text: unknown, currency: string, locale: Locale): ParsedMoney {
  if (typeof text !== 'string' || !text.trim()) return { ok: false, error: 'required' };
  const s = toAsciiDigits(text).replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return { ok: false, error: 'invalid' };

  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimal: string | null = null;
  if (dots && commas) {
    decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    if ((decimal === '.' ? dots : commas) > 1) return { ok: false, error: 'invalid' };
  } else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const after = s.length - s.indexOf(sep) - 1;
    decimal = after === 3 && sep !== decimalSeparator(locale) ? null : sep;
  }
  const group = decimal === '.' ? ',' : decimal === ',' ? '.' : dots ? '.' : ',';

  let whole = s;
  let fraction = '';
  if (decimal) {
    const at = s.lastIndexOf(decimal);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!fraction || /[.,]/.test(fraction)) return { ok: false, error: 'invalid' };
  }
  // Group separators only between digits (not `,5` nor `5,` nor `5,,000`).
  if (whole.startsWith(group) || whole.endsWith(group) || whole.includes(group + group)) return { ok: false, error: 'invalid' };
  whole = whole.split(group).join('');
  if (!whole && !fraction) return { ok: false, error: 'invalid' };

  const exponent = currencyExponent(currency);
  fraction = fraction.replace(/0+$/, '');
  if (fraction.length > exponent) return { ok: false, error: exponent === 0 ? 'whole' : 'decimals' };
  const minor = ((whole || '0') + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(minor)) return { ok: false, error: 'zero' };
  return { ok: true, minor };
}

/**
 * Minor units as the reader would type them again, without grouping (`6000`, `6000.50`, in
 * Indonesian `6000,50`): what a form field shows when someone comes back to change an answer.
 */
export function minorToInput(minor: string, currency: string, locale: Locale): string {
  if (!/^\d+$/.test(minor)) return '';
  const exponent = currencyExponent(currency);
  const padded = minor.padStart(exponent + 1, '0');
  const whole = padded.slice(0, padded.length - exponent) || '0';
  const fraction = exponent ? padded.slice(padded.length - exponent) : '';
  return /^0*$/.test(fraction) ? whole : `${whole}${decimalSeparator(locale)}${fraction}`;
}

/** An example amount written in the reader's way (`25,000`, `25.000`, `२५,०००`), for hints. */
export function exampleAmount(locale: Locale): string {
  return formatNumber(25000, locale);
}
