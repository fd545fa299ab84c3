import { LifecycleEffects, LifecycleRefusalCode, TransitionRow, defineLifecycle } from '@app/common';
import type { Role } from '@app/common';
import { AMENDMENT_STATES, AmendmentState } from './entities/agency-amendment.entity';

/**
 * The amendment lifecycle (a change of an agency's legal identity), in one table. An agency admin
 * files it (`pending`, AgencyProfileService.fileAmendment, outside this table: one pending per
 * agency); an inspector approves it (the changes applied) or rejects it. Both are final.
 * AgencyProfileService is the only writer of `agency_amendment.state`.
 */
export const AMENDMENT_ACTIONS = ['approve', 'reject'] as const;
export type AmendmentAction = (typeof AMENDMENT_ACTIONS)[number];

export type AmendmentTransition = TransitionRow<AmendmentState, AmendmentAction, Role, unknown, never, LifecycleEffects>;

export const AMENDMENT_TRANSITIONS: readonly AmendmentTransition[] = [
  { from: 'pending', action: 'approve', to: 'approved', who: ['inspector'], effects: { audit: 'agency.amendment.approved' } },
  { from: 'pending', action: 'reject', to: 'rejected', who: ['inspector'], effects: { audit: 'agency.amendment.rejected' } },
];

/** The amendment lifecycle on the kernel (the routes check the roles, from `who`). A decided amendment is 409 `amendment-decided`. */
export const AMENDMENT_LIFECYCLE = defineLifecycle<AmendmentTransition>({
  name: 'amendment',
  states: AMENDMENT_STATES,
  actions: AMENDMENT_ACTIONS,
  rows: AMENDMENT_TRANSITIONS,
  answer: (r, lifecycle) =>
    r.code === LifecycleRefusalCode.NotYourRole
      ? { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Only ${r.who.join(' or ')} may ${r.action} an amendment.` }
      : {
          type: 'amendment-decided',
          status: 409,
          title: 'Conflict',
          detail: `The amendment was already ${r.from}.`,
          fields: { state: r.from, allowedActions: lifecycle.allowed(r.from) },
        },
});
