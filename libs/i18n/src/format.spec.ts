import { DateTime } from 'luxon';
import { UnknownCurrencyError, currencyExponent } from './currencies';
import { DateStyle, formatDate, formatMoney, formatNumber } from './format';
import { LOCALES, LOCALE_INFO, Locale } from './locales';

// Intl's narrow no-break spaces and no-break spaces, made plain for readable expectations.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('currency exponents (ISO 4217)', () => {
  it("follows ISO 4217, not Intl's display digits", () => {
    expect(currencyExponent('IDR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('PHP')).toBe(2);
  });

  it('refuses a currency it does not know rather than guess', () => {
    expect(() => currencyExponent('XXX')).toThrow(UnknownCurrencyError);
    expect(() => formatMoney(1n, 'ZZZ', 'en')).toThrow(UnknownCurrencyError);
  });
});

describe('formatMoney', () => {
  it('shows IDR held in sen at its real size (not 100 times too large)', () => {
    expect(plain(formatMoney(150_000_000n, 'IDR', 'id'))).toBe('Rp 1.500.000');
    expect(plain(formatMoney('150000050', 'IDR', 'id'))).toBe('Rp 1.500.000,50');
    expect(plain(formatMoney(150_000_000n, 'IDR', 'en'))).toBe('IDR 1,500,000');
  });

  it("uses each currency's exponent", () => {
    expect(formatMoney(1500n, 'JPY', 'en')).toBe('JP¥1,500');
    expect(plain(formatMoney(1234n, 'KWD', 'en'))).toBe('KWD 1.234');
    expect(formatMoney(100_000_000n, 'PHP', 'en')).toBe('₱1,000,000.00');
    expect(formatMoney(7n, 'PHP', 'fil')).toBe('₱0.07');
    expect(formatMoney(-250n, 'USD', 'en')).toBe('-US$2.50');
  });

  it('never goes through a float, however large the amount', () => {
    expect(formatMoney('9007199254740993', 'PHP', 'en')).toBe('₱90,071,992,547,409.93');
  });

  it('writes Nepali amounts in Devanagari digits', () => {
    expect(plain(formatMoney(12_345_650n, 'NPR', 'ne'))).toBe('नेरू १,२३,४५६.५०');
  });

  it('refuses minor units that are not an integer', () => {
    expect(() => formatMoney('12.5', 'PHP', 'en')).toThrow(RangeError);
    expect(() => formatMoney(0.5, 'PHP', 'en')).toThrow(RangeError);
  });
});

describe('formatNumber and formatDate', () => {
  it('groups and writes digits per language', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'id')).toBe('1.234.567');
    expect(formatNumber(1234567, 'ne')).toBe('१२,३४,५६७');
  });

  it("shows a civil date as that day, month names in the reader's language", () => {
    expect(formatDate('2026-12-04', 'en')).toBe('4 December 2026');
    expect(formatDate('2026-12-04', 'fil')).toBe('Disyembre 4, 2026');
    expect(formatDate('2026-12-04', 'id')).toBe('4 Desember 2026');
    expect(formatDate('2026-12-04', 'ne')).toBe('२०२६ डिसेम्बर ४');
  });

  it('puts an instant in the given zone before showing it', () => {
    expect(plain(formatDate('2026-12-04T20:30:00Z', 'en', 'dateTime', 'Asia/Manila'))).toBe('5 Dec 2026, 04:30');
    expect(formatDate(new Date('2026-12-04T20:30:00Z'), 'en', 'date', 'UTC')).toBe('4 December 2026');
  });

  it("writes the weekday and the zone's offset in the full style (mail, read anywhere)", () => {
    expect(plain(formatDate('2026-12-04T20:30:00Z', 'en', 'dateTimeFull', 'Asia/Manila'))).toBe('Saturday, 5 December 2026 at 04:30 GMT+8');
    expect(formatDate('2026-12-04T20:30:00Z', 'ne', 'dateTimeFull', 'Asia/Kathmandu')).toBe('२०२६ डिसेम्बर ५, शनिबार: ०२:१५ GMT+५:४५');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('soon', 'en')).toThrow(RangeError);
  });
});

describe('formatDate writes what luxon writes', () => {
  // The formatter before Intl was used directly: luxon, for every input.
  const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
    date: DateTime.DATE_FULL,
    dateShort: DateTime.DATE_MED,
    dateTime: DateTime.DATETIME_MED,
    dateTimeFull: { ...DateTime.DATETIME_FULL, weekday: 'long' },
    time: DateTime.TIME_SIMPLE,
  };
  const byLuxon = (value: string | Date, locale: Locale, style: DateStyle, zone: string): string => {
    const dt =
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? DateTime.fromISO(value, { zone: 'UTC' })
        : typeof value === 'string'
          ? DateTime.fromISO(value, { setZone: true }).setZone(zone)
          : DateTime.fromJSDate(value).setZone(zone);
    if (!dt.isValid) throw new RangeError(`not a date: ${String(value)}`);
    return dt.setLocale(LOCALE_INFO[locale].intl).toLocaleString(STYLES[style]);
  };
  const VALUES = [
    '2026-12-04',
    '2024-02-29',
    '1999-12-31',
    '2026-12-04T20:30:00Z',
    '2026-12-04T20:30:00.000Z',
    '2026-12-31T23:59:59.999Z',
    '2026-03-01T00:00:00.295Z',
    '2026-12-04T02:15:00+08:00',
    '2026-06-30T22:00:00-05:30',
    '2026-12-04T20:30Z',
    '2026-12-04T20:30:00.123456Z',
    '2026-12-04T20:30:00+0800',
    '20261204T203000Z',
    new Date('2026-07-04T12:00:00Z'),
  ];
  const ZONES = ['UTC', 'utc', 'GMT', 'Asia/Manila', 'Asia/Kathmandu', 'America/New_York', 'Etc/UTC', 'UTC+8', 'UTC-03:30'];
  const STYLE_NAMES = Object.keys(STYLES) as DateStyle[];

  it.each(LOCALES)('in %s, for every style, zone and form of date the API sends', (locale) => {
    for (const value of VALUES) {
      for (const style of STYLE_NAMES) {
        for (const zone of ZONES)
          expect(`${String(value)} ${style} ${zone}: ${formatDate(value, locale, style, zone)}`).toBe(
            `${String(value)} ${style} ${zone}: ${byLuxon(value, locale, style, zone)}`,
          );
      }
    }
  });

  it('refuses an impossible date or an unknown zone as luxon does', () => {
    for (const value of ['2026-02-30', '2026-13-01', '2026-02-30T10:00:00Z', '2026-12-04T24:30:00Z', '2026-12-04T20:60:00Z']) {
      expect(() => formatDate(value, 'en')).toThrow(new RangeError(`not a date: ${value}`));
    }
    expect(() => formatDate('2026-12-04T20:30:00Z', 'en', 'date', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => formatDate(new Date(NaN), 'en')).toThrow(RangeError);
  });

  it('formats a luxon DateTime too', () => {
    expect(formatDate(DateTime.fromISO('2026-12-04T20:30:00Z'), 'en', 'date', 'Asia/Manila')).toBe('5 December 2026');
  });
});
