import { LOCALES, Locale } from '@app/i18n';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import type { CalculatorAnswer, CheckAnswer, Vocabulary } from './fees-api';
import { fieldTarget, pendingErrorsOf } from './fees-api';
import { parseDateInput } from './fees.controller';
import { calculatorView, checkView } from './fees-views';

const vocabulary: Vocabulary = {
  placementFeeItem: 'placement-fee',
  costItems: [
    { code: 'passport', label: 'Passport issuance or renewal' },
    { code: 'medical-examination', label: 'Pre-employment medical examination' },
    { code: 'visa', label: 'Entry or employment visa, including stamping' },
    { code: 'new-item', label: 'An item added to the API later' },
  ],
  occupationCategories: ['general', 'domestic-work'],
  originCurrencies: { PH: 'PHP' },
};

const money = (amountMinor: string, currency: string) => ({ amountMinor, currency, display: `${currency} ${amountMinor}` });
const rule = {
  id: '00000000-0000-4000-8000-000000000001',
  destinationCountry: 'HK',
  occupationCategory: 'general',
  originCountry: 'PH',
  validFrom: '2024-01-01',
  validTo: null,
  source: 'HK Employment Ordinance (Cap. 57)',
};

const hkGeneral: CalculatorAnswer = {
  date: '2026-12-04',
  originCountry: 'PH',
  rule,
  protected: false,
  maxPlacementFee: { cap: 'salary-multiple', multiple: '0.1', amount: money('60000', 'HKD'), inOriginCurrency: money('438000', 'PHP') },
  allowedItems: [
    { item: 'passport', label: 'x', cap: money('120000', 'PHP') },
    { item: 'medical-examination', label: 'x', cap: null },
  ],
  prohibitedItems: [
    { item: 'visa', label: 'x' },
    { item: 'new-item', label: 'x' },
  ],
};

describe('calculatorView', () => {
  it('gives the legal maximum item by item and in total, in the reader’s money, with the rule’s source', () => {
    const v = calculatorView('en', vocabulary, hkGeneral);
    expect(v.rows).toEqual([
      { item: 'Placement fee', limit: 'HK$600.00 (about ₱4,380.00)' },
      { item: 'Passport', limit: 'Up to ₱1,200.00' },
      { item: 'Medical examination', limit: 'What it really costs (no fixed limit)' },
    ]);
    // The placement fee counted in pesos (as converted), with the passport's cap; the uncapped item named.
    expect(v.totalAmount).toBe('₱5,580.00');
    expect(v.uncapped).toEqual(['Medical examination']);
    expect(v.placementFeeBasis).toBe('10% of one month of your basic salary');
    // An item the catalogue does not know yet: the API's label, never its code.
    expect(v.prohibited).toEqual(['Visa', 'An item added to the API later']);
    expect(v.source).toBe('HK Employment Ordinance (Cap. 57)');
    expect(v.validity).toBe('This rule applies from 1 January 2024.');
    expect(v.date).toBe('4 December 2026');
    expect(v.origin).toBe('Philippines');
  });

  it('writes Nepali with Devanagari digits', () => {
    const v = calculatorView('ne', vocabulary, hkGeneral);
    expect(v.rows[1].limit).toContain('१,२००');
    expect(v.date).toMatch(/[०-९]/);
  });

  it('says plainly when nothing may be charged', () => {
    const v = calculatorView('en', vocabulary, {
      ...hkGeneral,
      maxPlacementFee: { cap: 'none', amount: money('0', 'HKD'), inOriginCurrency: money('0', 'PHP') },
      allowedItems: [],
    });
    expect(v.placementFeeNone).toBe(true);
    expect(v.rows).toEqual([]);
    expect(v.totalNothing).toBe(true);
    expect(v.totalAmount).toBeNull();
  });

  it('shows yen without decimals and rupiah not 100 times too large', () => {
    const jp = calculatorView('en', vocabulary, {
      ...hkGeneral,
      maxPlacementFee: { cap: 'salary-multiple', multiple: '1', amount: money('250000', 'JPY'), inOriginCurrency: money('9500000', 'PHP') },
      allowedItems: [],
    });
    expect(jp.rows[0].limit).toBe('JP¥250,000 (about ₱95,000.00)');
    expect(jp.placementFeeBasis).toBe('one month of your basic salary');
    const idr = calculatorView('id', vocabulary, {
      ...hkGeneral,
      maxPlacementFee: { cap: 'salary-multiple', multiple: '0.1', amount: money('150000000', 'IDR'), inOriginCurrency: money('5500000', 'PHP') },
      allowedItems: [],
    });
    expect(idr.rows[0].limit).toContain('Rp\u00a01.500.000');
  });
});

