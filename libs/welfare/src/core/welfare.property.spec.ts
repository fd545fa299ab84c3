import fc from 'fast-check';
import {
  Account,
  CLAIM_TYPES,
  Contribution,
  Entry,
  FUND_CASH,
  InsufficientFundError,
  OverDisbursementError,
  accountKind,
  activeOn,
  applyApproval,
  applyContribution,
  applyDisbursement,
  approvalCheck,
  balances,
  coverOf,
  eligibility,
  fundPosition,
  isBalanced,
  membershipPeriods,
  scheduledAmount,
} from './index';

/*
 * Property tests of the welfare core (fast-check, 300 runs each). The oracles are independent of
 * the code under test: a plain model of the fund (cash and what is owed per claim), covers checked
 * day by day, and date arithmetic through Date.UTC.
 */

const RUNS = { numRuns: 300 };
const CLAIMS = ['c1', 'c2', 'c3', 'c4'];
const php = (amountMinor: bigint) => ({ amountMinor, currency: 'PHP' });

/** Epoch day of a YYYY-MM-DD date, through Date.UTC (independent of the core's date code). */
const epochDay = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const BASE = epochDay('2023-11-15');
/** A date within about three years from BASE, biased to month ends and 29 February. */
const date = fc.oneof(
  fc.integer({ min: 0, max: 1100 }).map((n) => dateOf(BASE + n)),
  fc.constantFrom('2024-01-31', '2024-02-29', '2024-03-31', '2024-12-31', '2025-01-31', '2025-02-28'),
);

type Op = { kind: 'contribute'; amount: bigint } | { kind: 'approve'; claim: string; amount: bigint } | { kind: 'disburse'; claim: string; amount: bigint };
const amount = fc.oneof(fc.bigInt(1n, 1_000n), fc.bigInt(1n, 5_000_000n));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('contribute' as const), amount }),
  fc.record({ kind: fc.constant('approve' as const), claim: fc.constantFrom(...CLAIMS), amount }),
  fc.record({ kind: fc.constant('disburse' as const), claim: fc.constantFrom(...CLAIMS), amount }),
);

function checkInvariants(entries: readonly Entry[]) {
  for (const e of entries) expect(isBalanced(e)).toBe(true);
  const b = balances(entries);
  expect([...b.values()].reduce((a, x) => a + x, 0n)).toBe(0n);
  expect((b.get(FUND_CASH) ?? 0n) >= 0n).toBe(true);
  for (const [account, balance] of b) if (accountKind(account as Account) === 'liability') expect(balance <= 0n).toBe(true); // a payable is a credit balance: never owed less than nothing
}

describe('fund ledger (properties)', () => {
  it('random contributions, approvals and disbursements: every entry balanced, balances sum to zero, cash and payables never negative; refusals exactly when the model says', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let entries: Entry[] = [];
        let cash = 0n;
        let contributed = 0n;
        let approved = 0n;
        const owed = new Map<string, bigint>();
        for (const o of ops) {
          if (o.kind === 'contribute') {
            entries = applyContribution(entries, php(o.amount));
            cash += o.amount;
            contributed += o.amount;
          } else if (o.kind === 'approve') {
            entries = applyApproval(entries, o.claim, php(o.amount));
            owed.set(o.claim, (owed.get(o.claim) ?? 0n) + o.amount);
            approved += o.amount;
          } else {
            const due = owed.get(o.claim) ?? 0n;
            const before = entries;
            let error: unknown = null;
            try {
              entries = applyDisbursement(entries, o.claim, php(o.amount));
            } catch (e) {
              error = e;
            }
            if (o.amount > due) expect(error).toBeInstanceOf(OverDisbursementError);
            else if (o.amount > cash) expect(error).toBeInstanceOf(InsufficientFundError);
            else {
              expect(error).toBeNull();
              cash -= o.amount;
              owed.set(o.claim, due - o.amount);
            }
            if (error) expect(entries).toBe(before);
          }
          checkInvariants(entries);
        }
        const p = fundPosition(entries);
        const payables = [...owed.values()].reduce((a, x) => a + x, 0n);
        expect(p.cashMinor).toBe(cash);
        expect(p.contributionsReceivedMinor).toBe(contributed);
        expect(p.benefitsApprovedMinor).toBe(approved);
        expect(p.payablesMinor).toBe(payables);
        // cash = what came in − what went out; what went out = approved − still owed
        expect(p.cashMinor).toBe(p.contributionsReceivedMinor - (p.benefitsApprovedMinor - p.payablesMinor));
      }),
      RUNS,
    );
  });
});

const contribution: fc.Arbitrary<Contribution> = fc.record({
  placementId: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
  paidOn: date,
  contractStart: date,
  contractMonths: fc.integer({ min: 1, max: 36 }),
  amountMinor: fc.constant(2500n),
  currency: fc.constant('USD'),
});

