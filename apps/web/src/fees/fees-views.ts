/**
 * The fee pages' answers, written for people: the API's codes and minor units turned into names
 * and money in the reader's language (libs/i18n formatters; every text from the catalogue). Pure
 * functions, so the pages' wording is tested without a browser.
 */
import { Locale, formatDate, formatMoney, formatNumber, translate } from '@app/i18n';
import type { CalculatorAnswer, CheckAnswer, Vocabulary } from './fees-api';
import { countryName, itemName, jobName } from './fees-names';
import type { FeesAnswers, PaidFee } from './fees-session';

type Money = { amountMinor: string; currency: string };

const apiLabelOf = (vocabulary: Vocabulary, code: string) => vocabulary.costItems.find((i) => i.code === code)?.label;
export const feeItemName = (locale: Locale, vocabulary: Vocabulary, code: string): string =>
  code === vocabulary.placementFeeItem ? translate(locale, 'fees.items.placement-fee') : itemName(locale, code, apiLabelOf(vocabulary, code));

/** Amounts per currency, added up exactly (bigint), in a stable order. */
function sumByCurrency(amounts: Money[]): Money[] {
  const totals = new Map<string, bigint>();
  for (const a of amounts) totals.set(a.currency, (totals.get(a.currency) ?? 0n) + BigInt(a.amountMinor));
  return [...totals].filter(([, v]) => v > 0n).map(([currency, v]) => ({ currency, amountMinor: v.toString() }));
}

/** "₱1,200.00 + HK$600.00": amounts in several currencies, never converted into one another here. */
export function moneyList(locale: Locale, amounts: Money[]): string {
  return amounts.map((a) => formatMoney(a.amountMinor, a.currency, locale)).join(' + ');
}

/** The job as one sentence's parts: "Domestic work", "Hong Kong", "HK$4,990.00". */
export function jobSummary(locale: Locale, answers: FeesAnswers) {
  return {
    country: countryName(locale, answers.destinationCountry!),
    job: jobName(locale, answers.occupationCategory!),
    salary: formatMoney(answers.monthlySalaryMinor!, answers.salaryCurrency!, locale),
  };
}

/** "One month of your basic salary", "10% of one month of your basic salary". */
function salaryMultipleText(locale: Locale, multiple: string): string {
  if (Number(multiple) === 1) return translate(locale, 'fees.answer.placementFee.oneMonth');
  const percent = formatNumber(Number(multiple), locale, { style: 'percent', maximumFractionDigits: 2 });
  return translate(locale, 'fees.answer.placementFee.percentOfMonth', { percent });
}

export interface AnswerRow {
  item: string;
  limit: string;
}

/** "What may I be charged?": the rule's answer as a page says it. */
export function calculatorView(locale: Locale, vocabulary: Vocabulary, answer: CalculatorAnswer) {
  const t = (key: string, vars?: Record<string, string>) => translate(locale, key, vars);
  const money = (m: Money) => formatMoney(m.amountMinor, m.currency, locale);
  const date = formatDate(answer.date, locale);
  const cap = answer.maxPlacementFee;
  const converted = cap.cap !== 'none' && cap.inOriginCurrency.currency !== cap.amount.currency;

  const rows: AnswerRow[] = [];
  let placementFee: string;
  if (cap.cap === 'none') {
    placementFee = t('fees.answer.placementFee.none');
  } else {
    placementFee = converted ? t('fees.answer.placementFee.about', { amount: money(cap.amount), converted: money(cap.inOriginCurrency) }) : money(cap.amount);
    rows.push({ item: t('fees.items.placement-fee'), limit: placementFee });
  }
  const placementFeeBasis = cap.cap === 'salary-multiple' && cap.multiple ? salaryMultipleText(locale, cap.multiple) : undefined;

  const uncapped: string[] = [];
  for (const a of answer.allowedItems) {
    const name = feeItemName(locale, vocabulary, a.item);
    if (a.cap) rows.push({ item: name, limit: t('fees.answer.allowed.upTo', { amount: money(a.cap) }) });
    else {
      rows.push({ item: name, limit: t('fees.answer.allowed.noLimit') });
      uncapped.push(name);
    }
  }

  // The most in total: the placement fee (in the origin's money when converted) and every capped
  // item, added per currency; items without a cap can only be named.
  const capped = [
    ...(cap.cap === 'none' ? [] : [converted ? cap.inOriginCurrency : cap.amount]),
    ...answer.allowedItems.flatMap((a) => (a.cap ? [a.cap] : [])),
  ];
  const totals = sumByCurrency(capped);

  return {
    protected: answer.protected,
    date,
    origin: countryName(locale, answer.originCountry),
    placementFee,
    placementFeeNone: cap.cap === 'none',
    placementFeeBasis,
    noOtherCosts: !answer.allowedItems.length,
    converted,
    rows,
    prohibited: answer.prohibitedItems.map((p) => feeItemName(locale, vocabulary, p.item)),
    /** The capped amounts added up ("₱5,580.00", or "₱1,200.00 + JP¥30,000" across currencies); null when none. */
    totalAmount: totals.length ? moneyList(locale, totals) : null,
    /** Allowed items without a cap: they add what they really cost. */
    uncapped,
    totalNothing: !totals.length && !uncapped.length,
    source: answer.rule.source,
    validity: answer.rule.validTo
      ? t('fees.answer.source.validRange', { from: formatDate(answer.rule.validFrom, locale), to: formatDate(answer.rule.validTo, locale) })
      : t('fees.answer.source.validFrom', { from: formatDate(answer.rule.validFrom, locale) }),
  };
}

export interface ResultRow {
  item: string;
  paid: string;
  paidOn: string;
  excess: string | null;
  reason: string | null;
  problem: string | null;
}

/** "Check what I paid": the check's verdict, fee by fee, as a page says it. */
export function checkView(locale: Locale, vocabulary: Vocabulary, fees: PaidFee[], answer: CheckAnswer) {
  const t = (key: string, vars?: Record<string, string>) => translate(locale, key, vars);
  const rows: ResultRow[] = fees.map((fee, i) => {
    const violations = answer.violations.filter((v) => v.lineIndex === i);
    const problems = answer.problems.filter((p) => p.lineIndex === i || p.lineIndex === null);
    const excess = sumByCurrency(violations.map((v) => v.excess));
    return {
      item: feeItemName(locale, vocabulary, fee.code),
      paid: formatMoney(fee.amountMinor, fee.currency, locale),
      paidOn: formatDate(fee.paidOn ?? answer.date, locale),
      excess: excess.length ? moneyList(locale, excess) : null,
      reason: violations.length ? [...new Set(violations.map((v) => t(`fees.result.kinds.${v.kind}`)))].join(' ') : null,
      problem: problems.length ? [...new Set(problems.map((p) => t(`fees.result.problems.${p.code}`)))].join(' ') : null,
    };
  });
  return {
    outcome: answer.outcome,
    serious: answer.serious,
    totalExcess: moneyList(locale, answer.totalExcess),
    rows,
    rules: answer.rules.map((r) => ({
      source: r.source,
      validity: r.validTo
        ? t('fees.answer.source.validRange', { from: formatDate(r.validFrom, locale), to: formatDate(r.validTo, locale) })
        : t('fees.answer.source.validFrom', { from: formatDate(r.validFrom, locale) }),
    })),
  };
}
