import { LifecycleRefusalCode, ROLES, lifecycleProblems } from '@app/common';
import { TEMPLATE_KEYS } from '@app/notifications';
import { LICENSE_STATES, LicenseState } from './entities/license.entity';
import { LICENSE_ACTIONS, LICENSE_LIFECYCLE, LICENSE_TRANSITIONS, LicenseAction, LicenseActor, LicenseGuardContext, humanActions } from './license-transitions';
import { LICENSE_EXPIRY_KIND, LICENSE_SUSPENSION_END_KIND } from './licensing.service';
import { LICENSE_RENEWAL_REMINDER_KIND } from './renewal-reminders';

const findTransition = (from: LicenseState, action: LicenseAction) => LICENSE_LIFECYCLE.find(from, action);
const allowedActions = (from: LicenseState, actors?: readonly LicenseActor[]) => LICENSE_LIFECYCLE.allowed(from, actors);
const WHY = {
  [LifecycleRefusalCode.TransitionNotAllowed]: 'not-allowed',
  [LifecycleRefusalCode.NotYourRole]: 'not-your-role',
  [LifecycleRefusalCode.ConditionUnmet]: 'guard',
} as const;
/** The kernel's answer in the shape these cases read: the target state, or why not and the refusal's words. */
const decide = (from: LicenseState, action: LicenseAction, actors: readonly LicenseActor[], ctx: LicenseGuardContext) => {
  const r = LICENSE_LIFECYCLE.refusal(from, action, actors, ctx);
  return r
    ? { ok: false as const, why: WHY[r.code], message: LICENSE_LIFECYCLE.refuse(r, ctx).detail }
    : { ok: true as const, to: LICENSE_LIFECYCLE.find(from, action)!.to };
};

/** The whole table, written out independently: [from, action] -> [to, who]. Anything else is forbidden. */
const EXPECTED: Partial<Record<LicenseState, Partial<Record<LicenseAction, [LicenseState, LicenseActor[]]>>>> = {
  active: {
    suspend: ['suspended', ['supervisor']],
    revoke: ['revoked', ['supervisor']],
    surrender: ['surrendered', ['agency_admin']],
    expire: ['expired', ['system']],
  },
  suspended: {
    suspend: ['suspended', ['supervisor']],
    lift: ['active', ['system']],
    reinstate: ['active', ['supervisor']],
    revoke: ['revoked', ['supervisor']],
    expire: ['expired', ['system']],
  },
};

const NOW = new Date('2026-06-01T00:00:00Z');
/** A context in which every guard holds. */
const ok: LicenseGuardContext = {
  now: NOW,
  expiresAt: new Date('2026-05-31T15:59:59.999Z'),
  suspendedUntil: new Date('2026-05-31T00:00:00Z'),
  requestedUntil: new Date('2026-07-01T00:00:00Z'),
  renewalPending: false,
};
const ACTORS: LicenseActor[] = [...ROLES, 'system'];

describe('license transitions', () => {
  const pairs = LICENSE_STATES.flatMap((from) => LICENSE_ACTIONS.map((action) => [from, action] as const));

  it.each(pairs)('%s --%s--> goes where the table says, for exactly whom it says', (from, action) => {
    const expected = EXPECTED[from]?.[action];
    const t = findTransition(from, action);
    if (!expected) {
      expect(t).toBeUndefined();
      for (const actor of ACTORS) {
        const d = decide(from, action, [actor], ok);
        expect(d).toMatchObject({ ok: false, why: 'not-allowed' });
      }
      return;
    }
    expect(t).toBeDefined();
    expect(t!.to).toBe(expected[0]);
    expect([...t!.who].sort()).toEqual([...expected[1]].sort());
    for (const actor of ACTORS) {
      const d = decide(from, action, [actor], ok);
      if (expected[1].includes(actor)) expect(d).toEqual({ ok: true, to: expected[0] });
      else expect(d).toMatchObject({ ok: false, why: 'not-your-role' });
    }
  });

  it('has no row the expected table lacks', () => {
    expect(LICENSE_TRANSITIONS).toHaveLength(Object.values(EXPECTED).reduce((n, row) => n + Object.keys(row).length, 0));
  });

  it('revoked, surrendered and expired are final: nothing leaves them, and a refusal names no action', () => {
    for (const from of ['revoked', 'surrendered', 'expired'] as const) {
      expect(allowedActions(from)).toEqual([]);
      expect(humanActions(from)).toEqual([]);
    }
  });

  it('names the actions people may take from each live state', () => {
    expect(humanActions('active')).toEqual(['suspend', 'revoke', 'surrender']);
    expect(humanActions('suspended')).toEqual(['suspend', 'reinstate', 'revoke']);
    expect(allowedActions('suspended', ['system'])).toEqual(['lift', 'expire']);
  });

  it('a suspension needs an end in the future', () => {
    expect(decide('active', 'suspend', ['supervisor'], { ...ok, requestedUntil: null })).toMatchObject({ ok: false, why: 'guard' });
    expect(decide('active', 'suspend', ['supervisor'], { ...ok, requestedUntil: NOW })).toMatchObject({ ok: false, why: 'guard' });
  });

  it('a further suspension of a suspended license runs on after the current one: it must end later', () => {
    const current = new Date('2026-08-01T00:00:00Z');
    expect(decide('suspended', 'suspend', ['supervisor'], { ...ok, suspendedUntil: current, requestedUntil: current })).toMatchObject({
      ok: false,
      why: 'guard',
      message: expect.stringContaining('after the current one'),
    });
    expect(decide('suspended', 'suspend', ['supervisor'], { ...ok, suspendedUntil: current, requestedUntil: null })).toMatchObject({ ok: false, why: 'guard' });
    expect(decide('suspended', 'suspend', ['supervisor'], { ...ok, suspendedUntil: current, requestedUntil: new Date('2026-10-01T00:00:00Z') })).toEqual({
      ok: true,
      to: 'suspended',
    });
  });

  it('lifts a suspension only once its end has come', () => {
    expect(decide('suspended', 'lift', ['system'], { ...ok, suspendedUntil: new Date(NOW.getTime() + 1) })).toMatchObject({ ok: false, why: 'guard' });
    expect(decide('suspended', 'lift', ['system'], { ...ok, suspendedUntil: NOW })).toEqual({ ok: true, to: 'active' });
  });

  it('expires only after the end of the last day, and never while a renewal is pending', () => {
    for (const from of ['active', 'suspended'] as const) {
      expect(decide(from, 'expire', ['system'], { ...ok, expiresAt: new Date(NOW.getTime() + 1) })).toMatchObject({ ok: false, why: 'guard' });
      expect(decide(from, 'expire', ['system'], { ...ok, expiresAt: NOW })).toEqual({ ok: true, to: 'expired' });
      expect(decide(from, 'expire', ['system'], { ...ok, renewalPending: true })).toMatchObject({
        ok: false,
        why: 'guard',
        message: expect.stringContaining('renewal'),
      });
    }
  });

  it('declares only roles, deadline kinds and mail templates that exist, and an agency.license audit action for every move', () => {
    const kinds = [LICENSE_EXPIRY_KIND, LICENSE_SUSPENSION_END_KIND, LICENSE_RENEWAL_REMINDER_KIND];
    expect(lifecycleProblems(LICENSE_LIFECYCLE, { actors: ACTORS, deadlineKinds: kinds, notices: TEMPLATE_KEYS, auditPrefix: 'agency.license.' })).toEqual([]);
  });
});
