/**
 * The inspection lifecycle, in one table: from which state an action leads to which state, who may
 * take it and what must hold. InspectionsService is the only caller and the only writer of
 * `inspection.state`.
 *
 *   planned ──conduct──▶ conducted ──record-findings──▶ findings ──follow-up──▶ closed
 *      └─cancel (reason, supervisor)──▶ cancelled
 *   notify-agency (planned, conducted, findings: stays): the agency sees the inspection from then on.
 */

export const INSPECTION_STATES = ['planned', 'conducted', 'findings', 'closed', 'cancelled'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

export const INSPECTION_ORIGINS = ['pattern', 'supervisor', 'routine'] as const;
export type InspectionOrigin = (typeof INSPECTION_ORIGINS)[number];

export const INSPECTION_ACTIONS = ['notify-agency', 'conduct', 'record-findings', 'follow-up', 'cancel'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

export type InspectionActor = 'inspector' | 'supervisor';

/** What the checklist of every inspection covers (SPEC section 9). */
export const CHECKLIST_ITEMS = ['identity-documents-retained', 'fee-receipts', 'contracts', 'branch-premises'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface InspectionGuardContext {
  reason: string | null;
  /** notify-agency: not notified yet. */
  agencyNotified: boolean;
  /** conduct: a date not in the future, at least one inspector, every checklist item answered once. */
  conductedOnValid: boolean;
  hasInspectors: boolean;
  checklistComplete: boolean;
  /** record-findings: the findings given (may be empty: no violation). */
  hasFindings: boolean;
}

export type InspectionProblem = 'reason-required' | 'already-notified' | 'date-required' | 'inspectors-required' | 'checklist-incomplete' | 'findings-required';

export interface InspectionTransition {
  from: InspectionState;
  action: InspectionAction;
  to: InspectionState;
  who: readonly InspectionActor[];
  guard?: (c: InspectionGuardContext) => InspectionProblem | null;
}

const OFFICERS: readonly InspectionActor[] = ['inspector', 'supervisor'];
const notify = (c: InspectionGuardContext) => (c.agencyNotified ? 'already-notified' : null);
const conduct = (c: InspectionGuardContext) => (!c.conductedOnValid ? 'date-required' : !c.hasInspectors ? 'inspectors-required' : !c.checklistComplete ? 'checklist-incomplete' : null);
const findings = (c: InspectionGuardContext) => (c.hasFindings ? null : 'findings-required');
const reason = (c: InspectionGuardContext) => (c.reason?.trim() ? null : 'reason-required');

export const INSPECTION_TRANSITIONS: readonly InspectionTransition[] = [
  { from: 'planned', action: 'notify-agency', to: 'planned', who: OFFICERS, guard: notify },
  { from: 'conducted', action: 'notify-agency', to: 'conducted', who: OFFICERS, guard: notify },
  { from: 'findings', action: 'notify-agency', to: 'findings', who: OFFICERS, guard: notify },
  { from: 'planned', action: 'conduct', to: 'conducted', who: OFFICERS, guard: conduct },
  { from: 'conducted', action: 'record-findings', to: 'findings', who: OFFICERS, guard: findings },
  // A violation found opens proceedings against the agency (a case, like a complaint's).
  { from: 'findings', action: 'follow-up', to: 'closed', who: ['supervisor'] },
  { from: 'planned', action: 'cancel', to: 'cancelled', who: ['supervisor'], guard: reason },
];

export const allowedInspectionActions = (from: InspectionState): InspectionAction[] => INSPECTION_TRANSITIONS.filter((t) => t.from === from).map((t) => t.action);

export type InspectionDecision =
  | { ok: true; transition: InspectionTransition }
  | { ok: false; error: 'transition-not-allowed' }
  | { ok: false; error: 'not-your-role' }
  | { ok: false; error: InspectionProblem };

/** Decides one move: the table, then who, then the guard. Pure. */
export function decideInspection(from: InspectionState, action: InspectionAction, actors: readonly InspectionActor[], ctx: InspectionGuardContext): InspectionDecision {
  const t = INSPECTION_TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) return { ok: false, error: 'transition-not-allowed' };
  if (!t.who.some((w) => actors.includes(w))) return { ok: false, error: 'not-your-role' };
  const problem = t.guard?.(ctx) ?? null;
  return problem ? { ok: false, error: problem } : { ok: true, transition: t };
}
