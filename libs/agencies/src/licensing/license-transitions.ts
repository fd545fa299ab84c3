import type { Role } from '@app/common';
import type { LicenseState } from './entities/license.entity';

/**
 * The license lifecycle, in one table: from which state an action leads to which state, who may
 * take it, and what must hold. LicensingService is the only caller and the only writer of
 * `license.state`. Revoked, surrendered and expired are final (no row leaves them); issuing a
 * license creates it active (LicensingService.issueLicense), outside this table.
 */

export const LICENSE_ACTIONS = ['suspend', 'lift', 'reinstate', 'revoke', 'surrender', 'expire'] as const;
export type LicenseAction = (typeof LICENSE_ACTIONS)[number];

/** Who acts: a role, or the system itself (a deadline firing). */
export type LicenseActor = Role | 'system';

export interface LicenseGuardContext {
  now: Date;
  /** The end of the license's last day (expires_on, 23:59:59.999 in the jurisdiction's zone). */
  expiresAt: Date;
  /** The current suspension's end, while suspended. */
  suspendedUntil: Date | null;
  /** For suspend: the end the supervisor asks for. */
  requestedUntil?: Date | null;
  /** A renewal filed in time and not yet decided keeps the license from expiring. */
  renewalPending: boolean;
}

export interface LicenseTransition {
  from: LicenseState;
  action: LicenseAction;
  to: LicenseState;
  who: readonly LicenseActor[];
  /** Null when the move may happen; otherwise why not, for people. */
  guard?: (ctx: LicenseGuardContext) => string | null;
}

const suspensionEndsLater = (c: LicenseGuardContext) =>
  !c.requestedUntil ? 'a suspension needs its end (until)' : c.requestedUntil <= c.now ? 'the suspension must end in the future' : null;
/** A suspension imposed on a suspended license runs after the current one: its end must come later. */
const suspensionExtends = (c: LicenseGuardContext) =>
  !c.requestedUntil
    ? 'a suspension needs its end (until)'
    : c.requestedUntil <= c.now
      ? 'the suspension must end in the future'
      : c.suspendedUntil && c.requestedUntil <= c.suspendedUntil
        ? 'a further suspension must end after the current one'
        : null;
const suspensionOver = (c: LicenseGuardContext) => (c.suspendedUntil && c.suspendedUntil <= c.now ? null : 'the suspension has not ended yet');
const lastDayOver = (c: LicenseGuardContext) =>
  c.renewalPending ? 'a renewal is pending' : c.now < c.expiresAt ? 'the license has not reached the end of its last day' : null;

export const LICENSE_TRANSITIONS: readonly LicenseTransition[] = [
  { from: 'active', action: 'suspend', to: 'suspended', who: ['supervisor'], guard: suspensionEndsLater },
  // Consecutive suspensions: a further one (a decision, a supervisor) runs on after the current one ends.
  { from: 'suspended', action: 'suspend', to: 'suspended', who: ['supervisor'], guard: suspensionExtends },
  // The suspension's end date came: the license.suspension-end deadline lifts it.
  { from: 'suspended', action: 'lift', to: 'active', who: ['system'], guard: suspensionOver },
  // A supervisor ends a suspension early.
  { from: 'suspended', action: 'reinstate', to: 'active', who: ['supervisor'] },
  { from: 'active', action: 'revoke', to: 'revoked', who: ['supervisor'] },
  { from: 'suspended', action: 'revoke', to: 'revoked', who: ['supervisor'] },
  // Only an active license may be surrendered: a suspended agency cannot escape its sanction so.
  { from: 'active', action: 'surrender', to: 'surrendered', who: ['agency_admin'] },
  // The license.expiry deadline, at the end of the last local day, unless a renewal is pending.
  { from: 'active', action: 'expire', to: 'expired', who: ['system'], guard: lastDayOver },
  { from: 'suspended', action: 'expire', to: 'expired', who: ['system'], guard: lastDayOver },
];

export const FINAL_LICENSE_STATES: readonly LicenseState[] = ['expired', 'revoked', 'surrendered'];

export function findTransition(from: LicenseState, action: LicenseAction): LicenseTransition | undefined {
  return LICENSE_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/** Actions the table allows from a state (to any actor, or to one of the given actors), in table order. */
export function allowedActions(from: LicenseState, actors?: readonly LicenseActor[]): LicenseAction[] {
  return LICENSE_TRANSITIONS.filter((t) => t.from === from && (!actors || t.who.some((w) => actors.includes(w)))).map((t) => t.action);
}

/** Actions people (not the system) may take from a state: what a refusal names. */
export const humanActions = (from: LicenseState): LicenseAction[] =>
  LICENSE_TRANSITIONS.filter((t) => t.from === from && t.who.some((w) => w !== 'system')).map((t) => t.action);

export type TransitionDecision =
  | { ok: true; to: LicenseState }
  | { ok: false; why: 'not-allowed'; message: string }
  | { ok: false; why: 'not-your-role'; message: string }
  | { ok: false; why: 'guard'; message: string };

/** Whether `actors` may take `action` on a license in state `from`, given the context. */
export function decide(from: LicenseState, action: LicenseAction, actors: readonly LicenseActor[], ctx: LicenseGuardContext): TransitionDecision {
  const t = findTransition(from, action);
  if (!t) return { ok: false, why: 'not-allowed', message: `A ${from} license cannot be ${pastTense(action)}.` };
  if (!t.who.some((w) => actors.includes(w))) return { ok: false, why: 'not-your-role', message: `Only ${t.who.join(' or ')} may ${action} a license.` };
  const problem = t.guard?.(ctx) ?? null;
  if (problem) return { ok: false, why: 'guard', message: `The license cannot be ${pastTense(action)}: ${problem}.` };
  return { ok: true, to: t.to };
}

export const pastTense = (action: LicenseAction): string =>
  ({ suspend: 'suspended', lift: 'lifted', reinstate: 'reinstated', revoke: 'revoked', surrender: 'surrendered', expire: 'expired' })[action];
