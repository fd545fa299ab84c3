import { LOCALES } from '@app/i18n';
import { workerRefundState } from './my-placements.controller';

describe("the worker's placement page: a refund order's state", () => {
  const dueAt = '2026-12-08T15:59:59.000Z';
  it('reads a declared payment as declared, not as not paid yet, in every language', () => {
    for (const locale of LOCALES) {
      const declared = workerRefundState(locale, { state: 'payment-declared', dueAt });
      const open = workerRefundState(locale, { state: 'open', dueAt });
      expect(declared.state).not.toBe(open.state);
      expect(declared.state).not.toMatch(/^account\./);
      expect(declared.due).toBe(open.due);
      expect(declared.due).not.toBe('');
    }
    expect(workerRefundState('en', { state: 'payment-declared', dueAt }).state).toBe('Payment declared by the agency: the ministry is checking it');
  });
  it('shows no due date once settled; an unknown state reads as open', () => {
    expect(workerRefundState('en', { state: 'paid', dueAt })).toEqual({ state: 'Paid', due: '' });
    expect(workerRefundState('en', { state: 'something-new', dueAt }).state).toBe('Not paid yet');
  });
});
