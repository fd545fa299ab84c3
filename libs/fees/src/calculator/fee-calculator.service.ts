import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigService, formatMinor, ValidationFailedException } from '@app/common';
import { PLACEMENT_FEE_ITEM, Rational, conversionFactor, isKnownCurrency, numberToDecimal } from '../assessment';
import type { AssessmentOutcome, AssessmentProblem, FeeRuleRecord } from '../entities';
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

export interface MoneyAnswer {
  amountMinor: string;
  currency: string;
  /** "PHP 25,000.00", for people. */
  display: string;
}

export interface CalculatorAnswer {
  date: string;
  originCountry: string;
  rule: { id: string; destinationCountry: string; occupationCategory: string; originCountry: string; validFrom: string; validTo: string | null; source: string };
  /** Protected category: no fee of any kind may be charged. */
  protected: boolean;
  maxPlacementFee: {
    cap: 'none' | 'salary-multiple' | 'fixed';
    /** For 'salary-multiple': how many months of basic salary. */
    multiple?: string;
    /** In the cap's own currency (the salary currency for a multiple). */
    amount: MoneyAnswer;
    /** In the origin country's currency at the rate in force on `date`, rounded once, half-even. */
    inOriginCurrency: MoneyAnswer;
  };
  allowedItems: { item: string; label: string; cap: MoneyAnswer | null }[];
  prohibitedItems: { item: string; label: string }[];
}

export interface CheckAnswer {
  date: string;
  outcome: AssessmentOutcome;
  serious: boolean;
  violations: { lineIndex: number; item: string; kind: string; excess: MoneyAnswer; charged: MoneyAnswer }[];
  problems: AssessmentProblem[];
  /** Excess per currency: what the agency would have to pay back. */
  totalExcess: MoneyAnswer[];
  /** The rules applied (one per fee date's rule), with their sources. */
  rules: CalculatorAnswer['rule'][];
}

const money = (amountMinor: bigint, currency: string): MoneyAnswer => ({ amountMinor: amountMinor.toString(), currency, display: formatMinor(amountMinor, currency) });
const label = (item: string) => (item === PLACEMENT_FEE_ITEM ? 'Placement fee' : (COST_ITEMS[item]?.label ?? item));
const ruleSummary = (r: FeeRuleRecord): CalculatorAnswer['rule'] => ({ id: r.id, destinationCountry: r.destinationCountry, occupationCategory: r.occupationCategory, originCountry: r.originCountry, validFrom: r.validFrom, validTo: r.validTo, source: r.source });

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
    const rule = await this.schedules.ruleInForce(m, { destinationCountry: q.destinationCountry, occupationCategory: q.occupationCategory, originCountry: origin }, date);
    if (!rule) throw new NoFeeRuleException(q.destinationCountry, q.occupationCategory, origin, date);

    const salary = BigInt(q.monthlySalaryMinor);
    const cap = rule.protected ? ({ kind: 'none' } as const) : rule.placementFeeCap;
    const exact = cap.kind === 'none' ? Rational.ZERO : cap.kind === 'fixed' ? Rational.of(BigInt(cap.amountMinor)) : Rational.of(salary).mul(numberToDecimal(Number(cap.multiple), 'multiple'));
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
      maxPlacementFee: { cap: cap.kind, ...(cap.kind === 'salary-multiple' ? { multiple: cap.multiple } : {}), amount: money(exact.roundHalfEven(), capCurrency), inOriginCurrency: money(inOrigin!, originCur) },
      allowedItems: rule.protected ? [] : rule.allowedItems.map((a) => ({ item: a.item, label: label(a.item), cap: a.cap ? money(BigInt(a.cap.amountMinor), a.cap.currency) : null })),
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
      violations: result.violations.map((v) => ({ lineIndex: v.lineIndex, item: v.item, kind: v.kind, excess: money(BigInt(v.excessMinor), v.currency), charged: money(BigInt(stored[v.lineIndex].amountMinor), v.currency) })),
      problems: result.problems,
      totalExcess: [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([c, t]) => money(t, c)),
      rules: [...result.rules.values()].map(ruleSummary),
    };
  }

  private async context(q: CalculatorQuestion): Promise<{ origin: string; originCur: string; date: string; today: string }> {
    const origin = q.originCountry ?? this.config.get('fees').FEES_ORIGIN_COUNTRY;
    const errors: { field: string; message: string; rule: string }[] = [];
    const originCur = originCurrency(origin);
    if (!originCur) errors.push({ field: 'originCountry', message: `'${origin}' is not an origin country this system knows the currency of`, rule: 'originCountry' });
    if (!isKnownCurrency(q.salaryCurrency)) errors.push({ field: 'salaryCurrency', message: `'${q.salaryCurrency}' is not a known ISO 4217 currency`, rule: 'currency' });
    if (!isOccupationCategory(q.occupationCategory)) errors.push({ field: 'occupationCategory', message: `'${q.occupationCategory}' is not a known occupation category (see GET /public/fees/vocabulary)`, rule: 'occupationCategory' });
    if (errors.length) throw new ValidationFailedException(errors);
    const today = await this.calendar.today();
    return { origin, originCur: originCur!, date: q.date ?? today, today };
  }
}
