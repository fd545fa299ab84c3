import fc from 'fast-check';
import {
  ALLEGATION_CATEGORIES,
  AllegationCategory,
  DEFAULT_PENALTY_SCHEDULE,
  InvalidPenaltyInputError,
  InvalidPenaltyScheduleError,
  OffenceGravity,
  PenaltySchedule,
  PriorOffence,
  Proposal,
  Sanction,
  gravityOf,
  priorOffencesOf,
  proposeForDecision,
  proposeSanctions,
  validateSchedule,
} from './index';

const DAY = new Date('2025-06-30T00:00:00Z');
const suspension = (minMonths: number, maxMonths: number, proposedMonths = minMonths): Sanction => ({
  kind: 'suspension',
  minMonths,
  maxMonths,
  proposedMonths,
});
const REVOCATION: Sanction = { kind: 'revocation' };
const fine = (amountMinor: bigint, currency = 'PHP'): Sanction => ({ kind: 'fine', amountMinor, currency });
/** A decided less-serious offence on which `months` of suspension were imposed (none: no suspension). */
const lessSerious = (months?: number): PriorOffence => ({
  gravity: 'less-serious',
  decidedAt: DAY,
  sanctions: months === undefined ? [] : [suspension(months, months, months)],
});
const serious = (...sanctions: Sanction[]): PriorOffence => ({
  gravity: 'serious',
  decidedAt: DAY,
  sanctions: sanctions.length ? sanctions : [REVOCATION, fine(50_000_000n)],
});

const propose = (gravity: OffenceGravity, prior: PriorOffence[] = [], complainants = 1, schedule?: PenaltySchedule) =>
  proposeSanctions({ gravity, complainants, prior, ...(schedule ? { schedule } : {}) });

/** Runs `fn` and returns the error it throws (failing the test when it throws nothing). */
function thrown(fn: () => unknown): Error & { field?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { field?: string };
  }
  throw new Error('expected an error, none was thrown');
}

describe('DEFAULT_PENALTY_SCHEDULE', () => {
  it('is the SPEC schedule: 2-6, 6-12, 12-24 months, then revocation; threshold 12; minimum proposed; PHP 500,000.00 placeholder fine', () => {
    expect(DEFAULT_PENALTY_SCHEDULE).toEqual({
      lessSeriousLadder: [
        { minMonths: 2, maxMonths: 6 },
        { minMonths: 6, maxMonths: 12 },
        { minMonths: 12, maxMonths: 24 },
      ],
      seriousFine: { amountMinor: 50_000_000n, currency: 'PHP' },
      cumulativeSuspensionThresholdMonths: 12,
      proposedMonths: 'minimum',
      seriousCategories: ['retained-documents'],
    });
    expect(() => validateSchedule(DEFAULT_PENALTY_SCHEDULE)).not.toThrow();
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_PENALTY_SCHEDULE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PENALTY_SCHEDULE.lessSeriousLadder)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PENALTY_SCHEDULE.lessSeriousLadder[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_PENALTY_SCHEDULE.seriousFine)).toBe(true);
  });
});

