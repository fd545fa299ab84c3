import type { Problem } from '@app/api-client';
import type { ComplaintDraft } from './complaint-draft';
import { stepErrorsOf } from './complaint-api-errors';

const problem = (...fields: string[]): Problem => ({
  type: 'urn:lcs:problem:validation-failed',
  code: 'validation-failed',
  title: 'Bad Request',
  status: 400,
  correlationId: 'c',
  errors: fields.map((field) => ({ field, message: 'refused', rule: 'x' })),
});
const draft: ComplaintDraft = { id: 'd', categories: ['unpaid-wages', 'excess-fees'], agency: { kind: 'licensed', licenseNumber: 'X', legalName: 'Y' } };

describe('the API’s refusals, on the questions that ask them', () => {
  it('names each question and field, allegations by the category at that index (the body lists them in category order)', () => {
    const { steps, unplaced } = stepErrorsOf(
      problem(
        'email',
        'allegations[1].facts',
        'allegations[1].occurredOn',
        'allegations[0].amountMinor',
        'statedFees.fees[2].date',
        'licenseNumber',
        'somethingNew',
      ),
      draft,
    );
    expect(steps).toEqual([
      { step: 'contact', fields: { email: 'complaints.contact.errors.emailRefused' } },
      { step: 'what-happened/unpaid-wages', fields: { facts: 'complaints.facts.errors.refused', occurredOn: 'complaints.facts.errors.dateInvalid' } },
      { step: 'fees-paid', fields: { fees: 'complaints.feesPaid.errors.refused', paidOn: 'complaints.feesPaid.errors.paidOnRefused' } },
      { step: 'agency', fields: { agency: 'complaints.agency.errors.refused' } },
    ]);
    expect(unplaced).toEqual(['somethingNew']);
  });
});
