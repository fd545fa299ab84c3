import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigService, ValidationFailedException } from '@app/common';
import { formatMoney } from '@app/i18n';
import { PLACEMENT_FEE_ITEM, Rational, conversionFactor, isKnownCurrency, numberToDecimal } from '../assessment';
import { ASSESSMENT_OUTCOMES } from '../entities';
import type { AssessmentOutcome, AssessmentProblem, FeeRuleRecord } from '../entities';
import { FEE_VIOLATION_KINDS, FeeAssessmentProblem } from '../placements/placement-views';
import { FeeAssessor } from '../assessing/fee-assessor';
import { NoFeeRuleException, rethrowAsProblem } from '../fee-errors';
import { FeesCalendar } from '../fees-calendar';
import { FeeLineInput, coreLineOf, feeLineProblems, storedLineOf } from '../placements/fee-lines';
import { ExchangeRates } from '../rates/exchange-rates.service';
import { COST_ITEMS } from '../schedules/cost-items';
import { isOccupationCategory } from '../schedules/occupation-categories';
import { originCurrency } from '../schedules/origin-currencies';
import { FeeSchedules } from '../schedules/fee-schedules.service';

export interface CalculatorQuestion {
  destinationCountry: string;
  occupationCategory: string;
  /** Default: this installation's origin (FEES_ORIGIN_COUNTRY). */
  originCountry?: string;
  monthlySalaryMinor: string;
  salaryCurrency: string;
  /** The day the fee is (or was) charged; default today. */
  date?: string;
}

const MINOR = '^[0-9]+$';
const CURRENCY = '^[A-Z]{3}$';

/** An amount for people and machines: integer minor units in a currency, and how it is written. */
export class MoneyAnswer {
  @ApiProperty({ type: String, pattern: MINOR, example: '2500000', description: 'Integer minor units, written as a decimal string.' })
  amountMinor: string;

  @ApiProperty({ pattern: CURRENCY, example: 'PHP', description: 'ISO 4217.' })
  currency: string;

  /** "₱25,000.00", for people: in English, with the currency's ISO 4217 exponent (pages write it in the reader's language from the two fields above). */
  @ApiProperty({
    example: '₱25,000.00',
    description:
      "The amount written for people, in English (en-GB), with the currency's ISO 4217 decimals. Pages in other languages format amountMinor and currency themselves.",
  })
  display: string;
}

/** The rule an answer was taken from, with its source. */
export class FeeRuleSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'HK' })
  destinationCountry: string;

  @ApiProperty({ example: 'domestic-work' })
  occupationCategory: string;

  @ApiProperty({
    pattern: '^([A-Z]{2}|\\*)$',
    example: 'PH',
    description: "The rule's origin country, or '*' when it is the rule for every origin without its own.",
  })
  originCountry: string;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  validFrom: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null, description: 'Last day in force; null while open-ended.' })
  validTo: string | null;

  @ApiProperty({ example: 'DMW Department Circular No. 01, s. 2024, section 3', description: 'The statute or circular the rule comes from.' })
  source: string;
}

/** The most that may be charged as the placement fee proper. */
export class MaxPlacementFee {
  @ApiProperty({
    enum: ['none', 'salary-multiple', 'fixed'],
    enumName: 'PlacementFeeCapKind',
    description: "The kind of cap (a protected category's is always none).",
  })
  cap: 'none' | 'salary-multiple' | 'fixed';

  /** For 'salary-multiple': how many months of basic salary. */
  @ApiPropertyOptional({ example: '1', description: 'salary-multiple only: how many months of basic salary.' })
  multiple?: string;

  /** In the cap's own currency (the salary currency for a multiple). */
  @ApiProperty({ type: MoneyAnswer, description: "In the cap's own currency (the salary currency for a multiple); 0 when no placement fee is allowed." })
  amount: MoneyAnswer;

  /** In the origin country's currency at the rate in force on `date`, rounded once, half-even. */
  @ApiProperty({ type: MoneyAnswer, description: "In the origin country's currency at the exchange rate in force on `date`, rounded once, half-even." })
  inOriginCurrency: MoneyAnswer;
}

/** A cost item the rule allows, with its cap. */
export class CalculatorAllowedItem {
  @ApiProperty({ example: 'medical-examination' })
  item: string;

  @ApiProperty({ example: 'Medical examination' })
  label: string;

  @ApiProperty({ type: MoneyAnswer, nullable: true, description: 'Cap on the total charged for this item; null: no cap.' })
  cap: MoneyAnswer | null;
}

/** A cost item with its label for people. */
export class LabelledFeeItem {
  @ApiProperty({ example: 'visa' })
  item: string;

