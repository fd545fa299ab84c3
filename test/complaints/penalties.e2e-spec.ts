/**
 * Penalties and decisions (issue 19): one complainant is one offence (across cases and within one
 * decision), the proposal shown before the decision, consecutive suspensions, the effective-dated
 * penalty schedule, no decision before a scheduled hearing is held or cancelled, serious offences
 * not settled away, and a pending revocation blocking renewal approval.
 */
import { LicenseApplication } from '@app/agencies';
import { ManualClock } from '@app/common';
import { ComplaintLifecycle, LifecycleActor } from '@app/complaints';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const SYSTEM: LifecycleActor = { userId: null, roles: ['system'], agencyId: null, auditActor: 'system' };

describe('penalties and decisions', () => {
  // Monday 2 March 2026, 09:00 in Manila.
  const start = new Date('2026-03-02T01:00:00.000Z');
  const clock = new ManualClock(start);
  let t: TestApp;
  let inspector: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0' } });
    [inspector, supervisor, admin] = await Promise.all((['inspector', 'supervisor', 'admin'] as const).map((role) => createUser(t, { roles: [role] })));
  });
  afterAll(async () => {
    await t?.close();
  });

  const licensed = async (legalName: string) => {
    const agencyId = (await createAgency(t, { legalName })).id;
    const license = (await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201)).body;
    return { agencyId, licenseId: license.id as string };
  };
  const fileCase = async (agencyName: string, allegations: { category: string; facts?: string }[]) =>
    (
      await t.http
        .post('/public/complaints')
        .send({
          agencyName,
          allegations: allegations.map((a) => ({ facts: 'What happened, in my words.', ...a })),
          complainantName: 'Ana Reyes',
          email: 'ana.reyes@workers.test',
          language: 'en',
        })
        .expect(201)
    ).body as { id: string; reference: string };
  const staffView = async (id: string) => (await t.http.get(`/complaints/${id}`).set('Authorization', inspector.bearer).expect(200)).body;
  const act = async (id: string, action: string, body: Record<string, unknown> = {}, as: TestUser = inspector, status = 200) => {
    const { version } = await staffView(id);
    return t.http
      .post(`/complaints/${id}/actions/${action}`)
      .set('Authorization', as.bearer)
      .send({ version, ...body })
      .expect(status);
  };
  const toAdjudication = async (id: string) => {
    await act(id, 'accept');
    await act(id, 'fail-conciliation', { reason: 'No agreement at the meeting' });
  };
  const allViolations = (v: { allegations: { id: string }[] }) => v.allegations.map((a) => ({ allegationId: a.id, finding: 'violation' }));
  const lapse = (id: string) => t.app.get(ComplaintLifecycle, { strict: false }).act(id, 'lapse-appeal-window', {}, SYSTEM);
  const license = async (licenseId: string) =>
    (await t.dataSource.query(`SELECT state, suspended_until FROM license WHERE id = $1`, [licenseId]))[0] as { state: string; suspended_until: Date | null };

  it('one complainant is one offence: two findings of one decision are numbered together, the next complaint is the 2nd offence, and its suspension runs on after the first', async () => {
    const a = await licensed('Bayanihan Manpower Services Inc.');
    const first = await fileCase('Bayanihan Manpower Services Inc.', [{ category: 'unpaid-wages' }, { category: 'contract-substitution' }]);
    await toAdjudication(first.id);
    // Before the decision, the supervisor sees the proposal and why.
    const before = await staffView(first.id);
    expect(before.sanctionProposal).toMatchObject({
      assumes: 'every-allegation-found',
      gravity: 'less-serious',
      offenceNumber: 1,
      sanctions: [{ kind: 'suspension', months: 2 }],
      basis: { priorSameGravity: 0, priorSuspensionMonths: 0, cumulativeSuspensionMonths: 2, revocationBecause: null },
      scheduleEffectiveFrom: '2000-01-01',
    });
    const decided = (await act(first.id, 'decide', { findings: allViolations(before) }, supervisor)).body;
    expect(decided.sanctionProposal).toBeNull();
    const [lead, other] = decided.allegations;
    expect(lead.sanction).toMatchObject({
      offenceNumber: 1,
      numberedWith: null,
      proposed: [{ kind: 'suspension', months: 2 }],
      decided: [{ kind: 'suspension', months: 2 }],
    });
    expect(other.sanction).toMatchObject({ offenceNumber: 1, numberedWith: lead.id, proposed: [], decided: [] });
    await lapse(first.id);
    const suspended = await license(a.licenseId);
    expect(suspended.state).toBe('suspended');
    expect(new Date(suspended.suspended_until!).toISOString()).toBe('2026-05-02T01:00:00.000Z');

    // The next single complaint is the agency's 2nd offence (6-12 months), not its 3rd.
    const second = await fileCase('Bayanihan Manpower Services Inc.', [{ category: 'no-job-on-arrival' }]);
    await toAdjudication(second.id);
    const v2 = await staffView(second.id);
    expect(v2.sanctionProposal).toMatchObject({
      offenceNumber: 2,
      sanctions: [{ kind: 'suspension', months: 6 }],
      basis: { priorSameGravity: 1, priorSuspensionMonths: 2, cumulativeSuspensionMonths: 8, revocationBecause: null },
    });
    await act(second.id, 'decide', { findings: allViolations(v2) }, supervisor);
    await lapse(second.id);
    // Already suspended: the new suspension starts when the current one ends; nothing is dropped.
    const after = await license(a.licenseId);
    expect(after.state).toBe('suspended');
    expect(new Date(after.suspended_until!).toISOString()).toBe('2026-11-02T01:00:00.000Z');
    const ends = await t.dataSource.query(
      `SELECT state, due_at FROM deadline WHERE subject_id = $1 AND kind = 'license.suspension-end' ORDER BY started_at, id`,
      [a.licenseId],
    );
    expect(ends.filter((d: { state: string }) => d.state === 'pending').map((d: { due_at: Date }) => new Date(d.due_at).toISOString())).toEqual([
      '2026-11-02T01:00:00.000Z',
    ]);
  });

  it('no decision before a scheduled hearing is held or cancelled with a reason', async () => {
    await licensed('Hearing Placement Agency Inc.');
    const c = await fileCase('Hearing Placement Agency Inc.', [{ category: 'unpaid-wages' }]);
    await toAdjudication(c.id);
    await act(c.id, 'schedule-hearing', { hearing: { at: '2026-03-10T02:00:00Z', place: 'Room 4, Ministry building' } });
    const findings = allViolations(await staffView(c.id));
    expect((await act(c.id, 'decide', { findings }, supervisor, 409)).body).toMatchObject({ condition: 'hearing-pending' });
    expect((await act(c.id, 'hold-hearing', {}, inspector, 409)).body).toMatchObject({ condition: 'hearing-not-yet' });
    expect((await act(c.id, 'cancel-hearing', {}, inspector, 409)).body).toMatchObject({ condition: 'reason-required' });
    const cancelled = (await act(c.id, 'cancel-hearing', { reason: 'The agency asked for a new date' })).body;
    expect(cancelled.hearing).toMatchObject({ status: 'cancelled', cancelReason: 'The agency asked for a new date' });
    await act(c.id, 'decide', { findings }, supervisor);

    const held = await fileCase('Hearing Placement Agency Inc.', [{ category: 'different-job' }]);
    await toAdjudication(held.id);
    await act(held.id, 'schedule-hearing', { hearing: { at: '2026-03-10T02:00:00Z', place: 'Room 4, Ministry building' } });
    try {
      clock.set(new Date('2026-03-10T04:00:00Z'));
      expect((await act(held.id, 'hold-hearing')).body.hearing).toMatchObject({ status: 'held', heldAt: '2026-03-10T04:00:00.000Z' });
      await act(held.id, 'decide', { findings: allViolations(await staffView(held.id)) }, supervisor);
    } finally {
      clock.set(start);
    }
  });

  it('a serious offence is not settled away: the money claim may be settled, the case goes on to adjudication', async () => {
    await licensed('Passport Keepers Recruitment Inc.');
    const passport = await fileCase('Passport Keepers Recruitment Inc.', [{ category: 'retained-documents' }, { category: 'excess-fees' }]);
    await act(passport.id, 'accept');
    const settlement = {
      terms: 'The agency refunds the placement fee.',
      amounts: [{ amountMinor: '2000000', currency: 'PHP', payableTo: 'the complainant' }],
      complyBy: '2026-03-20',
    };
    expect((await act(passport.id, 'settle', { settlement }, inspector, 409)).body).toMatchObject({ condition: 'adjudication-required' });
    const moved = (await act(passport.id, 'settle-money-claim', { settlement })).body;
    expect(moved).toMatchObject({ stage: 'adjudication', settlement: { terms: settlement.terms, complyBy: '2026-03-20' } });
    expect(moved.deadlines.map((d: { kind: string }) => d.kind)).toEqual(
      expect.arrayContaining(['complaint.settlement-compliance', 'complaint.agency-answer', 'complaint.decision.urgent']),
    );
    // Abuse is never settled away either; a case with neither settles as before.
    const abuse = await fileCase('Passport Keepers Recruitment Inc.', [{ category: 'abuse-harassment' }]);
    await act(abuse.id, 'accept');
    expect((await act(abuse.id, 'settle', { settlement }, inspector, 409)).body).toMatchObject({ condition: 'adjudication-required' });
    const wages = await fileCase('Passport Keepers Recruitment Inc.', [{ category: 'unpaid-wages' }]);
    await act(wages.id, 'accept');
    expect((await act(wages.id, 'settle-money-claim', { settlement }, inspector, 409)).body).toMatchObject({ condition: 'no-serious-offence' });
    expect((await act(wages.id, 'settle', { settlement })).body.stage).toBe('settled');
  });

  it('a revocation proposed, decided and open to appeal, or under appeal blocks renewal approval', async () => {
    const a = await licensed('Renewing Revocable Agency Inc.');
    const app = await t.dataSource
      .getRepository(LicenseApplication)
      .save({ agencyId: a.agencyId, type: 'renewal', licenseId: a.licenseId, state: 'recommended', correctionItems: [], version: 1 });
    const check = async () =>
      (
        (await t.http.get(`/licensing/applications/${app.id}`).set('Authorization', supervisor.bearer).expect(200)).body.clearance.checks as {
          check: string;
          ok: boolean;
          detail: string;
        }[]
      ).find((c) => c.check === 'no-revocation-pending')!;
    expect(await check()).toMatchObject({ ok: true });
    const c = await fileCase('Renewing Revocable Agency Inc.', [{ category: 'retained-documents' }]);
    await act(c.id, 'accept');
    await act(c.id, 'fail-conciliation', { reason: 'The passport was not returned' });
    expect(await check()).toMatchObject({ ok: false, detail: expect.stringContaining(`case ${c.reference}: revocation proposed`) });
    const v = await staffView(c.id);
    expect(v.sanctionProposal).toMatchObject({ gravity: 'serious', basis: { revocationBecause: 'serious-offence' } });
    await act(c.id, 'decide', { findings: allViolations(v) }, supervisor);
    expect(await check()).toMatchObject({ ok: false, detail: expect.stringContaining('revocation decided, open to appeal') });
    const approve = await t.http
      .post(`/licensing/applications/${app.id}/approve`)
      .set('Authorization', supervisor.bearer)
      .send({ version: 1, note: 'Renewed' })
      .expect(409);
    expect(approve.body.failedChecks).toContain('no-revocation-pending');
    await act(c.id, 'appeal', { reason: 'The passport was returned the next day' });
    expect(await check()).toMatchObject({ ok: false, detail: expect.stringContaining('under appeal') });
    await act(
      c.id,
      'decide-appeal',
      { findings: v.allegations.map((x: { id: string }) => ({ allegationId: x.id, finding: 'dismissed', note: 'Returned' })) },
      supervisor,
    );
    expect(await check()).toMatchObject({ ok: true });
  });

  // Last: the new schedule version stays in force for any later test.
  it('the schedule is admin-maintained and effective-dated, seeded with the defaults in force until now', async () => {
    const list = (await t.http.get('/admin/penalty-schedules').set('Authorization', supervisor.bearer).expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({
        effectiveFrom: '2000-01-01',
        lessSeriousLadder: [
          { minMonths: 2, maxMonths: 6 },
          { minMonths: 6, maxMonths: 12 },
          { minMonths: 12, maxMonths: 24 },
        ],
        seriousCategories: ['retained-documents'],
        seriousFine: { amountMinor: '50000000', currency: 'PHP' },
        cumulativeSuspensionThresholdMonths: 12,
        proposedMonths: 'minimum',
      }),
    ]);
    const body = {
      effectiveFrom: '2026-04-01',
      lessSeriousLadder: [{ minMonths: 1, maxMonths: 3 }],
      seriousCategories: ['retained-documents', 'abuse-harassment'],
      seriousFine: { amountMinor: '100000000', currency: 'PHP' },
      cumulativeSuspensionThresholdMonths: 24,
      proposedMonths: 'minimum',
    };
    await t.http.post('/admin/penalty-schedules').set('Authorization', supervisor.bearer).send(body).expect(403);
    const lighter = await t.http
      .post('/admin/penalty-schedules')
      .set('Authorization', admin.bearer)
      .send({
        ...body,
        lessSeriousLadder: [
          { minMonths: 6, maxMonths: 12 },
          { minMonths: 2, maxMonths: 12 },
        ],
      })
      .expect(400);
    expect(lighter.body.errors.map((e: { field: string }) => e.field)).toEqual(['lessSeriousLadder[1].minMonths']);
    const past = await t.http
      .post('/admin/penalty-schedules')
      .set('Authorization', admin.bearer)
      .send({ ...body, effectiveFrom: '2026-03-01' })
      .expect(400);
    expect(past.body.errors.map((e: { field: string }) => e.field)).toEqual(['effectiveFrom']);
    expect((await t.http.post('/admin/penalty-schedules').set('Authorization', admin.bearer).send(body).expect(201)).body).toMatchObject({
      effectiveFrom: '2026-04-01',
      seriousCategories: ['retained-documents', 'abuse-harassment'],
    });
    expect((await t.http.post('/admin/penalty-schedules').set('Authorization', admin.bearer).send(body).expect(409)).body.type).toBe(
      'urn:lcs:problem:penalty-schedule-exists',
    );
    const [audit] = await t.dataSource.query(`SELECT actor_id FROM audit_log WHERE action = 'complaints.penalty-schedule.created'`);
    expect(audit.actor_id).toBe(admin.id);

    // A case decided today uses today's version; from 1 April the new one (abuse is serious there).
    await licensed('Effective Dated Recruitment Inc.');
    const c = await fileCase('Effective Dated Recruitment Inc.', [{ category: 'abuse-harassment' }]);
    await toAdjudication(c.id);
    expect((await staffView(c.id)).sanctionProposal).toMatchObject({
      gravity: 'less-serious',
      sanctions: [{ kind: 'suspension', months: 2 }],
      scheduleEffectiveFrom: '2000-01-01',
    });
    try {
      clock.set(new Date('2026-04-01T01:00:00Z'));
      expect((await staffView(c.id)).sanctionProposal).toMatchObject({
        gravity: 'serious',
        sanctions: [{ kind: 'revocation' }, { kind: 'fine', amountMinor: '100000000', currency: 'PHP' }],
        scheduleEffectiveFrom: '2026-04-01',
      });
    } finally {
      clock.set(start);
    }
  });
});
