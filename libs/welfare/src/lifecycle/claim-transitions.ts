import { LifecycleEffects, LifecycleRefusalCode, TransitionRow, defineLifecycle } from '@app/common';
import type { TemplateKey } from '@app/notifications';

/**
 * The welfare claim lifecycle, in one table: from which state an action leads to which state, who
 * may take it and what must hold. WelfareClaims is the only caller and the only writer of
 * `welfare_claim.state`. Rejected and paid are final.
 *
 *   submitted ─take─▶ under_review ─request-documents─▶ documents_requested ─documents-received─▶ under_review
 *                          ├─approve─▶ approved (outside eligibility or above the schedule: a supervisor) ─disburse─▶ disbursed ─confirm-payment─▶ paid
 *                          └─reject──▶ rejected
 */
export const CLAIM_STATES = ['submitted', 'under_review', 'documents_requested', 'approved', 'rejected', 'disbursed', 'paid'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_ACTIONS = ['take', 'request-documents', 'documents-received', 'approve', 'reject', 'disburse', 'confirm-payment'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export type ClaimActor = 'welfare_officer' | 'supervisor' | 'system';

/**
 * Why a supervisor approves a claim that fails an eligibility check (issue 20): one of these,
 * always with words (`reason`). The list is closed so that the report can count them.
 */
export const ELIGIBILITY_EXCEPTION_REASONS = [
  /** Filed late for a cause outside the claimant's control (hospital, detention, no word of the death). */
  'late-filing-good-cause',
  /** The contribution was paid (receipt shown) but never recorded, so membership looks lapsed. */
  'contribution-paid-unrecorded',
  /** The agency collected the contribution and did not remit it: the worker is not to bear it. */
  'agency-failed-to-remit',
  /** A record of the fund or the ministry is wrong (dates, an earlier payment wrongly booked). */
  'record-error',
  /** Exceptional humanitarian grounds, decided case by case. */
  'humanitarian',
] as const;
export type EligibilityExceptionReason = (typeof ELIGIBILITY_EXCEPTION_REASONS)[number];

export interface ClaimGuardContext {
  reason: string | null;
  /** request-documents: which checklist items are asked for. */
  requestedDocuments: readonly string[];
  /** approve: the eligibility verdict and the amount against the schedule. */
  eligible: boolean;
  overSchedule: boolean;
  /** The acting user holds the supervisor role (an amount above the schedule, or an ineligible claim, needs one). */
  bySupervisor: boolean;
  /** approve, outside eligibility: the reason from ELIGIBILITY_EXCEPTION_REASONS. */
  exceptionReason?: string | null;
  paidReference: string | null;
}

export type ClaimProblem = 'reason-required' | 'documents-required' | 'exception-reason-required' | 'supervisor-required' | 'reference-required';

/**
 * What a move causes besides the state. The decision deadline (welfare.decision) and the claimant's
 * mail are declared here and carried out by WelfareClaims; the audit action is read from the row.
 */
export type ClaimEffects = LifecycleEffects<string, string, TemplateKey>;

export type ClaimTransition = TransitionRow<ClaimState, ClaimAction, ClaimActor, ClaimGuardContext, ClaimProblem, ClaimEffects>;

const DECISION = 'welfare.decision';

const OFFICERS: readonly ClaimActor[] = ['welfare_officer', 'supervisor'];

/**
 * approve: outside eligibility only a supervisor, with a reason from the list and words; above the
 * schedule (or with none) only a supervisor, with words.
 */
function approvalGuard(c: ClaimGuardContext): ClaimProblem | null {
  if (!c.eligible || c.overSchedule) {
    if (!c.bySupervisor) return 'supervisor-required';
    if (!c.eligible && !c.exceptionReason) return 'exception-reason-required';
    if (!c.reason?.trim()) return 'reason-required';
  }
  return null;
}

export const CLAIM_TRANSITIONS: readonly ClaimTransition[] = [
  { from: 'submitted', action: 'take', to: 'under_review', who: OFFICERS, effects: { audit: 'welfare.claim.take' } },
  // The decision clock stops while the claimant gathers the documents.
  {
    from: 'under_review',
    action: 'request-documents',
    to: 'documents_requested',
    who: OFFICERS,
    guard: (c) => (c.requestedDocuments.length ? null : 'documents-required'),
    effects: { audit: 'welfare.claim.request-documents', deadlines: { pause: [DECISION] }, notices: ['welfare.documents-requested'] },
  },
  // An officer records the documents as received, or the system does when the claimant has sent every one asked for.
  {
    from: 'documents_requested',
    action: 'documents-received',
    to: 'under_review',
    who: [...OFFICERS, 'system'],
    effects: { audit: 'welfare.claim.documents-received', deadlines: { resume: [DECISION] } },
  },
  {
    from: 'under_review',
    action: 'approve',
    to: 'approved',
    who: OFFICERS,
    guard: approvalGuard,
    effects: { audit: 'welfare.claim.approve', deadlines: { meet: [DECISION] }, notices: ['welfare.claim-approved'] },
  },
  {
    from: 'under_review',
    action: 'reject',
    to: 'rejected',
    who: OFFICERS,
    guard: (c) => (c.reason?.trim() ? null : 'reason-required'),
    effects: { audit: 'welfare.claim.reject', deadlines: { meet: [DECISION] }, notices: ['welfare.claim-rejected'] },
  },
  { from: 'approved', action: 'disburse', to: 'disbursed', who: OFFICERS, effects: { audit: 'welfare.claim.disburse', notices: ['welfare.claim-disbursed'] } },
  {
    from: 'disbursed',
    action: 'confirm-payment',
    to: 'paid',
    who: OFFICERS,
    guard: (c) => (c.paidReference?.trim() ? null : 'reference-required'),
    effects: { audit: 'welfare.claim.confirm-payment', notices: ['welfare.claim-paid'] },
  },
];

/** The claim lifecycle on the kernel; refusals answer 409 transition-not-allowed / transition-condition-unmet, 403 forbidden. */
export const CLAIM_LIFECYCLE = defineLifecycle<ClaimTransition>({
  name: 'welfare-claim',
  states: CLAIM_STATES,
  actions: CLAIM_ACTIONS,
  rows: CLAIM_TRANSITIONS,
  answer: (r, lifecycle) => {
    if (r.code === LifecycleRefusalCode.NotYourRole)
      return { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Your role may not take '${r.action}' on a claim.` };
    const fields = { state: r.from, action: r.action, allowedActions: lifecycle.allowed(r.from) };
    if (r.code === LifecycleRefusalCode.TransitionNotAllowed)
      return { type: 'transition-not-allowed', status: 409, title: 'Conflict', detail: `A ${r.from} claim cannot take '${r.action}'.`, fields };
    return {
      type: 'transition-condition-unmet',
      status: 409,
      title: 'Conflict',
      detail: `'${r.action}' cannot be taken: ${r.condition!.replace(/-/g, ' ')}.`,
      fields: { ...fields, condition: r.condition },
    };
  },
});

export const FINAL_CLAIM_STATES: readonly ClaimState[] = ['rejected', 'paid'];

export const allowedClaimActions = (from: ClaimState): ClaimAction[] => CLAIM_LIFECYCLE.allowed(from);
