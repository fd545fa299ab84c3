/**
 * The graduated penalty schedule (SPEC section 3): what sanctions the system proposes against an
 * agency for a violation found in a complaint. Pure and deterministic: no Nest, no database, no
 * clock. The system proposes; a supervisor decides (and may depart from the proposal with a
 * reason, which is the caller's business). See README.md beside this file for the rules,
 * the defaults and worked examples.
 */

import { CoreInputError } from '@app/common/errors/core-input.error';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** How grave a violation is. Decides which part of the schedule applies. */
export type OffenceGravity = 'less-serious' | 'serious';

export const OFFENCE_GRAVITIES: readonly OffenceGravity[] = Object.freeze(['less-serious', 'serious'] as const);

/**
 * One sanction. Months are whole months; money is bigint minor units with an ISO 4217 code.
 * In a proposal, a suspension carries the schedule's range and the months proposed within it.
 * In a {@link PriorOffence} (a decided offence), `proposedMonths` is read as the months that
 * were actually imposed.
 */
export type Sanction =
  | { kind: 'suspension'; minMonths: number; maxMonths: number; proposedMonths: number }
  | { kind: 'revocation' }
  | { kind: 'fine'; amountMinor: bigint; currency: string };

/** One rung of the less-serious ladder: a suspension of minMonths..maxMonths (inclusive). */
export interface SuspensionStep {
  readonly minMonths: number;
  readonly maxMonths: number;
}

/**
 * Where in a step's range the proposed months fall: the minimum (default), the midpoint
 * (rounded down to a whole month) or the maximum.
 */
export type ProposedMonthsPolicy = 'minimum' | 'midpoint' | 'maximum';

export const PROPOSED_MONTHS_POLICIES: readonly ProposedMonthsPolicy[] = Object.freeze(['minimum', 'midpoint', 'maximum'] as const);

/** A ministry's penalty schedule. Check one with {@link validateSchedule}. */
export interface PenaltySchedule {
  /**
   * Less-serious offences: the Nth offence gets step N-1 (a suspension); any offence past the
   * last step gets revocation. Steps must not get lighter (min and max never decrease).
   */
  readonly lessSeriousLadder: readonly SuspensionStep[];
  /** Serious offences: revocation plus this fine, per offence. amountMinor > 0. */
  readonly seriousFine: { readonly amountMinor: bigint; readonly currency: string };
  /**
   * When the agency's prior decided suspensions plus the suspensions proposed now add up to
   * this many months or more, revocation is proposed instead.
   */
  readonly cumulativeSuspensionThresholdMonths: number;
  /** Which months of a step's range are proposed. Default 'minimum'. */
  readonly proposedMonths: ProposedMonthsPolicy;
  /**
   * Allegation categories that are serious offences whatever the facts (default: retained
   * identity documents). Trafficking indicators and a fee charged to a worker in a protected
   * category are serious under every schedule.
   */
  readonly seriousCategories: readonly AllegationCategory[];
}

/** The categories of allegation a complaint can carry (SPEC section 3, intake). */
export const ALLEGATION_CATEGORIES = Object.freeze([
  'excess-fees',
  'contract-substitution',
  'unpaid-wages',
  'retained-documents',
  'no-job-on-arrival',
  'different-job',
  'abuse-harassment',
  'unlicensed-recruitment',
  'other',
] as const);

export type AllegationCategory = (typeof ALLEGATION_CATEGORIES)[number];

/** An offence of the agency decided in an earlier case. */
export interface PriorOffence {
  gravity: OffenceGravity;
  /** When it was decided. Not used by the rules (every prior decided offence counts); kept for the record. */
  decidedAt: Date;
  /** What was decided (not what was proposed). */
  sanctions: Sanction[];
}

export type RevocationReason = 'serious-offence' | 'fourth-offence' | 'cumulative-suspension';

export interface ProposedOffence {
  /** The offence's number among the agency's offences of this gravity (priors first). */
  number: number;
  /** What the schedule gives this offence on its own (before the cumulative-suspension rule). */
  sanctions: Sanction[];
}

