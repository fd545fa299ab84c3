import { ROLES, Role } from '@app/common';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  ApplicationAction,
  ApplicationGuardContext,
  ApplicationState,
  REQUIRED_APPLICATION_DOCUMENTS,
  allowedApplicationActions,
  decideApplication,
  findApplicationTransition,
} from './application-transitions';

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
      expect(decideApplication(from, action, [role], ok)).toEqual(who.includes(role) ? { ok: true, to } : expect.objectContaining({ ok: false, why: 'not-your-role' }));
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
    expect(decideApplication('recommended', 'approve', ['supervisor'], { ...ok, failedClearances: ['escrow'] })).toMatchObject({ ok: false, problem: 'clearance-failed' });
    // Guards that do not concern a move never block it.
    expect(decideApplication('under_review', 'recommend', ['inspector'], { missingDocuments: ['x'], correctionItems: [], reasons: null, failedClearances: ['escrow'] })).toEqual({ ok: true, to: 'recommended' });
    // The role is checked before the guard.
    expect(decideApplication('draft', 'submit', ['agency_staff'], missing)).toMatchObject({ ok: false, why: 'not-your-role' });
  });

  it('requires documents per application type, all of them known kinds', () => {
    expect(REQUIRED_APPLICATION_DOCUMENTS.new.length).toBeGreaterThan(0);
    expect(REQUIRED_APPLICATION_DOCUMENTS.renewal.length).toBeGreaterThan(0);
  });
});