describe('checkView', () => {
  const answer: CheckAnswer = {
    date: '2026-12-04',
    outcome: 'violations',
    serious: false,
    violations: [{ lineIndex: 1, item: 'visa', kind: 'item-not-allowed', excess: money('500000', 'PHP'), charged: money('500000', 'PHP') }],
    problems: [],
    totalExcess: [money('500000', 'PHP')],
    rules: [rule],
  };

  it('says fee by fee what was too much and why', () => {
    const v = checkView(
      'en',
      vocabulary,
      [
        { code: 'placement-fee', amountMinor: '400000', currency: 'PHP', paidOn: '2026-11-02' },
        { code: 'visa', amountMinor: '500000', currency: 'PHP' },
      ],
      answer,
    );
    expect(v.totalExcess).toBe('₱5,000.00');
    expect(v.rows).toEqual([
      { item: 'Placement fee', paid: '₱4,000.00', paidOn: '2 November 2026', excess: null, reason: null, problem: null },
      { item: 'Visa', paid: '₱5,000.00', paidOn: '4 December 2026', excess: '₱5,000.00', reason: 'No one may charge you for this.', problem: null },
    ]);
  });
});

describe('the API’s refused fields', () => {
  it('places each on the page and field that asked for it', () => {
    expect(fieldTarget('monthlySalaryMinor')).toEqual({ page: 'salary', field: 'amount' });
    expect(fieldTarget('fees[2].date')).toEqual({ page: 'fee', index: 2, field: 'paidOn' });
    expect(fieldTarget('originCountry')).toBeNull();
  });

  it('keeps the first page’s errors, with the catalogue’s message for each field', () => {
    const problem = {
      type: 'about:blank',
      title: 'Validation failed',
      code: 'validation-failed',
      status: 400,
      correlationId: 'x',
      errors: [
        { field: 'fees[1].amountMinor', message: 'm', rule: 'r' },
        { field: 'fees[1].date', message: 'm', rule: 'r' },
        { field: 'monthlySalaryMinor', message: 'm', rule: 'r' },
      ],
    };
    expect(pendingErrorsOf(problem)).toEqual({
      page: 'fee',
      index: 1,
      errors: [
        { field: 'amount', key: 'fees.errors.api.amount' },
        { field: 'paidOn', key: 'fees.errors.api.paidOn' },
      ],
    });
    expect(pendingErrorsOf({ ...problem, errors: [{ field: 'originCountry', message: 'm', rule: 'r' }] })).toBeNull();
  });
});

describe('parseDateInput', () => {
  it.each([
    [['', '', ''], { ok: true }],
    [['2', '3', '2026'], { ok: true, date: '2026-03-02' }],
    [['२', '३', '२०२६'], { ok: true, date: '2026-03-02' }],
    [['2', '', '2026'], { ok: false, error: 'incomplete' }],
    [['31', '2', '2026'], { ok: false, error: 'invalid' }],
    [['1', '1', '26'], { ok: false, error: 'invalid' }],
    [['5', '12', '2026'], { ok: false, error: 'future' }],
  ])('%j', (input, expected) => {
    const [d, m, y] = input as string[];
    expect(parseDateInput(d, m, y, '2026-12-04')).toEqual(expected);
  });
});

