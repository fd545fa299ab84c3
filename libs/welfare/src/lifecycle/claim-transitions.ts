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

export interface ClaimTransition {
  from: ClaimState;
  action: ClaimAction;
  to: ClaimState;
  who: readonly ClaimActor[];
  guard?: (c: ClaimGuardContext) => ClaimProblem | null;
}

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
  { from: 'submitted', action: 'take', to: 'under_review', who: OFFICERS },
  { from: 'under_review', action: 'request-documents', to: 'documents_requested', who: OFFICERS, guard: (c) => (c.requestedDocuments.length ? null : 'documents-required') },
  // An officer records the documents as received, or the system does when the claimant has sent every one asked for.
  { from: 'documents_requested', action: 'documents-received', to: 'under_review', who: [...OFFICERS, 'system'] },
  {
    from: 'under_review',
    action: 'approve',
    to: 'approved',
    who: OFFICERS,
    guard: approvalGuard,
  },
  { from: 'under_review', action: 'reject', to: 'rejected', who: OFFICERS, guard: (c) => (c.reason?.trim() ? null : 'reason-required') },
  { from: 'approved', action: 'disburse', to: 'disbursed', who: OFFICERS },
  { from: 'disbursed', action: 'confirm-payment', to: 'paid', who: OFFICERS, guard: (c) => (c.paidReference?.trim() ? null : 'reference-required') },
];

export const FINAL_CLAIM_STATES: readonly ClaimState[] = ['rejected', 'paid'];

export function findClaimTransition(from: ClaimState, action: ClaimAction): ClaimTransition | undefined {
  return CLAIM_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export const allowedClaimActions = (from: ClaimState): ClaimAction[] => CLAIM_TRANSITIONS.filter((t) => t.from === from).map((t) => t.action);

export type ClaimDecision = { ok: true; transition: ClaimTransition } | { ok: false; error: 'transition-not-allowed' | 'not-your-role' | ClaimProblem };

export function decideClaim(from: ClaimState, action: ClaimAction, actors: readonly ClaimActor[], ctx: ClaimGuardContext): ClaimDecision {
  const t = findClaimTransition(from, action);
  if (!t) return { ok: false, error: 'transition-not-allowed' };
  if (!t.who.some((w) => actors.includes(w))) return { ok: false, error: 'not-your-role' };
  const problem = t.guard?.(ctx) ?? null;
  return problem ? { ok: false, error: problem } : { ok: true, transition: t };
}