export interface Proposal {
  /** One offence per complainant, numbered after the agency's prior offences of the same gravity. */
  offences: ProposedOffence[];
  /**
   * The combined proposal: revocation (with the fines added up per currency), or a single
   * suspension whose min, max and proposed months are the sums of the offences' suspensions.
   * Never revocation and a suspension together.
   */
  sanctions: Sanction[];
  basis: {
    /** Prior decided offences of the same gravity (the ladder starts after them). */
    priorSameGravity: number;
    /** Months of suspension in all prior decided offences, of either gravity. */
    priorSuspensionMonths: number;
    /** priorSuspensionMonths plus the months of the suspensions proposed now, per offence. */
    cumulativeSuspensionMonths: number;
    /**
     * Why revocation is proposed, or null when it is not. 'fourth-offence' means an offence past
     * the end of the less-serious ladder (the 4th under the default schedule). When several
     * reasons hold, the first in this order is given: serious-offence, fourth-offence,
     * cumulative-suspension.
     */
    revocationBecause: null | RevocationReason;
  };
}

export interface ProposeSanctionsInput {
  gravity: OffenceGravity;
  /** How many complainants the violation was found for: each is one offence. Integer >= 1. */
  complainants: number;
  /** The agency's decided offences from earlier cases, of either gravity. */
  prior: readonly PriorOffence[];
  /** Defaults to {@link DEFAULT_PENALTY_SCHEDULE}. */
  schedule?: PenaltySchedule;
}

