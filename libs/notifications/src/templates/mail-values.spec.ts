import { formatMailValue, mailDate, mailDateIn, mailDateTime, mailMoney, mailTerm, mailValueProblem } from './mail-values';

describe('mail values', () => {
  it('accepts strings, finite numbers and the typed shapes', () => {
    for (const v of [
      'x',
      '',
      3,
      0.5,
      mailDate('2026-08-14'),
      mailDateTime(new Date('2026-09-08T02:00:00Z'), 'Asia/Manila'),
      mailMoney(150000n, 'IDR'),
      mailTerm('mail.term.priority.urgent'),
    ]) {
      expect(mailValueProblem(v)).toBeNull();
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['a non-finite number', Number.NaN, /finite/],
    ['a boolean', true, /must be a string/],
    ['an array', ['a'], /must be a string/],
    ['an unknown shape', { a: 1 }, /must be a string/],
    ['an extra key', { date: '2026-08-14', zone: 'UTC' }, /must be a string/],
    ['a date that is not YYYY-MM-DD', { date: '14 August 2026' }, /local date/],
    ['a date that does not exist', { date: '2026-02-30' }, /local date/],
    ['an instant without offset', { dateTime: '2026-09-08T10:00:00', zone: 'Asia/Manila' }, /offset/],
    ['an unknown zone', { dateTime: '2026-09-08T02:00:00Z', zone: 'Mars/Olympus' }, /IANA/],
    ['minor units as a number', { money: { minor: 150000, currency: 'IDR' } }, /decimal string/],
    ['minor units with decimals', { money: { minor: '1500.00', currency: 'IDR' } }, /integer/],
    ['an unknown currency', { money: { minor: '1', currency: 'XXX' } }, /ISO 4217/],
    ['money without its currency', { money: { minor: '1' } }, /\{ minor, currency \}/],
    ['a term the catalogues lack', { term: 'mail.term.no.such' }, /key of the message catalogues/],
  ])('refuses %s', (_name, value, problem) => {
    expect(mailValueProblem(value)).toMatch(problem);
  });

  it('takes the local date of an instant in a zone (the last day of a deadline ending at local midnight)', () => {
    expect(mailDateIn(new Date('2026-12-08T15:59:59.999Z'), 'Asia/Manila')).toEqual({ date: '2026-12-08' });
    expect(mailDateIn('2026-12-08T16:00:00.000Z', 'Asia/Manila')).toEqual({ date: '2026-12-09' });
  });

  it('keeps money exact: minor units as a decimal string, never a float', () => {
    expect(mailMoney(9_007_199_254_740_993n, 'PHP')).toEqual({ money: { minor: '9007199254740993', currency: 'PHP' } });
    expect(formatMailValue(mailMoney(9_007_199_254_740_993n, 'PHP'), 'en')).toBe('₱90,071,992,547,409.93');
    expect(mailMoney('100', 'PHP ')).toEqual({ money: { minor: '100', currency: 'PHP' } }); // char(3) columns come padded
  });

  it("writes each value for the reader's language", () => {
    expect(formatMailValue(1234, 'ne')).toBe('१,२३४');
    expect(formatMailValue(mailDate('2026-08-14'), 'fil')).toBe('Agosto 14, 2026');
    expect(formatMailValue(mailTerm('mail.term.priority.normal'), 'id')).toBe('biasa');
    expect(formatMailValue('as it is', 'ne')).toBe('as it is');
  });
});
