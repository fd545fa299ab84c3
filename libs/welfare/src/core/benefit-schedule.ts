/**
 * Benefit schedules (SPEC section 4): per claim type, an admin-maintained, effective-dated rule
 * that says what the fund pays. Pure: no Nest, no database, no clock. See README.md beside this file.
 */
import { requireDay } from './dates';
import { CurrencyMismatchError, InvalidBenefitScheduleError, InvalidWelfareInputError } from './errors';
import { Money, describe, requireCurrency, requireMinor, roundHalfEven } from './money';

// ---------------------------------------------------------------------------------------------
// Claim types
// ---------------------------------------------------------------------------------------------

export const CLAIM_TYPES = Object.freeze([
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
] as const);

export type ClaimType = (typeof CLAIM_TYPES)[number];

export function isClaimType(v: unknown): v is ClaimType {
  return typeof v === 'string' && (CLAIM_TYPES as readonly string[]).includes(v);
}

export interface ClaimTypePolicy {
  /**
   * At most one paid claim per incident. A claim of a one-time type is not eligible when a claim
   * of the same `oneTimeGroup` for the same incident has already been paid.
   */
  oneTime: boolean;
  /**
   * Types that exclude each other for one incident: 'death:natural' and 'death:accidental' share
   * 'death' (a death is one or the other; paying both would pay one death twice). Every other type
   * is its own group.
   */
  oneTimeGroup: string;
  /** The rule kinds a schedule entry of this type may use. */
  ruleKinds: readonly BenefitRule['kind'][];
}

/**
 * What kind of benefit each type is. One-time: the death benefits, burial, both disabilities,
 * medical (MEDplus-style: one grant per illness), repatriation (one return per incident) and the
 * livelihood grant. Recurring for one incident: legal assistance (paid stage by stage, invoice by
 * invoice) and the education grant (paid per school year).
 *
 * Partial and total disability are separate groups on purpose: a partial disability that worsens
 * into a total one may be paid as total after the partial was paid (a ministry that wants the
 * partial deducted decides that at approval, with the supervisor rule below).
 */
export const CLAIM_TYPE_POLICY: Readonly<Record<ClaimType, Readonly<ClaimTypePolicy>>> = Object.freeze({
  'death:natural': Object.freeze({ oneTime: true, oneTimeGroup: 'death', ruleKinds: Object.freeze(['fixed'] as const) }),
  'death:accidental': Object.freeze({ oneTime: true, oneTimeGroup: 'death', ruleKinds: Object.freeze(['fixed'] as const) }),
  'death:burial': Object.freeze({ oneTime: true, oneTimeGroup: 'death:burial', ruleKinds: Object.freeze(['fixed', 'reimbursement'] as const) }),
  'disability:partial': Object.freeze({ oneTime: true, oneTimeGroup: 'disability:partial', ruleKinds: Object.freeze(['by-degree'] as const) }),
  'disability:total': Object.freeze({ oneTime: true, oneTimeGroup: 'disability:total', ruleKinds: Object.freeze(['fixed'] as const) }),
  medical: Object.freeze({ oneTime: true, oneTimeGroup: 'medical', ruleKinds: Object.freeze(['reimbursement', 'fixed'] as const) }),
  repatriation: Object.freeze({ oneTime: true, oneTimeGroup: 'repatriation', ruleKinds: Object.freeze(['reimbursement', 'fixed'] as const) }),
  'legal-assistance': Object.freeze({ oneTime: false, oneTimeGroup: 'legal-assistance', ruleKinds: Object.freeze(['reimbursement', 'fixed'] as const) }),
  'education-grant': Object.freeze({ oneTime: false, oneTimeGroup: 'education-grant', ruleKinds: Object.freeze(['fixed', 'reimbursement'] as const) }),
  'livelihood-grant': Object.freeze({ oneTime: true, oneTimeGroup: 'livelihood-grant', ruleKinds: Object.freeze(['fixed', 'reimbursement'] as const) }),
});

// ---------------------------------------------------------------------------------------------
// Rules and schedule entries
// ---------------------------------------------------------------------------------------------

/**
 * How the scheduled amount is computed:
 * - fixed: the amount, whatever was claimed;
 * - by-degree: maxAmountMinor × degreePercent / 100, rounded once, half-even (partial disability);
 * - reimbursement: the amount claimed, at most capMinor.
 */
export type BenefitRule =
  | { kind: 'fixed'; amountMinor: bigint; currency: string }
  | { kind: 'by-degree'; maxAmountMinor: bigint; currency: string }
  | { kind: 'reimbursement'; capMinor: bigint; currency: string };

export const BENEFIT_RULE_KINDS: readonly BenefitRule['kind'][] = Object.freeze(['fixed', 'by-degree', 'reimbursement'] as const);

