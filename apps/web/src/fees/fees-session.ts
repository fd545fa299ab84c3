/**
 * What the fee pages keep in the person's web session (Redis, never the URL): the answers to the
 * job questions, shared by both journeys ("What may I be charged?", "Check what I paid"), the fees
 * they paid, and errors the API found waiting to be shown on the page that asked (Post/Redirect/Get).
 *
 * "Complain about this" hands the checked fees to the complaint form through the session too, as
 * `complaintDraft` (see `FeesComplaintDraft`): the complaint pages read it and start pre-filled.
 */
import type { Session } from 'fastify';

export type FeesJourney = 'calculator' | 'check';
export const isJourney = (value: unknown): value is FeesJourney => value === 'calculator' || value === 'check';

/** One fee the worker says they paid. */
export interface PaidFee {
  /** 'placement-fee' or a cost-item code of the API's vocabulary. */
  code: string;
  /** Integer minor units as a decimal string (ISO 4217 exponent of `currency`). */
  amountMinor: string;
  currency: string;
  /** The day it was paid (YYYY-MM-DD); absent: not known (the check uses its own date, today). */
  paidOn?: string;
}

/** The question pages, as errors name them. */
export type FeesPage = 'country' | 'job' | 'salary' | 'fees' | 'fee';

/** An error found by the API, to show next to `field` on `page` (the `index`th fee for 'fee'). */
export interface PendingErrors {
  page: FeesPage;
  index?: number;
  errors: { field: string; key: string }[];
}

export interface FeesAnswers {
  destinationCountry?: string;
  occupationCategory?: string;
  salaryCurrency?: string;
  monthlySalaryMinor?: string;
  fees?: PaidFee[];
  pending?: PendingErrors;
}

/** At most this many fees in one check (the API's limit). */
export const MAX_FEES = 50;

/**
 * The complaint draft "Complain about this" stores in the session (`session.complaintDraft`),
 * read by the complaint pages: the allegation category and the job and fees as checked.
 */
export interface FeesComplaintDraft {
  allegationCategory: 'excess-fees';
  fees: {
    destinationCountry: string;
    occupationCategory: string;
    monthlySalaryMinor: string;
    salaryCurrency: string;
    items: PaidFee[];
  };
}

declare module 'fastify' {
  interface Session {
    /** The fee pages' answers (see apps/web/src/fees/fees-session.ts). */
    fees?: FeesAnswers;
  }
}

/** The fee answers of this session (an empty object, not stored until something is put in it). */
export function answersOf(session: Session): FeesAnswers {
  return session.fees ?? {};
}

export function saveAnswers(session: Session, answers: FeesAnswers): void {
  session.fees = answers;
}

/**
 * Starts a complaint from a check: the complaint pages read `session.complaintDraft.fees` once
 * (apps/web/src/complaints/complaint-draft.ts, applyFeesPrefill) and fill in the category, the
 * country, the job, the salary and the fees. A complaint already begun keeps what it has (the
 * fees are added to it). Written through an index: the complaint pages own that key's type.
 */
export function storeComplaintDraft(session: Session, draft: FeesComplaintDraft): void {
  const bag = session as unknown as Record<string, unknown>;
  const existing = bag.complaintDraft;
  bag.complaintDraft = { ...(existing && typeof existing === 'object' ? existing : {}), ...draft };
}
