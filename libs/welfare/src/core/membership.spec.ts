import { monthAnniversary } from './dates';
import { Contribution, DEFAULT_MAX_COVER_MONTHS, InvalidWelfareInputError, MembershipPeriod, activeOn, coverOf, membershipPeriods, periodOn } from './index';

/** A USD 25.00 contribution for a placement; override what the test is about. */
const contribution = (overrides: Partial<Contribution> = {}): Contribution => ({
  placementId: 'P1',
  paidOn: '2024-01-10',
  contractStart: '2024-02-01',
  contractMonths: 12,
  amountMinor: 2500n,
  currency: 'USD',
  ...overrides,
});

/** Runs `fn` and returns the error it throws (failing the test when it throws nothing). */
function thrown(fn: () => unknown): Error & { field?: string; code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { field?: string };
  }
  throw new Error('expected an error, none was thrown');
}

describe('monthAnniversary', () => {
  it.each([
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-01-31', 1, '2024-03-01'],
    ['2023-01-29', 1, '2023-03-01'],
    ['2024-02-29', 12, '2025-03-01'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-11-30', 3, '2025-03-01'],
    ['2024-12-01', 24, '2026-12-01'],
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(monthAnniversary(date, months)).toBe(expected);
  });
});

describe('coverOf: the days one contribution covers', () => {
  it('a contribution paid before departure covers the contract from its first day to the day before its anniversary', () => {
    expect(coverOf(contribution())).toEqual({ placementId: 'P1', from: '2024-02-01', to: '2025-01-31' });
  });

  it('a contract longer than 2 years is covered for its first 24 months only', () => {
    expect(DEFAULT_MAX_COVER_MONTHS).toBe(24);
    expect(coverOf(contribution({ contractStart: '2024-03-01', contractMonths: 36 }))).toEqual({ placementId: 'P1', from: '2024-03-01', to: '2026-02-28' });
  });

  it('a contract of exactly 24 months is covered whole', () => {
    expect(coverOf(contribution({ contractStart: '2024-03-01', contractMonths: 24 }))?.to).toBe('2026-02-28');
  });

  it('the cover limit can be set (maxCoverMonths)', () => {
    expect(coverOf(contribution({ contractMonths: 36 }), { maxCoverMonths: 12 })?.to).toBe('2025-01-31');
    expect(coverOf(contribution({ contractMonths: 6 }), { maxCoverMonths: 12 })?.to).toBe('2024-07-31');
  });

  it('a contribution paid after the contract started covers from the day it was paid, not backwards; the end does not move', () => {
    expect(coverOf(contribution({ paidOn: '2024-03-15' }))).toEqual({ placementId: 'P1', from: '2024-03-15', to: '2025-01-31' });
  });

  it('a contribution paid on the contract start day covers from that day', () => {
    expect(coverOf(contribution({ paidOn: '2024-02-01' }))?.from).toBe('2024-02-01');
  });

  it('a contribution paid on the last day of the contract covers that one day; paid the day after, nothing', () => {
    expect(coverOf(contribution({ paidOn: '2025-01-31' }))).toEqual({ placementId: 'P1', from: '2025-01-31', to: '2025-01-31' });
    expect(coverOf(contribution({ paidOn: '2025-02-01' }))).toBeNull();
  });

  it('a contract starting on the 31st runs to the end of the shorter month; one starting on 29 February to 28 February', () => {
    expect(coverOf(contribution({ paidOn: '2024-01-01', contractStart: '2024-01-31', contractMonths: 1 }))?.to).toBe('2024-02-29');
    expect(coverOf(contribution({ paidOn: '2024-01-01', contractStart: '2024-02-29', contractMonths: 12 }))?.to).toBe('2025-02-28');
  });
});

describe('membershipPeriods and activeOn', () => {
  const periods = membershipPeriods([contribution()]);

  it('one contribution makes one period', () => {
    expect(periods).toEqual<MembershipPeriod[]>([{ from: '2024-02-01', to: '2025-01-31', placementIds: ['P1'] }]);
  });

  it('is active on the first day and the last day, not on the day before nor the day after', () => {
    expect(activeOn(periods, '2024-01-31')).toBe(false);
    expect(activeOn(periods, '2024-02-01')).toBe(true);
    expect(activeOn(periods, '2024-08-15')).toBe(true);
    expect(activeOn(periods, '2025-01-31')).toBe(true);
    expect(activeOn(periods, '2025-02-01')).toBe(false);
  });

  it('a late payment does not cover an incident before the payment', () => {
    const late = membershipPeriods([contribution({ paidOn: '2024-03-15' })]);
    expect(activeOn(late, '2024-03-14')).toBe(false);
    expect(activeOn(late, '2024-03-15')).toBe(true);
  });

  it('no contribution, no membership', () => {
    expect(membershipPeriods([])).toEqual([]);
    expect(activeOn([], '2024-06-01')).toBe(false);
  });

  it('overlapping contributions merge into one period', () => {
    const p = membershipPeriods([contribution(), contribution({ placementId: 'P2', paidOn: '2024-06-01', contractStart: '2024-07-01', contractMonths: 24 })]);
    expect(p).toEqual([{ from: '2024-02-01', to: '2026-06-30', placementIds: ['P1', 'P2'] }]);
  });

  it('adjacent contributions (one ends the day before the next starts) merge into one period', () => {
    const p = membershipPeriods([contribution(), contribution({ placementId: 'P2', paidOn: '2025-01-20', contractStart: '2025-02-01', contractMonths: 6 })]);
    expect(p).toEqual([{ from: '2024-02-01', to: '2025-07-31', placementIds: ['P1', 'P2'] }]);
    expect(activeOn(p, '2025-01-31')).toBe(true);
    expect(activeOn(p, '2025-02-01')).toBe(true);
  });

  it('a gap of one day stays a gap', () => {
    const p = membershipPeriods([contribution(), contribution({ placementId: 'P2', paidOn: '2025-01-20', contractStart: '2025-02-02', contractMonths: 6 })]);
    expect(p).toEqual([
      { from: '2024-02-01', to: '2025-01-31', placementIds: ['P1'] },
      { from: '2025-02-02', to: '2025-08-01', placementIds: ['P2'] },
    ]);
    expect(activeOn(p, '2025-01-31')).toBe(true);
    expect(activeOn(p, '2025-02-01')).toBe(false);
    expect(activeOn(p, '2025-02-02')).toBe(true);
    expect(periodOn(p, '2025-02-02')?.placementIds).toEqual(['P2']);
    expect(periodOn(p, '2025-02-01')).toBeUndefined();
  });

  it('a cover inside another adds nothing but its placement; two contributions for one placement list it once', () => {
    const p = membershipPeriods([
      contribution({ contractMonths: 24 }),
      contribution({ placementId: 'P2', paidOn: '2024-05-01', contractStart: '2024-05-01', contractMonths: 2 }),
      contribution({ paidOn: '2024-01-20' }),
    ]);
    expect(p).toEqual([{ from: '2024-02-01', to: '2026-01-31', placementIds: ['P1', 'P2'] }]);
  });

  it('a contribution that covers nothing (paid after its contract) is left out', () => {
    expect(membershipPeriods([contribution({ paidOn: '2026-01-01' })])).toEqual([]);
  });

  it('does not depend on the order of the contributions', () => {
    const cs = [
      contribution({ placementId: 'P3', paidOn: '2027-01-01', contractStart: '2027-01-01' }),
      contribution(),
      contribution({ placementId: 'P2', paidOn: '2025-01-20', contractStart: '2025-02-01', contractMonths: 6 }),
    ];
    expect(membershipPeriods([...cs].reverse())).toEqual(membershipPeriods(cs));
    expect(membershipPeriods(cs)).toHaveLength(2);
  });
});

describe('membership: bad input names the field', () => {
  it.each<[string, Partial<Contribution>, string]>([
    ['a date that is not real', { paidOn: '2024-02-30' }, 'contributions[0].paidOn'],
    ['a date in another format', { contractStart: '01/02/2024' }, 'contributions[0].contractStart'],
    ['zero months', { contractMonths: 0 }, 'contributions[0].contractMonths'],
    ['fractional months', { contractMonths: 1.5 }, 'contributions[0].contractMonths'],
    ['an amount as a number', { amountMinor: 25 as unknown as bigint }, 'contributions[0].amountMinor'],
    ['a zero amount', { amountMinor: 0n }, 'contributions[0].amountMinor'],
    ['a lower-case currency', { currency: 'usd' }, 'contributions[0].currency'],
    ['an empty placement id', { placementId: ' ' }, 'contributions[0].placementId'],
  ])('%s', (_name, overrides, field) => {
    const e = thrown(() => membershipPeriods([contribution(overrides)]));
    expect(e).toBeInstanceOf(InvalidWelfareInputError);
    expect(e.field).toBe(field);
    expect(e.code).toBe('invalid-welfare-input');
  });

  it('maxCoverMonths must be a whole number >= 1', () => {
    expect(thrown(() => membershipPeriods([contribution()], { maxCoverMonths: 0 })).field).toBe('maxCoverMonths');
  });

  it('activeOn refuses a date that is not real', () => {
    expect(thrown(() => activeOn([], '2024-13-01')).field).toBe('date');
  });
});
