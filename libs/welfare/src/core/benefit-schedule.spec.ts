import {
  BenefitRule,
  BenefitScheduleEntry,
  CLAIM_TYPES,
  CLAIM_TYPE_POLICY,
  ClaimType,
  CurrencyMismatchError,
  InvalidBenefitScheduleError,
  InvalidWelfareInputError,
  SEEDED_BENEFIT_SCHEDULE,
  ScheduledAmountInput,
  approvalCheck,
  ruleInForce,
  scheduledAmount,
  validateBenefitSchedule,
  validateRule,
} from './index';

function thrown(fn: () => unknown): Error & { field?: string; code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { field?: string };
  }
  throw new Error('expected an error, none was thrown');
}

const PHP = 'PHP';
const fixed = (amountMinor: bigint): BenefitRule => ({ kind: 'fixed', amountMinor, currency: PHP });
const byDegree = (maxAmountMinor: bigint): BenefitRule => ({ kind: 'by-degree', maxAmountMinor, currency: PHP });
const reimbursement = (capMinor: bigint): BenefitRule => ({ kind: 'reimbursement', capMinor, currency: PHP });
const entry = (type: ClaimType, rule: BenefitRule, validFrom: string, validTo: string | null): BenefitScheduleEntry => ({ type, rule, validFrom, validTo });
const seeded = (type: ClaimType, date = '2024-06-01') => {
  const e = ruleInForce(SEEDED_BENEFIT_SCHEDULE, type, date);
  if (!e) throw new Error(`no seeded rule for ${type}`);
  return e.rule;
};

describe('claim types and their policy', () => {
  it('lists the ten claim types of the SPEC', () => {
    expect(CLAIM_TYPES).toEqual([
      'death:natural',
      'death:accidental',
      'death:burial',
      'disability:partial',
      'disability:total',
      'medical',
      'repatriation',
      'legal-assistance',
      'education-grant',
      'livelihood-grant',
    ]);
  });

  it('legal assistance and the education grant are the only types that may be paid more than once for one incident', () => {
    expect(CLAIM_TYPES.filter((t) => !CLAIM_TYPE_POLICY[t].oneTime)).toEqual(['legal-assistance', 'education-grant']);
  });

  it('natural and accidental death exclude each other; burial does not exclude either', () => {
    expect(CLAIM_TYPE_POLICY['death:natural'].oneTimeGroup).toBe(CLAIM_TYPE_POLICY['death:accidental'].oneTimeGroup);
    expect(CLAIM_TYPE_POLICY['death:burial'].oneTimeGroup).not.toBe(CLAIM_TYPE_POLICY['death:natural'].oneTimeGroup);
  });
});

describe('scheduledAmount with the seeded schedule: every claim type', () => {
  const cases: [ClaimType, ScheduledAmountInput, bigint][] = [
    ['death:natural', {}, 10_000_000n],
    ['death:accidental', {}, 20_000_000n],
    ['death:burial', {}, 2_000_000n],
    ['disability:partial', { degreePercent: 40 }, 1_000_000n],
    ['disability:partial', { degreePercent: 100 }, 2_500_000n],
    ['disability:partial', { degreePercent: 1 }, 25_000n],
    ['disability:total', {}, 10_000_000n],
    ['medical', { claimedMinor: 3_000_000n, currency: PHP }, 3_000_000n],
    ['medical', { claimedMinor: 7_500_000n, currency: PHP }, 5_000_000n],
    ['medical', { claimedMinor: 5_000_000n, currency: PHP }, 5_000_000n],
    ['repatriation', { claimedMinor: 4_512_345n, currency: PHP }, 4_512_345n],
    ['repatriation', { claimedMinor: 25_000_000n, currency: PHP }, 10_000_000n],
    ['legal-assistance', { claimedMinor: 1_500_000n, currency: PHP }, 1_500_000n],
    ['legal-assistance', { claimedMinor: 10_000_001n, currency: PHP }, 10_000_000n],
    ['education-grant', {}, 1_000_000n],
    ['livelihood-grant', {}, 2_000_000n],
  ];

  it.each(cases)('%s %j → %s minor units (PHP)', (type, input, expected) => {
    expect(scheduledAmount(seeded(type), input)).toEqual({ amountMinor: expected, currency: PHP });
  });

  it('covers every claim type', () => {
    expect(new Set(cases.map(([t]) => t))).toEqual(new Set(CLAIM_TYPES));
  });
});

