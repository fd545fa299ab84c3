import { ConflictException } from '@app/common';
import type { RefundOrderState } from '../entities';

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

export const REFUND_ORDER_TRANSITIONS: readonly { from: RefundOrderState; action: RefundOrderAction; to: RefundOrderState; who: readonly string[] }[] = [
  { from: 'open', action: 'declare-payment', to: 'payment-declared', who: ['agency_admin', 'agency_staff'] },
  { from: 'open', action: 'record-payment', to: 'paid', who: ['inspector', 'supervisor'] },
  { from: 'payment-declared', action: 'record-payment', to: 'paid', who: ['inspector', 'supervisor'] },
  { from: 'payment-declared', action: 'reject-declaration', to: 'open', who: ['inspector', 'supervisor'] },
  { from: 'open', action: 'cancel', to: 'cancelled', who: ['supervisor'] },
  { from: 'open', action: 'garnish', to: 'garnished', who: ['system'] },
];

/** The state an action leads to, or a 409 naming the state it cannot be taken from. */
export function refundOrderTransition(from: RefundOrderState, action: RefundOrderAction): RefundOrderState {
  const t = REFUND_ORDER_TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) throw new ConflictException('refund-order-transition', `A refund order that is ${from} cannot take '${action}'.`, { state: from, action });
  return t.to;
}