export interface GravityInput {
  category: AllegationCategory;
  /** The fee was charged to a worker in a protected category (e.g. a domestic worker). Only matters for 'excess-fees'. */
  protectedCategoryFee?: boolean;
  /** The finding shows indicators of trafficking. Serious whatever the category. */
  traffickingIndicators?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Typed errors of the penalty schedule. Each names the offending field. */
export abstract class PenaltyScheduleError extends CoreInputError {}

/** A schedule that cannot be applied (empty ladder, min > max, bad threshold...). */
export class InvalidPenaltyScheduleError extends PenaltyScheduleError {
  readonly code = 'invalid-penalty-schedule';
  constructor(field: string, problem: string) {
    super(`Invalid penalty schedule: ${field} ${problem}`, field);
  }
}

/** Bad input to proposeSanctions or gravityOf (no complainants, unknown gravity or category...). */
export class InvalidPenaltyInputError extends PenaltyScheduleError {
  readonly code = 'invalid-penalty-input';
  constructor(field: string, problem: string) {
    super(`Invalid penalty input: ${field} ${problem}`, field);
  }
}

// ---------------------------------------------------------------------------------------------
// Defaults and validation
// ---------------------------------------------------------------------------------------------

/**
 * The SPEC's schedule. Less serious: 1st offence 2-6 months' suspension, 2nd 6-12 months,
 * 3rd 12-24 months, 4th and later revocation. Serious: revocation and a fine. Suspensions
 * adding up to 12 months: revocation. Proposed months: the minimum of the range.
 *
 * The fine (PHP 500,000.00) is a PLACEHOLDER: each ministry sets its own amount and currency.
 */
export const DEFAULT_PENALTY_SCHEDULE: PenaltySchedule = Object.freeze({
  lessSeriousLadder: Object.freeze([
    Object.freeze({ minMonths: 2, maxMonths: 6 }),
    Object.freeze({ minMonths: 6, maxMonths: 12 }),
    Object.freeze({ minMonths: 12, maxMonths: 24 }),
  ]),
  seriousFine: Object.freeze({ amountMinor: 50_000_000n, currency: 'PHP' }),
  cumulativeSuspensionThresholdMonths: 12,
  proposedMonths: 'minimum',
  seriousCategories: Object.freeze(['retained-documents'] as AllegationCategory[]),
});

const isWholeMonths = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

function requireMonths(v: unknown, field: string, min: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidPenaltyScheduleError(field, `must be a number of months, got ${describe(v)}`);
  if (!Number.isSafeInteger(v)) throw new InvalidPenaltyScheduleError(field, `must be a whole number of months, got ${v}`);
  if (v < min) throw new InvalidPenaltyScheduleError(field, v < 0 ? `must not be negative, got ${v}` : `must be at least ${min}, got ${v}`);
  return v;
}

/**
 * Throws an {@link InvalidPenaltyScheduleError} naming the first bad field: an empty ladder, a
 * step with min > max or months that are not whole numbers >= 1, a step lighter than the one
 * before it, a fine that is not a positive bigint or whose currency is not three capital
 * letters, a threshold that is not a whole number >= 1, an unknown proposedMonths policy.
 */
export function validateSchedule(s: PenaltySchedule): void {
  if (s === null || typeof s !== 'object') throw new InvalidPenaltyScheduleError('schedule', `must be an object, got ${describe(s)}`);
  const ladder = s.lessSeriousLadder;
  if (!Array.isArray(ladder)) throw new InvalidPenaltyScheduleError('lessSeriousLadder', `must be an array of steps, got ${describe(ladder)}`);
  if (ladder.length === 0) throw new InvalidPenaltyScheduleError('lessSeriousLadder', 'must have at least one step (revocation comes after the last step)');
  ladder.forEach((step: SuspensionStep, i: number) => {
    const at = `lessSeriousLadder[${i}]`;
    if (step === null || typeof step !== 'object') throw new InvalidPenaltyScheduleError(at, `must be { minMonths, maxMonths }, got ${describe(step)}`);
    const min = requireMonths(step.minMonths, `${at}.minMonths`, 1);
    const max = requireMonths(step.maxMonths, `${at}.maxMonths`, 1);
    if (min > max) throw new InvalidPenaltyScheduleError(`${at}.minMonths`, `must not exceed ${at}.maxMonths (${min} > ${max})`);
    if (i > 0) {
      const before = ladder[i - 1];
      if (min < before.minMonths)
        throw new InvalidPenaltyScheduleError(`${at}.minMonths`, `must not be lighter than the step before (${min} < ${before.minMonths})`);
      if (max < before.maxMonths)
        throw new InvalidPenaltyScheduleError(`${at}.maxMonths`, `must not be lighter than the step before (${max} < ${before.maxMonths})`);
    }
  });
  const fine = s.seriousFine;
  if (fine === null || typeof fine !== 'object')
    throw new InvalidPenaltyScheduleError('seriousFine', `must be { amountMinor, currency }, got ${describe(fine)}`);
  if (typeof fine.amountMinor !== 'bigint')
    throw new InvalidPenaltyScheduleError('seriousFine.amountMinor', `must be a bigint of minor units, got ${describe(fine.amountMinor)}`);
  if (fine.amountMinor <= 0n) throw new InvalidPenaltyScheduleError('seriousFine.amountMinor', `must be positive, got ${fine.amountMinor}`);
  if (typeof fine.currency !== 'string' || !/^[A-Z]{3}$/.test(fine.currency)) {
    throw new InvalidPenaltyScheduleError('seriousFine.currency', `must be an ISO 4217 code (three capital letters), got ${describe(fine.currency)}`);
  }
  const t = s.cumulativeSuspensionThresholdMonths;
  if (typeof t === 'number' && Number.isFinite(t) && t <= 0)
    throw new InvalidPenaltyScheduleError('cumulativeSuspensionThresholdMonths', `must be positive, got ${t}`);
  requireMonths(t, 'cumulativeSuspensionThresholdMonths', 1);
  if (!PROPOSED_MONTHS_POLICIES.includes(s.proposedMonths)) {
    throw new InvalidPenaltyScheduleError('proposedMonths', `must be one of ${PROPOSED_MONTHS_POLICIES.join(', ')}, got ${describe(s.proposedMonths)}`);
  }
  if (!Array.isArray(s.seriousCategories))
    throw new InvalidPenaltyScheduleError('seriousCategories', `must be an array of allegation categories, got ${describe(s.seriousCategories)}`);
  s.seriousCategories.forEach((c, i) => {
    if (!(ALLEGATION_CATEGORIES as readonly string[]).includes(c)) {
      throw new InvalidPenaltyScheduleError(`seriousCategories[${i}]`, `must be one of ${ALLEGATION_CATEGORIES.join(', ')}, got ${describe(c)}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Gravity
// ---------------------------------------------------------------------------------------------

/**
 * Serious: the schedule's serious categories (default: retained identity documents), any finding
 * with trafficking indicators, and excess fees charged to a worker in a protected category (e.g. a
 * domestic worker). Everything else is less serious. `protectedCategoryFee` only matters for
 * 'excess-fees'.
 */
export function gravityOf(input: GravityInput, schedule: PenaltySchedule = DEFAULT_PENALTY_SCHEDULE): OffenceGravity {
  if (input === null || typeof input !== 'object') throw new InvalidPenaltyInputError('input', `must be an object, got ${describe(input)}`);
  const { category } = input;
  if (!(ALLEGATION_CATEGORIES as readonly string[]).includes(category)) {
    throw new InvalidPenaltyInputError('category', `must be one of ${ALLEGATION_CATEGORIES.join(', ')}, got ${describe(category)}`);
  }
  if (input.traffickingIndicators === true) return 'serious';
  if (schedule.seriousCategories.includes(category)) return 'serious';
  if (category === 'excess-fees' && input.protectedCategoryFee === true) return 'serious';
  return 'less-serious';
}

/** The gravest of several findings' gravities: serious if any is. At least one is needed. */
export function gravestOf(gravities: readonly OffenceGravity[]): OffenceGravity {
  if (!Array.isArray(gravities) || gravities.length === 0) throw new InvalidPenaltyInputError('gravities', 'must list at least one finding');
  return gravities.includes('serious') ? 'serious' : 'less-serious';
}

/** One violation found in a decided case, with the sanctions decided on it. */
export interface DecidedFinding {
  gravity: OffenceGravity;
  sanctions: Sanction[];
}

/** A decided case of the agency: one complainant, whatever the number of violations found. */
export interface DecidedCase {
  decidedAt: Date;
  findings: readonly DecidedFinding[];
}

/**
 * The agency's prior offences from its decided cases. Each case is one complainant, so one
 * offence: of the gravest gravity among its violations, carrying every sanction decided on any of
 * them (so the months suspended all count towards the cumulative rule). Cases with no violation
 * are not offences.
 */
export function priorOffencesOf(cases: readonly DecidedCase[]): PriorOffence[] {
  return cases
    .filter((c) => c.findings.length > 0)
    .map((c) => ({ gravity: gravestOf(c.findings.map((f) => f.gravity)), decidedAt: c.decidedAt, sanctions: c.findings.flatMap((f) => f.sanctions) }));
}

/**
 * The proposal for one decision: its violations are one complainant's, so they are numbered
 * together as one offence, of the gravest gravity among them (gravity by the schedule).
 */
export function proposeForDecision(input: {
  findings: readonly GravityInput[];
  prior: readonly PriorOffence[];
  schedule?: PenaltySchedule;
}): Proposal & { gravity: OffenceGravity } {
  const schedule = input.schedule ?? DEFAULT_PENALTY_SCHEDULE;
  if (!Array.isArray(input.findings) || input.findings.length === 0) throw new InvalidPenaltyInputError('findings', 'must list at least one violation');
  const gravity = gravestOf(input.findings.map((f) => gravityOf(f, schedule)));
  return { gravity, ...proposeSanctions({ gravity, complainants: 1, prior: input.prior, schedule }) };
}

// ---------------------------------------------------------------------------------------------
// Proposal
// ---------------------------------------------------------------------------------------------

function proposedMonthsOf(step: SuspensionStep, policy: ProposedMonthsPolicy): number {
  switch (policy) {
    case 'minimum':
      return step.minMonths;
    case 'maximum':
      return step.maxMonths;
    case 'midpoint':
      return Math.floor((step.minMonths + step.maxMonths) / 2);
  }
}

function validatePrior(prior: readonly PriorOffence[]): void {
  if (!Array.isArray(prior)) throw new InvalidPenaltyInputError('prior', `must be an array of prior offences, got ${describe(prior)}`);
  prior.forEach((p: PriorOffence, i: number) => {
    const at = `prior[${i}]`;
    if (p === null || typeof p !== 'object') throw new InvalidPenaltyInputError(at, `must be an object, got ${describe(p)}`);
    if (!OFFENCE_GRAVITIES.includes(p.gravity))
      throw new InvalidPenaltyInputError(`${at}.gravity`, `must be one of ${OFFENCE_GRAVITIES.join(', ')}, got ${describe(p.gravity)}`);
    if (!Array.isArray(p.sanctions)) throw new InvalidPenaltyInputError(`${at}.sanctions`, `must be an array, got ${describe(p.sanctions)}`);
    p.sanctions.forEach((s: Sanction, j: number) => {
      if (s?.kind === 'suspension' && !isWholeMonths(s.proposedMonths, 0)) {
        throw new InvalidPenaltyInputError(
          `${at}.sanctions[${j}].proposedMonths`,
          `must be a whole, non-negative number of months, got ${describe(s.proposedMonths)}`,
        );
      }
    });
  });
}

/**
 * Proposes the sanctions for one violation found against an agency for `complainants`
 * complainants (each one offence, numbered after the agency's prior decided offences of the
 * same gravity). See {@link Proposal} for the shape and README.md for the rules.
 */
export function proposeSanctions(input: ProposeSanctionsInput): Proposal {
  if (input === null || typeof input !== 'object') throw new InvalidPenaltyInputError('input', `must be an object, got ${describe(input)}`);
  const { gravity, complainants, prior } = input;
  const schedule = input.schedule ?? DEFAULT_PENALTY_SCHEDULE;
  validateSchedule(schedule);
  if (!OFFENCE_GRAVITIES.includes(gravity))
    throw new InvalidPenaltyInputError('gravity', `must be one of ${OFFENCE_GRAVITIES.join(', ')}, got ${describe(gravity)}`);
  if (typeof complainants !== 'number' || !Number.isSafeInteger(complainants) || complainants < 1) {
    throw new InvalidPenaltyInputError('complainants', `must be a whole number >= 1 (each complainant is one offence), got ${describe(complainants)}`);
  }
  validatePrior(prior);

  const priorSameGravity = prior.filter((p) => p.gravity === gravity).length;
  let priorSuspensionMonths = 0;
  for (const p of prior) for (const s of p.sanctions) if (s.kind === 'suspension') priorSuspensionMonths += s.proposedMonths;

  const offences: ProposedOffence[] = [];
  for (let i = 1; i <= complainants; i++) {
    const number = priorSameGravity + i;
    offences.push({ number, sanctions: sanctionsFor(gravity, number, schedule) });
  }

  const suspensions = offences.flatMap((o) => o.sanctions.filter(isSuspension));
  const cumulativeSuspensionMonths = priorSuspensionMonths + sum(suspensions.map((s) => s.proposedMonths));

  let revocationBecause: RevocationReason | null = null;
  if (gravity === 'serious') revocationBecause = 'serious-offence';
  else if (offences.some((o) => o.sanctions.some((s) => s.kind === 'revocation'))) revocationBecause = 'fourth-offence';
  else if (cumulativeSuspensionMonths >= schedule.cumulativeSuspensionThresholdMonths) revocationBecause = 'cumulative-suspension';

  let sanctions: Sanction[];
  if (revocationBecause !== null) {
    sanctions = [{ kind: 'revocation' }, ...addUpFines(offences.flatMap((o) => o.sanctions))];
  } else {
    sanctions = [
      {
        kind: 'suspension',
        minMonths: sum(suspensions.map((s) => s.minMonths)),
        maxMonths: sum(suspensions.map((s) => s.maxMonths)),
        proposedMonths: sum(suspensions.map((s) => s.proposedMonths)),
      },
    ];
  }

  return { offences, sanctions, basis: { priorSameGravity, priorSuspensionMonths, cumulativeSuspensionMonths, revocationBecause } };
}

/** What the schedule gives the offence numbered `number` (1-based) of a gravity, on its own. */
function sanctionsFor(gravity: OffenceGravity, number: number, schedule: PenaltySchedule): Sanction[] {
  if (gravity === 'serious') {
    return [{ kind: 'revocation' }, { kind: 'fine', amountMinor: schedule.seriousFine.amountMinor, currency: schedule.seriousFine.currency }];
  }
  const step = schedule.lessSeriousLadder[number - 1];
  if (step === undefined) return [{ kind: 'revocation' }];
  return [{ kind: 'suspension', minMonths: step.minMonths, maxMonths: step.maxMonths, proposedMonths: proposedMonthsOf(step, schedule.proposedMonths) }];
}

function isSuspension(s: Sanction): s is Extract<Sanction, { kind: 'suspension' }> {
  return s.kind === 'suspension';
}

/** Fines summed per currency, in the order each currency first appears. */
function addUpFines(sanctions: readonly Sanction[]): Sanction[] {
  const byCurrency = new Map<string, bigint>();
  for (const s of sanctions) if (s.kind === 'fine') byCurrency.set(s.currency, (byCurrency.get(s.currency) ?? 0n) + s.amountMinor);
  return [...byCurrency].map(([currency, amountMinor]): Sanction => ({ kind: 'fine', amountMinor, currency }));
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return String(v);
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
