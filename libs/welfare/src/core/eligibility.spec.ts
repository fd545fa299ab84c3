import { DEFAULT_FILING_WINDOW_DAYS, Eligibility, EligibilityInput, InvalidWelfareInputError, MembershipPeriod, eligibility, membershipPeriods } from './index';

function thrown(fn: () => unknown): Error & { field?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { field?: string };
  }
  throw new Error('expected an error, none was thrown');
}

/** Member from 2024-02-01 to 2025-01-31 (a 12-month contract, contribution paid before departure). */
const PERIODS: MembershipPeriod[] = membershipPeriods([
  { placementId: 'P1', paidOn: '2024-01-10', contractStart: '2024-02-01', contractMonths: 12, amountMinor: 2500n, currency: 'USD' },
]);

const input = (overrides: Partial<EligibilityInput> = {}): EligibilityInput => ({
  type: 'death:natural',
  incidentDate: '2024-03-01',
  filedOn: '2024-03-20',
  periods: PERIODS,
  priorPaidClaims: [],
  ...overrides,
});

const check = (e: Eligibility, name: string) => e.checks.find((c) => c.check === name)!;

describe('eligibility', () => {
  it('an eligible claim: all three checks pass, each with its detail', () => {
    const e = eligibility(input());
    expect(e.eligible).toBe(true);
    expect(e.checks).toEqual([
      { check: 'membership-active', ok: true, detail: 'membership active on 2024-03-01 (period 2024-02-01 to 2025-01-31)' },
      { check: 'filed-in-window', ok: true, detail: 'filed 2024-03-20; the window runs from the incident 2024-03-01 to 2025-03-01 (365 days)' },
      { check: 'not-paid-before', ok: true, detail: 'no death:natural claim has been paid for the incident of 2024-03-01' },
    ]);
  });

  it('always returns the three checks, in order, even when all fail', () => {
    const e = eligibility(
      input({ incidentDate: '2023-01-01', filedOn: '2025-01-01', priorPaidClaims: [{ type: 'death:accidental', incidentDate: '2023-01-01' }] }),
    );
    expect(e.eligible).toBe(false);
    expect(e.checks.map((c) => [c.check, c.ok])).toEqual([
      ['membership-active', false],
      ['filed-in-window', false],
      ['not-paid-before', false],
    ]);
  });
});

describe('eligibility: membership active on the incident date', () => {
  it.each([
    ['the day before the period', '2024-01-31', false],
    ['the first day', '2024-02-01', true],
    ['the last day', '2025-01-31', true],
    ['the day after', '2025-02-01', false],
  ])('%s (%s): %s', (_name, incidentDate, ok) => {
    const e = eligibility(input({ incidentDate, filedOn: incidentDate }));
    expect(check(e, 'membership-active').ok).toBe(ok);
    expect(e.eligible).toBe(ok);
  });

  it('says which periods there are when none covers the incident', () => {
    expect(check(eligibility(input({ incidentDate: '2025-02-01', filedOn: '2025-02-01' })), 'membership-active').detail).toBe(
      'no membership period covers the incident date 2025-02-01 (membership periods: 2024-02-01 to 2025-01-31)',
    );
    expect(check(eligibility(input({ periods: [] })), 'membership-active').detail).toMatch(/no contribution on record/);
  });
});

describe('eligibility: filed within the window', () => {
  it('the default window is 365 days', () => {
    expect(DEFAULT_FILING_WINDOW_DAYS).toBe(365);
  });

  it.each([
    ['on the day of the incident', '2024-03-01', true],
    ['on the last day of the window (incident + 365 days)', '2025-03-01', true],
    ['the day after the window', '2025-03-02', false],
    ['the day before the incident', '2024-02-29', false],
  ])('filed %s (%s): %s', (_name, filedOn, ok) => {
    expect(check(eligibility(input({ filedOn })), 'filed-in-window').ok).toBe(ok);
  });

  it('a late claim says how late; an early one says it was filed before the incident', () => {
    expect(check(eligibility(input({ filedOn: '2025-03-04' })), 'filed-in-window').detail).toBe(
      'filed 2025-03-04, 3 day(s) late: the window runs from the incident 2024-03-01 to 2025-03-01 (365 days)',
    );
    expect(check(eligibility(input({ filedOn: '2024-02-29' })), 'filed-in-window').detail).toBe('filed 2024-02-29, before the incident 2024-03-01');
  });

  it('the window can be set: 30 days, or 0 (the incident day only)', () => {
    expect(check(eligibility(input({ windowDays: 30, filedOn: '2024-03-31' })), 'filed-in-window').ok).toBe(true);
    expect(check(eligibility(input({ windowDays: 30, filedOn: '2024-04-01' })), 'filed-in-window').ok).toBe(false);
    expect(check(eligibility(input({ windowDays: 0, filedOn: '2024-03-01' })), 'filed-in-window').ok).toBe(true);
    expect(check(eligibility(input({ windowDays: 0, filedOn: '2024-03-02' })), 'filed-in-window').ok).toBe(false);
  });
});

