import { LifecycleEffects, LifecycleRefusalCode, TransitionRow, defineLifecycle } from '@app/common';
import type { Role } from '@app/common';
import { FINE_STATES, FineState } from '../entities/fine.entity';

/**
 * The fine lifecycle, in one table. A decision that becomes final imposes the fine (`open`, with
 * its complaint.fine-payment deadline: SanctionEffects, outside this table). The agency may declare
 * its payment with proof (`payment-declared`: still owed, still blocking the license clearance);
 * the ministry records the payment (`paid`, the deadline met), from `open` or confirming a
 * declaration, or rejects the declaration with a reason (`open` again, the agency's admins mailed).
 * Fines is the only writer of `fine.state`. `cancelled` is in the schema for the ministry's
 * cancellation; no move leads there yet.
 */
export const FINE_ACTIONS = ['declare-payment', 'record-payment', 'reject-declaration'] as const;
export type FineAction = (typeof FINE_ACTIONS)[number];

export type FineTransition = TransitionRow<FineState, FineAction, Role, unknown, never, LifecycleEffects>;

const OFFICERS: Role[] = ['inspector', 'supervisor'];
const PAID = { audit: 'complaint.fine.paid', deadlines: { meet: ['complaint.fine-payment'] } };

export const FINE_TRANSITIONS: readonly FineTransition[] = [
  {
    from: 'open',
    action: 'declare-payment',
    to: 'payment-declared',
    who: ['agency_admin', 'agency_staff'],
    effects: { audit: 'complaint.fine.payment-declared' },
  },
  { from: 'open', action: 'record-payment', to: 'paid', who: OFFICERS, effects: PAID },
  { from: 'payment-declared', action: 'record-payment', to: 'paid', who: OFFICERS, effects: PAID },
  {
    from: 'payment-declared',
    action: 'reject-declaration',
    to: 'open',
    who: OFFICERS,
    effects: { audit: 'complaint.fine.declaration-rejected', notices: ['complaint.fine-declaration-rejected'] },
  },
];

/**
 * The fine lifecycle on the kernel (the routes check the roles, from `who`). Rejecting what was
 * never declared is 409 `fine-not-declared`; any other move from the wrong state is 409
 * `fine-not-open`, so a retry cannot record or declare a payment twice.
 */
export const FINE_LIFECYCLE = defineLifecycle<FineTransition>({
  name: 'fine',
  states: FINE_STATES,
  actions: FINE_ACTIONS,
  rows: FINE_TRANSITIONS,
  answer: (r) =>
    r.code === LifecycleRefusalCode.NotYourRole
      ? { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Only ${r.who.join(' or ')} may ${r.action} a fine.` }
      : r.action === 'reject-declaration'
        ? {
            type: 'fine-not-declared',
            status: 409,
            title: 'Conflict',
            detail: `The fine is ${r.from}: there is no payment declaration to reject.`,
            fields: { state: r.from },
          }
        : { type: 'fine-not-open', status: 409, title: 'Conflict', detail: `The fine is ${r.from}.`, fields: { state: r.from } },
});
