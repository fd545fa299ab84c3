/**
 * A complaint being written: the answers of "File a complaint", kept in the web session (Redis)
 * until they are sent. Nothing here is sent to the API before the person presses "Send" on the
 * check-your-answers page; then `fileComplaintBody` turns the answers into the API's
 * FileComplaintDto (POST /public/complaints).
 *
 * The draft's `id` is its submission id: one draft files at most one complaint, however often the
 * last form is sent (see complaint-submissions.ts). Evidence files are not in the session (too
 * big): they are kept in Redis beside it, under the draft's id (complaint-evidence-store.ts); the
 * draft lists them.
 *
 * The fees pages ("Check what I paid" → "Complain about this") put what was checked in
 * `session.complaintDraft.fees`; `applyFeesPrefill` turns it into answers here once.
 */
import { randomUUID } from 'node:crypto';
import type { ApiSchemas } from '@app/api-client';
import { LOCALES, Locale, isKnownCurrency, isLocale } from '@app/i18n';

export const CATEGORIES = [
  'excess-fees',
  'contract-substitution',
  'unpaid-wages',
  'retained-documents',
  'no-job-on-arrival',
  'different-job',
  'abuse-harassment',
  'unlicensed-recruitment',
  'other',
] as const satisfies readonly ApiSchemas['AllegationCategory'][];
export type Category = (typeof CATEGORIES)[number];
export const isCategory = (v: unknown): v is Category => typeof v === 'string' && (CATEGORIES as readonly string[]).includes(v);

/** Categories whose facts page also asks for an amount (what is owed). */
export const CATEGORIES_WITH_AMOUNT: readonly Category[] = ['unpaid-wages'];

export const EVIDENCE_KINDS = [
  'photo',
  'receipt',
  'contract',
  'payslip',
  'message',
  'identity-document',
  'other',
] as const satisfies readonly ApiSchemas['EvidenceKind'][];
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const isEvidenceKind = (v: unknown): v is EvidenceKind => typeof v === 'string' && (EVIDENCE_KINDS as readonly string[]).includes(v);

/** The types the API accepts (complaint-evidence-store.ts checks a file's content the same way). */
export type EvidenceContentType = ApiSchemas['DocumentContentType'];

/** A file the person added; its bytes are in Redis (complaint-evidence-store.ts). */
export interface EvidenceFile {
  id: string;
  kind: EvidenceKind;
  contentType: EvidenceContentType;
  sizeBytes: number;
}

export type AgencyAnswer =
  /** A licensed agency picked from the search (its license number identifies it to the API). */
  | { kind: 'licensed'; licenseNumber: string; legalName: string }
  /** An agency found by name that has no license on record. */
  | { kind: 'named'; agencyName: string }
  /** "Not licensed, or I don't know": the recruiter described in words (asked on the next page). */
  | { kind: 'unlicensed'; description?: string };

export interface FactsAnswer {
  facts: string;
  /** YYYY-MM-DD */
  occurredOn?: string;
  amountMinor?: string;
  currency?: string;
}

export interface FeeLineAnswer {
  /** 'placement-fee' or a cost-item code (GET /public/fees/vocabulary). */
  item: string;
  amountMinor: string;
}

/** What the person paid the recruiter (only when they complain of excess fees). */
export interface FeesPaidAnswer {
  lines: FeeLineAnswer[];
  /** The currency the fees were paid in. */
  currency: string;
  /** When they paid (the first payment), YYYY-MM-DD. */
  paidOn: string;
  /** The job and its salary: with them (and the country) the API checks the fees against the rules. */
  occupationCategory?: string;
  monthlySalaryMinor?: string;
  salaryCurrency?: string;
}

/** API refusals to show on a question page, by form field: message keys of the catalogue. */
export interface StepErrors {
  step: string;
  fields: Record<string, string>;
}

