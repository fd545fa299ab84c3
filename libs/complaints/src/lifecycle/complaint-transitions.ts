import { LifecycleEffects, LifecycleRefusalCode, TransitionRow, defineLifecycle } from '@app/common';
import type { TemplateKey } from '@app/notifications';
import { COMPLAINT_DEADLINES, ComplaintDeadlineKind } from '../deadlines/complaint-deadline-kinds';

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

export type ComplaintProblem =
  | 'reason-required'
  | 'consent-required'
  | 'already-extended'
  | 'target-required'
  | 'terms-required'
  | 'findings-required'
  | 'answer-required'
  | 'hearing-required'
  | 'hearing-pending'
  | 'no-hearing-scheduled'
  | 'hearing-not-yet'
  | 'adjudication-required'
  | 'no-serious-offence';

/** A deadline by kind, or the pair a case's priority chooses from (the `.urgent` kind for an urgent case). */
export type ComplaintDeadlineRef = ComplaintDeadlineKind | { readonly normal: ComplaintDeadlineKind; readonly urgent: ComplaintDeadlineKind };

/** A deadline a move starts: its kind, its label (`Case <reference>: <label>`), and when it falls due when not by its policy. */
export interface ComplaintDeadlineStart {
  readonly kind: ComplaintDeadlineRef;
  readonly label: string;
  /** `comply-by`: the end of the settlement's compliance day; `extension`: the running one replaced by one 15 days later (none running: nothing). */
  readonly due?: 'comply-by' | 'extension';
}

/** A mail a move sends: to whom, which template, the step of its dedup key; `onlyWhen` for the appeal's other party. */
export interface ComplaintNotice {
  readonly to: 'complainant' | 'agency';
  readonly template: TemplateKey;
  readonly step: string;
  readonly onlyWhen?: 'agency-acts' | 'others-act';
}

export type ComplaintEffects = LifecycleEffects<ComplaintDeadlineRef, ComplaintDeadlineStart, ComplaintNotice>;

/** The kinds a deadline entry names (both of a priority pair). */
export const complaintDeadlineKinds = (e: ComplaintDeadlineRef | ComplaintDeadlineStart): ComplaintDeadlineKind[] => {
  const ref = typeof e === 'object' && 'kind' in e ? e.kind : e;
  return typeof ref === 'string' ? [ref] : [ref.normal, ref.urgent];
};

export interface ComplaintTransition extends TransitionRow<
  ComplaintStage,
  ComplaintAction,
  ComplaintActor,
  ComplaintGuardContext,
  ComplaintProblem,
  ComplaintEffects