describe('proposeSanctions: less-serious offences climb the ladder', () => {
  it('a first offence: 2-6 months, the minimum (2) proposed', () => {
    expect(propose('less-serious')).toEqual<Proposal>({
      offences: [{ number: 1, sanctions: [suspension(2, 6, 2)] }],
      sanctions: [suspension(2, 6, 2)],
      basis: { priorSameGravity: 0, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 2, revocationBecause: null },
    });
  });

  it('a second offence after a first that brought 2 months: 6-12 months, 6 proposed (8 months in all, under 12)', () => {
    expect(propose('less-serious', [lessSerious(2)])).toEqual<Proposal>({
      offences: [{ number: 2, sanctions: [suspension(6, 12, 6)] }],
      sanctions: [suspension(6, 12, 6)],
      basis: { priorSameGravity: 1, priorSuspensionMonths: 2, cumulativeSuspensionMonths: 8, revocationBecause: null },
    });
  });

  it('a second offence whose prior offence brought no suspension (the supervisor departed): 6-12 months', () => {
    const p = propose('less-serious', [lessSerious()]);
    expect(p.sanctions).toEqual([suspension(6, 12, 6)]);
    expect(p.basis).toEqual({ priorSameGravity: 1, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 6, revocationBecause: null });
  });

  it('a third offence after 2 + 6 months: the ladder says 12-24 months, but 8 + 12 = 20 >= 12 proposes revocation', () => {
    expect(propose('less-serious', [lessSerious(2), lessSerious(6)])).toEqual<Proposal>({
      offences: [{ number: 3, sanctions: [suspension(12, 24, 12)] }],
      sanctions: [REVOCATION],
      basis: { priorSameGravity: 2, priorSuspensionMonths: 8, cumulativeSuspensionMonths: 20, revocationBecause: 'cumulative-suspension' },
    });
  });

  it('a third offence with no prior suspensions: its own 12 months reach the 12-month threshold, so revocation', () => {
    const p = propose('less-serious', [lessSerious(), lessSerious()]);
    expect(p.offences).toEqual([{ number: 3, sanctions: [suspension(12, 24, 12)] }]);
    expect(p.sanctions).toEqual([REVOCATION]);
    expect(p.basis).toEqual({ priorSameGravity: 2, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 12, revocationBecause: 'cumulative-suspension' });
  });

  it('a third offence is a 12-24 month suspension where the threshold is higher', () => {
    const p = propose('less-serious', [lessSerious(2), lessSerious(6)], 1, { ...DEFAULT_PENALTY_SCHEDULE, cumulativeSuspensionThresholdMonths: 36 });
    expect(p.sanctions).toEqual([suspension(12, 24, 12)]);
    expect(p.basis).toEqual({ priorSameGravity: 2, priorSuspensionMonths: 8, cumulativeSuspensionMonths: 20, revocationBecause: null });
  });

  it('a fourth offence: revocation, because of the ladder', () => {
    expect(propose('less-serious', [lessSerious(2), lessSerious(6), lessSerious()])).toEqual<Proposal>({
      offences: [{ number: 4, sanctions: [REVOCATION] }],
      sanctions: [REVOCATION],
      basis: { priorSameGravity: 3, priorSuspensionMonths: 8, cumulativeSuspensionMonths: 8, revocationBecause: 'fourth-offence' },
    });
  });

  it('a fourth offence whose priors had no suspensions at all is still revocation', () => {
    const p = propose('less-serious', [lessSerious(), lessSerious(), lessSerious()]);
    expect(p.sanctions).toEqual([REVOCATION]);
    expect(p.basis.revocationBecause).toBe('fourth-offence');
    expect(p.basis.cumulativeSuspensionMonths).toBe(0);
  });

  it('a fifth and later offence: revocation', () => {
    const p = propose(
      'less-serious',
      Array.from({ length: 7 }, () => lessSerious()),
    );
    expect(p.offences).toEqual([{ number: 8, sanctions: [REVOCATION] }]);
    expect(p.sanctions).toEqual([REVOCATION]);
    expect(p.basis.revocationBecause).toBe('fourth-offence');
  });

  it('the order of prior offences does not matter', () => {
    const prior = [lessSerious(2), serious(suspension(1, 3, 3)), lessSerious(6)];
    expect(propose('less-serious', [...prior].reverse())).toEqual(propose('less-serious', prior));
  });
});

describe('proposeSanctions: each complainant is one offence', () => {
  it('two complainants, no priors: offences 1 and 2 (2 + 6 = 8 months), combined into one 8-18 month suspension, 8 proposed', () => {
    expect(propose('less-serious', [], 2)).toEqual<Proposal>({
      offences: [
        { number: 1, sanctions: [suspension(2, 6, 2)] },
        { number: 2, sanctions: [suspension(6, 12, 6)] },
      ],
      sanctions: [suspension(8, 18, 8)],
      basis: { priorSameGravity: 0, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 8, revocationBecause: null },
    });
  });

  it('three complainants, no priors: offences 1, 2 and 3; 2 + 6 + 12 = 20 months proposes revocation', () => {
    const p = propose('less-serious', [], 3);
    expect(p.offences.map((o) => o.number)).toEqual([1, 2, 3]);
    expect(p.offences.map((o) => o.sanctions)).toEqual([[suspension(2, 6, 2)], [suspension(6, 12, 6)], [suspension(12, 24, 12)]]);
    expect(p.sanctions).toEqual([REVOCATION]);
    expect(p.basis).toEqual({ priorSameGravity: 0, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 20, revocationBecause: 'cumulative-suspension' });
  });

  it('four complainants, no priors: the fourth is revocation by the ladder (which is named before the cumulative rule)', () => {
    const p = propose('less-serious', [], 4);
    expect(p.offences).toEqual([
      { number: 1, sanctions: [suspension(2, 6, 2)] },
      { number: 2, sanctions: [suspension(6, 12, 6)] },
      { number: 3, sanctions: [suspension(12, 24, 12)] },
      { number: 4, sanctions: [REVOCATION] },
    ]);
    expect(p.sanctions).toEqual([REVOCATION]);
    expect(p.basis).toEqual({ priorSameGravity: 0, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 20, revocationBecause: 'fourth-offence' });
  });

  it('numbering continues after the prior offences of the same gravity: one prior and three complainants are offences 2, 3 and 4', () => {
    const p = propose('less-serious', [lessSerious(2)], 3);
    expect(p.offences.map((o) => o.number)).toEqual([2, 3, 4]);
    expect(p.offences[2].sanctions).toEqual([REVOCATION]);
    expect(p.basis.revocationBecause).toBe('fourth-offence');
  });
});

