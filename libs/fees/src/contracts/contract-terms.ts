/**
 * Employment contract terms (issue 20, SPEC section 9): the model contract of a corridor and
 * occupation, the terms registered with a placement, and what a worker says they actually got.
 * Pure: compares terms, no database, no clock.
 *
 * A model sets the floor a placement's contract must meet: a minimum monthly salary (in its
 * currency), at most so many hours a week (or no limit), at least so many rest days a week and
 * paid leave days a year, the standard duration, and who pays the fare (the employer, shared, or
 * the worker: a model saying `employer` means the worker pays none of it).
 */
export const FARE_PAYERS = ['employer', 'shared', 'worker'] as const;
export type FarePayer = (typeof FARE_PAYERS)[number];

export const CONTRACT_TERMS = [
  'monthly-salary',
  'hours-per-week',
  'rest-days-per-week',
  'paid-leave-days-per-year',
  'contract-months',
  'fare-paid-by',
] as const;
export type ContractTerm = (typeof CONTRACT_TERMS)[number];

export interface ModelTerms {
  minMonthlySalaryMinor: bigint;
  salaryCurrency: string;
  /** null: the model sets no limit. */
  maxHoursPerWeek: number | null;
  minRestDaysPerWeek: number;
  minPaidLeaveDaysPerYear: number;
  contractMonths: number;
  farePaidBy: FarePayer;
}

/** The terms of one contract (registered or stated); a term left out is null. */
export interface ContractTerms {
  monthlySalaryMinor: bigint | null;
  salaryCurrency: string | null;
  hoursPerWeek: number | null;
  restDaysPerWeek: number | null;
  paidLeaveDaysPerYear: number | null;
  contractMonths: number | null;
  farePaidBy: FarePayer | null;
}

/** A term of the placement's contract below the model: the model's figure and the contract's, as text. */
export interface BelowModel {
  term: ContractTerm;
  model: string;
  contract: string;
}

export interface ModelCheck {
  outcome: 'meets-model' | 'below-model';
  findings: BelowModel[];
  /** Terms not compared: not stated on the placement, or a salary in another currency than the model's. */
  unchecked: { term: ContractTerm; reason: string }[];
}

/** How much of the fare the worker bears: employer 0, shared 1, worker 2. */
const FARE_RANK: Record<FarePayer, number> = { employer: 0, shared: 1, worker: 2 };

/** Checks a contract against the model: every term below it is a finding. */
export function checkAgainstModel(model: ModelTerms, c: ContractTerms): ModelCheck {
  const findings: BelowModel[] = [];
  const unchecked: { term: ContractTerm; reason: string }[] = [];
  const missing = (term: ContractTerm) => unchecked.push({ term, reason: 'not stated' });
  if (c.monthlySalaryMinor === null || c.salaryCurrency === null) missing('monthly-salary');
  else if (c.salaryCurrency !== model.salaryCurrency)
    unchecked.push({ term: 'monthly-salary', reason: `salary in ${c.salaryCurrency}, the model's minimum in ${model.salaryCurrency}` });
  else if (c.monthlySalaryMinor < model.minMonthlySalaryMinor)
    findings.push({
      term: 'monthly-salary',
      model: `${model.minMonthlySalaryMinor} ${model.salaryCurrency}`,
      contract: `${c.monthlySalaryMinor} ${c.salaryCurrency}`,
    });
  if (model.maxHoursPerWeek !== null) {
    if (c.hoursPerWeek === null) missing('hours-per-week');
    else if (c.hoursPerWeek > model.maxHoursPerWeek)
      findings.push({ term: 'hours-per-week', model: `at most ${model.maxHoursPerWeek}`, contract: String(c.hoursPerWeek) });
  }
  if (c.restDaysPerWeek === null) missing('rest-days-per-week');
  else if (c.restDaysPerWeek < model.minRestDaysPerWeek)
    findings.push({ term: 'rest-days-per-week', model: `at least ${model.minRestDaysPerWeek}`, contract: String(c.restDaysPerWeek) });
  if (c.paidLeaveDaysPerYear === null) missing('paid-leave-days-per-year');
  else if (c.paidLeaveDaysPerYear < model.minPaidLeaveDaysPerYear)
    findings.push({ term: 'paid-leave-days-per-year', model: `at least ${model.minPaidLeaveDaysPerYear}`, contract: String(c.paidLeaveDaysPerYear) });
  if (c.contractMonths === null) missing('contract-months');
  else if (c.contractMonths < model.contractMonths)
    findings.push({ term: 'contract-months', model: `${model.contractMonths}`, contract: String(c.contractMonths) });
  if (c.farePaidBy === null) missing('fare-paid-by');
  else if (FARE_RANK[c.farePaidBy] > FARE_RANK[model.farePaidBy]) findings.push({ term: 'fare-paid-by', model: model.farePaidBy, contract: c.farePaidBy });
  return { outcome: findings.length ? 'below-model' : 'meets-model', findings, unchecked };
}

/** A term the worker states differently from the registered contract. */
export interface TermDifference {
  term: ContractTerm;
  registered: string | null;
  stated: string;
}

const salaryText = (minor: bigint | null, currency: string | null) => (minor === null || currency === null ? null : `${minor} ${currency}`);

/**
 * The worker's account of the terms they actually got against the registered contract: every term
 * the worker states that differs from the registration (in either direction, or where the
 * registration says nothing) is a difference. Terms the worker does not state are not compared.
 */
export function compareStated(registered: ContractTerms, stated: ContractTerms): TermDifference[] {
  const out: TermDifference[] = [];
  const salary = salaryText(stated.monthlySalaryMinor, stated.salaryCurrency);
  if (salary !== null && salary !== salaryText(registered.monthlySalaryMinor, registered.salaryCurrency))
    out.push({ term: 'monthly-salary', registered: salaryText(registered.monthlySalaryMinor, registered.salaryCurrency), stated: salary });
  const pairs: [ContractTerm, unknown, unknown][] = [
    ['hours-per-week', registered.hoursPerWeek, stated.hoursPerWeek],
    ['rest-days-per-week', registered.restDaysPerWeek, stated.restDaysPerWeek],
    ['paid-leave-days-per-year', registered.paidLeaveDaysPerYear, stated.paidLeaveDaysPerYear],
    ['contract-months', registered.contractMonths, stated.contractMonths],
    ['fare-paid-by', registered.farePaidBy, stated.farePaidBy],
  ];
  for (const [term, r, s] of pairs)
    if (s !== null && s !== undefined && s !== r) out.push({ term, registered: r === null || r === undefined ? null : String(r), stated: String(s) });
  return out;
}