describe('eligibility: a one-time benefit is paid once per incident', () => {
  it('refuses a second death benefit for the same incident, natural or accidental', () => {
    const prior = [{ type: 'death:natural' as const, incidentDate: '2024-03-01' }];
    const natural = eligibility(input({ priorPaidClaims: prior }));
    expect(natural.eligible).toBe(false);
    expect(check(natural, 'not-paid-before')).toEqual({
      check: 'not-paid-before',
      ok: false,
      detail: 'a death:natural claim for the incident of 2024-03-01 has already been paid; death:natural is paid once per incident',
    });
    expect(check(eligibility(input({ type: 'death:accidental', priorPaidClaims: prior })), 'not-paid-before').ok).toBe(false);
  });

  it('a paid death benefit does not block the burial benefit of the same death', () => {
    expect(eligibility(input({ type: 'death:burial', priorPaidClaims: [{ type: 'death:natural', incidentDate: '2024-03-01' }] })).eligible).toBe(true);
  });

  it('a paid claim for another incident does not block', () => {
    expect(eligibility(input({ type: 'medical', priorPaidClaims: [{ type: 'medical', incidentDate: '2024-02-15' }] })).eligible).toBe(true);
  });

  it('blocks every one-time type on a paid claim of the same type and incident', () => {
    for (const type of ['death:burial', 'disability:partial', 'disability:total', 'medical', 'repatriation', 'livelihood-grant'] as const) {
      expect(check(eligibility(input({ type, priorPaidClaims: [{ type, incidentDate: '2024-03-01' }] })), 'not-paid-before').ok).toBe(false);
    }
  });

  it('a paid partial disability does not block total disability for the same accident (a worsened condition)', () => {
    expect(eligibility(input({ type: 'disability:total', priorPaidClaims: [{ type: 'disability:partial', incidentDate: '2024-03-01' }] })).eligible).toBe(true);
  });

  it('legal assistance and the education grant may be paid again for the same incident', () => {
    for (const type of ['legal-assistance', 'education-grant'] as const) {
      const e = eligibility(input({ type, priorPaidClaims: [{ type, incidentDate: '2024-03-01' }] }));
      expect(e.eligible).toBe(true);
      expect(check(e, 'not-paid-before').detail).toBe(`${type} is not a one-time benefit: it may be paid more than once for one incident`);
    }
  });
});

describe('eligibility: bad input names the field', () => {
  it.each<[string, Partial<EligibilityInput>, string]>([
    ['an unknown type', { type: 'funeral' as never }, 'type'],
    ['an incident date that is not real', { incidentDate: '2024-02-30' }, 'incidentDate'],
    ['a filing date that is not a date', { filedOn: 'yesterday' }, 'filedOn'],
    ['a negative window', { windowDays: -1 }, 'windowDays'],
    ['a fractional window', { windowDays: 1.5 }, 'windowDays'],
    ['a prior claim of an unknown type', { priorPaidClaims: [{ type: 'x' as never, incidentDate: '2024-03-01' }] }, 'priorPaidClaims[0].type'],
    ['a prior claim with a bad date', { priorPaidClaims: [{ type: 'medical', incidentDate: '1/3/2024' }] }, 'priorPaidClaims[0].incidentDate'],
  ])('%s', (_name, overrides, field) => {
    const e = thrown(() => eligibility(input(overrides)));
    expect(e).toBeInstanceOf(InvalidWelfareInputError);
    expect(e.field).toBe(field);
  });
});
