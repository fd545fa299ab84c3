import { ContractTerms, ModelTerms, checkAgainstModel, compareStated } from './contract-terms';

const model: ModelTerms = {
  minMonthlySalaryMinor: 499000n,
  salaryCurrency: 'HKD',
  maxHoursPerWeek: null,
  minRestDaysPerWeek: 1,
  minPaidLeaveDaysPerYear: 7,
  contractMonths: 24,
  farePaidBy: 'employer',
};
const terms = (over: Partial<ContractTerms> = {}): ContractTerms => ({
  monthlySalaryMinor: 499000n,
  salaryCurrency: 'HKD',
  hoursPerWeek: 60,
  restDaysPerWeek: 1,
  paidLeaveDaysPerYear: 7,
  contractMonths: 24,
  farePaidBy: 'employer',
  ...over,
});

describe('model contracts', () => {
  it('a contract at the model meets it (an hour limit the model does not set is not checked)', () => {
    expect(checkAgainstModel(model, terms())).toEqual({ outcome: 'meets-model', findings: [], unchecked: [] });
    expect(checkAgainstModel(model, terms({ monthlySalaryMinor: 600000n, restDaysPerWeek: 2, paidLeaveDaysPerYear: 14, farePaidBy: 'employer' })).outcome).toBe(
      'meets-model',
    );
  });

  it('every term below the model is a finding, with both figures', () => {
    const check = checkAgainstModel(
      { ...model, maxHoursPerWeek: 48 },
      terms({ monthlySalaryMinor: 450000n, hoursPerWeek: 72, restDaysPerWeek: 0, paidLeaveDaysPerYear: 0, contractMonths: 12, farePaidBy: 'worker' }),
    );
    expect(check.outcome).toBe('below-model');
    expect(check.findings).toEqual([
      { term: 'monthly-salary', model: '499000 HKD', contract: '450000 HKD' },
      { term: 'hours-per-week', model: 'at most 48', contract: '72' },
      { term: 'rest-days-per-week', model: 'at least 1', contract: '0' },
      { term: 'paid-leave-days-per-year', model: 'at least 7', contract: '0' },
      { term: 'contract-months', model: '24', contract: '12' },
      { term: 'fare-paid-by', model: 'employer', contract: 'worker' },
    ]);
    expect(checkAgainstModel(model, terms({ farePaidBy: 'shared' })).findings).toEqual([{ term: 'fare-paid-by', model: 'employer', contract: 'shared' }]);
    expect(checkAgainstModel({ ...model, farePaidBy: 'shared' }, terms({ farePaidBy: 'shared' })).outcome).toBe('meets-model');
  });

  it('terms not stated, or a salary in another currency, are listed as unchecked, not as findings', () => {
    const check = checkAgainstModel(
      { ...model, maxHoursPerWeek: 48 },
      terms({ salaryCurrency: 'PHP', hoursPerWeek: null, restDaysPerWeek: null, paidLeaveDaysPerYear: null, farePaidBy: null }),
    );
    expect(check).toMatchObject({ outcome: 'meets-model', findings: [] });
    expect(check.unchecked.map((u) => u.term)).toEqual(['monthly-salary', 'hours-per-week', 'rest-days-per-week', 'paid-leave-days-per-year', 'fare-paid-by']);
  });

  it("the worker's account against the registered contract: each stated term that differs, either way, side by side", () => {
    const registered = terms();
    const none: ContractTerms = {
      monthlySalaryMinor: null,
      salaryCurrency: null,
      hoursPerWeek: null,
      restDaysPerWeek: null,
      paidLeaveDaysPerYear: null,
      contractMonths: null,
      farePaidBy: null,
    };
    expect(compareStated(registered, none)).toEqual([]);
    expect(compareStated(registered, { ...none, monthlySalaryMinor: 499000n, salaryCurrency: 'HKD', restDaysPerWeek: 1 })).toEqual([]);
    expect(
      compareStated(registered, { ...none, monthlySalaryMinor: 300000n, salaryCurrency: 'HKD', restDaysPerWeek: 0, farePaidBy: 'worker', hoursPerWeek: 40 }),
    ).toEqual([
      { term: 'monthly-salary', registered: '499000 HKD', stated: '300000 HKD' },
      { term: 'hours-per-week', registered: '60', stated: '40' },
      { term: 'rest-days-per-week', registered: '1', stated: '0' },
      { term: 'fare-paid-by', registered: 'employer', stated: 'worker' },
    ]);
    expect(compareStated({ ...registered, hoursPerWeek: null }, { ...none, hoursPerWeek: 72 })).toEqual([
      { term: 'hours-per-week', registered: null, stated: '72' },
    ]);
  });
});
