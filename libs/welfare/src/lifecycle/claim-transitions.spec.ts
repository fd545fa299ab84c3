import { LifecycleRefusalCode, ROLES, lifecycleProblems } from '@app/common';
import { TEMPLATE_KEYS } from '@app/notifications';
import { WELFARE_DECISION_KIND } from '../claims/welfare-claims.service';
import { CLAIM_ACTIONS, CLAIM_LIFECYCLE, CLAIM_STATES, CLAIM_TRANSITIONS, ClaimAction, ClaimActor, ClaimGuardContext, ClaimState } from './claim-transitions';

const findClaimTransition = (from: ClaimState, action: ClaimAction) => CLAIM_LIFECYCLE.find(from, action);
/** The kernel's answer in the shape these cases read: the row, or the refusal's code (a guard's condition by name). */
const decideClaim = (from: ClaimState, action: ClaimAction, actors: readonly ClaimActor[], c: ClaimGuardContext) => {
  const r = CLAIM_LIFECYCLE.refusal(from, action, actors, c);
  return r
    ? { ok: false as const, error: r.code === LifecycleRefusalCode.ConditionUnmet ? r.condition : r.code }
    : { ok: true as const, transition: CLAIM_LIFECYCLE.find(from, action)! };
};

const ctx = (over: Partial<ClaimGuardContext> = {}): ClaimGuardContext => ({
  reason: 'r',
  requestedDocuments: ['death-certificate'],
  eligible: true,
  overSchedule: false,
  bySupervisor: false,
  paidReference: 'BANK-1',
  ...over,
});

describe('welfare claim lifecycle table', () => {
  it('uses known states and actions, one row per (state, action); final states have no way out', () => {
    const keys = new Set<string>();
    for (const t of CLAIM_TRANSITIONS) {
      expect(CLAIM_STATES).toContain(t.from);
      expect(CLAIM_STATES).toContain(t.to);
      expect(keys.has(`${t.from}:${t.action}`)).toBe(false);
      keys.add(`${t.from}:${t.action}`);
    }
    expect(CLAIM_TRANSITIONS.filter((t) => t.from === 'paid' || t.from === 'rejected')).toEqual([]);
  });

  it('refuses every move the table does not list', () => {
    for (const from of CLAIM_STATES)
      for (const action of CLAIM_ACTIONS)
        if (!findClaimTransition(from, action))
          expect(decideClaim(from, action, ['supervisor'], ctx())).toEqual({ ok: false, error: 'transition-not-allowed' });
  });

  it('walks to paid, pausing for documents on the way', () => {
    let s: string = 'submitted';
    for (const [a, to] of [
      ['take', 'under_review'],
      ['request-documents', 'documents_requested'],
      ['documents-received', 'under_review'],
      ['approve', 'approved'],
      ['disburse', 'disbursed'],
      ['confirm-payment', 'paid'],
    ] as const) {
      const d = decideClaim(s as never, a, ['welfare_officer'], ctx());
      expect(d.ok).toBe(true);
      if (d.ok) s = d.transition.to;
      expect(s).toBe(to);
    }
  });

  it('guards: documents named, a reason to reject, above the schedule only a supervisor with a reason, a payment reference', () => {
    expect(decideClaim('under_review', 'request-documents', ['welfare_officer'], ctx({ requestedDocuments: [] }))).toEqual({
      ok: false,
      error: 'documents-required',
    });
    expect(decideClaim('under_review', 'reject', ['welfare_officer'], ctx({ reason: ' ' }))).toEqual({ ok: false, error: 'reason-required' });
    expect(decideClaim('under_review', 'approve', ['welfare_officer'], ctx({ overSchedule: true }))).toEqual({ ok: false, error: 'supervisor-required' });
    expect(decideClaim('under_review', 'approve', ['supervisor'], ctx({ overSchedule: true, bySupervisor: true, reason: null }))).toEqual({
      ok: false,
      error: 'reason-required',
    });
    expect(decideClaim('under_review', 'approve', ['supervisor'], ctx({ overSchedule: true, bySupervisor: true })).ok).toBe(true);
    // Outside eligibility: only a supervisor, with a reason from the list and words (issue 20).
    expect(decideClaim('under_review', 'approve', ['welfare_officer'], ctx({ eligible: false, reason: 'ok', exceptionReason: 'humanitarian' }))).toEqual({
      ok: false,
      error: 'supervisor-required',
    });
    expect(decideClaim('under_review', 'approve', ['supervisor'], ctx({ eligible: false, bySupervisor: true, reason: 'ok' }))).toEqual({
      ok: false,
      error: 'exception-reason-required',
    });
    expect(
      decideClaim('under_review', 'approve', ['supervisor'], ctx({ eligible: false, bySupervisor: true, reason: ' ', exceptionReason: 'humanitarian' })),
    ).toEqual({ ok: false, error: 'reason-required' });
    expect(decideClaim('under_review', 'approve', ['supervisor'], ctx({ eligible: false, bySupervisor: true, exceptionReason: 'humanitarian' })).ok).toBe(true);
    expect(decideClaim('disbursed', 'confirm-payment', ['welfare_officer'], ctx({ paidReference: null }))).toEqual({ ok: false, error: 'reference-required' });
    expect(decideClaim('submitted', 'take', ['system'], ctx())).toEqual({ ok: false, error: 'not-your-role' });
  });

  it('declares only roles, the decision deadline and mail templates that exist, and its audit actions', () => {
    expect(
      lifecycleProblems(CLAIM_LIFECYCLE, {
        actors: [...ROLES, 'system'],
        deadlineKinds: [WELFARE_DECISION_KIND],
        notices: TEMPLATE_KEYS,
        auditPrefix: 'welfare.claim.',
      }),
    ).toEqual([]);
    for (const t of CLAIM_TRANSITIONS) expect(t.effects.audit).toBe(`welfare.claim.${t.action}`);
  });
});
