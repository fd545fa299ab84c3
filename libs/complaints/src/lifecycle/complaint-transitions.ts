/**
 * The complaint (case) lifecycle, in one table: from which stage an action leads to which stage,
 * who may take it, whether it moves the case backwards (then a reason is required), and what must
 * hold. ComplaintLifecycle is the only caller and the only writer of `complaint.stage`.
 *
 *   submitted ──accept──▶ conciliation ──settle──▶ settled ──comply──▶ closed
 *       │                    │  ▲  └─extend (once)     │
 *       ├─refer──▶ closed    │  └──return-to-conciliation (back, reason); settle-money-claim (serious offence) ──▶ adjudication
 *       └─dismiss─▶ closed   ├─fail / expire ──▶ adjudication ◀──breach (back, reason)── settled
 *                            │                    │ answer, schedule/hold/cancel-hearing (stay); decide waits for the hearing
 *                            │                    └─decide──▶ decided ──appeal──▶ appealed ──decide-appeal──▶ closed
 *                            │                                  └─lapse (the appeal window's deadline) ──▶ closed
 *   closed ──reopen (back, reason, supervisor)──▶ adjudication
 *
 * The complainant (a worker whose account the case is linked to) takes two moves: the appeal of a
 * decision, as the agency may (the same row: grounds required, within the appeal window, i.e.
 * while the case is `decided`), and withdrawing the complaint before it is decided.
 */

export const COMPLAINT_STAGES = ['submitted', 'conciliation', 'settled', 'adjudication', 'decided', 'appealed', 'closed'] as const;
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

