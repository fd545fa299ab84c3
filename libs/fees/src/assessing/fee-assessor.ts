import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FeeLine, MissingExchangeRateError, PlacementTerms, assess } from '../assessment';
import type { AssessmentOutcome, AssessmentProblem, FeeRuleRecord, StoredViolation } from '../entities';
import { rethrowAsProblem } from '../fee-errors';
import { ExchangeRates } from '../rates/exchange-rates.service';
import { CorridorKey, FeeSchedules } from '../schedules/fee-schedules.service';
import { toFeeRule } from '../schedules/fee-rule-mapping';

export interface AssessedLines {
  outcome: AssessmentOutcome;
  serious: boolean;
  violations: StoredViolation[];
  problems: AssessmentProblem[];
  /** The rules applied, by id. */
  rules: Map<string, FeeRuleRecord>;
}

/**
 * Assesses a set of fee lines for one corridor: each line against the rule in force on its own
 * date (lines under one rule are assessed together, so caps apply to their sum), converting with
 * the rates in force on each line's date. Lines with no rule, or whose rule needs a rate nobody
 * recorded, are listed as problems and make the outcome 'incomplete' unless a violation was found.
 * Reads only; the caller stores the result.
 */
@Injectable()
export class FeeAssessor {
  constructor(
    private readonly schedules: FeeSchedules,
    private readonly rates: ExchangeRates,
  ) {}

  /** `fieldPrefix` names where the lines sat in the request ('fees'), for a 400 about one of them. */
  async assessLines(m: EntityManager, key: CorridorKey, terms: PlacementTerms, lines: readonly FeeLine[], fieldPrefix = 'fees'): Promise<AssessedLines> {
    const rules = new Map<string, FeeRuleRecord>();
    const byRule = new Map<string, number[]>();
    const problems: AssessmentProblem[] = [];
    const ruleOfDate = new Map<string, FeeRuleRecord | null>();
    for (const [i, line] of lines.entries()) {
      if (!ruleOfDate.has(line.date)) ruleOfDate.set(line.date, await this.schedules.ruleInForce(m, key, line.date));
      const rule = ruleOfDate.get(line.date)!;
      if (!rule) {
        problems.push({
          lineIndex: i,
          code: 'no-rule-in-force',
          detail: `No fee rule for ${key.occupationCategory} work in ${key.destinationCountry} is in force on ${line.date}.`,
        });
        continue;
      }
      rules.set(rule.id, rule);
      byRule.set(rule.id, [...(byRule.get(rule.id) ?? []), i]);
    }

    const dates = lines.map((l) => l.date).sort();
    const currencies = new Set<string>([terms.salaryCurrency, ...lines.map((l) => l.currency)]);
    for (const rule of rules.values()) {
      if (rule.placementFeeCap.kind === 'fixed') currencies.add(rule.placementFeeCap.currency);
      for (const a of rule.allowedItems) if (a.cap) currencies.add(a.cap.currency);
    }
    const lookup = dates.length ? await this.rates.lookup(m, currencies, dates[0], dates[dates.length - 1]) : () => undefined;

    const violations: StoredViolation[] = [];
    for (const [ruleId, indexes] of byRule) {
      const rule = rules.get(ruleId)!;
      const group = indexes.map((i) => lines[i]);
      try {
        const result = assess(toFeeRule(rule), terms, group, lookup);
        for (const v of result.violations) {
          const i = indexes[v.lineIndex!];
          const line = lines[i];
          violations.push({
            lineIndex: i,
            item: line.item,
            date: line.date,
            receiptNumber: line.receiptNumber,
            kind: v.kind,
            excessMinor: v.excessMinor.toString(),
            currency: v.currency,
            ruleId,
            serious: v.kind === 'protected-category',
          });
        }
      } catch (e) {
        if (e instanceof MissingExchangeRateError) {
          problems.push({
            lineIndex: null,
            code: 'missing-exchange-rate',
            detail: `No exchange rate ${e.from} -> ${e.to} in force on ${e.date}; the fees under rule ${ruleId} could not be assessed.`,
          });
          continue;
        }
        rethrowAsProblem(e, (f) =>
          f
            .replace(/^lines\[(\d+)\]/, (_, n: string) => `${fieldPrefix}[${indexes[Number(n)]}]`)
            .replace(/^placement\.monthlyBasicSalaryMinor$/, 'monthlySalaryMinor')
            .replace(/^placement\.salaryCurrency$/, 'salaryCurrency'),
        );
      }
    }
    violations.sort((a, b) => a.lineIndex - b.lineIndex || a.kind.localeCompare(b.kind));
    problems.sort((a, b) => (a.lineIndex ?? -1) - (b.lineIndex ?? -1));
    const outcome: AssessmentOutcome = violations.length ? 'violations' : problems.length ? 'incomplete' : 'compliant';
    return { outcome, serious: violations.some((v) => v.serious), violations, problems, rules };
  }
}
