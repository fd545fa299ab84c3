import { LifecycleRefusalCode, ROLES, lifecycleProblems } from '@app/common';
import { TEMPLATE_KEYS } from '@app/notifications';
import {
  INSPECTION_ACTIONS,
  INSPECTION_LIFECYCLE,
  INSPECTION_STATES,
  INSPECTION_TRANSITIONS,
  InspectionAction,
  InspectionActor,
  InspectionGuardContext,
  InspectionState,
} from './inspection-transitions';

/** The kernel's answer in the shape these cases read: the row, or the refusal's code (a guard's condition by name). */
const decideInspection = (from: InspectionState, action: InspectionAction, actors: readonly InspectionActor[], c: InspectionGuardContext) => {
  const r = INSPECTION_LIFECYCLE.refusal(from, action, actors, c);
  return r
    ? { ok: false as const, error: r.code === LifecycleRefusalCode.ConditionUnmet ? r.condition : r.code }
    : { ok: true as const, transition: INSPECTION_LIFECYCLE.find(from, action)! };
};

const ctx = (over: Partial<InspectionGuardContext> = {}): InspectionGuardContext => ({
  reason: 'a reason',
  agencyNotified: false,
  conductedOnValid: true,
  hasInspectors: true,
  checklistComplete: true,
  hasFindings: true,
  ...over,
});

describe('inspection lifecycle table', () => {
  it('one row per (state, action), known states and actions only; every action used', () => {
    const keys = new Set<string>();
    for (const t of INSPECTION_TRANSITIONS) {
      expect(INSPECTION_STATES).toContain(t.from);
      expect(INSPECTION_STATES).toContain(t.to);
      const key = `${t.from}:${t.action}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
    for (const a of INSPECTION_ACTIONS) expect(INSPECTION_TRANSITIONS.some((t) => t.action === a)).toBe(true);
  });

  it('refuses every move the table does not list; closed and cancelled are final', () => {
    for (const from of INSPECTION_STATES) {
      for (const action of INSPECTION_ACTIONS) {
        if (INSPECTION_TRANSITIONS.some((t) => t.from === from && t.action === action)) continue;
        expect(decideInspection(from, action, ['supervisor', 'inspector'], ctx())).toEqual({ ok: false, error: 'transition-not-allowed' });
      }
    }
    expect(INSPECTION_TRANSITIONS.filter((t) => t.from === 'closed' || t.from === 'cancelled')).toEqual([]);
  });

  it('walks planned → conducted → findings → closed', () => {
    let state = 'planned' as (typeof INSPECTION_STATES)[number];
    for (const [action, to] of [
      ['conduct', 'conducted'],
      ['record-findings', 'findings'],
      ['follow-up', 'closed'],
    ] as const) {
      const d = decideInspection(state, action, ['supervisor'], ctx());
      expect(d.ok).toBe(true);
      if (d.ok) state = d.transition.to;
      expect(state).toBe(to);
    }
  });

  it('the guards hold: conduct needs a date, inspectors and the whole checklist; notify once; cancel needs a reason; only a supervisor follows up or cancels', () => {
    expect(decideInspection('planned', 'conduct', ['inspector'], ctx({ conductedOnValid: false }))).toMatchObject({ error: 'date-required' });
    expect(decideInspection('planned', 'conduct', ['inspector'], ctx({ hasInspectors: false }))).toMatchObject({ error: 'inspectors-required' });
    expect(decideInspection('planned', 'conduct', ['inspector'], ctx({ checklistComplete: false }))).toMatchObject({ error: 'checklist-incomplete' });
    expect(decideInspection('planned', 'notify-agency', ['inspector'], ctx({ agencyNotified: true }))).toMatchObject({ error: 'already-notified' });
    expect(decideInspection('planned', 'cancel', ['supervisor'], ctx({ reason: ' ' }))).toMatchObject({ error: 'reason-required' });
    expect(decideInspection('findings', 'follow-up', ['inspector'], ctx())).toEqual({ ok: false, error: 'not-your-role' });
    expect(decideInspection('planned', 'cancel', ['inspector'], ctx())).toEqual({ ok: false, error: 'not-your-role' });
  });

  it('declares only roles and mail templates that exist, and its audit actions', () => {
    expect(lifecycleProblems(INSPECTION_LIFECYCLE, { actors: ROLES, notices: TEMPLATE_KEYS, auditPrefix: 'inspection.' })).toEqual([]);
    for (const t of INSPECTION_TRANSITIONS) expect(t.effects.audit).toBe(`inspection.${t.action}`);
  });
});
