/**
 * The API's refusal of a complaint (400 `validation-failed`, `errors[].field` naming each field of
 * the FileComplaintDto) turned into messages on the question pages: each field belongs to one
 * question and one form field there, and gets a message of the catalogue (in the reader's
 * language; the API's own `message` is English and for developers).
 */
import type { Problem } from '@app/api-client';
import { CATEGORIES, ComplaintDraft, StepErrors } from './complaint-draft';
import { factsSlug } from './complaint-steps';

interface Target {
  step: string;
  field: string;
  key: string;
}

/** Where one refused field of the API is asked, or null when no question asks it. */
export function targetOf(apiField: string, d: ComplaintDraft): Target | null {
  const categories = CATEGORIES.filter((c) => d.categories?.includes(c));
  const allegation = /^allegations\[(\d+)\]\.?(\w*)/.exec(apiField);
  if (allegation) {
    const category = categories[Number(allegation[1])];
    const member = allegation[2];
    if (!category || member === 'category') return { step: 'what-happened', field: 'categories', key: 'complaints.whatHappened.errors.refused' };
    if ((member === 'amountMinor' || member === 'currency') && category === 'excess-fees')
      return { step: 'fees-paid', field: 'fees', key: 'complaints.feesPaid.errors.refused' };
    if (member === 'occurredOn') return { step: factsSlug(category), field: 'occurredOn', key: 'complaints.facts.errors.dateInvalid' };
    if (member === 'amountMinor' || member === 'currency') return { step: factsSlug(category), field: 'amount', key: 'complaints.facts.errors.amountInvalid' };
    return { step: factsSlug(category), field: 'facts', key: 'complaints.facts.errors.refused' };
  }
  const fee = /^statedFees\.fees\[(\d+)\]\.?(\w*)/.exec(apiField);
  if (fee) {
    const i = Number(fee[1]);
    if (fee[2] === 'date') return { step: 'fees-paid', field: 'paidOn', key: 'complaints.feesPaid.errors.paidOnRefused' };
    if (fee[2] === 'currency') return { step: 'fees-paid', field: 'currency', key: 'complaints.feesPaid.errors.refused' };
    if (fee[2] === 'item') return { step: 'fees-paid', field: `item-${i}`, key: 'complaints.feesPaid.errors.itemRefused' };
    return { step: 'fees-paid', field: `amount-${i}`, key: 'complaints.feesPaid.errors.amountRefused' };
  }
  switch (apiField) {
    case 'allegations':
      return { step: 'what-happened', field: 'categories', key: 'complaints.whatHappened.errors.refused' };
    case 'complainantName':
      return { step: 'name', field: 'name', key: 'complaints.who.errors.nameRefused' };
    case 'licenseNumber':
    case 'agencyName':
      return d.agency?.kind === 'unlicensed'
        ? { step: 'recruiter', field: 'description', key: 'complaints.recruiter.errors.refused' }
        : { step: 'agency', field: 'agency', key: 'complaints.agency.errors.refused' };
    case 'recruiterDescription':
      return { step: 'recruiter', field: 'description', key: 'complaints.recruiter.errors.refused' };
    case 'employerName':
      return { step: 'employer', field: 'employerName', key: 'complaints.employer.errors.nameRefused' };
    case 'destinationCountry':
      return { step: 'employer', field: 'country', key: 'complaints.employer.errors.countryRefused' };
    case 'email':
      return { step: 'contact', field: 'email', key: 'complaints.contact.errors.emailRefused' };
    case 'phone':
      return { step: 'contact', field: 'phone', key: 'complaints.contact.errors.phoneRefused' };
    case 'language':
      return { step: 'language', field: 'language', key: 'complaints.language.errors.choose' };
    case 'workerAbroad':
      return { step: 'abroad', field: 'abroad', key: 'complaints.abroad.errors.choose' };
    case 'statedFees.occupationCategory':
      return { step: 'fees-paid', field: 'occupationCategory', key: 'complaints.feesPaid.errors.occupationRefused' };
    case 'statedFees.monthlySalaryMinor':
    case 'statedFees.salaryCurrency':
      return { step: 'fees-paid', field: 'salary', key: 'complaints.feesPaid.errors.salaryRefused' };
    default:
      return apiField.startsWith('statedFees') ? { step: 'fees-paid', field: 'fees', key: 'complaints.feesPaid.errors.refused' } : null;
  }
}

/**
 * The refused fields, grouped by question in the order of the questions' fields as given; the
 * fields no question asks are returned apart (shown on the check page).
 */
export function stepErrorsOf(problem: Problem, d: ComplaintDraft): { steps: StepErrors[]; unplaced: string[] } {
  const steps: StepErrors[] = [];
  const unplaced: string[] = [];
  for (const e of problem.errors ?? []) {
    const target = targetOf(e.field, d);
    if (!target) {
      unplaced.push(e.field);
      continue;
    }
    let step = steps.find((s) => s.step === target.step);
    if (!step) steps.push((step = { step: target.step, fields: {} }));
    step.fields[target.field] ??= target.key;
  }
  return { steps, unplaced };
}
