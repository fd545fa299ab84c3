import { LifecycleRefusalCode, LifecycleRefusalException, ROLES, lifecycleProblems } from '@app/common';
import { TEMPLATE_KEYS } from '@app/notifications';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import {
  ACCEPTED_OPEN_STAGES,
  COMPLAINT_ACTIONS,
  COMPLAINT_LIFECYCLE,
  COMPLAINT_STAGES,
  COMPLAINT_TRANSITIONS,
  ComplaintAction,
  ComplaintActor,
  ComplaintGuardContext,
  ComplaintStage,
  complaintDeadlineKinds,
  findComplaintTransition,
} from './complaint-transitions';

/** The kernel's answer in the shape these cases read: the row, or the refusal's code (a guard's condition by name). */
const decideComplaint = (from: ComplaintStage, action: ComplaintAction, actors: readonly ComplaintActor[], c: ComplaintGuardContext) => {
  const r = COMPLAINT_LIFECYCLE.refusal(from, action, actors, c);
  return r
    ? { ok: false as const, error: r.code === LifecycleRefusalCode.ConditionUnmet ? r.condition : r.code }
    : { ok: true as const, transition: COMPLAINT_LIFECYCLE.find(from, action)! };
};

const ctx = (over: Partial<ComplaintGuardContext> = {}): ComplaintGuardContext => ({
  reason: 'a reason',
  bothPartiesConsent: true,
  conciliationExtended: false,
  referralTarget: 'NLRC',
  hasSettlementTerms: true,
  allAllegationsFound: true,
  hasAnswer: true,
  hasHearing: true,
  hearingPending: false,
  hearingDue: true,
  seriousOffence: false,
  ...over,
});

