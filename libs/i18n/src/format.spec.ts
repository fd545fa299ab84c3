import { UnknownCurrencyError, currencyExponent } from './currencies';
import { formatDate, formatMoney, formatNumber } from './format';

// Intl's narrow no-break spaces and no-break spaces, made plain for readable expectations.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('currency exponents (ISO 4217)', () => {
  it('follows ISO 4217, not Intl\'s display digits', () => {
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

  it('uses each currency\'s exponent', () => {
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

  it('shows a civil date as that day, month names in the reader\'s language', () => {
    expect(formatDate('2026-12-04', 'en')).toBe('4 December 2026');
    expect(formatDate('2026-12-04', 'fil')).toBe('Disyembre 4, 2026');
    expect(formatDate('2026-12-04', 'id')).toBe('4 Desember 2026');
    expect(formatDate('2026-12-04', 'ne')).toBe('२०२६ डिसेम्बर ४');
  });

  it('puts an instant in the given zone before showing it', () => {
    expect(plain(formatDate('2026-12-04T20:30:00Z', 'en', 'dateTime', 'Asia/Manila'))).toBe('5 Dec 2026, 04:30');
    expect(formatDate(new Date('2026-12-04T20:30:00Z'), 'en', 'date', 'UTC')).toBe('4 December 2026');
  });

  it('writes the weekday and the zone\'s offset in the full style (mail, read anywhere)', () => {
    expect(plain(formatDate('2026-12-04T20:30:00Z', 'en', 'dateTimeFull', 'Asia/Manila'))).toBe('Saturday, 5 December 2026 at 04:30 GMT+8');
    expect(formatDate('2026-12-04T20:30:00Z', 'ne', 'dateTimeFull', 'Asia/Kathmandu')).toBe('२०२६ डिसेम्बर ५, शनिबार: ०२:१५ GMT+५:४५');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('soon', 'en')).toThrow(RangeError);
  });
});
