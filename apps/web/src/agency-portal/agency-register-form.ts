/**
 * The agency registration form (GET/POST /agency/register): what was typed, checked before the
 * API is asked, turned into the body of POST /agency-registrations, and the API's refusals put
 * back next to the page's fields, in the reader's language.
 *
 * Owners and officers are rows (`owner-<n>-name`, ...): a row left empty is left out, so the API's
 * `owners[i]` is the i-th row filled; `rows` keeps which page row each is. The owners' rows are
 * owner-rows.ts's, as in the amendment form.
 */
import type { Problem } from '@app/api-client';
import { Locale, MessageKey, isLocale } from '@app/i18n';
import { passwordRuleMessage } from '../account/account-forms';
import { parseAmount } from '../complaints/complaint-inputs';
import { OwnerRow, ownerFieldId, ownerRowsFrom, readOwnerRows } from './owner-rows';

export const OWNER_ROWS = 3;
export const OFFICER_ROWS = 3;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,30}$/;

export interface RegisterValues {
  legalName: string;
  registrationNumber: string;
  address: string;
  contactEmail: string;
  contactPhone: string;
  owners: OwnerRow[];
  officers: { name: string; position: string }[];
  capital: string;
  adminName: string;
  adminEmail: string;
  adminLanguage: string;
}

/** Each refused field (its id on the page) and why: a catalogue key, and values for it. */
export type RegisterErrors = Record<string, { key: MessageKey; vars?: Record<string, string> }>;