> {
  /** Moves the case back to an earlier stage: a reason is required (its guard asks for one). */
  readonly backwards?: boolean;
  /** For moves into `closed`: how the case ended. */
  readonly outcome?: CloseOutcome;
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

const D = COMPLAINT_DEADLINES;
const TRIAGE = { normal: D.triage, urgent: D.triageUrgent } as const;
const DECISION = { normal: D.decision, urgent: D.decisionUrgent } as const;
const audit = (action: ComplaintAction) => `complaint.${action}`;
const toComplainant = (template: TemplateKey, step: string): ComplaintNotice => ({ to: 'complainant', template, step });
const toAgency = (template: TemplateKey, step: string): ComplaintNotice => ({ to: 'agency', template, step });
const CLOSED_NOTICE = [toComplainant('complaint.closed', 'closed')];

/** Into adjudication (docketing): the agency's answer (10 days) and the decision (90 days, 45 if urgent) start, both parties are told. */
const DOCKET = {
  start: [
    { kind: D.agencyAnswer, label: 'agency answer' },
    { kind: DECISION, label: 'decision' },
  ],
  notices: [toComplainant('complaint.adjudication', 'adjudication'), toAgency('complaint.agency-answer-due', 'answer-due')],
} as const;
const docketed = (
  action: ComplaintAction,
  first: { cancel?: ComplaintDeadlineKind[]; meet?: ComplaintDeadlineKind[]; start?: ComplaintDeadlineStart[] } = {},
): ComplaintEffects => ({
  audit: audit(action),
  deadlines: { ...first, start: [...(first.start ?? []), ...DOCKET.start] },
  notices: DOCKET.notices,
});

/** The deadlines a case can have open before its decision: a withdrawn case cancels them all. */
const WITHDRAWN = {
  audit: audit('withdraw'),
  deadlines: { cancel: [D.triage, D.triageUrgent, D.conciliation, D.agencyAnswer, D.decision, D.decisionUrgent] },
  notices: CLOSED_NOTICE,
};

export const COMPLAINT_TRANSITIONS: readonly ComplaintTransition[] = [
  // Triage.
  {
    from: 'submitted',
    action: 'accept',
    to: 'conciliation',
    who: OFFICERS,
    effects: {
      audit: audit('accept'),
      deadlines: { meet: [D.triage, D.triageUrgent], start: [{ kind: D.conciliation, label: 'conciliation' }] },
      notices: [toComplainant('complaint.accepted', 'accepted'), toAgency('complaint.agency-filed', 'filed')],
    },
  },
  {
    from: 'submitted',
    action: 'refer',
    to: 'closed',
    who: OFFICERS,
    outcome: 'referred',
    guard: target,
    effects: { audit: audit('refer'), deadlines: { meet: [TRIAGE] }, notices: [toComplainant('complaint.referred', 'referred')] },
  },
  {
    from: 'submitted',
    action: 'dismiss',
    to: 'closed',
    who: OFFICERS,
    outcome: 'dismissed',
    guard: reason,
    effects: { audit: audit('dismiss'), deadlines: { meet: [TRIAGE] }, notices: [toComplainant('complaint.dismissed', 'dismissed')] },
  },
  // Conciliation: the mandatory first step; one extension of 15 days.
  {
    from: 'conciliation',
    action: 'extend-conciliation',
    to: 'conciliation',
    who: OFFICERS,
    guard: consent,
    effects: { audit: audit('extend-conciliation'), deadlines: { start: [{ kind: D.conciliation, label: 'conciliation (extended)', due: 'extension' }] } },
  },
  {
    from: 'conciliation',
    action: 'settle',
    to: 'settled',
    who: OFFICERS,
    guard: settleAll,
    effects: {
      audit: audit('settle'),
      deadlines: { meet: [D.conciliation], start: [{ kind: D.settlementCompliance, label: 'settlement compliance', due: 'comply-by' }] },
      notices: [toComplainant('complaint.settled', 'settled')],
    },
  },
  // A serious offence is never settled away: the money claim is settled, the offence adjudicated.
  {
    from: 'conciliation',
    action: 'settle-money-claim',
    to: 'adjudication',
    who: OFFICERS,
    guard: settleMoney,
    effects: docketed('settle-money-claim', {
      meet: [D.conciliation],
      start: [{ kind: D.settlementCompliance, label: 'settlement compliance (money claim)', due: 'comply-by' }],
    }),
  },
  {
    from: 'conciliation',
    action: 'fail-conciliation',
    to: 'adjudication',
    who: OFFICERS,
    guard: reason,
    effects: docketed('fail-conciliation', { cancel: [D.conciliation] }),
  },
  { from: 'conciliation', action: 'expire-conciliation', to: 'adjudication', who: ['system'], effects: docketed('expire-conciliation') },
  {
    from: 'adjudication',
    action: 'return-to-conciliation',
    to: 'conciliation',
    who: OFFICERS,
    backwards: true,
    guard: reason,
    effects: {
      audit: audit('return-to-conciliation'),
      deadlines: { cancel: [D.agencyAnswer, D.decision, D.decisionUrgent], start: [{ kind: D.conciliation, label: 'conciliation' }] },
    },
  },
  // Settlement.
  {
    from: 'settled',
    action: 'comply',
    to: 'closed',
    who: OFFICERS,
    outcome: 'settled',
    effects: { audit: audit('comply'), deadlines: { meet: [D.settlementCompliance] }, notices: CLOSED_NOTICE },
  },
  {
    from: 'settled',
    action: 'breach-settlement',
    to: 'adjudication',
    who: [...OFFICERS, 'system'],
    guard: reason,
    effects: docketed('breach-settlement', { cancel: [D.settlementCompliance] }),
  },
  // Adjudication.
  {
    from: 'adjudication',
    action: 'record-answer',
    to: 'adjudication',
    who: ['agency_admin', 'agency_staff', ...OFFICERS],
    guard: answer,
    effects: { audit: audit('record-answer'), deadlines: { meet: [D.agencyAnswer] } },
  },
  {
    from: 'adjudication',
    action: 'schedule-hearing',
    to: 'adjudication',
    who: OFFICERS,
    guard: hearing,
    effects: { audit: audit('schedule-hearing'), notices: [toComplainant('complaint.hearing', 'hearing'), toAgency('complaint.agency-hearing', 'hearing')] },
  },
  { from: 'adjudication', action: 'hold-hearing', to: 'adjudication', who: OFFICERS, guard: hold, effects: { audit: audit('hold-hearing') } },
  { from: 'adjudication', action: 'cancel-hearing', to: 'adjudication', who: OFFICERS, guard: cancelHearing, effects: { audit: audit('cancel-hearing') } },
  // No decision before a scheduled hearing is held or cancelled.
  {
    from: 'adjudication',
    action: 'decide',
    to: 'decided',
    who: ['supervisor'],
    guard: decision,
    effects: {
      audit: audit('decide'),
      deadlines: { meet: [D.decision, D.decisionUrgent], cancel: [D.agencyAnswer], start: [{ kind: D.appealWindow, label: 'appeal window' }] },
      notices: [toComplainant('complaint.decided', 'decided'), toAgency('complaint.agency-decided', 'decided')],
    },
  },
  // Appeal: the other party is told (the complainant when the agency appeals, the agency when the ministry lodges it for the complainant).
  {
    from: 'decided',
    action: 'appeal',
    to: 'appealed',
    who: ['agency_admin', 'complainant', ...OFFICERS],
    guard: reason,
    effects: {
      audit: audit('appeal'),
      deadlines: { meet: [D.appealWindow] },
      notices: [
        { ...toComplainant('complaint.appeal-lodged', 'appeal'), onlyWhen: 'agency-acts' },
        { ...toAgency('complaint.agency-appeal-lodged', 'appeal'), onlyWhen: 'others-act' },
      ],
    },
  },
  // The decision becomes final (the window lapsed, or the appeal decided): the sanctions take effect (ComplaintLifecycle).
  {
    from: 'decided',
    action: 'lapse-appeal-window',
    to: 'closed',
    who: ['system'],
    outcome: 'decided',
    effects: { audit: audit('lapse-appeal-window'), notices: CLOSED_NOTICE },
  },
  {
    from: 'appealed',
    action: 'decide-appeal',
    to: 'closed',
    who: ['supervisor'],
    outcome: 'appeal-decided',
    guard: findings,
    effects: { audit: audit('decide-appeal'), notices: CLOSED_NOTICE },
  },
  // The complainant withdraws the complaint before it is decided (a settlement already agreed stands until complied with or breached): nothing is due any more from anyone.
  { from: 'submitted', action: 'withdraw', to: 'closed', who: ['complainant'], outcome: 'withdrawn', effects: WITHDRAWN },
  { from: 'conciliation', action: 'withdraw', to: 'closed', who: ['complainant'], outcome: 'withdrawn', effects: WITHDRAWN },
  { from: 'adjudication', action: 'withdraw', to: 'closed', who: ['complainant'], outcome: 'withdrawn', effects: WITHDRAWN },
  // A closed case reopened (new evidence, a court order): back to adjudication.
  { from: 'closed', action: 'reopen', to: 'adjudication', who: ['supervisor'], backwards: true, guard: reason, effects: docketed('reopen') },
];

/**
 * The complaint lifecycle on the kernel. Refusals answer as they always have: 409
 * `transition-not-allowed` (stage, action, allowedActions), 409 `transition-condition-unmet` (with
 * `condition`), 403 `forbidden` for a role the row does not name.
 */
export const COMPLAINT_LIFECYCLE = defineLifecycle<ComplaintTransition>({
  name: 'complaint',
  states: COMPLAINT_STAGES,
  actions: COMPLAINT_ACTIONS,
  rows: COMPLAINT_TRANSITIONS,
  answer: (r, lifecycle) => {
    if (r.code === LifecycleRefusalCode.NotYourRole)
      return { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Your role may not take '${r.action}' on a case.` };
    const fields = { stage: r.from, action: r.action, allowedActions: lifecycle.allowed(r.from) };
    if (r.code === LifecycleRefusalCode.TransitionNotAllowed)
      return { type: 'transition-not-allowed', status: 409, title: 'Conflict', detail: `A case in stage '${r.from}' cannot take '${r.action}'.`, fields };
    const detail = r.condition === 'reason-required' ? `'${r.action}' needs a reason.` : `'${r.action}' cannot be taken: ${r.condition!.replace(/-/g, ' ')}.`;
    return { type: 'transition-condition-unmet', status: 409, title: 'Conflict', detail, fields: { ...fields, condition: r.condition } };
  },
});

export const findComplaintTransition = (from: ComplaintStage, action: ComplaintAction): ComplaintTransition | undefined =>
  COMPLAINT_LIFECYCLE.find(from, action);

/** Actions the table allows from a stage, in table order. */
export const allowedComplaintActions = (from: ComplaintStage): ComplaintAction[] => COMPLAINT_LIFECYCLE.allowed(from);

/** Stages where the case is open (counted in queues and workloads). */
export const OPEN_STAGES: readonly ComplaintStage[] = ['submitted', 'conciliation', 'settled', 'adjudication', 'decided', 'appealed'];

/**
 * Open stages a case reaches only once an officer accepted it at triage (or a supervisor reopened
 * it): every open stage but `submitted`. The public scorecard counts complaints in these stages
 * only, never unvetted filings.
 */
export const ACCEPTED_OPEN_STAGES: readonly ComplaintStage[] = OPEN_STAGES.filter((s) => s !== 'submitted');