describe('proposeSanctions: serious offences', () => {
  it('one complainant, no priors: revocation and the fine', () => {
    expect(propose('serious')).toEqual<Proposal>({
      offences: [{ number: 1, sanctions: [REVOCATION, fine(50_000_000n)] }],
      sanctions: [REVOCATION, fine(50_000_000n)],
      basis: { priorSameGravity: 0, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 0, revocationBecause: 'serious-offence' },
    });
  });

  it('whatever the priors: the same revocation and fine', () => {
    const bare = propose('serious').sanctions;
    for (const prior of [
      [lessSerious(2)],
      [lessSerious(), lessSerious(), lessSerious()],
      [serious(), serious()],
      [serious(suspension(1, 3, 3)), lessSerious(6)],
    ]) {
      expect(propose('serious', prior).sanctions).toEqual(bare);
      expect(propose('serious', prior).basis.revocationBecause).toBe('serious-offence');
    }
  });

  it('three complainants: three offences numbered after the prior serious ones, one revocation, the fines added up', () => {
    const p = propose('serious', [serious(), lessSerious(2)], 3);
    expect(p.offences).toEqual([2, 3, 4].map((number) => ({ number, sanctions: [REVOCATION, fine(50_000_000n)] })));
    expect(p.sanctions).toEqual([REVOCATION, fine(150_000_000n)]);
    expect(p.basis).toEqual({ priorSameGravity: 1, priorSuspensionMonths: 2, cumulativeSuspensionMonths: 2, revocationBecause: 'serious-offence' });
  });
});

describe('proposeSanctions: suspensions adding up to 12 months propose revocation', () => {
  it('a prior 6 months plus 6 proposed now = 12: revocation', () => {
    const p = propose('less-serious', [lessSerious(6)]);
    expect(p.offences).toEqual([{ number: 2, sanctions: [suspension(6, 12, 6)] }]);
    expect(p.sanctions).toEqual([REVOCATION]);
    expect(p.basis).toEqual({ priorSameGravity: 1, priorSuspensionMonths: 6, cumulativeSuspensionMonths: 12, revocationBecause: 'cumulative-suspension' });
  });

  it('a prior 6 months plus 2 proposed now = 8: suspension', () => {
    // The prior suspension came from an offence of the other gravity (a supervisor's departure), so this is a first offence.
    const p = propose('less-serious', [serious(suspension(6, 6, 6))]);
    expect(p.sanctions).toEqual([suspension(2, 6, 2)]);
    expect(p.basis).toEqual({ priorSameGravity: 0, priorSuspensionMonths: 6, cumulativeSuspensionMonths: 8, revocationBecause: null });
  });

  it('exactly at the threshold is revocation; one month under is not', () => {
    const under = propose('less-serious', [lessSerious(5)]);
    expect(under.basis.cumulativeSuspensionMonths).toBe(11);
    expect(under.sanctions).toEqual([suspension(6, 12, 6)]);
    const at = propose('less-serious', [lessSerious(6)]);
    expect(at.basis.cumulativeSuspensionMonths).toBe(12);
    expect(at.sanctions).toEqual([REVOCATION]);
  });

  it('a first offence reaches the threshold on priors alone when they already add up to 10 (10 + 2 = 12)', () => {
    const p = propose('less-serious', [serious(suspension(4, 4, 4)), serious(suspension(6, 6, 6))]);
    expect(p.offences).toEqual([{ number: 1, sanctions: [suspension(2, 6, 2)] }]);
    expect(p.sanctions).toEqual([REVOCATION]);
    expect(p.basis.revocationBecause).toBe('cumulative-suspension');
  });

  it('counts every suspension of every prior offence, including several in one decision', () => {
    const p = propose('less-serious', [{ gravity: 'less-serious', decidedAt: DAY, sanctions: [suspension(2, 6, 3), fine(1n), suspension(1, 1, 1)] }]);
    expect(p.basis.priorSuspensionMonths).toBe(4);
    expect(p.basis.cumulativeSuspensionMonths).toBe(10);
  });
});

