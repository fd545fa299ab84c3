import type { ComplaintAction } from '../lifecycle/complaint-transitions';

/**
 * What an agency may see of the cases about it (issue 17).
 *
 * - A complaint: from its filing (the allegations and what is shared; docs/complaints.md, "Who sees what").
 * - An inspection case (opened by the pattern of complaints, or later by a supervisor): nothing
 *   (not in its list, its counts, its case view, its evidence routes, its mail) until the ministry
 *   notifies it. The ministry notifies the agency by the first move that mails the agency about the
 *   case: `accept` (`complaint.agency-filed`) or, for an inspection referred or dismissed at triage
 *   and then reopened, the docketing of `reopen` (`complaint.agency-answer-due`). From then on the
 *   agency sees what is shared only: the shared timeline and deadlines, and, instead of the
 *   system's internal text on the allegation (which names the complaints behind the pattern),
 *   INSPECTION_FACTS_FOR_AGENCY.
 */
export interface AgencyVisibilityFields {
  kind: 'complaint' | 'inspection';
  agencyNotifiedAt: Date | null;
}

export const agencyMaySee = (c: AgencyVisibilityFields): boolean => c.kind === 'complaint' || c.agencyNotifiedAt !== null;

/** The same rule in SQL, for a `complaint` row under `alias`. */
export const agencyMaySeeSql = (alias: string): string => `(${alias}.kind = 'complaint' OR ${alias}.agency_notified_at IS NOT NULL)`;

/** Moves that notify the agency of an inspection it was not told of (they mail its admins). */
export const AGENCY_NOTICE_ACTIONS: ReadonlySet<ComplaintAction> = new Set<ComplaintAction>(['accept', 'reopen']);

/** What the agency reads as an inspection's allegation, instead of the ministry's internal text. */
export const INSPECTION_FACTS_FOR_AGENCY = 'The ministry is inspecting the agency. What the ministry shares with the agency is on the timeline.';
