/**
 * The welfare claim lifecycle, in one table: from which state an action leads to which state, who
 * may take it and what must hold. WelfareClaims is the only caller and the only writer of
 * `welfare_claim.state`. Rejected and paid are final.
 *
 *   submitted ─take─▶ under_review ─request-documents─▶ documents_requested ─documents-received─▶ under_review
 *                          ├─approve─▶ approved ─disburse─▶ disbursed ─confirm-payment─▶ paid
 *                          └─reject──▶ rejected
 */
export const CLAIM_STATES = ['submitted', 'under_review', 'documents_requested', 'approved', 'rejected', 'disbursed', 'paid'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_ACTIONS = ['take', 'request-documents', 'documents-received', 'approve', 'reject', 'disburse', 'confirm-payment'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export type ClaimActor = 'welfare_officer' | 'supervisor' | 'system';

export interface ClaimGuardContext {
  reason: string | null;
  /** request-documents: which checklist items are asked for. */
  requestedDocuments: readonly string[];
  /** approve: the eligibility verdict and the amount against the schedule. */
  eligible: boolean;
  overSchedule: boolean;
  /** The acting user holds the supervisor role (an amount above the schedule needs one). */
  bySupervisor: boolean;
  paidReference: string | null;
}

export type ClaimProblem = 'reason-required' | 'documents-required' | 'not-eligible' | 'supervisor-required' | 'reference-required';

export interface ClaimTransition {
  from: ClaimState;
  action: ClaimAction;
  to: ClaimState;
  who: readonly ClaimActor[];
  guard?: (c: ClaimGuardContext) => ClaimProblem | null;
}

const OFFICERS: readonly ClaimActor[] = ['welfare_officer', 'supervisor'];

export const CLAIM_TRANSITIONS: readonly ClaimTransition[] = [
  { from: 'submitted', action: 'take', to: 'under_review', who: OFFICERS },
  { from: 'under_review', action: 'request-documents', to: 'documents_requested', who: OFFICERS, guard: (c) => (c.requestedDocuments.length ? null : 'documents-required') },
  { from: 'documents_requested', action: 'documents-received', to: 'under_review', who: OFFICERS },
  {
    from: 'under_review',
    action: 'approve',
    to: 'approved',
    who: OFFICERS,
    guard: (c) => (!c.eligible && !c.reason?.trim() ? 'not-eligible' : c.overSchedule && !c.bySupervisor ? 'supervisor-required' : c.overSchedule && !c.reason?.trim() ? 'reason-required' : null),
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