describe('the fee templates', () => {
  const env = testViewEnvironment();
  const context = (locale: Locale, extra: Record<string, unknown>) =>
    testPageContext(locale, '/fees', { languages: [], caption: 'Caption', backHref: '/fees', errors: {}, errorList: [], ...extra });
  const job = { country: 'Hong Kong', job: 'Most other jobs', salary: 'HK$6,000.00' };
  const pages: [string, Record<string, unknown>][] = [
    ['fees/start.njk', { calculatorHref: '/a', checkHref: '/b' }],
    ['fees/country.njk', { action: '/x', options: [{ value: 'HK', text: 'Hong Kong', checked: true }], notListed: 'other' }],
    ['fees/job.njk', { action: '/x', country: 'Hong Kong', options: [{ value: 'general', text: 'Most other jobs', hint: 'Any job' }] }],
    ['fees/salary.njk', { action: '/x', currencies: [{ value: 'HKD', text: 'Hong Kong dollar (HKD)', selected: true }], amount: '6000', example: '25,000' }],
    ['fees/answer.njk', { job, changeHref: '/c', checkHref: '/d', answer: calculatorView('en', vocabulary, hkGeneral) }],
    ['fees/answer.njk', { job, changeHref: '/c', checkHref: '/d', answer: calculatorView('en', vocabulary, { ...hkGeneral, protected: true }) }],
    ['fees/not-listed.njk', { reason: 'job', job, countryHref: '/c' }],
    ['fees/no-rate.njk', { job, salaryHref: '/s' }],
    [
      'fees/fees.njk',
      {
        job,
        countryHref: '/1',
        jobHref: '/2',
        salaryHref: '/3',
        fees: [{ name: 'Visa', amount: '₱5,000.00', paidOn: null, href: '/f/1' }],
        canAdd: true,
        addHref: '/add',
        resultHref: '/r',
      },
    ],
    [
      'fees/fee.njk',
      {
        editing: true,
        action: '/f/1',
        removeAction: '/f/1/remove',
        items: [{ value: '', text: 'Choose' }],
        currencies: [],
        values: { code: '', amount: '', currency: '', day: '', month: '', year: '' },
        example: '25,000',
      },
    ],
  ];

  it.each(LOCALES)('render in %s with every text translated, no inline script or style', (locale) => {
    for (const [template, data] of pages) {
      const html = env.render(template, context(locale, data));
      expect(html).toContain(`<html lang="${locale}"`);
      expect(html).not.toMatch(/undefined|\[object Object\]/);
      expect(html).not.toMatch(/>\s*fees\.[a-zA-Z.-]+\s*</);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('puts the CSRF token in every form', () => {
    const html = env.render('fees/fee.njk', context('en', pages[9][1]));
    expect(html.match(/<form method="post"/g)).toHaveLength(2);
    expect(html.match(/name="_csrf" value="TOKEN-123"/g)).toHaveLength(2);
  });

  it('renders the check result with its complaint button only when something was too much', () => {
    const fees = [{ code: 'visa', amountMinor: '500000', currency: 'PHP' }];
    const result = (outcome: 'violations' | 'compliant') =>
      env.render(
        'fees/result.njk',
        context('en', {
          job,
          changeHref: '/c',
          complainAction: '/complain',
          complaintHref: '/complaints/new',
          result: checkView('en', vocabulary, fees, {
            date: '2026-12-04',
            outcome,
            serious: false,
            problems: [],
            rules: [rule],
            violations:
              outcome === 'violations'
                ? [{ lineIndex: 0, item: 'visa', kind: 'item-not-allowed', excess: money('500000', 'PHP'), charged: money('500000', 'PHP') }]
                : [],
            totalExcess: outcome === 'violations' ? [money('500000', 'PHP')] : [],
          }),
        }),
      );
    expect(result('violations')).toContain('action="/complain"');
    expect(result('compliant')).not.toContain('action="/complain"');
  });
});
