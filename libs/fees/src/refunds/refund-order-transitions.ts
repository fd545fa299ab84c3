import { LifecycleEffects, LifecycleRefusalCode, TransitionRow, defineLifecycle } from '@app/common';
import type { Role } from '@app/common';
import type { TemplateKey } from '@app/notifications';
import { REFUND_ORDER_STATES, RefundOrderState } from '../entities/refund-order.entity';

/**
 * The refund-order lifecycle, in one table. An order opens (RefundOrders.openFor, when an
 * assessment finds excess not yet ordered; RefundOrders.openForDecision, when a complaint's
 * decision takes effect); it is paid (the ministry records the agency's proof of payment),
 * cancelled (a supervisor, with a reason: e.g. an amendment showed the fee was declared wrongly),
 * or, for any order unpaid past its deadline (an assessment's or a decision's), garnished from
 * the agency's escrow by the system. Paid, garnished and cancelled are final.
 *
 * The agency may declare its own payment (its reference and a proof document): the order waits in
 * payment-declared, neither garnished nor cancelled, until the ministry confirms it (paid) or
 * rejects it with a reason (open again; past its deadline, garnished at once when escrow can pay:
 * RefundOrders.rejectDeclaration). The ministry may still record a payment straight from open.
 */
export const REFUND_ORDER_ACTIONS = ['declare-payment', 'record-payment', 'reject-declaration', 'cancel', 'garnish'] as const;
export type RefundOrderAction = (typeof REFUND_ORDER_ACTIONS)[number];

/**
 * What a move causes besides the state. The payment deadline (fees.refund-payment) and the agency's
 * mail are declared here and carried out by RefundOrders; the audit action is read from the row.
 */
export type RefundOrderEffects = LifecycleEffects<string, string, TemplateKey>;
export type RefundOrderTransition = TransitionRow<RefundOrderState, RefundOrderAction, Role | 'system', unknown, never, RefundOrderEffects>;

const PAYMENT = 'fees.refund-payment';

export const REFUND_ORDER_TRANSITIONS: readonly RefundOrderTransition[] = [
  {
    from: 'open',
    action: 'declare-payment',
    to: 'payment-declared',
    who: ['agency_admin', 'agency_staff'],
    effects: { audit: 'fees.refund-order.payment-declared' },
  },
  {
    from: 'open',
    action: 'record-payment',
    to: 'paid',
    who: ['inspector', 'supervisor'],
    effects: { audit: 'fees.refund-order.paid', deadlines: { meet: [PAYMENT] } },
  },
  {
    from: 'payment-declared',
    action: 'record-payment',
    to: 'paid',
    who: ['inspector', 'supervisor'],
    effects: { audit: 'fees.refund-order.paid', deadlines: { meet: [PAYMENT] } },
  },
  {
    from: 'payment-declared',
    action: 'reject-declaration',
    to: 'open',
    who: ['inspector', 'supervisor'],
    effects: { audit: 'fees.refund-order.declaration-rejected', notices: ['fees.refund-declaration-rejected'] },
  },
  { from: 'open', action: 'cancel', to: 'cancelled', who: ['supervisor'], effects: { audit: 'fees.refund-order.cancelled', deadlines: { cancel: [PAYMENT] } } },
  { from: 'open', action: 'garnish', to: 'garnished', who: ['system'], effects: { audit: 'fees.refund-order.garnished' } },
];

/** The refund-order lifecycle on the kernel. A move the state does not allow is 409 `refund-order-transition` (state, action); the routes check the roles. */
export const REFUND_ORDER_LIFECYCLE = defineLifecycle<RefundOrderTransition>({
  name: 'refund-order',
  states: REFUND_ORDER_STATES,
  actions: REFUND_ORDER_ACTIONS,
  rows: REFUND_ORDER_TRANSITIONS,
  answer: (r) =>
    r.code === LifecycleRefusalCode.NotYourRole
      ? { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Only ${r.who.join(' or ')} may ${r.action} a refund order.` }
      : {
          type: 'refund-order-transition',
          status: 409,
          title: 'Conflict',
          detail: `A refund order that is ${r.from} cannot take '${r.action}'.`,
          fields: { state: r.from, action: r.action },
        },
});

/** The state an action leads to, or a 409 naming the state it cannot be taken from. */
export const refundOrderTransition = (from: RefundOrderState, action: RefundOrderAction): RefundOrderState => REFUND_ORDER_LIFECYCLE.require(from, action).to;