describe('proposeSanctions: offences of the other gravity do not move the ladder', () => {
  it('three prior serious offences: a less-serious offence is still a first offence', () => {
    const p = propose('less-serious', [serious(), serious(), serious()]);
    expect(p.offences).toEqual([{ number: 1, sanctions: [suspension(2, 6, 2)] }]);
    expect(p.basis.priorSameGravity).toBe(0);
  });

  it('five prior less-serious offences: a serious offence is the first serious one', () => {
    const p = propose(
      'serious',
      Array.from({ length: 5 }, () => lessSerious()),
    );
    expect(p.offences.map((o) => o.number)).toEqual([1]);
    expect(p.basis.priorSameGravity).toBe(0);
  });
});

describe('proposeSanctions: a custom schedule', () => {
  const custom: PenaltySchedule = {
    lessSeriousLadder: [
      { minMonths: 1, maxMonths: 3 },
      { minMonths: 3, maxMonths: 6 },
    ],
    seriousFine: { amountMinor: 1_000_000n, currency: 'USD' },
    cumulativeSuspensionThresholdMonths: 24,
    proposedMonths: 'maximum',
    seriousCategories: ['retained-documents'],
  };

  it('proposes the maximum of the range when the schedule says so', () => {
    expect(propose('less-serious', [], 1, custom).sanctions).toEqual([suspension(1, 3, 3)]);
    expect(propose('less-serious', [lessSerious(3)], 1, custom).sanctions).toEqual([suspension(3, 6, 6)]);
  });

  it('revocation right after a shorter ladder (the reason is still fourth-offence: past the ladder)', () => {
    const p = propose('less-serious', [lessSerious(3), lessSerious(6)], 1, custom);
    expect(p.offences).toEqual([{ number: 3, sanctions: [REVOCATION] }]);
    expect(p.basis.revocationBecause).toBe('fourth-offence');
  });

  it('its own fine and currency for serious offences', () => {
    expect(propose('serious', [], 2, custom).sanctions).toEqual([REVOCATION, fine(2_000_000n, 'USD')]);
  });

  it('the midpoint policy rounds down to a whole month', () => {
    const mid: PenaltySchedule = {
      ...DEFAULT_PENALTY_SCHEDULE,
      lessSeriousLadder: [
        { minMonths: 2, maxMonths: 5 },
        { minMonths: 6, maxMonths: 12 },
      ],
      proposedMonths: 'midpoint',
    };
    expect(propose('less-serious', [], 1, mid).sanctions).toEqual([suspension(2, 5, 3)]);
    expect(propose('less-serious', [lessSerious()], 1, mid).sanctions).toEqual([suspension(6, 12, 9)]);
  });

  it('its own threshold: 4 prior months + 2 proposed reach a threshold of 6', () => {
    const low = { ...DEFAULT_PENALTY_SCHEDULE, cumulativeSuspensionThresholdMonths: 6 };
    expect(propose('less-serious', [serious(suspension(3, 3, 3))], 1, low).sanctions).toEqual([suspension(2, 6, 2)]);
    expect(propose('less-serious', [serious(suspension(4, 4, 4))], 1, low).basis.revocationBecause).toBe('cumulative-suspension');
  });
});

describe('proposeSanctions: pure and deterministic', () => {
  const deepFreeze = <T>(o: T): T => {
    if (o && typeof o === 'object' && !(o instanceof Date)) {
      for (const v of Object.values(o)) deepFreeze(v);
      Object.freeze(o);
    }
    return o;
  };

  it('does not change its input and gives the same answer twice', () => {
    const prior = deepFreeze([lessSerious(2), serious()]);
    const schedule = deepFreeze({ ...DEFAULT_PENALTY_SCHEDULE, lessSeriousLadder: [...DEFAULT_PENALTY_SCHEDULE.lessSeriousLadder] });
    const a = proposeSanctions({ gravity: 'less-serious', complainants: 2, prior, schedule });
    const b = proposeSanctions({ gravity: 'less-serious', complainants: 2, prior, schedule });
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });

  it('an answer changed by its caller does not leak into the next one', () => {
    const a = propose('serious');
    a.sanctions.push(suspension(1, 1, 1));
    (a.offences[0].sanctions[1] as { amountMinor: bigint }).amountMinor = 1n;
    expect(propose('serious').sanctions).toEqual([REVOCATION, fine(50_000_000n)]);
  });
});