export interface ComplaintDraft {
  /** The submission id: one draft files one complaint (complaint-submissions.ts). */
  id: string;
  who?: 'named' | 'anonymous';
  name?: string;
  /** Asked only of a named complainant (anonymous implies it). */
  identityProtected?: boolean;
  /** The last agency search typed on the agency page. */
  agencyQuery?: string;
  agency?: AgencyAnswer;
  categories?: Category[];
  facts?: Partial<Record<Category, FactsAnswer>>;
  /** Answered when present (both parts may be left empty). */
  employer?: { name?: string; country?: string };
  /** Answered when present; `null`: skipped. */
  feesPaid?: FeesPaidAnswer | null;
  /** Rows of the fees page after "Add another fee" (without script, each adds one). */
  feesPaidRows?: number;
  workerAbroad?: boolean;
  /** Kept from leaving, threatened, forced to work off a debt: the allegations' trafficking indicators. */
  danger?: boolean;
  evidence?: EvidenceFile[];
  evidenceDone?: boolean;
  /** Answered when present (a named complainant may leave both empty). */
  contact?: { email?: string; phone?: string };
  language?: Locale;
  /** Refusals of the API at sending, shown on the question they concern. */
  apiErrors?: StepErrors[];
  /** Written by the fees pages ("Complain about this"); read once by applyFeesPrefill. */
  fees?: unknown;
}

export function newDraft(): ComplaintDraft {
  return { id: randomUUID() };
}

/** A draft read back from the session, or a new one when there is none (or it is not ours). */
export function draftOf(value: unknown): ComplaintDraft {
  const d = value as Partial<ComplaintDraft> | null | undefined;
  if (!d || typeof d !== 'object') return newDraft();
  if (typeof d.id !== 'string' || !d.id) return { ...(d as object), id: randomUUID() } as ComplaintDraft;
  return d as ComplaintDraft;
}

/** Whether the person has answered anything yet (the start page offers to continue or start again). */
export function hasAnswers(d: ComplaintDraft): boolean {
  return d.who !== undefined || d.agency !== undefined || (d.categories?.length ?? 0) > 0 || (d.evidence?.length ?? 0) > 0;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MINOR = /^[1-9][0-9]{0,17}$/;
const COUNTRY = /^[A-Z]{2}$/;
const ITEM = /^[a-z][a-z0-9-]{1,63}$/;

/**
 * What the fees pages stored for "Complain about this" (`complaintDraft.fees`):
 * { destinationCountry, occupationCategory, monthlySalaryMinor, salaryCurrency, items: [{ code, amountMinor, currency, paidOn? }] }
 * (apps/web/src/fees/fees-session.ts, FeesComplaintDraft; `item` and `date` are read too),
 * applied as answers: the category "excess fees", the country, the job, the salary and the fees paid.
 * Whatever does not look right is left out (the person answers it). Applied once: `fees` is removed.
 */
export function applyFeesPrefill(d: ComplaintDraft): boolean {
  const raw = d.fees as Record<string, unknown> | undefined;
  if (raw === undefined) return false;
  delete d.fees;
  // The fees pages also say the category (always excess fees); it is not kept as such.
  delete (d as { allegationCategory?: unknown }).allegationCategory;
  if (!raw || typeof raw !== 'object') return false;
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined);
  const items = Array.isArray(raw.items) ? raw.items : [];
  const lines: (FeeLineAnswer & { currency?: string; date?: string })[] = [];
  for (const it of items.slice(0, 20)) {
    const o = (it ?? {}) as Record<string, unknown>;
    // The fees pages name a line's item `code` and its day `paidOn` (the API's check says `item` and `date`).
    const item = str(o.item ?? o.code);
    const amountMinor = str(o.amountMinor);
    if (!item || !ITEM.test(item) || !amountMinor || !MINOR.test(amountMinor)) continue;
    lines.push({ item, amountMinor, currency: str(o.currency), date: str(o.date ?? o.paidOn) });
  }
  const country = str(raw.destinationCountry);
  const occupationCategory = str(raw.occupationCategory);
  const salary = str(raw.monthlySalaryMinor);
  const salaryCurrency = str(raw.salaryCurrency);
  const currency = lines.find((l) => l.currency && isKnownCurrency(l.currency))?.currency;
  const paidOn = lines.find((l) => l.date && ISO_DATE.test(l.date))?.date;

  d.categories = [...new Set<Category>(['excess-fees', ...(d.categories ?? [])])];
  if (country && COUNTRY.test(country)) d.employer = { ...(d.employer ?? {}), country };
  if (lines.length && currency) {
    d.feesPaid = {
      // Lines in another currency than the first cannot be shown in one list: the person sees the rest.
      lines: lines.filter((l) => !l.currency || l.currency === currency).map(({ item, amountMinor }) => ({ item, amountMinor })),
      currency,
      paidOn: paidOn ?? '',
      ...(occupationCategory && ITEM.test(occupationCategory) ? { occupationCategory } : {}),
      ...(salary && MINOR.test(salary) && salaryCurrency && isKnownCurrency(salaryCurrency) ? { monthlySalaryMinor: salary, salaryCurrency } : {}),
    };
  }
  return true;
}

