/**
 * The public fee calculator against every seeded corridor (table-driven): its answers must match
 * the seeded rule, with the cap converted into the origin currency at the seed's rate of the date
 * (the expected figure computed here from the seed data, not from the database). Check mode, bad
 * input, a missing rate and a corridor without a rule.
 */
import {
  DESTINATION_SALARY_CURRENCIES,
  PLACEMENT_FEE_ITEM,
  Rational,
  SEEDED_FEE_RULES,
  SeedFeeRule,
  assess,
  conversionFactor,
  numberToDecimal,
  originCurrency,
} from '@app/fees';
import { ManualClock } from '@app/common';
import { seedFees, seededRates } from '../support/fees-fixtures';
import { TestApp, createTestApp } from '../support/test-app';

const DATE = '2026-03-02';
const SALARY = 500_000n; // 5,000.00 of the destination's currency

/** What the calculator must say for a seeded rule, computed from the seed alone. */
function expectedQuote(rule: SeedFeeRule) {
  const salaryCurrency = DESTINATION_SALARY_CURRENCIES[rule.destinationCountry];
  const origin = originCurrency(rule.originCountry!)!;
  const cap = rule.protected ? { kind: 'none' as const } : rule.placementFeeCap;
  const capCurrency = cap.kind === 'fixed' ? cap.currency : salaryCurrency;
  const exact =
    cap.kind === 'none' ? Rational.ZERO : cap.kind === 'fixed' ? Rational.of(cap.amountMinor) : Rational.of(SALARY).mul(numberToDecimal(cap.multiple));
  const inOrigin = exact.isZero() ? 0n : exact.mul(conversionFactor(capCurrency, origin, DATE, seededRates())).roundHalfEven();
  return {
    salaryCurrency,
    body: {
      date: DATE,
      originCountry: rule.originCountry,
      protected: rule.protected,
      rule: expect.objectContaining({
        destinationCountry: rule.destinationCountry,
        occupationCategory: rule.occupationCategory,
        originCountry: rule.originCountry,
        validFrom: rule.validFrom,
        validTo: rule.validTo,
        source: rule.source,
      }),
      maxPlacementFee: expect.objectContaining({
        cap: cap.kind,
        amount: expect.objectContaining({ amountMinor: exact.roundHalfEven().toString(), currency: capCurrency }),
        inOriginCurrency: expect.objectContaining({ amountMinor: inOrigin.toString(), currency: origin }),
      }),
      allowedItems: rule.protected
        ? []
        : rule.allowedItems.map((a) =>
            expect.objectContaining({
              item: a.item,
              cap: a.cap ? expect.objectContaining({ amountMinor: a.cap.amountMinor.toString(), currency: a.cap.currency }) : null,
            }),
          ),
      prohibitedItems: rule.prohibitedItems.map((item) => expect.objectContaining({ item })),
    },
  };
}

