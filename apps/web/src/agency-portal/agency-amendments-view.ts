/**
 * The agency's amendments of its legal identity (agency-amendments.controller.ts), as plain
 * functions: the request form read and checked as the API checks it, the API's refusals put next
 * to the fields, and the history (pending, approved or refused with the inspector's note).
 */
import type { ApiSchemas } from '@app/api-client';
import { Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { parseAmount } from '../complaints/complaint-inputs';

type Amendment = ApiSchemas['AmendmentView'];
type Problem = { code?: string; errors?: { field: string }[] };

export const AMENDMENT_FIELDS = ['legalName', 'registrationNumber', 'capital', 'reason'] as const;
export type AmendmentField = (typeof AMENDMENT_FIELDS)[number];
export type AmendmentValues = Record<AmendmentField, string>;
export interface AmendmentBody {
  legalName?: string;
  registrationNumber?: string;
  capital?: { amountMinor: string; currency: string };
  reason: string;
}

const line = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');
const CAPITAL_CURRENCY = 'PHP';

/**
 * The form: any of the new legal name (2-300), the new registration number (2-60) and the new
 * paid-up capital (PHP), with why (3-2000). A field left empty is not changed; a field equal to
 * what the agency has now is not a change either; at least one must change.
 */
export function readAmendment(
  body: unknown,
  locale: Locale,
  current: { legalName: string; registrationNumber: string; capitalMinor: string },
): { values: AmendmentValues; errors: Partial<Record<AmendmentField, MessageKey>>; body: AmendmentBody | null } {
  const f = (body ?? {}) as Record<string, unknown>;
  const values: AmendmentValues = {
    legalName: line(f.legalName, 301),
    registrationNumber: line(f.registrationNumber, 61),
    capital: line(f.capital, 30),
    reason: typeof f.reason === 'string' ? f.reason.trim().slice(0, 2001) : '',
  };
  const errors: Partial<Record<AmendmentField, MessageKey>> = {};
  const out: AmendmentBody = { reason: values.reason };
  if (values.legalName) {
    if (values.legalName.length < 2 || values.legalName.length > 300) errors.legalName = 'agencyPortal.amendments.errors.legalNameLength';
    else if (values.legalName !== current.legalName) out.legalName = values.legalName;
  }
  if (values.registrationNumber) {
    if (values.registrationNumber.length < 2 || values.registrationNumber.length > 60)
      errors.registrationNumber = 'agencyPortal.amendments.errors.registrationNumberLength';
    else if (values.registrationNumber !== current.registrationNumber) out.registrationNumber = values.registrationNumber;
  }
  if (values.capital) {
    const amount = parseAmount(values.capital, CAPITAL_CURRENCY, locale);
    if (!amount.ok) errors.capital = 'agencyPortal.amendments.errors.capital';
    else if (amount.minor !== current.capitalMinor) out.capital = { amountMinor: amount.minor, currency: CAPITAL_CURRENCY };
  }
  if (values.reason.length < 3 || values.reason.length > 2000) errors.reason = 'agencyPortal.amendments.errors.reason';
  if (!errors.legalName && !errors.registrationNumber && !errors.capital && !out.legalName && !out.registrationNumber && !out.capital)
    errors.legalName = 'agencyPortal.amendments.errors.nothing';
  return { values, errors, body: Object.keys(errors).length ? null : out };
}

/** The API's refusals next to the page's fields. */
export function amendmentApiErrors(status: number, problem: Problem | null): Partial<Record<AmendmentField, MessageKey>> {
  if (status === 409 && problem?.code === 'amendment-pending') return { legalName: 'agencyPortal.amendments.errors.pending' };
  if (status === 409 && problem?.code === 'empty-amendment') return { legalName: 'agencyPortal.amendments.errors.nothing' };
  const errors: Partial<Record<AmendmentField, MessageKey>> = {};
  for (const e of problem?.errors ?? []) {
    if (e.field === 'legalName') errors.legalName = 'agencyPortal.amendments.errors.legalNameLength';
    else if (e.field === 'registrationNumber') errors.registrationNumber = 'agencyPortal.amendments.errors.registrationNumberLength';
    else if (e.field.startsWith('capital')) errors.capital = 'agencyPortal.amendments.errors.capital';
    else if (e.field === 'reason') errors.reason = 'agencyPortal.amendments.errors.reason';
  }
  return errors;
}

export interface AmendmentRow {
  filed: string;
  state: string;
  stateClass: string;
  changes: { label: string; value: string }[];
  reason: string;
  decision: string | null;
}

/** The history, newest first: what each asked to change, its state and the inspector's decision. */
export function amendmentRows(items: Amendment[], locale: Locale): AmendmentRow[] {
  const t = translator(locale);
  return items.map((a) => {
    const c = a.changes;
    const changes: { label: string; value: string }[] = [];
    if (c.legalName) changes.push({ label: t('agencyPortal.amendments.legalName'), value: c.legalName });
    if (c.registrationNumber) changes.push({ label: t('agencyPortal.amendments.registrationNumber'), value: c.registrationNumber });
    if (c.owners)
      changes.push({ label: t('agencyPortal.amendments.owners'), value: c.owners.map((o) => `${o.name} (${o.nationality}, ${o.sharePercent}%)`).join('; ') });
    if (c.capital) changes.push({ label: t('agencyPortal.amendments.capital'), value: formatMoney(c.capital.amountMinor, c.capital.currency, locale) });
    return {
      filed: formatDate(a.createdAt, locale, 'date'),
      state: t(`agencyPortal.amendments.states.${a.state}` as MessageKey),
      stateClass: a.state === 'approved' ? 'govuk-tag--green' : a.state === 'rejected' ? 'govuk-tag--red' : 'govuk-tag--yellow',
      changes,
      reason: a.reason,
      decision:
        a.state === 'pending' || !a.decidedAt
          ? null
          : t(a.state === 'approved' ? 'agencyPortal.amendments.approvedOn' : 'agencyPortal.amendments.rejectedOn', {
              date: formatDate(a.decidedAt, locale, 'date'),
              note: a.decisionNote ?? '',
            }),
    };
  });
}