describe('scheduledAmount: the three kinds of rule', () => {
  it('fixed: the amount, whatever was claimed (a degree is ignored)', () => {
    expect(scheduledAmount(fixed(123n), { claimedMinor: 999_999n, currency: PHP, degreePercent: 10 })).toEqual({ amountMinor: 123n, currency: PHP });
  });

  it('reimbursement: the amount claimed up to the cap', () => {
    expect(scheduledAmount(reimbursement(1_000n), { claimedMinor: 999n, currency: PHP }).amountMinor).toBe(999n);
    expect(scheduledAmount(reimbursement(1_000n), { claimedMinor: 1_000n, currency: PHP }).amountMinor).toBe(1_000n);
    expect(scheduledAmount(reimbursement(1_000n), { claimedMinor: 1_001n, currency: PHP }).amountMinor).toBe(1_000n);
  });

  it.each<[bigint, number, bigint]>([
    [2_500_000n, 33, 825_000n], // exact
    [1_000_001n, 33, 330_000n], // 330,000.33 → down
    [1_000_001n, 67, 670_001n], // 670,000.67 → up
    [2_500_001n, 50, 1_250_000n], // 1,250,000.5 → even (down)
    [2_500_003n, 50, 1_250_002n], // 1,250,001.5 → even (up)
    [1n, 50, 0n], // 0.5 → 0
    [3n, 50, 2n], // 1.5 → 2
    [5n, 50, 2n], // 2.5 → 2
  ])('by-degree: %s × %i%% rounds half-even once to %s', (max, degree, expected) => {
    expect(scheduledAmount(byDegree(max), { degreePercent: degree }).amountMinor).toBe(expected);
  });
});

describe('scheduledAmount: errors name the field', () => {
  it('a reimbursement without a claimed amount', () => {
    const e = thrown(() => scheduledAmount(reimbursement(1_000n)));
    expect(e).toBeInstanceOf(InvalidWelfareInputError);
    expect(e.field).toBe('claimedMinor');
    expect(e.message).toMatch(/required for a reimbursement/);
  });

  it('a claimed amount without its currency', () => {
    expect(thrown(() => scheduledAmount(reimbursement(1_000n), { claimedMinor: 10n })).field).toBe('currency');
  });

  it('a claimed amount in another currency than the rule is a currency mismatch (convert first)', () => {
    const e = thrown(() => scheduledAmount(reimbursement(1_000n), { claimedMinor: 10n, currency: 'USD' }));
    expect(e).toBeInstanceOf(CurrencyMismatchError);
    expect(e.field).toBe('currency');
    expect(e).toMatchObject({ expected: 'PHP', actual: 'USD', code: 'currency-mismatch' });
  });

  it.each<[string, unknown]>([
    ['zero', 0n],
    ['negative', -5n],
    ['a number', 100],
  ])('a claimed amount that is %s', (_name, claimedMinor) => {
    expect(thrown(() => scheduledAmount(reimbursement(1_000n), { claimedMinor: claimedMinor as bigint, currency: PHP })).field).toBe('claimedMinor');
  });

  it('a by-degree rule without a degree', () => {
    const e = thrown(() => scheduledAmount(byDegree(1_000n)));
    expect(e).toBeInstanceOf(InvalidWelfareInputError);
    expect(e.field).toBe('degreePercent');
  });

  it.each<[unknown]>([[0], [101], [-1], [12.5], ['50'], [Number.NaN]])('a degree of %p is out of range', (degreePercent) => {
    const e = thrown(() => scheduledAmount(byDegree(1_000n), { degreePercent: degreePercent as number }));
    expect(e).toBeInstanceOf(InvalidWelfareInputError);
    expect(e.field).toBe('degreePercent');
  });

  it('a rule that is not sound is an InvalidBenefitScheduleError naming the rule field', () => {
    expect(thrown(() => scheduledAmount(fixed(0n))).field).toBe('rule.amountMinor');
    expect(thrown(() => scheduledAmount({ kind: 'fixed', amountMinor: 1n, currency: 'peso' })).field).toBe('rule.currency');
    expect(thrown(() => validateRule({ kind: 'flat', amountMinor: 1n, currency: PHP } as unknown as BenefitRule))).toBeInstanceOf(InvalidBenefitScheduleError);
  });
});