  @ApiProperty({ example: 'Visa fee' })
  label: string;
}

export class CalculatorAnswer {
  @ApiProperty({ format: 'date', example: '2026-11-23', description: "The day the answer is for (the question's date, or today)." })
  date: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'PH', description: 'The origin country the answer is for.' })
  originCountry: string;

  @ApiProperty({ type: FeeRuleSummary, description: 'The rule in force on `date` for this corridor.' })
  rule: FeeRuleSummary;

  /** Protected category: no fee of any kind may be charged. */
  @ApiProperty({ description: 'A protected category: no fee of any kind may be charged (any fee is a serious violation).' })
  protected: boolean;

  @ApiProperty({ type: MaxPlacementFee })
  maxPlacementFee: MaxPlacementFee;

  @ApiProperty({
    type: [CalculatorAllowedItem],
    description: 'Cost items the agency may charge besides the placement fee, with their caps (none in a protected category).',
  })
  allowedItems: CalculatorAllowedItem[];

  @ApiProperty({ type: [LabelledFeeItem], description: 'Cost items the agency may never charge the worker.' })
  prohibitedItems: LabelledFeeItem[];
}

/** One fee found over what the rule allows. */
export class CheckedFeeViolation {
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Which fee of the question (0-based).' })
  lineIndex: number;

  @ApiProperty({ example: 'placement-fee' })
  item: string;

  @ApiProperty({
    enum: FEE_VIOLATION_KINDS,
    enumName: 'FeeViolationKind',
    description:
      'item-not-allowed: the item may not be charged; item-over-cap / placement-fee-over-cap: more than the cap; protected-category: any fee in a protected category.',
  })
  kind: string;

  @ApiProperty({ type: MoneyAnswer, description: 'How much of the fee is over what is allowed (what the agency would have to pay back).' })
  excess: MoneyAnswer;

  @ApiProperty({ type: MoneyAnswer, description: 'The fee as charged.' })
  charged: MoneyAnswer;
}

export class CheckAnswer {
  @ApiProperty({ format: 'date', example: '2026-11-23', description: "The question's date (the default date of its fees)." })
  date: string;

  @ApiProperty({
    enum: ASSESSMENT_OUTCOMES,
    enumName: 'AssessmentOutcome',
    description:
      'compliant: every fee is allowed; violations: at least one is over; incomplete: some could not be assessed (see problems) and none was found over.',
  })
  outcome: AssessmentOutcome;

  @ApiProperty({ description: 'True when a violation is serious (a fee charged in a protected category).' })
  serious: boolean;

  @ApiProperty({ type: [CheckedFeeViolation] })
  violations: CheckedFeeViolation[];

  @ApiProperty({ type: [FeeAssessmentProblem], description: 'Fees that could not be assessed: no rule in force on their date, or no exchange rate.' })
  problems: AssessmentProblem[];

  /** Excess per currency: what the agency would have to pay back. */
  @ApiProperty({ type: [MoneyAnswer], description: 'Excess per currency: what the agency would have to pay back.' })
  totalExcess: MoneyAnswer[];

  /** The rules applied (one per fee date's rule), with their sources. */
  @ApiProperty({ type: [FeeRuleSummary], description: "The rules applied (one per rule in force on a fee's date), with their sources." })
  rules: FeeRuleSummary[];
}

const money = (amountMinor: bigint, currency: string): MoneyAnswer => ({
  amountMinor: amountMinor.toString(),
  currency,
  display: formatMoney(amountMinor, currency, 'en'),
});
const label = (item: string) => (item === PLACEMENT_FEE_ITEM ? 'Placement fee' : (COST_ITEMS[item]?.label ?? item));
const ruleSummary = (r: FeeRuleRecord): FeeRuleSummary => ({
  id: r.id,
  destinationCountry: r.destinationCountry,
  occupationCategory: r.occupationCategory,
  originCountry: r.originCountry,
  validFrom: r.validFrom,
  validTo: r.validTo,
  source: r.source,
});

/**
 * The public fee calculator: for a job in a country at a salary, what a worker may be charged at
 * most and for what (from the rule in force on the date), and a check of what they were charged.
 * Reads only; nothing asked is stored.
 */
