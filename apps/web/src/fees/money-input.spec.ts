import { formatMoney } from '@app/i18n';
import { exampleAmount, minorToInput, parseMoneyInput } from './money-input';

const minor = (text: string, currency: string, locale: 'en' | 'fil' | 'id' | 'ne' = 'en') => {
  const r = parseMoneyInput(text, currency, locale);
  return r.ok ? r.minor : r.error;
};

describe('parseMoneyInput', () => {
  it.each([
    ['6000', 'HKD', 'en', '600000'],
    ['6,000', 'HKD', 'en', '600000'],
    ['6,000.50', 'HKD', 'en', '600050'],
    ['6000.5', 'HKD', 'en', '600050'],
    [' 6 000 ', 'HKD', 'en', '600000'],
    ['0.75', 'PHP', 'fil', '75'],
    // Indonesian: `.` groups, `,` is the decimal point; IDR has two decimals in ISO 4217.
    ['1.500.000', 'IDR', 'id', '150000000'],
    ['1.500', 'IDR', 'id', '150000'],
    ['1.500,50', 'IDR', 'id', '150050'],
    ['6000,50', 'HKD', 'id', '600050'],
    ['6000.50', 'HKD', 'id', '600050'],
    // Nepali: Devanagari digits and lakh grouping.
    ['२५,०००', 'NPR', 'ne', '2500000'],
    ['1,00,000', 'NPR', 'ne', '10000000'],
    // JPY has no minor unit; KWD three.
    ['250000', 'JPY', 'en', '250000'],
    ['250,000', 'JPY', 'en', '250000'],
    ['12.345', 'KWD', 'en', '12345'],
    ['007', 'HKD', 'en', '700'],
    ['5.00', 'JPY', 'en', '5'],
  ] as const)('%s %s in %s → %s', (text, currency, locale, expected) => {
    expect(minor(text, currency, locale)).toBe(expected);
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['abc', 'invalid'],
    ['6,000.5.0', 'invalid'],
    ['-50', 'invalid'],
    ['5.', 'invalid'],
    [',500', 'invalid'],
    ['1,,000', 'invalid'],
    ['HK$6000', 'invalid'],
    ['1e5', 'invalid'],
    ['0', 'zero'],
    ['0.00', 'zero'],
    ['10.505', 'decimals'],
  ])('%j → %s', (text, error) => {
    expect(minor(text, 'HKD')).toBe(error);
  });

  it('says a yen amount must be whole', () => {
    expect(minor('1.5', 'JPY')).toBe('whole');
  });

  it('refuses what is not text', () => {
    expect(parseMoneyInput(undefined, 'HKD', 'en')).toEqual({ ok: false, error: 'required' });
    expect(parseMoneyInput(['1'], 'HKD', 'en')).toEqual({ ok: false, error: 'required' });
  });
});

describe('minorToInput', () => {
  it.each([
    ['600000', 'HKD', 'en', '6000'],
    ['600050', 'HKD', 'en', '6000.50'],
    ['600050', 'HKD', 'id', '6000,50'],
    ['5', 'HKD', 'en', '0.05'],
    ['250000', 'JPY', 'en', '250000'],
    ['150000000', 'IDR', 'id', '1500000'],
  ] as const)('%s %s in %s → %s, which reads back the same', (m, currency, locale, text) => {
    expect(minorToInput(m, currency, locale)).toBe(text);
    expect(minor(text, currency, locale)).toBe(m);
  });

  it('shows an IDR amount as its rupiah, not 100 times too large', () => {
    expect(formatMoney(minor('1.500.000', 'IDR', 'id'), 'IDR', 'id')).toBe('Rp\u00a01.500.000');
  });
});

describe('exampleAmount', () => {
  it('writes the example in the reader’s digits and grouping', () => {
    expect(exampleAmount('en')).toBe('25,000');
    expect(exampleAmount('id')).toBe('25.000');
    expect(exampleAmount('ne')).toBe('२५,०००');
  });
});