describe('validateBenefitSchedule and ruleInForce: effective dates', () => {
  it('accepts the seeded schedule', () => {
    expect(() => validateBenefitSchedule(SEEDED_BENEFIT_SCHEDULE)).not.toThrow();
  });

  it('accepts a rule that ends the day before the next starts, and picks the one in force on the date (both ends inclusive)', () => {
    const s = [entry('death:natural', fixed(5_000_000n), '2020-01-01', '2023-12-31'), entry('death:natural', fixed(10_000_000n), '2024-01-01', null)];
    expect(() => validateBenefitSchedule(s)).not.toThrow();
    expect(ruleInForce(s, 'death:natural', '2020-01-01')?.rule).toEqual(fixed(5_000_000n));
    expect(ruleInForce(s, 'death:natural', '2023-12-31')?.rule).toEqual(fixed(5_000_000n));
    expect(ruleInForce(s, 'death:natural', '2024-01-01')?.rule).toEqual(fixed(10_000_000n));
    expect(ruleInForce(s, 'death:natural', '2019-12-31')).toBeUndefined();
    expect(ruleInForce(s, 'death:accidental', '2024-06-01')).toBeUndefined();
  });

  it('a gap between rules leaves the dates in it without a rule', () => {
    const s = [entry('medical', reimbursement(1n), '2020-01-01', '2020-12-31'), entry('medical', reimbursement(2n), '2021-02-01', null)];
    expect(ruleInForce(s, 'medical', '2021-01-15')).toBeUndefined();
  });

  it('refuses two rules of one type in force on the same day (ranges are inclusive)', () => {
    const e = thrown(() =>
      validateBenefitSchedule([entry('medical', reimbursement(1n), '2020-01-01', '2020-12-31'), entry('medical', reimbursement(2n), '2020-12-31', null)]),
    );
    expect(e).toBeInstanceOf(InvalidBenefitScheduleError);
    expect(e.field).toBe('entries[1].validFrom');
    expect(e.message).toMatch(/overlaps entries\[0\]/);
  });

  it('refuses a rule starting while an open-ended one is in force', () => {
    expect(
      thrown(() => validateBenefitSchedule([entry('medical', reimbursement(1n), '2020-01-01', null), entry('medical', reimbursement(2n), '2030-01-01', null)]))
        .field,
    ).toBe('entries[1].validFrom');
  });

  it('allows rules of different types over the same dates', () => {
    expect(() =>
      validateBenefitSchedule([entry('medical', reimbursement(1n), '2020-01-01', null), entry('repatriation', reimbursement(2n), '2020-01-01', null)]),
    ).not.toThrow();
  });

  it('refuses validTo before validFrom, and dates that are not real', () => {
    expect(thrown(() => validateBenefitSchedule([entry('medical', reimbursement(1n), '2020-01-02', '2020-01-01')])).field).toBe('entries[0].validTo');
    expect(() => validateBenefitSchedule([entry('medical', reimbursement(1n), '2020-01-01', '2020-01-01')])).not.toThrow();
    expect(thrown(() => validateBenefitSchedule([entry('medical', reimbursement(1n), '2020-02-30', null)]))).toBeInstanceOf(InvalidBenefitScheduleError);
  });

  it('refuses a rule kind the type does not allow: partial disability is by degree, and only it', () => {
    expect(thrown(() => validateBenefitSchedule([entry('disability:partial', fixed(1n), '2020-01-01', null)])).field).toBe('entries[0].rule.kind');
    expect(thrown(() => validateBenefitSchedule([entry('medical', byDegree(1n), '2020-01-01', null)])).field).toBe('entries[0].rule.kind');
  });

  it('refuses an unknown type and a bad rule', () => {
    expect(thrown(() => validateBenefitSchedule([entry('funeral' as ClaimType, fixed(1n), '2020-01-01', null)])).field).toBe('entries[0].type');
    expect(thrown(() => validateBenefitSchedule([entry('medical', reimbursement(-1n), '2020-01-01', null)])).field).toBe('entries[0].rule.capMinor');
  });
});

describe('approvalCheck: more than the schedule only with a supervisor and a reason', () => {
  const scheduled = { amountMinor: 5_000_000n, currency: PHP };
  const officer = { supervisorApproved: false };

  it('the scheduled amount is approved by an officer', () => {
    expect(approvalCheck(scheduled, 5_000_000n, officer)).toEqual({ ok: true, relation: 'at-schedule', excessMinor: 0n });
  });

  it('less than the schedule is approved by an officer', () => {
    expect(approvalCheck(scheduled, 4_000_000n, officer)).toEqual({ ok: true, relation: 'below-schedule', excessMinor: 0n });
  });

  it('one centavo above the schedule without a supervisor nor a reason fails both rules', () => {
    const r = approvalCheck(scheduled, 5_000_001n, officer);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failures.map((f) => f.rule)).toEqual(['supervisor-approval-above-schedule', 'reason-above-schedule']);
  });

  it('above the schedule with a supervisor but no reason (or a blank one) fails the reason rule', () => {
    for (const reason of [undefined, null, '', '   ']) {
      const r = approvalCheck(scheduled, 6_000_000n, { supervisorApproved: true, reason });
      expect(r).toEqual({ ok: false, failures: [expect.objectContaining({ rule: 'reason-above-schedule' })] });
    }
  });

  it('above the schedule with a reason but no supervisor fails the supervisor rule', () => {
    const r = approvalCheck(scheduled, 6_000_000n, { supervisorApproved: false, reason: 'hospital bills beyond the cap, worker destitute' });
    expect(r).toEqual({ ok: false, failures: [expect.objectContaining({ rule: 'supervisor-approval-above-schedule' })] });
  });

  it('above the schedule with a supervisor and a reason is approved, and says by how much', () => {
    expect(approvalCheck(scheduled, 6_000_000n, { supervisorApproved: true, reason: 'board resolution on humanitarian grounds' })).toEqual({
      ok: true,
      relation: 'above-schedule',
      excessMinor: 1_000_000n,
    });
  });

  it('zero or a negative amount is never an approval', () => {
    expect(approvalCheck(scheduled, 0n, officer)).toEqual({ ok: false, failures: [expect.objectContaining({ rule: 'approved-positive' })] });
    expect(approvalCheck(scheduled, -1n, { supervisorApproved: true, reason: 'x' })).toEqual({
      ok: false,
      failures: [expect.objectContaining({ rule: 'approved-positive' })],
    });
  });

  it('refuses an approved amount that is not a bigint', () => {
    expect(thrown(() => approvalCheck(scheduled, 100 as unknown as bigint, officer)).field).toBe('approvedMinor');
  });
});