describe('proposeSanctions: refuses bad input', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number, undefined as unknown as number])('complainants = %p', (complainants) => {
    const e = thrown(() => proposeSanctions({ gravity: 'less-serious', complainants, prior: [] }));
    expect(e).toBeInstanceOf(InvalidPenaltyInputError);
    expect(e.field).toBe('complainants');
    expect(e.message).toMatch(/complainants must be a whole number >= 1/);
  });

  it('an unknown gravity', () => {
    const e = thrown(() => proposeSanctions({ gravity: 'grave' as OffenceGravity, complainants: 1, prior: [] }));
    expect(e).toBeInstanceOf(InvalidPenaltyInputError);
    expect(e.field).toBe('gravity');
  });

  it('a prior offence with an unknown gravity, or with a suspension of fractional months', () => {
    expect(thrown(() => propose('serious', [{ gravity: 'minor' as OffenceGravity, decidedAt: DAY, sanctions: [] }])).field).toBe('prior[0].gravity');
    expect(thrown(() => propose('serious', [lessSerious(2), lessSerious(1.5)])).field).toBe('prior[1].sanctions[0].proposedMonths');
    expect(thrown(() => propose('serious', [lessSerious(-1)])).field).toBe('prior[0].sanctions[0].proposedMonths');
  });

  it('an invalid schedule', () => {
    const e = thrown(() => propose('less-serious', [], 1, { ...DEFAULT_PENALTY_SCHEDULE, lessSeriousLadder: [] }));
    expect(e).toBeInstanceOf(InvalidPenaltyScheduleError);
    expect(e.field).toBe('lessSeriousLadder');
  });
});

describe('validateSchedule', () => {
  const withLadder = (lessSeriousLadder: { minMonths: number; maxMonths: number }[]): PenaltySchedule => ({ ...DEFAULT_PENALTY_SCHEDULE, lessSeriousLadder });
  const cases: [string, PenaltySchedule, string, RegExp][] = [
    ['an empty ladder', withLadder([]), 'lessSeriousLadder', /at least one step/],
    [
      'min > max',
      withLadder([
        { minMonths: 2, maxMonths: 6 },
        { minMonths: 13, maxMonths: 12 },
      ]),
      'lessSeriousLadder[1].minMonths',
      /must not exceed lessSeriousLadder\[1\]\.maxMonths \(13 > 12\)/,
    ],
    ['negative months', withLadder([{ minMonths: -2, maxMonths: 6 }]), 'lessSeriousLadder[0].minMonths', /must not be negative/],
    ['zero months', withLadder([{ minMonths: 0, maxMonths: 6 }]), 'lessSeriousLadder[0].minMonths', /at least 1/],
    ['non-integer months', withLadder([{ minMonths: 2, maxMonths: 6.5 }]), 'lessSeriousLadder[0].maxMonths', /whole number of months/],
    [
      'months that are not numbers',
      withLadder([{ minMonths: '2' as unknown as number, maxMonths: 6 }]),
      'lessSeriousLadder[0].minMonths',
      /must be a number of months/,
    ],
    [
      'a step lighter than the one before',
      withLadder([
        { minMonths: 6, maxMonths: 12 },
        { minMonths: 2, maxMonths: 12 },
      ]),
      'lessSeriousLadder[1].minMonths',
      /lighter than the step before/,
    ],
    ['a threshold of 0', { ...DEFAULT_PENALTY_SCHEDULE, cumulativeSuspensionThresholdMonths: 0 }, 'cumulativeSuspensionThresholdMonths', /must be positive/],
    [
      'a negative threshold',
      { ...DEFAULT_PENALTY_SCHEDULE, cumulativeSuspensionThresholdMonths: -12 },
      'cumulativeSuspensionThresholdMonths',
      /must be positive/,
    ],
    [
      'a fractional threshold',
      { ...DEFAULT_PENALTY_SCHEDULE, cumulativeSuspensionThresholdMonths: 11.5 },
      'cumulativeSuspensionThresholdMonths',
      /whole number/,
    ],
    ['a fine of zero', { ...DEFAULT_PENALTY_SCHEDULE, seriousFine: { amountMinor: 0n, currency: 'PHP' } }, 'seriousFine.amountMinor', /positive/],
    [
      'a fine in floating point',
      { ...DEFAULT_PENALTY_SCHEDULE, seriousFine: { amountMinor: 500000.5 as unknown as bigint, currency: 'PHP' } },
      'seriousFine.amountMinor',
      /bigint/,
    ],
    [
      'a fine in a currency that is not an ISO code',
      { ...DEFAULT_PENALTY_SCHEDULE, seriousFine: { amountMinor: 1n, currency: 'php' } },
      'seriousFine.currency',
      /ISO 4217/,
    ],
    [
      'an unknown serious category',
      { ...DEFAULT_PENALTY_SCHEDULE, seriousCategories: ['retained-documents', 'jaywalking' as AllegationCategory] },
      'seriousCategories[1]',
      /must be one of/,
    ],
    [
      'an unknown proposedMonths policy',
      { ...DEFAULT_PENALTY_SCHEDULE, proposedMonths: 'average' as PenaltySchedule['proposedMonths'] },
      'proposedMonths',
      /minimum, midpoint, maximum/,
    ],
  ];

  it.each(cases)('refuses %s, naming the field', (_what, schedule, field, message) => {
    const e = thrown(() => validateSchedule(schedule));
    expect(e).toBeInstanceOf(InvalidPenaltyScheduleError);
    expect(e.field).toBe(field);
    expect(e.message).toContain(`Invalid penalty schedule: ${field}`);
    expect(e.message).toMatch(message);
  });

  it('accepts a one-step ladder and equal min and max', () => {
    expect(() => validateSchedule(withLadder([{ minMonths: 3, maxMonths: 3 }]))).not.toThrow();
  });
});