export const COMPLAINT_ACTIONS = [
  'accept',
  'refer',
  'dismiss',
  'extend-conciliation',
  'settle',
  'settle-money-claim',
  'fail-conciliation',
  'expire-conciliation',
  'return-to-conciliation',
  'comply',
  'breach-settlement',
  'record-answer',
  'schedule-hearing',
  'hold-hearing',
  'cancel-hearing',
  'decide',
  'appeal',
  'decide-appeal',
  'lapse-appeal-window',
  'reopen',
  'withdraw',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** Who acts: a role, the complainant (through their account), or the system (a deadline firing). */
export type ComplaintActor = 'inspector' | 'supervisor' | 'agency_admin' | 'agency_staff' | 'complainant' | 'system';

/** How a closed case ended. */
export const CLOSE_OUTCOMES = ['referred', 'dismissed', 'settled', 'decided', 'appeal-decided', 'withdrawn'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export interface ComplaintGuardContext {
  reason: string | null;
  /** extend-conciliation: both parties consented, and the conciliation was not extended before. */
  bothPartiesConsent: boolean;
  conciliationExtended: boolean;
  /** refer: where to. */
  referralTarget: string | null;
  /** settle: terms given and a compliance date. */
  hasSettlementTerms: boolean;
  /** decide / decide-appeal: a finding for every allegation. */
  allAllegationsFound: boolean;
  /** record-answer: the agency's answer text. */
  hasAnswer: boolean;
  /** schedule-hearing: a future time and place. */
  hasHearing: boolean;
  /** A hearing is scheduled and neither held nor cancelled: no decision until it is. */
  hearingPending: boolean;
  /** hold-hearing: the scheduled hearing's time has come. */
  hearingDue: boolean;
  /**
   * An allegation is a serious offence under the schedule in force (retained documents, trafficking
   * indicators, a protected-category fee) or alleges abuse: settlement may dispose of the money
   * claim only, the case goes on to adjudication.
   */
  seriousOffence: boolean;
}

export type ComplaintProblem = 'reason-required' | 'consent-required' | 'already-extended' | 'target-required' | 'terms-required' | 'findings-required' | 'answer-required' | 'hearing-required' | 'hearing-pending' | 'no-hearing-scheduled' | 'hearing-not-yet' | 'adjudication-required' | 'no-serious-offence';

export interface ComplaintTransition {
  from: ComplaintStage;
  action: ComplaintAction;
  to: ComplaintStage;
  who: readonly ComplaintActor[];
  /** Moves the case back to an earlier stage: a reason is required. */
  backwards?: boolean;
  /** For moves into `closed`: how the case ended. */
  outcome?: CloseOutcome;
  guard?: (ctx: ComplaintGuardContext) => ComplaintProblem | null;
}

const OFFICERS: readonly ComplaintActor[] = ['inspector', 'supervisor'];
const reason = (c: ComplaintGuardContext) => (c.reason?.trim() ? null : 'reason-required');
const target = (c: ComplaintGuardContext) => (c.referralTarget?.trim() ? null : 'target-required');
const consent = (c: ComplaintGuardContext) => (c.conciliationExtended ? 'already-extended' : c.bothPartiesConsent ? null : 'consent-required');
const terms = (c: ComplaintGuardContext) => (c.hasSettlementTerms ? null : 'terms-required');
const findings = (c: ComplaintGuardContext) => (c.allAllegationsFound ? null : 'findings-required');
const decision = (c: ComplaintGuardContext) => findings(c) ?? (c.hearingPending ? 'hearing-pending' : null);
const settleAll = (c: ComplaintGuardContext) => (c.seriousOffence ? 'adjudication-required' : terms(c));
const settleMoney = (c: ComplaintGuardContext) => (c.seriousOffence ? terms(c) : 'no-serious-offence');
const hold = (c: ComplaintGuardContext) => (!c.hearingPending ? 'no-hearing-scheduled' : c.hearingDue ? null : 'hearing-not-yet');
const cancelHearing = (c: ComplaintGuardContext) => (!c.hearingPending ? 'no-hearing-scheduled' : reason(c));
const answer = (c: ComplaintGuardContext) => (c.hasAnswer ? null : 'answer-required');
const hearing = (c: ComplaintGuardContext) => (c.hasHearing ? null : 'hearing-required');

export const COMPLAINT_TRANSITIONS: readonly ComplaintTransition[] = [
  // Triage.
  { from: 'submitted', action: 'accept', to: 'conciliation', who: OFFICERS },
  { from: 'submitted', action: 'refer', to: 'closed', who: OFFICERS, outcome: 'referred', guard: target },
  { from: 'submitted', action: 'dismiss', to: 'closed', who: OFFICERS, outcome: 'dismissed', guard: reason },
  // Conciliation: the mandatory first step.
  { from: 'conciliation', action: 'extend-conciliation', to: 'conciliation', who: OFFICERS, guard: consent },
  { from: 'conciliation', action: 'settle', to: 'settled', who: OFFICERS, guard: settleAll },
  // A serious offence is never settled away: the money claim is settled, the offence adjudicated.
  { from: 'conciliation', action: 'settle-money-claim', to: 'adjudication', who: OFFICERS, guard: settleMoney },
  { from: 'conciliation', action: 'fail-conciliation', to: 'adjudication', who: OFFICERS, guard: reason },
  { from: 'conciliation', action: 'expire-conciliation', to: 'adjudication', who: ['system'] },
  { from: 'adjudication', action: 'return-to-conciliation', to: 'conciliation', who: OFFICERS, backwards: true, guard: reason },
  // Settlement.
  { from: 'settled', action: 'comply', to: 'closed', who: OFFICERS, outcome: 'settled' },
  { from: 'settled', action: 'breach-settlement', to: 'adjudication', who: [...OFFICERS, 'system'], guard: reason },
  // Adjudication.
  { from: 'adjudication', action: 'record-answer', to: 'adjudication', who: ['agency_admin', 'agency_staff', ...OFFICERS], guard: answer },
  { from: 'adjudication', action: 'schedule-hearing', to: 'adjudication', who: OFFICERS, guard: hearing },
  { from: 'adjudication', action: 'hold-hearing', to: 'adjudication', who: OFFICERS, guard: hold },
  { from: 'adjudication', action: 'cancel-hearing', to: 'adjudication', who: OFFICERS, guard: cancelHearing },
  // No decision before a scheduled hearing is held or cancelled.
  { from: 'adjudication', action: 'decide', to: 'decided', who: ['supervisor'], guard: decision },
  // Appeal.
  { from: 'decided', action: 'appeal', to: 'appealed', who: ['agency_admin', 'complainant', ...OFFICERS], guard: reason },
  { from: 'decided', action: 'lapse-appeal-window', to: 'closed', who: ['system'], outcome: 'decided' },
  { from: 'appealed', action: 'decide-appeal', to: 'closed', who: ['supervisor'], outcome: 'appeal-decided', guard: findings },
  // The complainant withdraws the complaint before it is decided (a settlement already agreed stands until complied with or breached).
  { from: 'submitted', action: 'withdraw', to: 'closed', who: ['complainant'], outcome: 'withdrawn' },
  { from: 'conciliation', action: 'withdraw', to: 'closed', who: ['complainant'], outcome: 'withdrawn' },
  { from: 'adjudication', action: 'withdraw', to: 'closed', who: ['complainant'], outcome: 'withdrawn' },
  // A closed case reopened (new evidence, a court order): back to adjudication.
  { from: 'closed', action: 'reopen', to: 'adjudication', who: ['supervisor'], backwards: true, guard: reason },
];

export function findComplaintTransition(from: ComplaintStage, action: ComplaintAction): ComplaintTransition | undefined {
  return COMPLAINT_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/** Actions the table allows from a stage, in table order. */
export const allowedComplaintActions = (from: ComplaintStage): ComplaintAction[] => COMPLAINT_TRANSITIONS.filter((t) => t.from === from).map((t) => t.action);

export type ComplaintDecision =
  | { ok: true; transition: ComplaintTransition }
  | { ok: false; error: 'transition-not-allowed'; allowed: ComplaintAction[] }
  | { ok: false; error: 'not-your-role'; who: readonly ComplaintActor[] }
  | { ok: false; error: ComplaintProblem };

/** Decides one move: the table, then who, then the backwards rule, then the guard. Pure. */
export function decideComplaint(from: ComplaintStage, action: ComplaintAction, actors: readonly ComplaintActor[], ctx: ComplaintGuardContext): ComplaintDecision {
  const t = findComplaintTransition(from, action);
  if (!t) return { ok: false, error: 'transition-not-allowed', allowed: allowedComplaintActions(from) };
  if (!t.who.some((w) => actors.includes(w))) return { ok: false, error: 'not-your-role', who: t.who };
  if (t.backwards && !ctx.reason?.trim()) return { ok: false, error: 'reason-required' };
  const problem = t.guard?.(ctx) ?? null;
  return problem ? { ok: false, error: problem } : { ok: true, transition: t };
}

/** Stages where the case is open (counted in queues and workloads). */
export const OPEN_STAGES: readonly ComplaintStage[] = ['submitted', 'conciliation', 'settled', 'adjudication', 'decided', 'appealed'];

/**
 * Open stages a case reaches only once an officer accepted it at triage (or a supervisor reopened
 * it): every open stage but `submitted`. The public scorecard counts complaints in these stages
 * only, never unvetted filings.
 */
export const ACCEPTED_OPEN_STAGES: readonly ComplaintStage[] = OPEN_STAGES.filter((s) => s !== 'submitted');
