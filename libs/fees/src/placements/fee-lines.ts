import type { FieldError } from '@app/common';
import { FeeLine, PLACEMENT_FEE_ITEM, isKnownCurrency } from '../assessment';
import type { StoredFeeLine } from '../entities';
import { isCostItem } from '../schedules/cost-items';

export interface FeeLineInput {
  item: string;
  /** Integer minor units as a decimal string (the HTTP layer has checked the digits). */
  amountMinor: string;
  currency: string;
  date: string;
  receiptNumber?: string;
}

/**
 * What the shape checks of a DTO cannot see: the currency is a known ISO 4217 code, the item is in
 * the vocabulary, the fee was charged no earlier than the recruitment and no later than today.
 */
export function feeLineProblems(lines: readonly FeeLineInput[], bounds: { recruitedOn?: string; today: string }, field = 'fees'): FieldError[] {
  const errors: FieldError[] = [];
  lines.forEach((l, i) => {
    if (l.item !== PLACEMENT_FEE_ITEM && !isCostItem(l.item))
      errors.push({ field: `${field}[${i}].item`, message: `'${l.item}' is not a known cost item (see GET /public/fees/vocabulary)`, rule: 'costItem' });
    if (!isKnownCurrency(l.currency))
      errors.push({ field: `${field}[${i}].currency`, message: `'${l.currency}' is not a known ISO 4217 currency`, rule: 'currency' });
    if (bounds.recruitedOn && l.date < bounds.recruitedOn)
      errors.push({ field: `${field}[${i}].date`, message: `is before the worker was recruited (${bounds.recruitedOn})`, rule: 'notBeforeRecruitment' });
    if (l.date > bounds.today) errors.push({ field: `${field}[${i}].date`, message: `is in the future (today is ${bounds.today})`, rule: 'notInFuture' });
  });
  return errors;
}

export const storedLineOf = (l: FeeLineInput): StoredFeeLine => ({
  item: l.item,
  amountMinor: BigInt(l.amountMinor).toString(),
  currency: l.currency,
  date: l.date,
  receiptNumber: l.receiptNumber ?? '',
});

export const coreLineOf = (l: StoredFeeLine): FeeLine => ({
  item: l.item,
  amountMinor: BigInt(l.amountMinor),
  currency: l.currency,
  date: l.date,
  receiptNumber: l.receiptNumber,
});