describe('gravityOf', () => {
  const lessSeriousCategories: AllegationCategory[] = [
    'excess-fees',
    'contract-substitution',
    'unpaid-wages',
    'no-job-on-arrival',
    'different-job',
    'abuse-harassment',
    'unlicensed-recruitment',
    'other',
  ];

  it('lists the SPEC categories', () => {
    expect([...ALLEGATION_CATEGORIES].sort()).toEqual([...lessSeriousCategories, 'retained-documents'].sort());
  });

  it.each(lessSeriousCategories)('%s on its own is less serious', (category) => {
    expect(gravityOf({ category })).toBe('less-serious');
  });

  it('retained-documents is serious', () => {
    expect(gravityOf({ category: 'retained-documents' })).toBe('serious');
    expect(gravityOf({ category: 'retained-documents', traffickingIndicators: false, protectedCategoryFee: false })).toBe('serious');
  });

  it('excess-fees charged to a protected category (a domestic worker) is serious', () => {
    expect(gravityOf({ category: 'excess-fees', protectedCategoryFee: true })).toBe('serious');
    expect(gravityOf({ category: 'excess-fees', protectedCategoryFee: false })).toBe('less-serious');
  });

  it.each([...ALLEGATION_CATEGORIES])('%s with trafficking indicators is serious', (category) => {
    expect(gravityOf({ category, traffickingIndicators: true })).toBe('serious');
  });

  it('the protected-category flag only matters for excess fees', () => {
    expect(gravityOf({ category: 'unpaid-wages', protectedCategoryFee: true })).toBe('less-serious');
  });

  it('refuses an unknown category', () => {
    const e = thrown(() => gravityOf({ category: 'Excess Fees' as AllegationCategory }));
    expect(e).toBeInstanceOf(InvalidPenaltyInputError);
    expect(e.field).toBe('category');
  });
});

/*
 * Properties. Schedules are random but valid (ladders that never get lighter), priors are random
 * decided offences of either gravity with random sanctions.
 */
const RUNS = { numRuns: 300 };

const gravity = fc.constantFrom<OffenceGravity>('less-serious', 'serious');

