import { LifecycleEffects, LifecycleRefusalCode, ROLES, TransitionRow, defineLifecycle } from '@app/common';
import type { Role } from '@app/common';
import type { TemplateKey } from '@app/notifications';
import { LICENSE_STATES, LicenseState } from './entities/license.entity';

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

/**
 * What a move causes besides the state. The deadlines and notices are declared here and carried out
 * by LicensingService (deadlineEffects, the agency admins' mail); the audit action is read from the row.
 */
export type LicenseEffects = LifecycleEffects<string, string, TemplateKey>;

/** The guard names, for people, why the move may not happen. */
export type LicenseTransition = TransitionRow<LicenseState, LicenseAction, LicenseActor, LicenseGuardContext, string, LicenseEffects>;

const SUSPENSION_END = 'license.suspension-end';
const EXPIRY = 'license.expiry';
const RENEWAL_REMINDER = 'license.renewal-reminder';

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
  {
    from: 'active',
    action: 'suspend',
    to: 'suspended',
    who: ['supervisor'],
    guard: suspensionEndsLater,
    // A lifted suspension's deadline stays open after it acted: it is met first, so this suspension gets a deadline of its own.
    effects: { audit: 'agency.license.suspended', deadlines: { meet: [SUSPENSION_END], start: [SUSPENSION_END] }, notices: ['license.suspended'] },
  },
  // Consecutive suspensions: a further one (a decision, a supervisor) runs on after the current one ends; its deadline replaces the running one.
  {
    from: 'suspended',
    action: 'suspend',
    to: 'suspended',
    who: ['supervisor'],
    guard: suspensionExtends,
    effects: { audit: 'agency.license.suspended', deadlines: { cancel: [SUSPENSION_END], start: [SUSPENSION_END] }, notices: ['license.suspended'] },
  },
  // The suspension's end date came: the license.suspension-end deadline lifts it.
  {
    from: 'suspended',
    action: 'lift',
    to: 'active',
    who: ['system'],
    guard: suspensionOver,
    effects: { audit: 'agency.license.suspension-lifted', notices: ['license.reinstated'] },
  },
  // A supervisor ends a suspension early.
  {
    from: 'suspended',
    action: 'reinstate',
    to: 'active',
    who: ['supervisor'],
    effects: { audit: 'agency.license.reinstated', deadlines: { meet: [SUSPENSION_END] }, notices: ['license.reinstated'] },
  },
  {
    from: 'active',
    action: 'revoke',
    to: 'revoked',
    who: ['supervisor'],
    effects: { audit: 'agency.license.revoked', deadlines: { cancel: [EXPIRY, RENEWAL_REMINDER] }, notices: ['license.revoked'] },
  },
  {
    from: 'suspended',
    action: 'revoke',
    to: 'revoked',
    who: ['supervisor'],
    effects: { audit: 'agency.license.revoked', deadlines: { cancel: [SUSPENSION_END, EXPIRY, RENEWAL_REMINDER] }, notices: ['license.revoked'] },
  },
  // Only an active license may be surrendered: a suspended agency cannot escape its sanction so.
  {
    from: 'active',
    action: 'surrender',
    to: 'surrendered',
    who: ['agency_admin'],
    effects: { audit: 'agency.license.surrendered', deadlines: { cancel: [EXPIRY, RENEWAL_REMINDER] } },
  },
  // The license.expiry deadline, at the end of the last local day, unless a renewal is pending.
  {
    from: 'active',
    action: 'expire',
    to: 'expired',
    who: ['system'],
    guard: lastDayOver,
    effects: { audit: 'agency.license.expired', deadlines: { meet: [EXPIRY], cancel: [RENEWAL_REMINDER] } },
  },
  {
    from: 'suspended',
    action: 'expire',
    to: 'expired',
    who: ['system'],
    guard: lastDayOver,
    effects: { audit: 'agency.license.expired', deadlines: { meet: [EXPIRY], cancel: [SUSPENSION_END, RENEWAL_REMINDER] } },
  },
];

/**
 * The license lifecycle on the kernel. Refusals: 409 `transition-not-allowed` and
 * `transition-condition-unmet` (state, action, and the moves people may make: `allowedActions`),
 * 403 `forbidden` naming who may.
 */
export const LICENSE_LIFECYCLE = defineLifecycle<LicenseTransition>({
  name: 'license',
  states: LICENSE_STATES,
  actions: LICENSE_ACTIONS,
  rows: LICENSE_TRANSITIONS,
  answer: (r) => {
    if (r.code === LifecycleRefusalCode.NotYourRole)
      return { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Only ${r.who.join(' or ')} may ${r.action} a license.` };
    const fields = { state: r.from, action: r.action, allowedActions: humanActions(r.from) };
    if (r.code === LifecycleRefusalCode.TransitionNotAllowed)
      return { type: 'transition-not-allowed', status: 409, title: 'Conflict', detail: `A ${r.from} license cannot be ${pastTense(r.action)}.`, fields };
    return {
      type: 'transition-condition-unmet',
      status: 409,
      title: 'Conflict',
      detail: `The license cannot be ${pastTense(r.action)}: ${r.condition}.`,
      fields,
    };
  },
});

export const FINAL_LICENSE_STATES: readonly LicenseState[] = ['expired', 'revoked', 'surrendered'];

/** Actions people (not the system) may take from a state: what a refusal names. */
export const humanActions = (from: LicenseState): LicenseAction[] => LICENSE_LIFECYCLE.allowed(from, ROLES);

export const pastTense = (action: LicenseAction): string =>
  ({ suspend: 'suspended', lift: 'lifted', reinstate: 'reinstated', revoke: 'revoked', surrender: 'surrendered', expire: 'expired' })[action];
