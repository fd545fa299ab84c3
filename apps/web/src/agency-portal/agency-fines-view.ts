/**
 * The agency's fines page (agency-fines.controller.ts), as plain functions of the API's answers:
 * each fine with its state and due date, and for an open one the "record your payment" form.
 */
import type { ApiSchemas } from '@app/api-client';
import { Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { DeclarationTexts, declarationFields } from './payment-declaration-form';

type Fine = ApiSchemas['FineView'];

/** The refusals of the fine's payment declaration, in the fines page's words. */
export const FINE_TEXTS: DeclarationTexts = {
  reference: 'agencyPortal.fines.errors.reference',
  referenceLong: 'agencyPortal.fines.errors.referenceLong',
  file: 'agencyPortal.fines.errors.file',
  fileType: 'agencyPortal.fines.errors.fileType',
  notOpen: 'agencyPortal.fines.errors.notOpen',
};

/** One fine's standing in a sentence: when due, the declaration waiting, paid, or cancelled. */
export function fineDetail(f: Fine, locale: Locale, now = new Date()): string {
  const t = translator(locale);
  const due = formatDate(f.dueAt, locale, 'date');
  if (f.state === 'open')
    return Date.parse(f.dueAt) < now.getTime() ? t('agencyPortal.fines.overdue', { date: due }) : t('agencyPortal.fines.due', { date: due });
  if (f.state === 'payment-declared') return t('agencyPortal.fines.declared', { reference: f.declaredReference ?? '' });
  if (f.state === 'paid') return t('agencyPortal.fines.paid', { reference: f.paidReference ?? '' });
  return t('agencyPortal.fines.cancelled');
}

export interface FinesPage {
  errorList: { text: string; href: string }[];
  fines: { reference: string; amount: string; state: string; detail: string }[];
  payable: {
    id: string;
    reference: string;
    amount: string;
    due: string;
    action: string;
    rejected: string | null;
    referenceValue: string;
    referenceError: string | null;
    proofError: string | null;
  }[];
}

/** The page: every fine, then one form per open fine with its errors and values. */
export function finesPage(
  items: Fine[],
  locale: Locale,
  actionOf: (id: string) => string,
  errors: Record<string, MessageKey> = {},
  values: Record<string, string> = {},
  now = new Date(),
): FinesPage {
  const t = translator(locale);
  const open = items.filter((f) => f.state === 'open');
  const order = open.flatMap((f) => Object.values(declarationFields(f.id)));
  return {
    // A fine no longer open has no form: its refusal links to the table, which shows its state.
    errorList: Object.keys(errors)
      .sort((a, b) => order.indexOf(a) - order.indexOf(b))
      .map((k) => ({ text: t(errors[k]), href: order.includes(k) ? `#${k}` : '#fines' })),
    fines: items.map((f) => ({
      reference: f.reference,
      amount: formatMoney(f.amountMinor, f.currency, locale),
      state: t(`agencyPortal.fines.states.${f.state}` as MessageKey),
      detail: fineDetail(f, locale, now),
    })),
    payable: open.map((f) => {
      const k = declarationFields(f.id);
      return {
        id: f.id,
        reference: f.reference,
        amount: formatMoney(f.amountMinor, f.currency, locale),
        due: formatDate(f.dueAt, locale, 'date'),
        action: actionOf(f.id),
        rejected: f.declarationRejectedReason
          ? t('agencyPortal.fines.rejected', { reference: f.declaredReference ?? '', reason: f.declarationRejectedReason })
          : null,
        referenceValue: values[k.reference] ?? '',
        referenceError: errors[k.reference] ? t(errors[k.reference]) : null,
        proofError: errors[k.proof] ? t(errors[k.proof]) : null,
      };
    }),
  };
}