describe('membership (properties)', () => {
  it('periods are sorted, disjoint and separated by a gap of at least a day, and a day is covered exactly when some contribution covers it', () => {
    fc.assert(
      fc.property(
        fc.array(contribution, { maxLength: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(date, { maxLength: 10 }),
        (cs, maxCoverMonths, probes) => {
          const periods = membershipPeriods(cs, { maxCoverMonths });
          for (let i = 1; i < periods.length; i++) expect(epochDay(periods[i].from)).toBeGreaterThan(epochDay(periods[i - 1].to) + 1);
          for (const p of periods) expect(epochDay(p.from)).toBeLessThanOrEqual(epochDay(p.to));
          const covers = cs.map((c) => coverOf(c, { maxCoverMonths })).filter((c) => c !== null);
          // probe random days and every boundary of every cover (the day before, the first, the last, the day after)
          const days = [...probes.map(epochDay), ...covers.flatMap((c) => [epochDay(c.from) - 1, epochDay(c.from), epochDay(c.to), epochDay(c.to) + 1])];
          for (const day of days) {
            const expected = covers.some((c) => epochDay(c.from) <= day && day <= epochDay(c.to));
            expect(activeOn(periods, dateOf(day))).toBe(expected);
          }
          expect(membershipPeriods([...cs].reverse(), { maxCoverMonths })).toEqual(periods);
        },
      ),
      RUNS,
    );
  });

  it('a cover never starts before the contract nor before the payment, and never lasts longer than maxCoverMonths (at most 31 days a month)', () => {
    fc.assert(
      fc.property(contribution, fc.integer({ min: 1, max: 30 }), (c, maxCoverMonths) => {
        const cover = coverOf(c, { maxCoverMonths });
        if (cover === null) return;
        expect(epochDay(cover.from)).toBe(Math.max(epochDay(c.contractStart), epochDay(c.paidOn)));
        expect(epochDay(cover.to) - epochDay(c.contractStart) + 1).toBeLessThanOrEqual(Math.min(c.contractMonths, maxCoverMonths) * 31);
        expect(epochDay(cover.to) - epochDay(c.contractStart) + 1).toBeGreaterThanOrEqual(Math.min(c.contractMonths, maxCoverMonths) * 28);
      }),
      RUNS,
    );
  });
});

describe('benefit computation (properties)', () => {
  it('by degree: rounded once, half-even, never above the maximum, monotone in the degree, 100% is the maximum', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, 100_000_000n), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (max, d1, d2) => {
        const rule = { kind: 'by-degree' as const, maxAmountMinor: max, currency: 'PHP' };
        const a = scheduledAmount(rule, { degreePercent: d1 }).amountMinor;
        const exact100 = max * BigInt(d1); // the exact amount × 100
        const diff = a * 100n - exact100;
        expect(diff >= -50n && diff <= 50n).toBe(true);
        if (diff === 50n || diff === -50n) expect(a % 2n).toBe(0n);
        expect(a <= max).toBe(true);
        const b = scheduledAmount(rule, { degreePercent: d2 }).amountMinor;
        if (d1 <= d2) expect(a <= b).toBe(true);
        expect(scheduledAmount(rule, { degreePercent: 100 }).amountMinor).toBe(max);
      }),
      RUNS,
    );
  });

  it('reimbursement: the smaller of the claimed amount and the cap', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, 10n ** 12n), fc.bigInt(1n, 10n ** 12n), (cap, claimed) => {
        const a = scheduledAmount({ kind: 'reimbursement', capMinor: cap, currency: 'PHP' }, { claimedMinor: claimed, currency: 'PHP' }).amountMinor;
        expect(a).toBe(claimed < cap ? claimed : cap);
      }),
      RUNS,
    );
  });

  it('approval: ok exactly when positive and either within the schedule or approved by a supervisor with a reason', () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 10_000n),
        fc.bigInt(-10n, 20_000n),
        fc.boolean(),
        fc.constantFrom(undefined, '', '  ', 'humanitarian grounds'),
        (scheduled, approved, supervisorApproved, reason) => {
          const r = approvalCheck(php(scheduled), approved, { supervisorApproved, reason });
          const expected = approved > 0n && (approved <= scheduled || (supervisorApproved && typeof reason === 'string' && reason.trim() !== ''));
          expect(r.ok).toBe(expected);
        },
      ),
      RUNS,
    );
  });
});

describe('eligibility (properties)', () => {
  it('filed in the window exactly when 0 <= filedOn − incidentDate <= windowDays; eligible exactly when every check is ok', () => {
    fc.assert(
      fc.property(
        date,
        date,
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom(...CLAIM_TYPES),
        fc.array(contribution, { maxLength: 3 }),
        (incidentDate, filedOn, windowDays, type, cs) => {
          const e = eligibility({ type, incidentDate, filedOn, windowDays, periods: membershipPeriods(cs), priorPaidClaims: [] });
          const delta = epochDay(filedOn) - epochDay(incidentDate);
          expect(e.checks.map((c) => c.check)).toEqual(['membership-active', 'filed-in-window', 'not-paid-before']);
          expect(e.checks[1].ok).toBe(delta >= 0 && delta <= windowDays);
          expect(e.checks[0].ok).toBe(activeOn(membershipPeriods(cs), incidentDate));
          expect(e.eligible).toBe(e.checks.every((c) => c.ok));
        },
      ),
      RUNS,
    );
  });
});