describe('complaint lifecycle table', () => {
  it('uses only known stages and actions, one row per (stage, action)', () => {
    const keys = new Set<string>();
    for (const t of COMPLAINT_TRANSITIONS) {
      expect(COMPLAINT_STAGES).toContain(t.from);
      expect(COMPLAINT_STAGES).toContain(t.to);
      expect(COMPLAINT_ACTIONS).toContain(t.action);
      const key = `${t.from}:${t.action}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
    for (const action of COMPLAINT_ACTIONS) expect(COMPLAINT_TRANSITIONS.some((t) => t.action === action)).toBe(true);
  });

  it('refuses every move the table does not list, naming what is allowed', () => {
    for (const from of COMPLAINT_STAGES) {
      for (const action of COMPLAINT_ACTIONS) {
        if (findComplaintTransition(from, action)) continue;
        const d = decideComplaint(from, action, ['supervisor', 'inspector', 'agency_admin', 'system'], ctx());
        expect(d).toMatchObject({ ok: false, error: 'transition-not-allowed' });
      }
    }
  });

  it('walks the happy paths', () => {
    const path = (steps: [string, string][]) => {
      let stage = 'submitted';
      for (const [action, to] of steps) {
        const d = decideComplaint(stage as never, action as never, ['supervisor', 'inspector', 'agency_admin', 'system'], ctx());
        expect(d.ok).toBe(true);
        if (d.ok) stage = d.transition.to;
        expect(stage).toBe(to);
      }
    };
    path([['dismiss', 'closed']]);
    path([['refer', 'closed']]);
    path([
      ['accept', 'conciliation'],
      ['settle', 'settled'],
      ['comply', 'closed'],
    ]);
    path([
      ['accept', 'conciliation'],
      ['settle', 'settled'],
      ['breach-settlement', 'adjudication'],
      ['decide', 'decided'],
      ['lapse-appeal-window', 'closed'],
    ]);
    path([
      ['accept', 'conciliation'],
      ['expire-conciliation', 'adjudication'],
      ['record-answer', 'adjudication'],
      ['schedule-hearing', 'adjudication'],
      ['decide', 'decided'],
      ['appeal', 'appealed'],
      ['decide-appeal', 'closed'],
    ]);
  });

  it('checks who acts: an inspector cannot decide, an agency cannot triage, only the system lapses a window', () => {
    expect(decideComplaint('adjudication', 'decide', ['inspector'], ctx())).toMatchObject({ ok: false, error: 'not-your-role' });
    expect(decideComplaint('submitted', 'accept', ['agency_admin'], ctx())).toMatchObject({ ok: false, error: 'not-your-role' });
    expect(decideComplaint('decided', 'lapse-appeal-window', ['supervisor'], ctx())).toMatchObject({ ok: false, error: 'not-your-role' });
    expect(decideComplaint('adjudication', 'record-answer', ['agency_staff'], ctx()).ok).toBe(true);
  });

  it('needs a reason to move backwards, and the guards hold', () => {
    expect(decideComplaint('adjudication', 'return-to-conciliation', ['inspector'], ctx({ reason: ' ' }))).toMatchObject({
      ok: false,
      error: 'reason-required',
    });
    expect(decideComplaint('closed', 'reopen', ['supervisor'], ctx({ reason: null }))).toMatchObject({ ok: false, error: 'reason-required' });
    expect(decideComplaint('submitted', 'dismiss', ['inspector'], ctx({ reason: '' }))).toMatchObject({ ok: false, error: 'reason-required' });
    expect(decideComplaint('submitted', 'refer', ['inspector'], ctx({ referralTarget: null }))).toMatchObject({ ok: false, error: 'target-required' });
    expect(decideComplaint('conciliation', 'extend-conciliation', ['inspector'], ctx({ bothPartiesConsent: false }))).toMatchObject({
      ok: false,
      error: 'consent-required',
    });
    expect(decideComplaint('conciliation', 'extend-conciliation', ['inspector'], ctx({ conciliationExtended: true }))).toMatchObject({
      ok: false,
      error: 'already-extended',
    });
    expect(decideComplaint('conciliation', 'settle', ['inspector'], ctx({ hasSettlementTerms: false }))).toMatchObject({ ok: false, error: 'terms-required' });
    expect(decideComplaint('adjudication', 'decide', ['supervisor'], ctx({ allAllegationsFound: false }))).toMatchObject({
      ok: false,
      error: 'findings-required',
    });
    expect(decideComplaint('adjudication', 'record-answer', ['agency_admin'], ctx({ hasAnswer: false }))).toMatchObject({
      ok: false,
      error: 'answer-required',
    });
    expect(decideComplaint('adjudication', 'schedule-hearing', ['inspector'], ctx({ hasHearing: false }))).toMatchObject({
      ok: false,
      error: 'hearing-required',
    });
  });

  it('no decision while a scheduled hearing is neither held nor cancelled (with a reason)', () => {
    expect(decideComplaint('adjudication', 'decide', ['supervisor'], ctx({ hearingPending: true }))).toMatchObject({ ok: false, error: 'hearing-pending' });
    expect(decideComplaint('adjudication', 'hold-hearing', ['inspector'], ctx({ hearingPending: false }))).toMatchObject({
      ok: false,
      error: 'no-hearing-scheduled',
    });
    expect(decideComplaint('adjudication', 'hold-hearing', ['inspector'], ctx({ hearingPending: true, hearingDue: false }))).toMatchObject({
      ok: false,
      error: 'hearing-not-yet',
    });
    expect(decideComplaint('adjudication', 'hold-hearing', ['inspector'], ctx({ hearingPending: true })).ok).toBe(true);
    expect(decideComplaint('adjudication', 'cancel-hearing', ['inspector'], ctx({ hearingPending: true, reason: null }))).toMatchObject({
      ok: false,
      error: 'reason-required',
    });
    expect(decideComplaint('adjudication', 'cancel-hearing', ['inspector'], ctx({ hearingPending: false }))).toMatchObject({
      ok: false,
      error: 'no-hearing-scheduled',
    });
    expect(decideComplaint('adjudication', 'cancel-hearing', ['inspector'], ctx({ hearingPending: true })).ok).toBe(true);
  });

  it('a serious offence is not settled away: settlement disposes of the money claim only, and the case goes on to adjudication', () => {
    expect(decideComplaint('conciliation', 'settle', ['inspector'], ctx({ seriousOffence: true }))).toMatchObject({
      ok: false,
      error: 'adjudication-required',
    });
    const d = decideComplaint('conciliation', 'settle-money-claim', ['inspector'], ctx({ seriousOffence: true }));
    expect(d).toMatchObject({ ok: true, transition: { to: 'adjudication' } });
    expect(decideComplaint('conciliation', 'settle-money-claim', ['inspector'], ctx({ seriousOffence: true, hasSettlementTerms: false }))).toMatchObject({
      ok: false,
      error: 'terms-required',
    });
    expect(decideComplaint('conciliation', 'settle-money-claim', ['inspector'], ctx({ seriousOffence: false }))).toMatchObject({
      ok: false,
      error: 'no-serious-offence',
    });
  });

  it("the complainant appeals a decision on the agency's row (grounds required, only while decided) and withdraws only before a decision", () => {
    expect(decideComplaint('decided', 'appeal', ['complainant'], ctx())).toMatchObject({ ok: true, transition: { to: 'appealed' } });
    expect(decideComplaint('decided', 'appeal', ['complainant'], ctx({ reason: ' ' }))).toMatchObject({ ok: false, error: 'reason-required' });
    for (const stage of ['closed', 'appealed', 'adjudication'] as const)
      expect(decideComplaint(stage, 'appeal', ['complainant'], ctx())).toMatchObject({ ok: false, error: 'transition-not-allowed' });
    for (const stage of ['submitted', 'conciliation', 'adjudication'] as const)
      expect(decideComplaint(stage, 'withdraw', ['complainant'], ctx({ reason: null }))).toMatchObject({
        ok: true,
        transition: { to: 'closed', outcome: 'withdrawn' },
      });
    for (const stage of ['settled', 'decided', 'appealed', 'closed'] as const)
      expect(decideComplaint(stage, 'withdraw', ['complainant'], ctx())).toMatchObject({ ok: false, error: 'transition-not-allowed' });
    // Nobody else withdraws a complaint, and the complainant takes no officer's or agency's move.
    expect(decideComplaint('conciliation', 'withdraw', ['supervisor', 'inspector', 'agency_admin', 'system'], ctx())).toMatchObject({
      ok: false,
      error: 'not-your-role',
    });
    for (const t of COMPLAINT_TRANSITIONS.filter((x) => !['appeal', 'withdraw'].includes(x.action))) {
      expect(decideComplaint(t.from, t.action, ['complainant'], ctx())).toMatchObject({ ok: false, error: 'not-your-role' });
    }
  });

  it('closes with an outcome every time it closes', () => {
    for (const t of COMPLAINT_TRANSITIONS) if (t.to === 'closed') expect(t.outcome).toBeDefined();
  });
});

describe('stages counted on the public scorecard', () => {
  it('are the open stages a case reaches only by a move, and no move leads back to submitted', () => {
    const reached = new Set(COMPLAINT_TRANSITIONS.map((t) => t.to).filter((to) => to !== 'closed'));
    expect(new Set(ACCEPTED_OPEN_STAGES)).toEqual(reached);
    expect(reached.has('submitted')).toBe(false);
    // Out of triage, the only move that keeps the case open is accept.
    expect(COMPLAINT_TRANSITIONS.filter((t) => t.from === 'submitted' && t.to !== 'closed').map((t) => t.action)).toEqual(['accept']);
  });

  it('declares only actors, deadline kinds and mail templates that exist, and an audit action for every move', () => {
    expect(
      lifecycleProblems(COMPLAINT_LIFECYCLE, {
        actors: [...ROLES, 'complainant', 'system'],
        deadlineKinds: Object.values(COMPLAINT_DEADLINES),
        kindsOf: complaintDeadlineKinds,
        notices: TEMPLATE_KEYS,
        noticeName: (n) => n.template,
        auditPrefix: 'complaint.',
      }),
    ).toEqual([]);
    // The audit action stays what it always was: complaint.<action>.
    for (const t of COMPLAINT_TRANSITIONS) expect(t.effects.audit).toBe(`complaint.${t.action}`);
  });

  it('answers refusals as the API always has', () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(LifecycleRefusalException);
        const x = e as LifecycleRefusalException;
        return { code: x.refusal.code, type: x.code, status: x.status, title: x.title, detail: x.detail, fields: x.extensions };
      }
      throw new Error('not refused');
    };
    expect(refused(() => COMPLAINT_LIFECYCLE.decide('closed', 'accept', ['supervisor'], ctx()))).toEqual({
      code: 'transition-not-allowed',
      type: 'transition-not-allowed',
      status: 409,
      title: 'Conflict',
      detail: "A case in stage 'closed' cannot take 'accept'.",
      fields: { stage: 'closed', action: 'accept', allowedActions: ['reopen'] },
    });
    expect(refused(() => COMPLAINT_LIFECYCLE.decide('adjudication', 'decide', ['inspector'], ctx()))).toEqual({
      code: 'not-your-role',
      type: 'forbidden',
      status: 403,
      title: 'Forbidden',
      detail: "Your role may not take 'decide' on a case.",
      fields: {},
    });
    expect(refused(() => COMPLAINT_LIFECYCLE.decide('submitted', 'dismiss', ['inspector'], ctx({ reason: ' ' })))).toMatchObject({
      code: 'condition-unmet',
      type: 'transition-condition-unmet',
      status: 409,
      detail: "'dismiss' needs a reason.",
      fields: { stage: 'submitted', action: 'dismiss', condition: 'reason-required' },
    });
    expect(refused(() => COMPLAINT_LIFECYCLE.decide('submitted', 'refer', ['inspector'], ctx({ referralTarget: null })))).toMatchObject({
      detail: "'refer' cannot be taken: target required.",
      fields: { condition: 'target-required' },
    });
  });
});
