import type { Role } from '@app/common';

/**
 * The license application lifecycle, in one table: from which state an action leads to which
 * state, who may take it, and what must hold. ApplicationsService is the only caller and the
 * only writer of `license_application.state`. Approved and rejected are final.
 */

export const APPLICATION_STATES = ['draft', 'submitted', 'under_review', 'returned_for_correction', 'recommended', 'approved', 'rejected'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_TYPES = ['new', 'renewal'] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

export const APPLICATION_ACTIONS = ['submit', 'take', 'return', 'recommend', 'approve', 'reject'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Filed and not yet decided: what keeps a renewed license from expiring. */
export const PENDING_APPLICATION_STATES: readonly ApplicationState[] = ['submitted', 'under_review', 'returned_for_correction', 'recommended'];
export const FINAL_APPLICATION_STATES: readonly ApplicationState[] = ['approved', 'rejected'];

/**
 * The documents each application type requires (kinds of `stored_document` with owner type
 * 'license-application'). It cannot be submitted while one is missing.
 */
export const REQUIRED_APPLICATION_DOCUMENTS: Readonly<Record<ApplicationType, readonly string[]>> = {
  new: ['business-registration', 'business-permit', 'tax-clearance', 'financial-statement', 'escrow-certificate'],
  renewal: ['business-permit', 'tax-clearance', 'financial-statement', 'escrow-certificate'],
};

/** Every kind an application may carry: the required ones and 'other'. */
export const APPLICATION_DOCUMENT_KINDS = ['business-registration', 'business-permit', 'tax-clearance', 'financial-statement', 'escrow-certificate', 'office-lease', 'other'] as const;
export type ApplicationDocumentKind = (typeof APPLICATION_DOCUMENT_KINDS)[number];

export interface ApplicationGuardContext {
  /** Required document kinds not uploaded yet. */
  missingDocuments: readonly string[];
  /** For return: the items the agency must fix. */
  correctionItems: readonly string[];
  /** For reject: the supervisor's reasons. */
  reasons: string | null;
  /** For approve: the clearance checks that failed (escrow, obligations, license state). */
  failedClearances: readonly string[];
}

export type ApplicationProblem = 'documents-missing' | 'items-missing' | 'reasons-missing' | 'clearance-failed';

export interface ApplicationTransition {
  from: ApplicationState;
  action: ApplicationAction;
  to: ApplicationState;
  who: readonly Role[];
  /** Null when the move may happen; otherwise which condition fails. */
  guard?: (ctx: ApplicationGuardContext) => ApplicationProblem | null;
}

const documentsComplete = (c: ApplicationGuardContext) => (c.missingDocuments.length ? 'documents-missing' : null);
const hasItems = (c: ApplicationGuardContext) => (c.correctionItems.length ? null : 'items-missing');
const hasReasons = (c: ApplicationGuardContext) => (c.reasons?.trim() ? null : 'reasons-missing');
const cleared = (c: ApplicationGuardContext) => (c.failedClearances.length ? 'clearance-failed' : null);

export const APPLICATION_TRANSITIONS: readonly ApplicationTransition[] = [
  { from: 'draft', action: 'submit', to: 'submitted', who: ['agency_admin'], guard: documentsComplete },
  { from: 'submitted', action: 'take', to: 'under_review', who: ['inspector'] },
  { from: 'under_review', action: 'return', to: 'returned_for_correction', who: ['inspector'], guard: hasItems },
  // Resubmission: back to the review queue.
  { from: 'returned_for_correction', action: 'submit', to: 'submitted', who: ['agency_admin'], guard: documentsComplete },
  { from: 'under_review', action: 'recommend', to: 'recommended', who: ['inspector'] },
  { from: 'recommended', action: 'approve', to: 'approved', who: ['supervisor'], guard: cleared },
  { from: 'recommended', action: 'reject', to: 'rejected', who: ['supervisor'], guard: hasReasons },
];

export function findApplicationTransition(from: ApplicationState, action: ApplicationAction): ApplicationTransition | undefined {
  return APPLICATION_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/** Actions the table allows from a state, in table order: what a refusal names. */
export const allowedApplicationActions = (from: ApplicationState): ApplicationAction[] => APPLICATION_TRANSITIONS.filter((t) => t.from === from).map((t) => t.action);

export type ApplicationDecision =
  | { ok: true; to: ApplicationState }
  | { ok: false; why: 'not-allowed'; message: string }
  | { ok: false; why: 'not-your-role'; message: string }
  | { ok: false; why: 'guard'; problem: ApplicationProblem; message: string };

const PROBLEM_TEXT: Record<ApplicationProblem, string> = {
  'documents-missing': 'required documents are missing',
  'items-missing': 'name at least one item to correct',
  'reasons-missing': 'a rejection needs its reasons',
  'clearance-failed': 'a clearance check failed',
};

/** Whether someone holding `roles` may take `action` on an application in state `from`. */
export function decideApplication(from: ApplicationState, action: ApplicationAction, roles: readonly Role[], ctx: ApplicationGuardContext): ApplicationDecision {
  const t = findApplicationTransition(from, action);
  if (!t) return { ok: false, why: 'not-allowed', message: `An application that is ${from.replace(/_/g, ' ')} cannot take the action ${action}.` };
  if (!t.who.some((w) => roles.includes(w))) return { ok: false, why: 'not-your-role', message: `Only ${t.who.join(' or ')} may ${action} an application.` };
  const problem = t.guard?.(ctx) ?? null;
  if (problem) return { ok: false, why: 'guard', problem, message: `The application cannot take the action ${action}: ${PROBLEM_TEXT[problem]}.` };
  return { ok: true, to: t.to };
}