const schedule: fc.Arbitrary<PenaltySchedule> = fc
  .record({
    // Each step as (increase of min, width); min and max never decrease.
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 5 }),
    threshold: fc.integer({ min: 1, max: 60 }),
    policy: fc.constantFrom<PenaltySchedule['proposedMonths']>('minimum', 'midpoint', 'maximum'),
    fineMinor: fc.bigInt(1n, 10_000_000_000n),
    currency: fc.constantFrom('PHP', 'USD', 'NPR'),
  })
  .map(({ steps, threshold, policy, fineMinor, currency }) => {
    let min = 1;
    let max = 1;
    const lessSeriousLadder = steps.map(([up, width]) => {
      min += up;
      max = Math.max(max, min + width);
      return { minMonths: min, maxMonths: max };
    });
    return {
      lessSeriousLadder,
      seriousFine: { amountMinor: fineMinor, currency },
      cumulativeSuspensionThresholdMonths: threshold,
      proposedMonths: policy,
      seriousCategories: ['retained-documents'],
    };
  });

const decidedSanction: fc.Arbitrary<Sanction> = fc.oneof(
  fc.integer({ min: 0, max: 24 }).map((m) => suspension(m, m, m)),
  fc.constant(REVOCATION),
  fc.bigInt(1n, 100_000_000n).map((a) => fine(a)),
);
const priorOffence: fc.Arbitrary<PriorOffence> = fc.record({
  gravity,
  decidedAt: fc.constant(DAY),
  sanctions: fc.array(decidedSanction, { maxLength: 3 }),
});
const priors = fc.array(priorOffence, { maxLength: 6 });
const complainants = fc.integer({ min: 1, max: 6 });

const isRevocation = (p: Proposal) => p.sanctions.some((s) => s.kind === 'revocation');
const suspendedMonths = (p: Proposal) => p.sanctions.reduce((n, s) => n + (s.kind === 'suspension' ? s.proposedMonths : 0), 0);
const fineTotal = (p: Proposal) => p.sanctions.reduce((n, s) => n + (s.kind === 'fine' ? s.amountMinor : 0n), 0n);
/** b is at least as heavy as a: revocation beats any suspension; longer suspensions and larger fines are heavier. */
function atLeastAsHeavy(b: Proposal, a: Proposal): boolean {
  if (isRevocation(a)) return isRevocation(b) && fineTotal(b) >= fineTotal(a);
  return isRevocation(b) || suspendedMonths(b) >= suspendedMonths(a);
}

