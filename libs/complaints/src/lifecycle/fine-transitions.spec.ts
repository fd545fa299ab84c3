import { ROLES, lifecycleProblems } from '@app/common';
import { TEMPLATE_KEYS } from '@app/notifications';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import { FINE_LIFECYCLE } from './fine-transitions';

const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as { code: string; status: number; detail: string; extensions: unknown; refusal: { code: string } };
  }
  throw new Error('not refused');
};

describe('fine lifecycle table', () => {
  it('records the payment of an open fine or confirms a declared one, by an officer, meeting its deadline', () => {
    for (const from of ['open', 'payment-declared'] as const) {
      expect(FINE_LIFECYCLE.require(from, 'record-payment')).toMatchObject({
        to: 'paid',
        who: ['inspector', 'supervisor'],
        effects: { audit: 'complaint.fine.paid', deadlines: { meet: [COMPLAINT_DEADLINES.finePayment] } },
      });
    }
    expect(FINE_LIFECYCLE.whoAmong('record-payment', ROLES)).toEqual(['inspector', 'supervisor']);
  });

  it('lets the agency declare the payment of an open fine, and an officer reject the declaration (open again, the agency mailed)', () => {
    expect(FINE_LIFECYCLE.require('open', 'declare-payment')).toMatchObject({ to: 'payment-declared', effects: { audit: 'complaint.fine.payment-declared' } });
    expect(FINE_LIFECYCLE.whoAmong('declare-payment', ROLES)).toEqual(['agency_admin', 'agency_staff']);
    expect(FINE_LIFECYCLE.require('payment-declared', 'reject-declaration')).toMatchObject({
      to: 'open',
      effects: { audit: 'complaint.fine.declaration-rejected', notices: ['complaint.fine-declaration-rejected'] },
    });
    expect(FINE_LIFECYCLE.whoAmong('reject-declaration', ROLES)).toEqual(['inspector', 'supervisor']);
  });

  it.each(['paid', 'cancelled'] as const)('a %s fine is 409 fine-not-open to record or declare, as the API always answered', (state) => {
    for (const action of ['record-payment', 'declare-payment'] as const) {
      const e = thrown(() => FINE_LIFECYCLE.require(state, action));
      expect({ code: e.code, status: e.status, detail: e.detail, extensions: e.extensions, refusal: e.refusal.code }).toEqual({
        code: 'fine-not-open',
        status: 409,
        detail: `The fine is ${state}.`,
        extensions: { state },
        refusal: 'transition-not-allowed',
      });
    }
  });

  it('declaring twice is 409 fine-not-open; rejecting what was never declared is 409 fine-not-declared', () => {
    expect(thrown(() => FINE_LIFECYCLE.require('payment-declared', 'declare-payment')).code).toBe('fine-not-open');
    const e = thrown(() => FINE_LIFECYCLE.require('open', 'reject-declaration'));
    expect({ code: e.code, status: e.status, extensions: e.extensions }).toEqual({ code: 'fine-not-declared', status: 409, extensions: { state: 'open' } });
  });

  it('declares only roles, deadline kinds and mail templates that exist', () => {
    expect(
      lifecycleProblems(FINE_LIFECYCLE, {
        actors: ROLES,
        deadlineKinds: Object.values(COMPLAINT_DEADLINES),
        notices: TEMPLATE_KEYS,
        auditPrefix: 'complaint.fine.',
      }),
    ).toEqual([]);
  });
});
