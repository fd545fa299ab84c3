/**
 * Claim eligibility (SPEC section 4), computed and shown check by check. Pure: no Nest, no
 * database, no clock. See README.md beside this file.
 */
import { CLAIM_TYPE_POLICY, CLAIM_TYPES, ClaimType, isClaimType } from './benefit-schedule';
import { formatDay, requireDay } from './dates';
import { InvalidWelfareInputError } from './errors';
import { MembershipPeriod, periodOn } from './membership';
import { describe } from './money';

/** The SPEC's filing window: one year from the incident, counted as 365 days. */
export const DEFAULT_FILING_WINDOW_DAYS = 365;

export type EligibilityCheckName = 'membership-active' | 'filed-in-window' | 'not-paid-before';

export interface EligibilityCheck {
  check: EligibilityCheckName;
  ok: boolean;
  /** A sentence for the officer and the claimant, naming the dates it was decided on. */
  detail: string;
}

export interface Eligibility {
  /** True when every check is ok. */
  eligible: boolean;
  /** Always all three checks, in this order: membership-active, filed-in-window, not-paid-before. */
  checks: EligibilityCheck[];
}

/** A claim already PAID to this worker (or their beneficiaries). Claims submitted, approved but unpaid, or rejected do not count. */
export interface PriorPaidClaim {
  type: ClaimType;
  incidentDate: string;
}

export interface EligibilityInput {
  type: ClaimType;
  /** The day of the death, accident, illness, repatriation... YYYY-MM-DD. */
  incidentDate: string;
  /** The day the claim was filed. */
  filedOn: string;
  /** The worker's membership periods (from membershipPeriods). */
  periods: readonly MembershipPeriod[];
  /** Days after the incident on which a claim may still be filed; default 365. Whole number >= 0. */
  windowDays?: number;
  /** The worker's claims already paid. */
  priorPaidClaims?: readonly PriorPaidClaim[];
}

/**
 * Eligibility of a claim:
 * 1. membership-active: a membership period covers the incident date (both ends inclusive);
 * 2. filed-in-window: incidentDate <= filedOn <= incidentDate + windowDays. The last day of the
 *    window is ok, the day after is not; a claim filed before its incident is refused too;
 * 3. not-paid-before: for a one-time type, no claim of the same one-time group (see
 *    CLAIM_TYPE_POLICY: death natural and accidental share one) has been paid for the same incident.
 *    One incident is one incident date of this worker. Types that are not one-time always pass.
 * All three are computed and returned even when an earlier one fails.
 */
export function eligibility(input: EligibilityInput): Eligibility {
  const { type, incidentDate, filedOn, periods } = input;
  if (!isClaimType(type)) throw new InvalidWelfareInputError('type', `must be one of ${CLAIM_TYPES.join(', ')}, got ${describe(type)}`);
  const incident = requireDay(incidentDate, 'incidentDate');
  const filed = requireDay(filedOn, 'filedOn');
  const windowDays = input.windowDays ?? DEFAULT_FILING_WINDOW_DAYS;
  if (typeof windowDays !== 'number' || !Number.isSafeInteger(windowDays) || windowDays < 0)
    throw new InvalidWelfareInputError('windowDays', `must be a whole number of days >= 0, got ${describe(windowDays)}`);
  if (!Array.isArray(periods as unknown)) throw new InvalidWelfareInputError('periods', 'must be an array');
  const prior = input.priorPaidClaims ?? [];
  if (!Array.isArray(prior as unknown)) throw new InvalidWelfareInputError('priorPaidClaims', 'must be an array');
  prior.forEach((p, i) => {
    if (!isClaimType(p?.type))
      throw new InvalidWelfareInputError(`priorPaidClaims[${i}].type`, `must be one of ${CLAIM_TYPES.join(', ')}, got ${describe(p?.type)}`);
    requireDay(p.incidentDate, `priorPaidClaims[${i}].incidentDate`);
  });

  const checks: EligibilityCheck[] = [];

  const period = periodOn(periods, incidentDate);
  checks.push(
    period
      ? { check: 'membership-active', ok: true, detail: `membership active on ${incidentDate} (period ${period.from} to ${period.to})` }
      : { check: 'membership-active', ok: false, detail: `no membership period covers the incident date ${incidentDate}${describePeriods(periods)}` },
  );

  const lastDay = formatDay(incident + windowDays);
  const window = `the window runs from the incident ${incidentDate} to ${lastDay} (${windowDays} days)`;
  if (filed < incident) checks.push({ check: 'filed-in-window', ok: false, detail: `filed ${filedOn}, before the incident ${incidentDate}` });
  else if (filed > incident + windowDays)
    checks.push({ check: 'filed-in-window', ok: false, detail: `filed ${filedOn}, ${filed - incident - windowDays} day(s) late: ${window}` });
  else checks.push({ check: 'filed-in-window', ok: true, detail: `filed ${filedOn}; ${window}` });

  const policy = CLAIM_TYPE_POLICY[type];
  if (!policy.oneTime) {
    checks.push({ check: 'not-paid-before', ok: true, detail: `${type} is not a one-time benefit: it may be paid more than once for one incident` });
  } else {
    const same = prior.find((p) => CLAIM_TYPE_POLICY[p.type].oneTimeGroup === policy.oneTimeGroup && requireDay(p.incidentDate, 'incidentDate') === incident);
    checks.push(
      same
        ? {
            check: 'not-paid-before',
            ok: false,
            detail: `a ${same.type} claim for the incident of ${incidentDate} has already been paid; ${type} is paid once per incident`,
          }
        : { check: 'not-paid-before', ok: true, detail: `no ${type} claim has been paid for the incident of ${incidentDate}` },
    );
  }

  return { eligible: checks.every((c) => c.ok), checks };
}

function describePeriods(periods: readonly MembershipPeriod[]): string {
  if (periods.length === 0) return ' (no contribution on record)';
  return ` (membership periods: ${periods.map((p) => `${p.from} to ${p.to}`).join(', ')})`;
}