/** One row of a benefit schedule: the rule for one claim type over an inclusive range of dates. */
export interface BenefitScheduleEntry {
  type: ClaimType;
  rule: BenefitRule;
  /** First day in force, YYYY-MM-DD. */
  validFrom: string;
  /** Last day in force (inclusive), or null while open-ended. */
  validTo: string | null;
  /** The instrument the figure comes from. */
  source?: string;
}

/** A rule's currency and amounts are sound (an InvalidBenefitScheduleError naming `field` otherwise). */
export function validateRule(rule: BenefitRule, field = 'rule'): void {
  const E = InvalidBenefitScheduleError;
  if (rule === null || typeof rule !== 'object') throw new E(field, 'must be a rule');
  requireCurrency(rule.currency, `${field}.currency`, E);
  switch (rule.kind) {
    case 'fixed':
      requireMinor(rule.amountMinor, `${field}.amountMinor`, 1n, E);
      return;
    case 'by-degree':
      requireMinor(rule.maxAmountMinor, `${field}.maxAmountMinor`, 1n, E);
      return;
    case 'reimbursement':
      requireMinor(rule.capMinor, `${field}.capMinor`, 1n, E);
      return;
    default:
      throw new E(`${field}.kind`, `must be one of ${BENEFIT_RULE_KINDS.join(', ')}, got ${describe((rule as { kind?: unknown }).kind)}`);
  }
}

function entryRange(e: BenefitScheduleEntry, field: string): [number, number] {
  const from = requireDay(e.validFrom, `${field}.validFrom`, InvalidBenefitScheduleError);
  const to = e.validTo === null ? Number.POSITIVE_INFINITY : requireDay(e.validTo, `${field}.validTo`, InvalidBenefitScheduleError);
  if (from > to) throw new InvalidBenefitScheduleError(`${field}.validTo`, `must not be before validFrom (${e.validFrom} > ${e.validTo})`);
  return [from, to];
}

/**
 * Refuses a schedule that cannot be applied: an unknown type, a rule kind the type does not allow
 * (partial disability must be by degree; by degree is only for partial disability), a bad rule,
 * bad dates, validFrom after validTo, or two entries of one type whose ranges overlap (inclusive:
 * one ending on the day the next starts overlaps; end the first the day before).
 * Gaps are allowed: a claim whose incident falls in one has no rule (see {@link ruleInForce}).
 */
export function validateBenefitSchedule(entries: readonly BenefitScheduleEntry[]): void {
  if (!Array.isArray(entries as unknown)) throw new InvalidBenefitScheduleError('entries', 'must be an array');
  const ranges = new Map<ClaimType, { from: number; to: number; index: number }[]>();
  entries.forEach((e, i) => {
    const field = `entries[${i}]`;
    if (e === null || typeof e !== 'object') throw new InvalidBenefitScheduleError(field, 'must be a schedule entry');
    if (!isClaimType(e.type)) throw new InvalidBenefitScheduleError(`${field}.type`, `must be one of ${CLAIM_TYPES.join(', ')}, got ${describe(e.type)}`);
    validateRule(e.rule, `${field}.rule`);
    const allowed = CLAIM_TYPE_POLICY[e.type].ruleKinds;
    if (!allowed.includes(e.rule.kind))
      throw new InvalidBenefitScheduleError(`${field}.rule.kind`, `${e.rule.kind} is not allowed for ${e.type} (allowed: ${allowed.join(', ')})`);
    const [from, to] = entryRange(e, field);
    const list = ranges.get(e.type) ?? [];
    for (const other of list) {
      if (from <= other.to && other.from <= to)
        throw new InvalidBenefitScheduleError(
          `${field}.validFrom`,
          `overlaps entries[${other.index}] of the same type ${e.type}: two rules cannot be in force on one day`,
        );
    }
    list.push({ from, to, index: i });
    ranges.set(e.type, list);
  });
}

/** The entry of `type` in force on `date` (the incident date), or undefined when none is. The schedule is validated first. */
export function ruleInForce(entries: readonly BenefitScheduleEntry[], type: ClaimType, date: string): BenefitScheduleEntry | undefined {
  validateBenefitSchedule(entries);
  if (!isClaimType(type)) throw new InvalidWelfareInputError('type', `must be one of ${CLAIM_TYPES.join(', ')}, got ${describe(type)}`);
  const d = requireDay(date, 'date');
  return entries.find((e) => e.type === type && requireDay(e.validFrom, 'validFrom') <= d && (e.validTo === null || d <= requireDay(e.validTo, 'validTo')));
}

// ---------------------------------------------------------------------------------------------
// Computing the scheduled amount
// ---------------------------------------------------------------------------------------------

export interface ScheduledAmountInput {
  /** What was claimed, in minor units (> 0). Required for a reimbursement; ignored (but checked) otherwise. */
  claimedMinor?: bigint;
  /** The currency of claimedMinor; required with it, and must be the rule's (convert first). */
  currency?: string;
  /** Degree of disability, a whole percent 1..100. Required for a by-degree rule; ignored otherwise. */
  degreePercent?: number;
}

