import { LifecycleEffects, LifecycleRefusalCode, TransitionRow, defineLifecycle } from '@app/common';
import type { Role } from '@app/common';
import type { TemplateKey } from '@app/notifications';

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
export const APPLICATION_DOCUMENT_KINDS = [
  'business-registration',
  'business-permit',
  'tax-clearance',
  'financial-statement',
  'escrow-certificate',
  'office-lease',
  'other',
] as const;
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
  /** For approve: every clearance check with its detail, for the refusal's answer. */
  clearanceChecks?: readonly { check: string; ok: boolean; detail: string }[];
}

export type ApplicationProblem = 'documents-missing' | 'items-missing' | 'reasons-missing' | 'clearance-failed';

/** The review's deadline: a new license's or a renewal's (the application's type chooses). */
export type ReviewDeadline = { readonly new: string; readonly renewal: string };
const REVIEW: ReviewDeadline = { new: 'license.application-review', renewal: 'license.renewal-decision' };

/**
 * What a move causes besides the state. The review deadline and the agency admins' mail are
 * declared here and carried out by ApplicationsService (reviewDeadline, the notices); the audit
 * action is read from the row. The review deadline starts at the first filing only, and is
 * assigned to the reviewer who takes the application.
 */
export type ApplicationEffects = LifecycleEffects<ReviewDeadline, ReviewDeadline, TemplateKey>;

export type ApplicationTransition = TransitionRow<ApplicationState, ApplicationAction, Role, ApplicationGuardContext, ApplicationProblem, ApplicationEffects>;

const documentsComplete = (c: ApplicationGuardContext) => (c.missingDocuments.length ? 'documents-missing' : null);
const hasItems = (c: ApplicationGuardContext) => (c.correctionItems.length ? null : 'items-missing');
const hasReasons = (c: ApplicationGuardContext) => (c.reasons?.trim() ? null : 'reasons-missing');
const cleared = (c: ApplicationGuardContext) => (c.failedClearances.length ? 'clearance-failed' : null);

export const APPLICATION_TRANSITIONS: readonly ApplicationTransition[] = [
  {
    from: 'draft',
    action: 'submit',
    to: 'submitted',
    who: ['agency_admin'],
    guard: documentsComplete,
    effects: { audit: 'agency.application.submitted', deadlines: { start: [REVIEW] } },
  },
  { from: 'submitted', action: 'take', to: 'under_review', who: ['inspector'], effects: { audit: 'agency.application.review-started' } },
  {
    from: 'under_review',
    action: 'return',
    to: 'returned_for_correction',
    who: ['inspector'],
    guard: hasItems,
    effects: { audit: 'agency.application.returned', deadlines: { pause: [REVIEW] }, notices: ['license.application-returned'] },
  },
  // Resubmission: back to the review queue.
  {
    from: 'returned_for_correction',
    action: 'submit',
    to: 'submitted',
    who: ['agency_admin'],
    guard: documentsComplete,
    effects: { audit: 'agency.application.submitted', deadlines: { resume: [REVIEW] } },
  },
  { from: 'under_review', action: 'recommend', to: 'recommended', who: ['inspector'], effects: { audit: 'agency.application.recommended' } },
  {
    from: 'recommended',
    action: 'approve',
    to: 'approved',
    who: ['supervisor'],
    guard: cleared,
    effects: { audit: 'agency.application.approved', deadlines: { meet: [REVIEW] }, notices: ['license.application-approved'] },
  },
  {
    from: 'recommended',
    action: 'reject',
    to: 'rejected',
    who: ['supervisor'],
    guard: hasReasons,
    effects: { audit: 'agency.application.rejected', deadlines: { meet: [REVIEW] }, notices: ['license.application-rejected'] },
  },
];

const PROBLEM_TEXT: Record<ApplicationProblem, string> = {
  'documents-missing': 'required documents are missing',
  'items-missing': 'name at least one item to correct',
  'reasons-missing': 'a rejection needs its reasons',
  'clearance-failed': 'a clearance check failed',
};

/**
 * The application lifecycle on the kernel. Refusals: 409 `transition-not-allowed`, 409
 * `documents-missing` (with `missing`), 409 `clearance-failed` (with `failedChecks` and `checks`),
 * 409 `transition-condition-unmet`, all with state, action and `allowedActions`; 403 `forbidden`.
 */
export const APPLICATION_LIFECYCLE = defineLifecycle<ApplicationTransition>({
  name: 'license-application',
  states: APPLICATION_STATES,
  actions: APPLICATION_ACTIONS,
  rows: APPLICATION_TRANSITIONS,
  answer: (r, lifecycle, ctx) => {
    if (r.code === LifecycleRefusalCode.NotYourRole)
      return { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Only ${r.who.join(' or ')} may ${r.action} an application.` };
    const fields = { state: r.from, action: r.action, allowedActions: lifecycle.allowed(r.from) };
    if (r.code === LifecycleRefusalCode.TransitionNotAllowed)
      return {
        type: 'transition-not-allowed',
        status: 409,
        title: 'Conflict',
        detail: `An application that is ${r.from.replace(/_/g, ' ')} cannot take the action ${r.action}.`,
        fields,
      };
    if (r.condition === 'documents-missing') {
      const missing = ctx?.missingDocuments ?? [];
      return {
        type: 'documents-missing',
        status: 409,
        title: 'Conflict',
        detail: `Upload the required documents first: ${missing.join(', ')}.`,
        fields: { ...fields, missing },
      };
    }
    if (r.condition === 'clearance-failed' && ctx?.clearanceChecks) {
      const failed = ctx.clearanceChecks.filter((c) => !c.ok);
      return {
        type: 'clearance-failed',
        status: 409,
        title: 'Conflict',
        detail: `Clearance failed: ${failed.map((c) => `${c.check} (${c.detail})`).join('; ')}.`,
        fields: { ...fields, failedChecks: failed.map((c) => c.check), checks: ctx.clearanceChecks },
      };
    }
    return {
      type: 'transition-condition-unmet',
      status: 409,
      title: 'Conflict',
      detail: `The application cannot take the action ${r.action}: ${PROBLEM_TEXT[r.condition!]}.`,
      fields,
    };
  },
});

/** Actions the table allows from a state, in table order: what a refusal names. */
export const allowedApplicationActions = (from: ApplicationState): ApplicationAction[] => APPLICATION_LIFECYCLE.allowed(from);