describe('proposeSanctions (properties)', () => {
  it('more prior offences never yield a lighter proposal', () => {
    fc.assert(
      fc.property(schedule, gravity, complainants, priors, priors, (s, g, n, prior, more) => {
        const before = proposeSanctions({ gravity: g, complainants: n, prior, schedule: s });
        const after = proposeSanctions({ gravity: g, complainants: n, prior: [...prior, ...more], schedule: s });
        expect(atLeastAsHeavy(after, before)).toBe(true);
        expect(after.basis.priorSameGravity).toBeGreaterThanOrEqual(before.basis.priorSameGravity);
        expect(after.basis.priorSuspensionMonths).toBeGreaterThanOrEqual(before.basis.priorSuspensionMonths);
        // (cumulativeSuspensionMonths may fall: offences pushed past the ladder propose revocation, not months.)
      }),
      RUNS,
    );
  });

  it('more complainants never yield a lighter proposal', () => {
    fc.assert(
      fc.property(schedule, gravity, complainants, complainants, priors, (s, g, n, extra, prior) => {
        const fewer = proposeSanctions({ gravity: g, complainants: n, prior, schedule: s });
        const more = proposeSanctions({ gravity: g, complainants: n + extra, prior, schedule: s });
        expect(atLeastAsHeavy(more, fewer)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the combined proposal never mixes revocation with suspensions, and says why it revokes', () => {
    fc.assert(
      fc.property(schedule, gravity, complainants, priors, (s, g, n, prior) => {
        const p = proposeSanctions({ gravity: g, complainants: n, prior, schedule: s });
        const kinds = p.sanctions.map((x) => x.kind);
        if (isRevocation(p)) {
          expect(kinds.filter((k) => k === 'revocation')).toHaveLength(1);
          expect(kinds).not.toContain('suspension');
          expect(p.basis.revocationBecause).not.toBeNull();
        } else {
          expect(kinds).toEqual(['suspension']);
          expect(p.basis.revocationBecause).toBeNull();
          expect(p.basis.cumulativeSuspensionMonths).toBeLessThan(s.cumulativeSuspensionThresholdMonths);
          const [only] = p.sanctions as Extract<Sanction, { kind: 'suspension' }>[];
          expect(only.minMonths <= only.proposedMonths && only.proposedMonths <= only.maxMonths).toBe(true);
          expect(only.proposedMonths).toBe(p.basis.cumulativeSuspensionMonths - p.basis.priorSuspensionMonths);
        }
        // Fines only for serious offences, one per complainant, added up.
        expect(fineTotal(p)).toBe(g === 'serious' ? s.seriousFine.amountMinor * BigInt(n) : 0n);
      }),
      RUNS,
    );
  });

  it('one offence per complainant, numbered on from the prior offences of the same gravity', () => {
    fc.assert(
      fc.property(schedule, gravity, complainants, priors, (s, g, n, prior) => {
        const p = proposeSanctions({ gravity: g, complainants: n, prior, schedule: s });
        const same = prior.filter((x) => x.gravity === g).length;
        expect(p.basis.priorSameGravity).toBe(same);
        expect(p.offences.map((o) => o.number)).toEqual(Array.from({ length: n }, (_, i) => same + i + 1));
      }),
      RUNS,
    );
  });
});

describe('one decision is one complainant: its violations are numbered together', () => {
  it('two less-serious findings in one decision are one first offence (2 months), not two (4 months)', () => {
    const p = proposeForDecision({ findings: [{ category: 'unpaid-wages' }, { category: 'contract-substitution' }], prior: [] });
    expect(p.gravity).toBe('less-serious');
    expect(p.offences.map((o) => o.number)).toEqual([1]);
    expect(p.sanctions).toEqual([suspension(2, 6, 2)]);
  });

  it('a serious finding makes the whole decision serious (revocation and one fine, not one per finding)', () => {
    const p = proposeForDecision({ findings: [{ category: 'unpaid-wages' }, { category: 'retained-documents' }], prior: [] });
    expect(p.gravity).toBe('serious');
    expect(p.sanctions).toEqual([REVOCATION, fine(50_000_000n)]);
  });

  it('across cases: after one complainant with two findings, the next single complaint is the 2nd offence (6-12 months), not the 3rd', () => {
    // The earlier case: two violations, the proposal (2 months) decided on the first of them.
    const prior = priorOffencesOf([
      {
        decidedAt: DAY,
        findings: [
          { gravity: 'less-serious', sanctions: [suspension(2, 2, 2)] },
          { gravity: 'less-serious', sanctions: [] },
        ],
      },
    ]);
    expect(prior).toHaveLength(1);
    const p = proposeForDecision({ findings: [{ category: 'unpaid-wages' }], prior });
    expect(p.offences.map((o) => o.number)).toEqual([2]);
    expect(p.basis).toMatchObject({ priorSameGravity: 1, priorSuspensionMonths: 2, cumulativeSuspensionMonths: 8, revocationBecause: null });
    expect(p.sanctions).toEqual([suspension(6, 12, 6)]);
  });

  it('across cases: each earlier case counts once whatever its number of findings; its months all count, and cases with no violation do not', () => {
    const prior = priorOffencesOf([
      {
        decidedAt: DAY,
        findings: [
          { gravity: 'less-serious', sanctions: [suspension(2, 2, 2)] },
          { gravity: 'less-serious', sanctions: [suspension(1, 1, 1)] },
        ],
      },
      { decidedAt: DAY, findings: [] },
      {
        decidedAt: DAY,
        findings: [
          { gravity: 'less-serious', sanctions: [] },
          { gravity: 'serious', sanctions: [REVOCATION] },
        ],
      },
    ]);
    expect(prior.map((o) => o.gravity)).toEqual(['less-serious', 'serious']);
    expect(propose('less-serious', prior).basis).toMatchObject({ priorSameGravity: 1, priorSuspensionMonths: 3 });
  });

  it('a schedule may make more categories serious; trafficking indicators are serious under every schedule', () => {
    const schedule: PenaltySchedule = { ...DEFAULT_PENALTY_SCHEDULE, seriousCategories: ['retained-documents', 'abuse-harassment'] };
    expect(gravityOf({ category: 'abuse-harassment' })).toBe('less-serious');
    expect(gravityOf({ category: 'abuse-harassment' }, schedule)).toBe('serious');
    expect(gravityOf({ category: 'unpaid-wages', traffickingIndicators: true }, { ...DEFAULT_PENALTY_SCHEDULE, seriousCategories: [] })).toBe('serious');
    expect(gravityOf({ category: 'retained-documents' }, { ...DEFAULT_PENALTY_SCHEDULE, seriousCategories: [] })).toBe('less-serious');
  });
});