/** Adds up fee lines (all in one currency). */
export function totalMinor(lines: readonly FeeLineAnswer[]): string {
  return lines.reduce((sum, l) => sum + BigInt(l.amountMinor), 0n).toString();
}

type FileComplaintBody = ApiSchemas['FileComplaintDto'];
type AllegationBody = ApiSchemas['AllegationDto'];

/**
 * The answers as the API's FileComplaintDto. The draft must be complete (the check page is
 * shown only then); `fallbackLanguage` is the reader's language when none was chosen.
 */
export function fileComplaintBody(d: ComplaintDraft, fallbackLanguage: Locale): FileComplaintBody {
  const anonymous = d.who === 'anonymous';
  const body: FileComplaintBody = {
    // In the categories' own order (complaint-api-errors.ts reads `allegations[i]` back the same way).
    allegations: CATEGORIES.filter((c) => d.categories?.includes(c)).map((category) => allegationBody(d, category)),
    language: d.language && isLocale(d.language) ? d.language : fallbackLanguage,
    anonymous,
    identityProtected: anonymous || d.identityProtected === true,
    workerAbroad: d.workerAbroad === true,
  };
  const agency = d.agency;
  if (agency?.kind === 'licensed') Object.assign(body, { licenseNumber: agency.licenseNumber, agencyName: agency.legalName });
  else if (agency?.kind === 'named') body.agencyName = agency.agencyName;
  else if (agency?.kind === 'unlicensed' && agency.description) body.recruiterDescription = agency.description;
  if (d.employer?.name) body.employerName = d.employer.name;
  if (d.employer?.country) body.destinationCountry = d.employer.country;
  if (!anonymous) {
    if (d.name) body.complainantName = d.name;
    if (d.contact?.email) body.email = d.contact.email;
    if (d.contact?.phone) body.phone = d.contact.phone;
  }
  const fees = d.categories?.includes('excess-fees') ? d.feesPaid : null;
  if (fees && d.employer?.country && fees.occupationCategory && fees.monthlySalaryMinor && fees.salaryCurrency && fees.lines.length && fees.paidOn) {
    body.statedFees = {
      occupationCategory: fees.occupationCategory,
      monthlySalaryMinor: fees.monthlySalaryMinor,
      salaryCurrency: fees.salaryCurrency,
      fees: fees.lines.map((l) => ({ item: l.item, amountMinor: l.amountMinor, currency: fees.currency, date: fees.paidOn })),
    };
  }
  return body;
}

function allegationBody(d: ComplaintDraft, category: Category): AllegationBody {
  const f = d.facts?.[category];
  const a: AllegationBody = { category, facts: f?.facts ?? '' };
  if (f?.occurredOn) a.occurredOn = f.occurredOn;
  if (f?.amountMinor && f.currency) Object.assign(a, { amountMinor: f.amountMinor, currency: f.currency });
  // Excess fees: the total paid is the amount at stake (kept on the case even without the fee check).
  if (category === 'excess-fees' && d.feesPaid?.lines.length) Object.assign(a, { amountMinor: totalMinor(d.feesPaid.lines), currency: d.feesPaid.currency });
  if (d.danger) a.traffickingIndicators = true;
  return a;
}

export const LANGUAGES: readonly Locale[] = LOCALES;