@Injectable()
export class FeeCalculator {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService,
    private readonly schedules: FeeSchedules,
    private readonly rates: ExchangeRates,
    private readonly assessor: FeeAssessor,
    private readonly calendar: FeesCalendar,
  ) {}

  async quote(q: CalculatorQuestion): Promise<CalculatorAnswer> {
    const m = this.db.manager;
    const { origin, originCur, date } = await this.context(q);
    const rule = await this.schedules.ruleInForce(
      m,
      { destinationCountry: q.destinationCountry, occupationCategory: q.occupationCategory, originCountry: origin },
      date,
    );
    if (!rule) throw new NoFeeRuleException(q.destinationCountry, q.occupationCategory, origin, date);

    const salary = BigInt(q.monthlySalaryMinor);
    const cap = rule.protected ? ({ kind: 'none' } as const) : rule.placementFeeCap;
    const exact =
      cap.kind === 'none'
        ? Rational.ZERO
        : cap.kind === 'fixed'
          ? Rational.of(BigInt(cap.amountMinor))
          : Rational.of(salary).mul(numberToDecimal(Number(cap.multiple), 'multiple'));
    const capCurrency = cap.kind === 'fixed' ? cap.currency : q.salaryCurrency;
    const lookup = await this.rates.lookup(m, [capCurrency, originCur], date, date);
    let inOrigin: bigint;
    try {
      inOrigin = exact.isZero() ? 0n : exact.mul(conversionFactor(capCurrency, originCur, date, lookup)).roundHalfEven();
    } catch (e) {
      rethrowAsProblem(e);
    }
    return {
      date,
      originCountry: origin,
      rule: ruleSummary(rule),
      protected: rule.protected,
      maxPlacementFee: {
        cap: cap.kind,
        ...(cap.kind === 'salary-multiple' ? { multiple: cap.multiple } : {}),
        amount: money(exact.roundHalfEven(), capCurrency),
        inOriginCurrency: money(inOrigin!, originCur),
      },
      allowedItems: rule.protected
        ? []
        : rule.allowedItems.map((a) => ({ item: a.item, label: label(a.item), cap: a.cap ? money(BigInt(a.cap.amountMinor), a.cap.currency) : null })),
      prohibitedItems: rule.prohibitedItems.map((item) => ({ item, label: label(item) })),
    };
  }

  /** Check mode: each fee against the rule in force on its date (default: the question's date). */
  async check(q: CalculatorQuestion & { fees: (Omit<FeeLineInput, 'date'> & { date?: string })[] }): Promise<CheckAnswer> {
    const m = this.db.manager;
    const { origin, date, today } = await this.context(q);
    const lines = q.fees.map((f) => ({ ...f, date: f.date ?? date }));
    const errors = feeLineProblems(lines, { today }, 'fees');
    if (errors.length) throw new ValidationFailedException(errors);
    const stored = lines.map(storedLineOf);
    const result = await this.assessor.assessLines(
      m,
      { destinationCountry: q.destinationCountry, occupationCategory: q.occupationCategory, originCountry: origin },
      { monthlyBasicSalaryMinor: BigInt(q.monthlySalaryMinor), salaryCurrency: q.salaryCurrency },
      stored.map(coreLineOf),
    );
    const totals = new Map<string, bigint>();
    for (const v of result.violations) totals.set(v.currency, (totals.get(v.currency) ?? 0n) + BigInt(v.excessMinor));
    return {
      date,
      outcome: result.outcome,
      serious: result.serious,
      violations: result.violations.map((v) => ({
        lineIndex: v.lineIndex,
        item: v.item,
        kind: v.kind,
        excess: money(BigInt(v.excessMinor), v.currency),
        charged: money(BigInt(stored[v.lineIndex].amountMinor), v.currency),
      })),
      problems: result.problems,
      totalExcess: [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([c, t]) => money(t, c)),
      rules: [...result.rules.values()].map(ruleSummary),
    };
  }

  private async context(q: CalculatorQuestion): Promise<{ origin: string; originCur: string; date: string; today: string }> {
    const origin = q.originCountry ?? this.config.get('fees').FEES_ORIGIN_COUNTRY;
    const errors: { field: string; message: string; rule: string }[] = [];
    const originCur = originCurrency(origin);
    if (!originCur)
      errors.push({ field: 'originCountry', message: `'${origin}' is not an origin country this system knows the currency of`, rule: 'originCountry' });
    if (!isKnownCurrency(q.salaryCurrency))
      errors.push({ field: 'salaryCurrency', message: `'${q.salaryCurrency}' is not a known ISO 4217 currency`, rule: 'currency' });
    if (!isOccupationCategory(q.occupationCategory))
      errors.push({
        field: 'occupationCategory',
        message: `'${q.occupationCategory}' is not a known occupation category (see GET /public/fees/vocabulary)`,
        rule: 'occupationCategory',
      });
    if (errors.length) throw new ValidationFailedException(errors);
    const today = await this.calendar.today();
    return { origin, originCur: originCur!, date: q.date ?? today, today };
  }
}