/**
 * The amount the schedule gives, in the rule's currency:
 * - fixed → amountMinor;
 * - by-degree → maxAmountMinor × degreePercent / 100, rounded half-even once;
 * - reimbursement → min(claimedMinor, capMinor).
 * Errors (InvalidWelfareInputError, `field` named): claimedMinor missing for a reimbursement,
 * not a positive bigint, currency missing with it; degreePercent missing for by-degree, not a
 * whole number 1..100. A claim in another currency is a CurrencyMismatchError (field 'currency').
 */
export function scheduledAmount(rule: BenefitRule, input: ScheduledAmountInput = {}): Money {
  validateRule(rule);
  const { claimedMinor, currency, degreePercent } = input;
  if (claimedMinor !== undefined) {
    requireMinor(claimedMinor, 'claimedMinor', 1n);
    if (currency === undefined) throw new InvalidWelfareInputError('currency', 'is required with claimedMinor');
    requireCurrency(currency, 'currency');
    if (currency !== rule.currency) throw new CurrencyMismatchError('currency', rule.currency, currency);
  } else if (currency !== undefined) {
    requireCurrency(currency, 'currency');
  }
  switch (rule.kind) {
    case 'fixed':
      return { amountMinor: rule.amountMinor, currency: rule.currency };
    case 'by-degree': {
      if (degreePercent === undefined) throw new InvalidWelfareInputError('degreePercent', 'is required for a by-degree rule (partial disability)');
      if (typeof degreePercent !== 'number' || !Number.isInteger(degreePercent) || degreePercent < 1 || degreePercent > 100)
        throw new InvalidWelfareInputError('degreePercent', `must be a whole percent from 1 to 100, got ${describe(degreePercent)}`);
      return { amountMinor: roundHalfEven(rule.maxAmountMinor * BigInt(degreePercent), 100n), currency: rule.currency };
    }
    case 'reimbursement': {
      if (claimedMinor === undefined) throw new InvalidWelfareInputError('claimedMinor', 'is required for a reimbursement rule');
      return { amountMinor: claimedMinor < rule.capMinor ? claimedMinor : rule.capMinor, currency: rule.currency };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Approving an amount
// ---------------------------------------------------------------------------------------------

export type ApprovalRuleName = 'approved-positive' | 'supervisor-approval-above-schedule' | 'reason-above-schedule';

export interface ApprovalFailure {
  rule: ApprovalRuleName;
  detail: string;
}

export type ApprovalCheck =
  { ok: true; relation: 'below-schedule' | 'at-schedule' | 'above-schedule'; excessMinor: bigint } | { ok: false; failures: ApprovalFailure[] };

export interface ApprovalContext {
  /** A supervisor approved the amount (the caller checks the approver's role). */
  supervisorApproved: boolean;
  /** Why the amount departs from the schedule. */
  reason?: string | null;
}

/**
 * Whether `approvedMinor` (in the scheduled amount's currency) may be approved:
 * - it must be positive (rejecting is a different action than approving nothing);
 * - up to the scheduled amount, nothing more is needed;
 * - above it, only with a supervisor's approval AND a non-blank reason.
 * Returns ok with how the amount relates to the schedule (and the excess over it, 0 unless above),
 * or every rule that fails.
 */
export function approvalCheck(scheduled: Money, approvedMinor: bigint, context: ApprovalContext): ApprovalCheck {
  requireMinor(scheduled?.amountMinor, 'scheduled.amountMinor', 0n);
  requireCurrency(scheduled.currency, 'scheduled.currency');
  if (typeof approvedMinor !== 'bigint')
    throw new InvalidWelfareInputError('approvedMinor', `must be a bigint number of minor units, got ${describe(approvedMinor)}`);
  const failures: ApprovalFailure[] = [];
  if (approvedMinor <= 0n) failures.push({ rule: 'approved-positive', detail: `the approved amount must be positive, got ${approvedMinor}` });
  const above = approvedMinor > scheduled.amountMinor;
  if (above) {
    const excess = approvedMinor - scheduled.amountMinor;
    if (context?.supervisorApproved !== true)
      failures.push({
        rule: 'supervisor-approval-above-schedule',
        detail: `${approvedMinor} is ${excess} above the scheduled ${scheduled.amountMinor} ${scheduled.currency}: a supervisor must approve it`,
      });
    if (typeof context?.reason !== 'string' || context.reason.trim() === '')
      failures.push({
        rule: 'reason-above-schedule',
        detail: `${approvedMinor} is ${excess} above the scheduled ${scheduled.amountMinor} ${scheduled.currency}: a reason is required`,
      });
  }
  if (failures.length) return { ok: false, failures };
  return {
    ok: true,
    relation: above ? 'above-schedule' : approvedMinor === scheduled.amountMinor ? 'at-schedule' : 'below-schedule',
    excessMinor: above ? approvedMinor - scheduled.amountMinor : 0n,
  };
}