export interface RegistrationBody {
  legalName: string;
  registrationNumber: string;
  address: string;
  contactEmail: string | null;
  contactPhone: string | null;
  owners: { name: string; nationality: string; sharePercent: number }[];
  officers: { name: string; position: string }[];
  capital: { amountMinor: string; currency: string };
  admin: { email: string; password: string; displayName: string; preferredLanguage: Locale };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const line = (v: unknown, max = 500) => text(v).replace(/\s+/g, ' ').trim().slice(0, max);

/** What the page shows again (never the password). */
export function valuesOf(body: unknown): RegisterValues {
  const f = (body ?? {}) as Record<string, unknown>;
  return {
    legalName: line(f.legalName, 300),
    registrationNumber: line(f.registrationNumber, 60),
    address: line(f.address, 500),
    contactEmail: line(f.contactEmail, 254),
    contactPhone: line(f.contactPhone, 30),
    owners: ownerRowsFrom(f, OWNER_ROWS),
    officers: Array.from({ length: OFFICER_ROWS }, (_, i) => ({ name: line(f[`officer-${i}-name`], 200), position: line(f[`officer-${i}-position`], 120) })),
    capital: line(f.capital, 30),
    adminName: line(f.adminName, 120),
    adminEmail: line(f.adminEmail, 254),
    adminLanguage: line(f.adminLanguage, 3),
  };
}

/**
 * The form checked: the API's body, or the errors by field id. `rows` maps the API's owner and
 * officer indexes back to the page's rows.
 */
export function readRegistration(
  body: unknown,
  locale: Locale,
): { values: RegisterValues; errors: RegisterErrors; body: RegistrationBody | null; rows: { owners: number[]; officers: number[] } } {
  const v = valuesOf(body);
  const password = text((body as Record<string, unknown> | null)?.adminPassword).slice(0, 1024);
  const errors: RegisterErrors = {};
  const need = (id: string, value: string) => {
    if (!value) errors[id] = { key: 'agencyPortal.register.errors.required' };
  };
  need('legalName', v.legalName);
  need('registrationNumber', v.registrationNumber);
  need('address', v.address);
  if (v.contactEmail && !EMAIL.test(v.contactEmail)) errors.contactEmail = { key: 'agencyPortal.register.errors.email' };
  if (v.contactPhone && !PHONE.test(v.contactPhone)) errors.contactPhone = { key: 'agencyPortal.register.errors.phone' };

  const { owners, rows: ownerRows, errors: ownerErrors } = readOwnerRows(v.owners, true);
  for (const [id, key] of Object.entries(ownerErrors)) errors[id] = { key };

  const officers: RegistrationBody['officers'] = [];
  const officerRows: number[] = [];
  v.officers.forEach((o, i) => {
    if (!o.name && !o.position) return;
    if (!o.name) errors[`officer-${i}-name`] = { key: 'agencyPortal.register.errors.required' };
    if (!o.position) errors[`officer-${i}-position`] = { key: 'agencyPortal.register.errors.required' };
    officers.push(o);
    officerRows.push(i);
  });
  if (!officers.length) errors['officer-0-name'] = { key: 'agencyPortal.register.errors.officerMissing' };

  let capitalMinor = '';
  const amount = v.capital ? parseAmount(v.capital, 'PHP', locale) : null;
  if (!amount) errors.capital = { key: 'agencyPortal.register.errors.required' };
  else if (!amount.ok) errors.capital = { key: 'agencyPortal.register.errors.amount' };
  else capitalMinor = amount.minor;

  need('adminName', v.adminName);
  if (!v.adminEmail) errors.adminEmail = { key: 'agencyPortal.register.errors.required' };
  else if (!EMAIL.test(v.adminEmail)) errors.adminEmail = { key: 'agencyPortal.register.errors.email' };
  if (!password) errors.adminPassword = { key: 'agencyPortal.register.errors.required' };
  if (!isLocale(v.adminLanguage)) errors.adminLanguage = { key: 'agencyPortal.register.errors.language' };

  const rows = { owners: ownerRows, officers: officerRows };
  if (Object.keys(errors).length) return { values: v, errors, body: null, rows };
  return {
    values: v,
    errors,
    rows,
    body: {
      legalName: v.legalName,
      registrationNumber: v.registrationNumber,
      address: v.address,
      contactEmail: v.contactEmail || null,
      contactPhone: v.contactPhone || null,
      owners,
      officers,
      capital: { amountMinor: capitalMinor, currency: 'PHP' },
      admin: { email: v.adminEmail, password, displayName: v.adminName, preferredLanguage: v.adminLanguage as Locale },
    },
  };
}

const OFFICER_FIELD: Record<string, string> = { name: 'name', position: 'position' };
const TOP: Record<string, string> = {
  legalName: 'legalName',
  registrationNumber: 'registrationNumber',
  address: 'address',
  contactEmail: 'contactEmail',
  contactPhone: 'contactPhone',
  'admin.email': 'adminEmail',
  'admin.displayName': 'adminName',
  'admin.preferredLanguage': 'adminLanguage',
};

/** The API's refusal (400 validation-failed, 422 agency-disqualified, 409 registration-number-taken) as errors next to the page's fields. */
export function apiErrorsOf(problem: Problem | null, rows: { owners: number[]; officers: number[] }): RegisterErrors {
  const errors: RegisterErrors = {};
  if (!problem) return errors;
  if (problem.code === 'registration-number-taken') return { registrationNumber: { key: 'agencyPortal.register.errors.taken' } };
  for (const e of problem.errors ?? []) {
    const rule = (e as { rule?: string }).rule;
    const field = e.field;
    let id: string | undefined;
    let m: RegExpExecArray | null;
    if (field.startsWith('owners')) id = ownerFieldId(field, rows.owners);
    else if ((m = /^officers\[(\d+)\]\.(\w+)$/.exec(field))) id = `officer-${rows.officers[Number(m[1])] ?? 0}-${OFFICER_FIELD[m[2]] ?? 'name'}`;
    else if (field === 'officers') id = `officer-${rows.officers[0] ?? 0}-name`;
    else if (field.startsWith('capital')) id = 'capital';
    else if (field === 'admin.password') id = 'adminPassword';
    else id = TOP[field];
    if (!id || errors[id]) continue;
    if (rule === 'notDisqualified') {
      const until = /until (\d{4}-\d{2}-\d{2})/.exec(e.message ?? '')?.[1] ?? '';
      errors[id] = { key: 'agencyPortal.register.errors.disqualified', vars: { until } };
    } else if (rule === 'sharesSumTo100') errors[id] = { key: 'agencyPortal.register.errors.sharesSum' };
    else if (id === 'adminPassword') errors[id] = { key: passwordRuleMessage(rule) };
    else errors[id] = { key: 'agencyPortal.register.errors.invalid' };
  }
  return errors;
}
