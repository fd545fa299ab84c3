import type { ApiSchemas } from '@app/api-client';
import { FINE_TEXTS, fineDetail, finesPage } from './agency-fines-view';
import { declarationErrors } from './payment-declaration-form';

type Fine = ApiSchemas['FineView'];

const ID = '00000000-0000-4000-8000-000000000001';
const fine = (over: Partial<Fine> = {}): Fine =>
  ({
    id: ID,
    reference: 'FN-2026-000007',
    agencyId: '00000000-0000-4000-8000-0000000000aa',
    complaintId: '00000000-0000-4000-8000-0000000000bb',
    amountMinor: '5000000',
    currency: 'PHP',
    state: 'open',
    dueAt: '2026-12-31T15:59:59.000Z',
    paidReference: null,
    declaredReference: null,
    declaredAt: null,
    hasPaymentProof: false,
    declarationRejectedReason: null,
    ...over,
  }) as Fine;
const NOW = new Date('2026-12-01T00:00:00.000Z');
const action = (id: string) => `/agency/fines/${id}/payment`;

describe('declarationErrors (the fines page)', () => {
  it('names the reference and the file, each next to its own field', () => {
    expect(declarationErrors(ID, '', null, FINE_TEXTS)).toEqual({
      [`paymentReference-${ID}`]: 'agencyPortal.fines.errors.reference',
      [`proof-${ID}`]: 'agencyPortal.fines.errors.file',
    });
    expect(declarationErrors(ID, 'x'.repeat(201), { ok: true, tooBig: false }, FINE_TEXTS)).toEqual({
      [`paymentReference-${ID}`]: 'agencyPortal.fines.errors.referenceLong',
    });
    expect(declarationErrors(ID, 'LBP-1', { ok: false, tooBig: false }, FINE_TEXTS)).toEqual({ [`proof-${ID}`]: 'agencyPortal.fines.errors.fileType' });
    expect(declarationErrors(ID, 'LBP-1', { ok: true, tooBig: true }, FINE_TEXTS)).toEqual({ [`proof-${ID}`]: 'agencyPortal.fines.errors.fileType' });
    expect(declarationErrors(ID, 'x'.repeat(200), { ok: true, tooBig: false }, FINE_TEXTS)).toEqual({});
  });
});

describe('fineDetail', () => {
  it('says when an open fine is due, or since when it is overdue', () => {
    expect(fineDetail(fine(), 'en', NOW)).toMatch(/^Due .*2026/);
    expect(fineDetail(fine({ dueAt: '2026-11-01T00:00:00.000Z' }), 'en', NOW)).toMatch(/^Overdue since /);
  });
  it('names the declared reference while the ministry checks it, the paid one once confirmed', () => {
    expect(fineDetail(fine({ state: 'payment-declared', declaredReference: 'LBP-55231' }), 'en', NOW)).toBe(
      'Payment declared (reference LBP-55231): the ministry is checking it',
    );
    expect(fineDetail(fine({ state: 'paid', paidReference: 'LBP-55231' }), 'en', NOW)).toBe('Paid (reference LBP-55231)');
    expect(fineDetail(fine({ state: 'cancelled' }), 'en', NOW)).toBe('Cancelled');
  });
  it('is written in the reader language, Nepali in Devanagari', () => {
    expect(fineDetail(fine({ state: 'payment-declared', declaredReference: 'LBP-1' }), 'ne', NOW)).toMatch(/[\u0900-\u097F]/);
  });
});

describe('finesPage', () => {
  it('lists every fine, and offers a form only for open ones', () => {
    const other = '00000000-0000-4000-8000-000000000002';
    const page = finesPage(
      [fine(), fine({ id: other, reference: 'FN-2026-000008', state: 'payment-declared', declaredReference: 'LBP-9' })],
      'en',
      action,
      {},
      {},
      NOW,
    );
    expect(page.fines.map((f) => [f.reference, f.state])).toEqual([
      ['FN-2026-000007', 'To pay'],
      ['FN-2026-000008', 'Payment declared'],
    ]);
    expect(page.payable.map((p) => [p.reference, p.action])).toEqual([['FN-2026-000007', `/agency/fines/${ID}/payment`]]);
    expect(page.payable[0].amount).toMatch(/50,000/);
    expect(page.errorList).toEqual([]);
  });
  it("shows the ministry's reason after a rejected declaration above the form", () => {
    const page = finesPage([fine({ declaredReference: 'LBP-1', declarationRejectedReason: 'The receipt is for another fine' })], 'en', action, {}, {}, NOW);
    expect(page.payable[0].rejected).toBe('The ministry did not accept your payment declaration (reference LBP-1): The receipt is for another fine');
  });
  it('puts each error next to its field and in the summary in the form order; a fine no longer open links to the table', () => {
    const errors = declarationErrors(ID, '', null, FINE_TEXTS);
    const page = finesPage([fine()], 'fil', action, errors, { [`paymentReference-${ID}`]: '' }, NOW);
    expect(page.errorList.map((e) => e.href)).toEqual([`#paymentReference-${ID}`, `#proof-${ID}`]);
    expect(page.payable[0].referenceError).toBe('Ilagay ang reference ng pagbabayad');
    expect(page.payable[0].proofError).toBe('Piliin ang patunay ng pagbabayad');
    const gone = finesPage(
      [fine({ state: 'paid', paidReference: 'X' })],
      'en',
      action,
      { [`paymentReference-${ID}`]: 'agencyPortal.fines.errors.notOpen' },
      {},
      NOW,
    );
    expect(gone.errorList).toEqual([{ text: 'This fine can no longer take a payment: it was already declared, paid or cancelled', href: '#fines' }]);
    expect(gone.payable).toEqual([]);
  });
});
