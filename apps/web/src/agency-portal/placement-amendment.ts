/**
 * Amending a recorded placement's fee lines from the agency portal (agency-placement-amend.controller.ts):
 * the form prefilled with the current lines, read and checked into the body of
 * POST /placements/{id}/amendments (the complete corrected list, with why), and the placement's
 * versions for its page (GET /placements/{id}/revisions: every earlier version is kept).
 */
import type { ApiSchemas } from '@app/api-client';
import { Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { amountForInput, parseAmount } from '../complaints/complaint-inputs';
import { itemName } from '../fees/fees-names';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Empty rows offered beyond the current lines, to add a fee. */
export const SPARE_ROWS = 2;
export const MAX_ROWS = 100;

export interface FeeRow {
  item: string;
  amount: string;
  date: string;
  receipt: string;
}
export interface AmendValues {
  currency: string;
  reason: string;
  fees: FeeRow[];
}

const line = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');

/** The form prefilled with the placement's current fee lines (in the reader's way of writing amounts), and spare rows. */
export function amendValuesOf(p: Pick<ApiSchemas['PlacementView'], 'fees'>, locale: Locale): AmendValues {
  const currency = p.fees[0]?.currency ?? 'PHP';
  const rows = p.fees.map((f) => ({ item: f.item, amount: amountForInput(f.amountMinor, f.currency, locale), date: f.date, receipt: f.receiptNumber }));
  return {
    currency,
    reason: '',
    fees: [...rows, ...Array.from({ length: SPARE_ROWS }, () => ({ item: '', amount: '', date: '', receipt: '' }))].slice(0, MAX_ROWS),
  };
}

/** The posted form: as many rows as the page had (`rows`, at most MAX_ROWS). */
export function amendValuesFrom(body: unknown): AmendValues {
  const f = (body ?? {}) as Record<string, unknown>;
  const n = Math.min(MAX_ROWS, Math.max(1, Number(line(f.rows, 3)) || 1));
  return {
    currency: line(f.feeCurrency, 3).toUpperCase() || 'PHP',
    reason: typeof f.reason === 'string' ? f.reason.trim().slice(0, 2001) : '',
    fees: Array.from({ length: n }, (_, i) => ({
      item: line(f[`fee-${i}-item`], 64),
      amount: line(f[`fee-${i}-amount`], 30),
      date: line(f[`fee-${i}-date`], 10),
      receipt: line(f[`fee-${i}-receipt`], 64),
    })),
  };
}

/** The form checked: the amendment's body, or the errors by field id. A row left empty is dropped; all rows empty means "no fees". */
export function readAmendment(
  v: AmendValues,
  revision: number,
  locale: Locale,
): { errors: Record<string, MessageKey>; body: ApiSchemas['AmendPlacementDto'] | null } {
  const errors: Record<string, MessageKey> = {};
  if (!/^[A-Z]{3}$/.test(v.currency)) errors.feeCurrency = 'agencyPortal.placements.errors.currency';
  if (v.reason.length < 5 || v.reason.length > 2000) errors.reason = 'agencyPortal.placementAmend.errors.reason';
  const fees: ApiSchemas['FeeLineDto'][] = [];
  v.fees.forEach((f, i) => {
    if (!f.item && !f.amount && !f.date && !f.receipt) return;
    if (!f.item) errors[`fee-${i}-item`] = 'agencyPortal.placements.errors.item';
    const amount = f.amount && !errors.feeCurrency ? parseAmount(f.amount, v.currency, locale) : null;
    if (!amount || !amount.ok) errors[`fee-${i}-amount`] = 'agencyPortal.placements.errors.amount';
    if (!DATE.test(f.date)) errors[`fee-${i}-date`] = 'agencyPortal.placements.errors.date';
    if (!f.receipt) errors[`fee-${i}-receipt`] = 'agencyPortal.placements.errors.receipt';
    fees.push({ item: f.item, amountMinor: amount && amount.ok ? amount.minor : '0', currency: v.currency, date: f.date, receiptNumber: f.receipt });
  });
  if (Object.keys(errors).length) return { errors, body: null };
  return { errors, body: { revision, reason: v.reason, fees } as ApiSchemas['AmendPlacementDto'] };
}

export interface VersionView {
  heading: string;
  reason: string | null;
  fees: { item: string; amount: string; date: string; receipt: string }[];
  current: boolean;
}

/** Every version of the placement, newest first: when, why, and the fee lines as they stood. */
export function placementVersions(revisions: ApiSchemas['RevisionView'][], locale: Locale): VersionView[] {
  const t = translator(locale);
  const latest = Math.max(0, ...revisions.map((r) => r.revision));
  return [...revisions]
    .sort((a, b) => b.revision - a.revision)
    .map((r) => ({
      heading: t(r.revision === 1 ? 'agencyPortal.placementAmend.recordedOn' : 'agencyPortal.placementAmend.amendedOn', {
        revision: String(r.revision),
        date: formatDate(r.createdAt, locale, 'date'),
      }),
      reason: r.reason,
      fees: r.fees.map((f) => ({
        item: itemName(locale, f.item),
        amount: formatMoney(f.amountMinor, f.currency, locale),
        date: formatDate(f.date, locale, 'date'),
        receipt: f.receiptNumber,
      })),
      current: r.revision === latest,
    }));
}
