import { ConflictException } from '@app/common';
import type { RefundOrderState } from '../entities';

/**
 * The refund-order lifecycle, in one table. An order opens (RefundOrders.openFor, when an
 * assessment finds excess not yet ordered; RefundOrders.openForDecision, when a complaint's
 * decision takes effect); it is paid (the ministry records the agency's proof of payment),
 * cancelled (a supervisor, with a reason: e.g. an amendment showed the fee was declared wrongly),
 * or, for any order unpaid past its deadline (an assessment's or a decision's), garnished from
 * the agency's escrow by the system. Paid, garnished and cancelled are final.
 */
export const REFUND_ORDER_ACTIONS = ['record-payment', 'cancel', 'garnish'] as const;
export type RefundOrderAction = (typeof REFUND_ORDER_ACTIONS)[number];

export const REFUND_ORDER_TRANSITIONS: readonly { from: RefundOrderState; action: RefundOrderAction; to: RefundOrderState; who: readonly string[] }[] = [
  { from: 'open', action: 'record-payment', to: 'paid', who: ['inspector', 'supervisor'] },
  { from: 'open', action: 'cancel', to: 'cancelled', who: ['supervisor'] },
  { from: 'open', action: 'garnish', to: 'garnished', who: ['system'] },
];

/** The state an action leads to, or a 409 naming the state it cannot be taken from. */
export function refundOrderTransition(from: RefundOrderState, action: RefundOrderAction): RefundOrderState {
  const t = REFUND_ORDER_TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) throw new ConflictException('refund-order-transition', `A refund order that is ${from} cannot take '${action}'.`, { state: from, action });
  return t.to;
}
