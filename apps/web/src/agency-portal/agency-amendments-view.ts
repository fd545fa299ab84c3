/**
 * The agency's amendments of its legal identity (agency-amendments.controller.ts), as plain
 * functions: the request form read and checked as the API checks it, the API's refusals put next
 * to the fields, and the history (pending, approved or refused with the inspector's note).
 *
 * The owners are rows (owner-rows.ts, as in the registration form), prefilled with the current
 * owners: the API's `owners` replaces the whole list, so it is sent only when the rows say
 * something else than the agency's owners now.
 */
import type { ApiSchemas } from '@app/api-client';
import { Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { parseAmount } from '../complaints/complaint-inputs';
import { MAX_OWNER_ROWS, Owner, OwnerRow, ownerFieldId, ownerFieldIds, ownerRowsFrom, ownerRowsOf, readOwnerRows, sameOwners, withSpare } from './owner-rows';

type Amendment = ApiSchemas['AmendmentView'];
type Problem = { code?: string; errors?: { field: string; rule?: string }[] };

export const AMENDMENT_FIELDS = ['legalName', 'registrationNumber', 'capital', 'reason'] as const;
export type AmendmentField = (typeof AMENDMENT_FIELDS)[number];
export type AmendmentValues = Record<AmendmentField, string> & {
  /** The owners' rows as typed; null: the agency's current owners (the form as first shown). */
  owners: OwnerRow[] | null;
};
/** Each refused field (AmendmentField or an owner row's `owner-<n>-<field>`) and why. */
export type AmendmentErrors = Record<string, MessageKey>;
export interface AmendmentBody {
  legalName?: string;
  registrationNumber?: string;
  owners?: Owner[];
  capital?: { amountMinor: string; currency: string };
  reason: string;
}
export const EMPTY_AMENDMENT: AmendmentValues = { legalName: '', registrationNumber: '', capital: '', reason: '', owners: null };
/** Empty owner rows offered after the current owners, to add one without pressing "Add another owner". */
export const SPARE_OWNER_ROWS = 1;

const line = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');
const CAPITAL_CURRENCY = 'PHP';

/**
 * The form: any of the new legal name (2-300), the new registration number (2-60), the owners
 * (the whole list, shares adding up to 100) and the new paid-up capital (PHP), with why (3-2000).
 * A field left empty is not changed; a field equal to what the agency has now is not a change
 * either (owners in another order neither); at least one must change. "Add another owner"
 * (`action=addOwner`) checks nothing: the page comes back with one more row (`addOwner`).
 */
export function readAmendment(
  body: unknown,
  locale: Locale,
  current: { legalName: string; registrationNumber: string; capitalMinor: string; owners: readonly Owner[] },
): { values: AmendmentValues; errors: AmendmentErrors; body: AmendmentBody | null; addOwner: boolean; ownerRows: number[] } {
  const f = (body ?? {}) as Record<string, unknown>;
  // A form without the owners' rows (`ownerRows`) leaves the owners as they are.
  const rows = f.ownerRows === undefined ? null : ownerRowsFrom(f);
  const addOwner = f.action === 'addOwner';
  const values: AmendmentValues = {
    legalName: line(f.legalName, 301),
    registrationNumber: line(f.registrationNumber, 61),
    capital: line(f.capital, 30),
    reason: typeof f.reason === 'string' ? f.reason.trim().slice(0, 2001) : '',
    owners: rows && addOwner ? withSpare(rows, 1) : rows,
  };
  if (addOwner) return { values, errors: {}, body: null, addOwner, ownerRows: [] };
  const errors: AmendmentErrors = {};
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
  // Without any current owner (an agency from before the registry kept them) empty rows change nothing.
  const owners = rows ? readOwnerRows(rows, current.owners.length > 0) : { owners: current.owners, rows: [], errors: {} };
  Object.assign(errors, owners.errors);
  if (!Object.keys(owners.errors).length && !sameOwners(owners.owners, current.owners)) out.owners = [...owners.owners];
  if (values.capital) {
    const amount = parseAmount(values.capital, CAPITAL_CURRENCY, locale);
    if (!amount.ok) errors.capital = 'agencyPortal.amendments.errors.capital';
    else if (amount.minor !== current.capitalMinor) out.capital = { amountMinor: amount.minor, currency: CAPITAL_CURRENCY };
  }
  if (values.reason.length < 3 || values.reason.length > 2000) errors.reason = 'agencyPortal.amendments.errors.reason';
  if (!Object.keys(errors).some((k) => k !== 'reason') && !out.legalName && !out.registrationNumber && !out.owners && !out.capital)
    errors.legalName = 'agencyPortal.amendments.errors.nothing';
  return { values, errors, body: Object.keys(errors).length ? null : out, addOwner, ownerRows: owners.rows };
}

/** The owners' rows to show: as typed, else the current owners with a spare row. */
export function ownerRowsShown(values: AmendmentValues, current: readonly Owner[]): OwnerRow[] {
  return values.owners ? withSpare(values.owners, 0) : ownerRowsOf(current, SPARE_OWNER_ROWS);
}

/** The page's field ids in its order, for the error summary. */
export function amendmentFieldOrder(ownerRows: number): string[] {
  return ['legalName', 'registrationNumber', ...ownerFieldIds(ownerRows), 'capital', 'reason'];
}

/** Whether the form may offer one more owner row. */
export const canAddOwner = (rows: number) => rows < MAX_OWNER_ROWS;

/** The API's refusals next to the page's fields; `ownerRows` says which page row each owner sent is. */
export function amendmentApiErrors(status: number, problem: Problem | null, ownerRows: readonly number[] = []): AmendmentErrors {
  if (status === 409 && problem?.code === 'amendment-pending') return { legalName: 'agencyPortal.amendments.errors.pending' };
  if (status === 409 && problem?.code === 'empty-amendment') return { legalName: 'agencyPortal.amendments.errors.nothing' };
  const errors: AmendmentErrors = {};
  for (const e of problem?.errors ?? []) {
    const owner = e.field.startsWith('owners') ? ownerFieldId(e.field, ownerRows) : undefined;
    if (owner) errors[owner] ??= e.rule === 'sharesSumTo100' ? 'agencyPortal.register.errors.sharesSum' : 'agencyPortal.register.errors.invalid';
    else if (e.field === 'legalName') errors.legalName = 'agencyPortal.amendments.errors.legalNameLength';
    else if (e.field === 'registrationNumber') errors.registrationNumber = 'agencyPortal.amendments.errors.registrationNumberLength';
    else if (e.field.startsWith('capital')) errors.capital = 'agencyPortal.amendments.errors.capital';
    else if (e.field === 'reason') errors.reason = 'agencyPortal.amendments.errors.reason';
  }
  return errors;
}

/** A list of owners on one line: "Rogelio Panganiban (PH, 60%); Ligaya Ramos (PH, 40%)". */
export const ownersText = (owners: readonly Owner[]): string => owners.map((o) => `${o.name} (${o.nationality}, ${o.sharePercent}%)`).join('; ');

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
    if (c.owners) changes.push({ label: t('agencyPortal.amendments.owners'), value: ownersText(c.owners) });
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