describe('public fee calculator', () => {
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedFees(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const quote = (q: Record<string, string>) => t.http.get('/public/fees/calculator').query(q);

  it('seeds at least the corridors the issue names', () => {
    const keys = SEEDED_FEE_RULES.map((r) => `${r.originCountry}-${r.destinationCountry}`);
    for (const corridor of ['PH-HK', 'PH-SA', 'PH-TW', 'NP-MY', 'NP-QA']) expect(keys).toContain(corridor);
    expect(SEEDED_FEE_RULES.some((r) => r.protected || r.placementFeeCap.kind === 'none')).toBe(true);
  });

  it.each(SEEDED_FEE_RULES.map((r) => [r.key, r] as const))('%s: the answer matches the seeded rule', async (_key, rule) => {
    const { salaryCurrency, body } = expectedQuote(rule);
    const res = await quote({
      destinationCountry: rule.destinationCountry,
      occupationCategory: rule.occupationCategory,
      originCountry: rule.originCountry!,
      monthlySalaryMinor: SALARY.toString(),
      salaryCurrency,
      date: DATE,
    }).expect(200);
    expect(res.body).toEqual(body);
  });

  it("defaults to today and to this installation's origin", async () => {
    const res = await quote({ destinationCountry: 'HK', occupationCategory: 'general', monthlySalaryMinor: '600000', salaryCurrency: 'HKD' }).expect(200);
    expect(res.body).toMatchObject({
      date: DATE,
      originCountry: 'PH',
      maxPlacementFee: { cap: 'salary-multiple', amount: { amountMinor: '60000', currency: 'HKD', display: 'HK$600.00' } },
    });
  });

  it('check mode: the verdict per fee, with the excess the agency would owe', async () => {
    const rule = SEEDED_FEE_RULES.find((r) => r.key === 'PH-HK-general')!;
    const fees = [
      { item: PLACEMENT_FEE_ITEM, amountMinor: '3000000', currency: 'PHP', date: '2026-02-20' },
      { item: 'visa', amountMinor: '100000', currency: 'PHP' },
    ];
    const res = await t.http
      .post('/public/fees/calculator/check')
      .send({ destinationCountry: 'HK', occupationCategory: 'general', monthlySalaryMinor: '600000', salaryCurrency: 'HKD', date: DATE, fees })
      .expect(200);
    const oracle = assess(
      rule,
      { monthlyBasicSalaryMinor: 600000n, salaryCurrency: 'HKD' },
      fees.map((f) => ({ ...f, date: f.date ?? DATE, amountMinor: BigInt(f.amountMinor), receiptNumber: '' })),
      seededRates(),
    );
    expect(res.body.outcome).toBe('violations');
    expect(
      res.body.violations.map((v: { lineIndex: number; kind: string; excess: { amountMinor: string } }) => [v.lineIndex, v.kind, v.excess.amountMinor]),
    ).toEqual(oracle.violations.map((v) => [v.lineIndex, v.kind, v.excessMinor.toString()]));
    expect(res.body.rules).toEqual([expect.objectContaining({ source: rule.source })]);
    const total = oracle.violations.reduce((s, v) => s + v.excessMinor, 0n);
    expect(res.body.totalExcess).toEqual([expect.objectContaining({ amountMinor: total.toString(), currency: 'PHP' })]);
  });

  it('check mode: a compliant set says so', async () => {
    const res = await t.http
      .post('/public/fees/calculator/check')
      .send({
        destinationCountry: 'SA',
        occupationCategory: 'general',
        monthlySalaryMinor: '250000',
        salaryCurrency: 'SAR',
        fees: [{ item: PLACEMENT_FEE_ITEM, amountMinor: '1000000', currency: 'PHP' }],
      })
      .expect(200);
    expect(res.body).toMatchObject({ outcome: 'compliant', violations: [], totalExcess: [] });
  });

  it.each([
    ['an unknown currency', { salaryCurrency: 'XYZ' }, 'salaryCurrency'],
    ['a salary of zero', { monthlySalaryMinor: '0' }, 'monthlySalaryMinor'],
    ['a negative salary', { monthlySalaryMinor: '-100' }, 'monthlySalaryMinor'],
    ['a non-date', { date: '2026-13-01' }, 'date'],
    ['an unknown occupation', { occupationCategory: 'astronaut' }, 'occupationCategory'],
    ['an unknown origin', { originCountry: 'ZZ' }, 'originCountry'],
  ])('bad input: %s is a 400 naming the field', async (_name, override, field) => {
    const res = await quote({
      destinationCountry: 'HK',
      occupationCategory: 'general',
      monthlySalaryMinor: '600000',
      salaryCurrency: 'HKD',
      ...override,
    }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('check mode refuses fractional minor units and future fees, naming the line', async () => {
    const base = { destinationCountry: 'HK', occupationCategory: 'general', monthlySalaryMinor: '600000', salaryCurrency: 'HKD' };
    const frac = await t.http
      .post('/public/fees/calculator/check')
      .send({ ...base, fees: [{ item: PLACEMENT_FEE_ITEM, amountMinor: 10.5, currency: 'PHP' }] })
      .expect(400);
    expect(frac.body.errors.map((e: { field: string }) => e.field)).toContain('fees[0].amountMinor');
    const future = await t.http
      .post('/public/fees/calculator/check')
      .send({ ...base, fees: [{ item: PLACEMENT_FEE_ITEM, amountMinor: '100', currency: 'PHP', date: '2026-04-01' }] })
      .expect(400);
    expect(future.body.errors.map((e: { field: string }) => e.field)).toContain('fees[0].date');
  });

  it('a date without an exchange rate in force is a clear 422, never a guess', async () => {
    const res = await quote({
      destinationCountry: 'HK',
      occupationCategory: 'general',
      monthlySalaryMinor: '600000',
      salaryCurrency: 'HKD',
      date: '2024-06-01',
    }).expect(422);
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:missing-exchange-rate', from: 'HKD', to: 'PHP', date: '2024-06-01' });
  });

  it('a corridor without a rule is a 404 naming it', async () => {
    const res = await quote({ destinationCountry: 'JP', occupationCategory: 'general', monthlySalaryMinor: '600000', salaryCurrency: 'HKD' }).expect(404);
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:no-fee-rule', destination: 'JP', occupation: 'general', origin: 'PH', date: DATE });
  });

  it('lists the rules and the vocabulary publicly', async () => {
    const rules = await t.http.get('/public/fees/rules').query({ destinationCountry: 'HK', inForceOn: DATE, pageSize: '100' }).expect(200);
    expect(rules.body.items.map((r: { destinationCountry: string }) => r.destinationCountry)).toEqual(expect.arrayContaining(['HK']));
    expect(rules.body.total).toBe(SEEDED_FEE_RULES.filter((r) => r.destinationCountry === 'HK').length);
    const vocabulary = await t.http.get('/public/fees/vocabulary').expect(200);
    expect(vocabulary.body).toMatchObject({ placementFeeItem: 'placement-fee', originCurrencies: expect.objectContaining({ PH: 'PHP', NP: 'NPR' }) });
    expect(vocabulary.body.costItems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'medical-examination' })]));
  });
});
