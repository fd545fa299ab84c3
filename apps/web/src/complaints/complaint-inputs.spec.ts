import { amountForInput, dateParts, looksLikeEmail, normalisePhone, parseAmount, parseDateParts, PHONE } from './complaint-inputs';

describe('amounts as people type them', () => {
  it.each([
    ['15000', 'PHP', 'en', '1500000'],
    ['15,000.50', 'PHP', 'en', '1500050'],
    [' 15 000 ', 'PHP', 'fil', '1500000'],
    ['1.500.000,50', 'IDR', 'id', '150000050'],
    ['1500000', 'IDR', 'id', '150000000'],
    ['१५०००', 'NPR', 'ne', '1500000'],
    ['1000', 'JPY', 'en', '1000'],
    ['12.345', 'KWD', 'en', '12345'],
    ['0.5', 'USD', 'en', '50'],
  ] as const)('%s %s (%s) → %s minor units', (input, currency, locale, minor) => {
    expect(parseAmount(input, currency, locale)).toEqual({ ok: true, minor });
  });

  it.each([
    ['abc', 'PHP', 'en', 'invalid'],
    ['12.34.56', 'PHP', 'en', 'invalid'],
    ['-5', 'PHP', 'en', 'invalid'],
    ['1.5', 'JPY', 'en', 'decimals'],
    ['1.234', 'PHP', 'en', 'decimals'],
    ['0', 'PHP', 'en', 'zero'],
    ['0.00', 'PHP', 'en', 'zero'],
    ['1234567890123456789', 'PHP', 'en', 'tooLarge'],
  ] as const)('refuses %s %s (%s): %s', (input, currency, locale, reason) => {
    expect(parseAmount(input, currency, locale)).toEqual({ ok: false, reason });
  });

  it('writes minor units back as typed, in the reader’s decimal separator', () => {
    expect(amountForInput('1500000', 'PHP', 'en')).toBe('15000');
    expect(amountForInput('1500050', 'PHP', 'en')).toBe('15000.50');
    expect(amountForInput('150000050', 'IDR', 'id')).toBe('1500000,50');
    expect(amountForInput('1000', 'JPY', 'en')).toBe('1000');
    expect(amountForInput('5', 'USD', 'en')).toBe('0.05');
    expect(amountForInput(undefined, 'USD', 'en')).toBe('');
    for (const minor of ['1', '99', '100', '123456789']) {
      const typed = amountForInput(minor, 'KWD', 'en');
      expect(parseAmount(typed, 'KWD', 'en')).toEqual({ ok: true, minor });
    }
  });
});

describe('dates in three boxes', () => {
  const today = '2026-06-15';
  it('empty is no date; a real past day is one', () => {
    expect(parseDateParts({ day: '', month: '', year: '' }, today)).toEqual({ ok: true, date: undefined });
    expect(parseDateParts({ day: '2', month: '3', year: '2026' }, today)).toEqual({ ok: true, date: '2026-03-02' });
    expect(parseDateParts({ day: '१५', month: '६', year: '२०२६' }, today)).toEqual({ ok: true, date: '2026-06-15' });
  });
  it.each([
    [{ day: '2', month: '', year: '2026' }, 'incomplete'],
    [{ day: '31', month: '2', year: '2026' }, 'invalid'],
    [{ day: 'x', month: '2', year: '2026' }, 'invalid'],
    [{ day: '1', month: '2', year: '26' }, 'invalid'],
    [{ day: '16', month: '6', year: '2026' }, 'future'],
    [{ day: '1', month: '1', year: '1900' }, 'tooOld'],
  ])('%j: %s', (parts, reason) => {
    expect(parseDateParts(parts, today)).toEqual({ ok: false, reason });
  });
  it('round-trips', () => {
    expect(dateParts('2026-03-02')).toEqual({ day: '2', month: '3', year: '2026' });
    expect(dateParts(undefined)).toEqual({ day: '', month: '', year: '' });
  });
});

describe('contact details', () => {
  it('emails', () => {
    expect(looksLikeEmail('maria.santos@example.org')).toBe(true);
    expect(looksLikeEmail('maria@localhost')).toBe(false);
    expect(looksLikeEmail('maria santos@example.org')).toBe(false);
    expect(looksLikeEmail('@example.org')).toBe(false);
  });
  it('phones, in the API’s pattern once normalised', () => {
    expect(normalisePhone('+977 ९८ १२३४ ५६७८')).toBe('+977 98 1234 5678');
    expect(PHONE.test(normalisePhone('0917.123.4567'))).toBe(true);
    expect(PHONE.test('call me')).toBe(false);
  });
});
