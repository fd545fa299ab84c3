import { REFUND_ORDER_ACTIONS, REFUND_ORDER_TRANSITIONS, refundOrderTransition } from './refund-order-transitions';
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
    for (const action of ['declare-payment', 'garnish', 'cancel'] as const) expect(() => refundOrderTransition('payment-declared', action)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => refundOrderTransition('open', 'reject-declaration')).toThrow(expect.objectContaining({ status: 409 }));
  });

  it.each(['paid', 'garnished', 'cancelled'] as const)('%s is final: every action is a 409', (state) => {
    for (const action of REFUND_ORDER_ACTIONS) expect(() => refundOrderTransition(state, action)).toThrow(expect.objectContaining({ status: 409, code: 'refund-order-transition' }));
  });

  it('uses only known states', () => {
    for (const t of REFUND_ORDER_TRANSITIONS) {
      expect(REFUND_ORDER_STATES).toContain(t.from);
      expect(REFUND_ORDER_STATES).toContain(t.to);
    }
  });
});
