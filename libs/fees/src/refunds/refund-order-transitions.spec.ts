import { ROLES, lifecycleProblems } from '@app/common';
import { TEMPLATE_KEYS } from '@app/notifications';
import { REFUND_PAYMENT_KIND } from './refund-orders.service';
import { REFUND_ORDER_ACTIONS, REFUND_ORDER_LIFECYCLE, REFUND_ORDER_TRANSITIONS, refundOrderTransition } from './refund-order-transitions';
import { REFUND_ORDER_STATES } from '../entities/refund-order.entity';

describe('refund order transitions', () => {
  it('an open order is paid or cancelled', () => {
    expect(refundOrderTransition('open', 'record-payment')).toBe('paid');
    expect(refundOrderTransition('open', 'cancel')).toBe('cancelled');
    expect(refundOrderTransition('open', 'garnish')).toBe('garnished');
  });

  it("the agency's declaration waits for the ministry: confirmed (paid) or rejected (open); never garnished or cancelled meanwhile", () => {
    expect(refundOrderTransition('open', 'declare-payment')).toBe('payment-declared');
    expect(refundOrderTransition('payment-declared', 'record-payment')).toBe('paid');
    expect(refundOrderTransition('payment-declared', 'reject-declaration')).toBe('open');
    for (const action of ['declare-payment', 'garnish', 'cancel'] as const)
      expect(() => refundOrderTransition('payment-declared', action)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => refundOrderTransition('open', 'reject-declaration')).toThrow(expect.objectContaining({ status: 409 }));
  });

  it.each(['paid', 'garnished', 'cancelled'] as const)('%s is final: every action is a 409', (state) => {
    for (const action of REFUND_ORDER_ACTIONS)
      expect(() => refundOrderTransition(state, action)).toThrow(expect.objectContaining({ status: 409, code: 'refund-order-transition' }));
  });

  it('uses only known states', () => {
    for (const t of REFUND_ORDER_TRANSITIONS) {
      expect(REFUND_ORDER_STATES).toContain(t.from);
      expect(REFUND_ORDER_STATES).toContain(t.to);
    }
  });

  it('declares only roles, the payment deadline and mail templates that exist, and a fees.refund-order audit action for every move', () => {
    expect(
      lifecycleProblems(REFUND_ORDER_LIFECYCLE, {
        actors: [...ROLES, 'system'],
        deadlineKinds: [REFUND_PAYMENT_KIND],
        notices: TEMPLATE_KEYS,
        auditPrefix: 'fees.refund-order.',
      }),
    ).toEqual([]);
  });

  it('gives the routes their roles from the table', () => {
    expect(REFUND_ORDER_LIFECYCLE.whoAmong('record-payment', ROLES)).toEqual(['inspector', 'supervisor']);
    expect(REFUND_ORDER_LIFECYCLE.whoAmong('cancel', ROLES)).toEqual(['supervisor']);
    expect(REFUND_ORDER_LIFECYCLE.whoAmong('declare-payment', ROLES)).toEqual(['agency_admin', 'agency_staff']);
    expect(REFUND_ORDER_LIFECYCLE.whoAmong('garnish', ROLES)).toEqual([]);
  });
});
