import { LifecycleRefusalCode, ROLES, Role, lifecycleProblems } from '@app/common';
import { TEMPLATE_KEYS } from '@app/notifications';
import { APPLICATION_REVIEW_KIND, RENEWAL_DECISION_KIND } from '../license-deadlines';
import {
  APPLICATION_ACTIONS,
  APPLICATION_LIFECYCLE,
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  ApplicationAction,
  ApplicationGuardContext,
  ApplicationState,
  REQUIRED_APPLICATION_DOCUMENTS,
  ReviewDeadline,
  allowedApplicationActions,
} from './application-transitions';

const findApplicationTransition = (from: ApplicationState, action: ApplicationAction) => APPLICATION_LIFECYCLE.find(from, action);
const WHY = {
  [LifecycleRefusalCode.TransitionNotAllowed]: 'not-allowed',
  [LifecycleRefusalCode.NotYourRole]: 'not-your-role',
  [LifecycleRefusalCode.ConditionUnmet]: 'guard',
} as const;
/** The kernel's answer in the shape these cases read: the target state, or why not (and the guard's problem). */
const decideApplication = (from: ApplicationState, action: ApplicationAction, roles: readonly Role[], ctx: ApplicationGuardContext) => {
  const r = APPLICATION_LIFECYCLE.refusal(from, action, roles, ctx);
  return r
    ? { ok: false as const, why: WHY[r.code], ...(r.condition ? { problem: r.condition } : {}), message: APPLICATION_LIFECYCLE.refuse(r, ctx).detail }
    : { ok: true as const, to: APPLICATION_LIFECYCLE.find(from, action)!.to };
};

/** The whole table, written out independently: [from, action] -> [to, who]. Anything else is forbidden. */
const EXPECTED: Partial<Record<ApplicationState, Partial<Record<ApplicationAction, [ApplicationState, Role[]]>>>> = {
  draft: { submit: ['submitted', ['agency_admin']] },
  submitted: { take: ['under_review', ['inspector']] },
  under_review: { return: ['returned_for_correction', ['inspector']], recommend: ['recommended', ['inspector']] },
  returned_for_correction: { submit: ['submitted', ['agency_admin']] },
  recommended: { approve: ['approved', ['supervisor']], reject: ['rejected', ['supervisor']] },
};

/** A context in which every guard holds. */
const ok: ApplicationGuardContext = { missingDocuments: [], correctionItems: ['permit expired'], reasons: 'unpaid fines', failedClearances: [] };

describe('license application transitions', () => {
  const pairs = APPLICATION_STATES.flatMap((from) => APPLICATION_ACTIONS.map((action) => [from, action] as const));

  it.each(pairs)('%s --%s--> goes where the table says, for exactly whom it says', (from, action) => {
    const expected = EXPECTED[from]?.[action];
    const t = findApplicationTransition(from, action);
    if (!expected) {
      expect(t).toBeUndefined();
      for (const role of ROLES) expect(decideApplication(from, action, [role], ok)).toMatchObject({ ok: false, why: 'not-allowed' });
      return;
    }
    const [to, who] = expected;
    expect(t).toMatchObject({ to });
    expect([...t!.who].sort()).toEqual([...who].sort());
    for (const role of ROLES) {
      expect(decideApplication(from, action, [role], ok)).toEqual(
        who.includes(role) ? { ok: true, to } : expect.objectContaining({ ok: false, why: 'not-your-role' }),
      );
    }
  });

  it('names the allowed actions of every state; approved and rejected are final', () => {
    for (const from of APPLICATION_STATES) expect(allowedApplicationActions(from)).toEqual(Object.keys(EXPECTED[from] ?? {}));
    expect(allowedApplicationActions('approved')).toEqual([]);
    expect(allowedApplicationActions('rejected')).toEqual([]);
  });

  it('guards: documents for (re)submission, items for return, reasons for rejection, clearance for approval', () => {
    const missing = { ...ok, missingDocuments: ['tax-clearance'] };
    expect(decideApplication('draft', 'submit', ['agency_admin'], missing)).toMatchObject({ ok: false, why: 'guard', problem: 'documents-missing' });
    expect(decideApplication('returned_for_correction', 'submit', ['agency_admin'], missing)).toMatchObject({ ok: false, problem: 'documents-missing' });
    expect(decideApplication('under_review', 'return', ['inspector'], { ...ok, correctionItems: [] })).toMatchObject({ ok: false, problem: 'items-missing' });
    expect(decideApplication('recommended', 'reject', ['supervisor'], { ...ok, reasons: '  ' })).toMatchObject({ ok: false, problem: 'reasons-missing' });
    expect(decideApplication('recommended', 'reject', ['supervisor'], { ...ok, reasons: null })).toMatchObject({ ok: false, problem: 'reasons-missing' });
    expect(decideApplication('recommended', 'approve', ['supervisor'], { ...ok, failedClearances: ['escrow'] })).toMatchObject({
      ok: false,
      problem: 'clearance-failed',
    });
    // Guards that do not concern a move never block it.
    expect(
      decideApplication('under_review', 'recommend', ['inspector'], {
        missingDocuments: ['x'],
        correctionItems: [],
        reasons: null,
        failedClearances: ['escrow'],
      }),
    ).toEqual({ ok: true, to: 'recommended' });
    // The role is checked before the guard.
    expect(decideApplication('draft', 'submit', ['agency_staff'], missing)).toMatchObject({ ok: false, why: 'not-your-role' });
  });

  it('requires documents per application type, all of them known kinds', () => {
    expect(REQUIRED_APPLICATION_DOCUMENTS.new.length).toBeGreaterThan(0);
    expect(REQUIRED_APPLICATION_DOCUMENTS.renewal.length).toBeGreaterThan(0);
  });

  it('declares only roles, review deadlines and mail templates that exist, and an agency.application audit action for every move', () => {
    expect(
      lifecycleProblems(APPLICATION_LIFECYCLE, {
        actors: ROLES,
        deadlineKinds: [APPLICATION_REVIEW_KIND, RENEWAL_DECISION_KIND],
        kindsOf: (d: ReviewDeadline) => [d.new, d.renewal],
        notices: TEMPLATE_KEYS,
        auditPrefix: 'agency.application.',
      }),
    ).toEqual([]);
    expect(APPLICATION_TRANSITIONS.filter((t) => t.action === 'submit').map((t) => t.effects.audit)).toEqual([
      'agency.application.submitted',
      'agency.application.submitted',
    ]);
  });

  it('answers a missing document and a failed clearance with what is missing', () => {
    const checks = [
      { check: 'escrow', ok: false, detail: 'below the minimum' },
      { check: 'obligations', ok: true, detail: 'none' },
    ];
    expect(() =>
      APPLICATION_LIFECYCLE.decide('recommended', 'approve', ['supervisor'], { ...ok, failedClearances: ['escrow'], clearanceChecks: checks }),
    ).toThrow(
      expect.objectContaining({
        code: 'clearance-failed',
        status: 409,
        detail: 'Clearance failed: escrow (below the minimum).',
        extensions: { state: 'recommended', action: 'approve', allowedActions: ['approve', 'reject'], failedChecks: ['escrow'], checks },
      }),
    );
    expect(() => APPLICATION_LIFECYCLE.decide('draft', 'submit', ['agency_admin'], { ...ok, missingDocuments: ['tax-clearance'] })).toThrow(
      expect.objectContaining({
        code: 'documents-missing',
        detail: 'Upload the required documents first: tax-clearance.',
        extensions: { state: 'draft', action: 'submit', allowedActions: ['submit'], missing: ['tax-clearance'] },
      }),
    );
  });
});
