/**
 * The license lifecycle end to end: issue, suspend and the suspension lifting by itself (the real
 * worker, time moved by a ManualClock both processes share), reinstate, revoke (final), surrender,
 * expiry at the end of the last local day, forbidden moves (409 naming the allowed ones), two
 * supervisors at once, scope, "may this agency place workers", and the agency's profile,
 * branches and amendments.
 */
import { AgencyHolds, LicensingService, isValidLicenseNumber } from '@app/agencies';
import { ManualClock } from '@app/common';
import { Deadline, SchedulerService } from '@app/deadlines';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const DRIVEN = { ...DEADLINES_DRIVEN_BY_TEST, LICENSING_PUBLIC_CACHE_SECONDS: '0' };
const HOUR = 3_600_000;

interface AgencyFixture {
  id: string;
  admin: TestUser;
  staff: TestUser;
}

describe('licensing: the license lifecycle', () => {
  // Monday 2 March 2026, 09:00 in Manila.
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  let worker: TestWorker;
  let supervisor: TestUser;
  let supervisor2: TestUser;
  let inspector: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DRIVEN });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...DRIVEN, REDIS_PREFIX: t.config.redis.REDIS_PREFIX } });
    [supervisor, supervisor2, inspector] = await Promise.all(
      (['supervisor', 'supervisor', 'inspector'] as const).map((role) => createUser(t, { roles: [role] })),
    );
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const scheduler = () => worker.app.get(SchedulerService, { strict: false });
  const newAgency = async (legalName?: string): Promise<AgencyFixture> => {
    const id = (await createAgency(t, legalName ? { legalName } : {})).id;
    const [admin, staff] = await Promise.all([
      createUser(t, { roles: ['agency_admin'], agencyId: id }),
      createUser(t, { roles: ['agency_staff'], agencyId: id }),
    ]);
    return { id, admin, staff };
  };
  const post = (path: string, as: TestUser, body: object = {}) => t.http.post(path).set('Authorization', as.bearer).send(body);
  const get = (path: string, as: TestUser) => t.http.get(path).set('Authorization', as.bearer);
  const issue = async (agencyId: string, type = 'regular') => {
    const res = await post('/licensing/licenses', supervisor, { agencyId, type });
    if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; number: string; version: number; state: string; expiresAt: string; expiresOn: string; issuedOn: string };
  };
  const license = async (id: string) => (await get(`/licensing/licenses/${id}`, supervisor).expect(200)).body;
  const eligibility = async (a: AgencyFixture) => (await get('/agency/placement-eligibility', a.staff).expect(200)).body;
  const deadlineOf = (licenseId: string, kind: string) =>
    t.dataSource.getRepository(Deadline).findOne({ where: { subjectType: 'license', subjectId: licenseId, kind }, order: { createdAt: 'DESC' } });
  const auditActions = async (licenseId: string) =>
    (
      (await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_type = 'license' AND subject_id = $1 ORDER BY seq`, [licenseId])) as {
        action: string;
      }[]
    ).map((r) => r.action);

  it('issues a license: check-digit number, validity from settings, an expiry deadline at the end of the last local day', async () => {
    const a = await newAgency();
    const l = await issue(a.id, 'regular');
    expect(l.number).toMatch(/^PH-LRA-2026-\d{5}-\d$/);
    expect(isValidLicenseNumber(l.number)).toBe(true);
    expect(l).toMatchObject({ state: 'active', issuedOn: '2026-03-02', expiresOn: '2030-03-01', expiresAt: '2030-03-01T15:59:59.999Z', version: 1 });
    const expiry = await deadlineOf(l.id, 'license.expiry');
    expect(expiry).toMatchObject({ state: 'pending', dueAt: new Date('2030-03-01T15:59:59.999Z') });
    expect((await license(l.id)).events).toEqual([
      expect.objectContaining({ action: 'issue', from: null, to: 'active', actorId: supervisor.id, actorRole: 'supervisor' }),
    ]);
    expect(await auditActions(l.id)).toEqual(['agency.license.issued']);
    // The renewal window the agency reads: LICENSING_RENEWAL_WINDOW_DAYS (120) before the expiry date, until its end.
    expect((await get('/agency/license', a.staff).expect(200)).body.renewalWindow).toEqual({ opensOn: '2029-11-01', closesOn: '2030-03-01' });

    const provisional = await issue((await newAgency()).id, 'provisional');
    expect(provisional).toMatchObject({ issuedOn: '2026-03-02', expiresOn: '2028-03-01' });

    const again = await post('/licensing/licenses', supervisor, { agencyId: a.id, type: 'regular' }).expect(409);
    expect(again.body).toMatchObject({ type: 'urn:lcs:problem:license-exists', number: l.number });
    await post('/licensing/licenses', inspector, { agencyId: a.id, type: 'regular' }).expect(403);
    expect(await eligibility(a)).toEqual({ allowed: true, licenseNumber: l.number });
  });

  it('refuses forbidden moves with 409 naming the actions allowed from the current state', async () => {
    const a = await newAgency();
    const l = await issue(a.id);
    const res = await post(`/licensing/licenses/${l.id}/reinstate`, supervisor, { version: 1, reason: 'not suspended' }).expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:lcs:problem:transition-not-allowed',
      state: 'active',
      action: 'reinstate',
      allowedActions: ['suspend', 'revoke', 'surrender'],
    });

    const past = await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 1, reason: 'late', until: '2026-03-01T00:00:00Z' }).expect(409);
    expect(past.body).toMatchObject({ type: 'urn:lcs:problem:transition-condition-unmet', state: 'active', action: 'suspend' });

    await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 1, reason: 'fees above the cap', until: '2026-04-01T00:00:00+08:00' }).expect(200);
    const surrender = await post('/agency/license/surrender', a.admin, { version: 2, reason: 'closing' }).expect(409);
    expect(surrender.body).toMatchObject({
      type: 'urn:lcs:problem:transition-not-allowed',
      state: 'suspended',
      allowedActions: ['suspend', 'reinstate', 'revoke'],
    });
    // A further suspension runs on after the current one: it must end later than it.
    const resuspend = await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 2, reason: 'again', until: '2026-03-20T00:00:00Z' }).expect(409);
    expect(resuspend.body).toMatchObject({ type: 'urn:lcs:problem:transition-condition-unmet', allowedActions: ['suspend', 'reinstate', 'revoke'] });
    expect(resuspend.body.detail).toContain('after the current one');

    // Roles: an inspector may not suspend; staff may not surrender; bad input is a 400.
    await post(`/licensing/licenses/${l.id}/revoke`, inspector, { version: 2, reason: 'x'.repeat(5) }).expect(403);
    await post('/agency/license/surrender', a.staff, { version: 2, reason: 'closing' }).expect(403);
    const bad = await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 0, reason: '', until: 'tomorrow' }).expect(400);
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['reason', 'until', 'version']);
  });

  it('a stale version is refused (409 stale-version), and of two supervisors acting at once exactly one wins', async () => {
    const a = await newAgency();
    const l = await issue(a.id);
    await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 1, reason: 'inspection findings', until: '2026-06-01T00:00:00Z' }).expect(200);
    const stale = await post(`/licensing/licenses/${l.id}/revoke`, supervisor2, { version: 1, reason: 'illegal recruitment' }).expect(409);
    expect(stale.body).toMatchObject({ type: 'urn:lcs:problem:stale-version', currentVersion: 2 });

    for (let round = 0; round < 3; round++) {
      const b = await newAgency();
      const x = await issue(b.id);
      const results = await Promise.all([
        post(`/licensing/licenses/${x.id}/suspend`, supervisor, { version: 1, reason: 'first supervisor', until: '2026-06-01T00:00:00Z' }),
        post(`/licensing/licenses/${x.id}/revoke`, supervisor2, { version: 1, reason: 'second supervisor' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(['urn:lcs:problem:stale-version', 'urn:lcs:problem:transition-not-allowed']).toContain(loser.body.type);
      const after = await license(x.id);
      expect(after.version).toBe(2);
      expect(after.events).toHaveLength(2);
    }
  });

  it('suspends with an end date and lifts the suspension by itself at that date (deadline driven)', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const a = await newAgency();
    const l = await issue(a.id);
    const until = '2026-03-10T01:00:00.000Z';
    const res = await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 1, reason: 'fees above the cap', until }).expect(200);
    expect(res.body).toMatchObject({ state: 'suspended', suspendedUntil: until, version: 2, allowedActions: ['suspend', 'reinstate', 'revoke'] });
    expect(await deadlineOf(l.id, 'license.suspension-end')).toMatchObject({ state: 'pending', dueAt: new Date(until) });
    expect(await eligibility(a)).toEqual({ allowed: false, reason: 'suspended', licenseNumber: l.number });

    // An hour before the end: nothing happens.
    clock.set(new Date(new Date(until).getTime() - HOUR));
    await scheduler().scheduleDue();
    await new Promise((r) => setTimeout(r, 200));
    expect((await license(l.id)).state).toBe('suspended');

    clock.set(new Date(until));
    await scheduler().scheduleDue();
    const lifted = await waitFor('the suspension to lift', async () => {
      const v = await license(l.id);
      return v.state === 'active' && v;
    });
    expect(lifted).toMatchObject({ suspendedUntil: null, version: 3 });
    expect(lifted.events.map((e: { action: string; actorRole: string }) => [e.action, e.actorRole])).toEqual([
      ['issue', 'supervisor'],
      ['suspend', 'supervisor'],
      ['lift', 'system'],
    ]);
    expect(await auditActions(l.id)).toEqual(['agency.license.issued', 'agency.license.suspended', 'agency.license.suspension-lifted', 'deadline.breached']);
    expect(await eligibility(a)).toEqual({ allowed: true, licenseNumber: l.number });
    // It acted: the engine closed the deadline as met (no longer left breached).
    expect(await deadlineOf(l.id, 'license.suspension-end')).toMatchObject({ state: 'met', nextFireAt: null, closedAt: new Date(until) });

    // Suspended again: a deadline of its own.
    const again = await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 3, reason: 'again', until: '2026-04-01T00:00:00Z' }).expect(200);
    expect(again.body.state).toBe('suspended');
    expect(await deadlineOf(l.id, 'license.suspension-end')).toMatchObject({ state: 'pending', dueAt: new Date('2026-04-01T00:00:00Z') });
  });

  it('a supervisor reinstates early: the suspension-end deadline is closed', async () => {
    const a = await newAgency();
    const l = await issue(a.id);
    await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 1, reason: 'records missing', until: '2026-05-01T00:00:00Z' }).expect(200);
    const res = await post(`/licensing/licenses/${l.id}/reinstate`, supervisor, { version: 2, reason: 'records produced' }).expect(200);
    expect(res.body).toMatchObject({ state: 'active', suspendedUntil: null, version: 3 });
    expect(await deadlineOf(l.id, 'license.suspension-end')).toMatchObject({ state: 'met' });
  });

  it('revocation is final: every further action answers 409 naming none, and the expiry deadline is cancelled', async () => {
    const a = await newAgency();
    const l = await issue(a.id);
    const res = await post(`/licensing/licenses/${l.id}/revoke`, supervisor, { version: 1, reason: 'illegal recruitment decided' }).expect(200);
    expect(res.body).toMatchObject({ state: 'revoked', version: 2, allowedActions: [] });
    for (const [path, as, body] of [
      [`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 2, reason: 'x'.repeat(5), until: '2027-01-01T00:00:00Z' }],
      [`/licensing/licenses/${l.id}/reinstate`, supervisor, { version: 2, reason: 'x'.repeat(5) }],
      [`/licensing/licenses/${l.id}/revoke`, supervisor, { version: 2, reason: 'x'.repeat(5) }],
      ['/agency/license/surrender', a.admin, { version: 2, reason: 'x'.repeat(5) }],
    ] as const) {
      const refused = await post(path, as, body).expect(409);
      expect(refused.body).toMatchObject({ type: 'urn:lcs:problem:transition-not-allowed', state: 'revoked', allowedActions: [] });
    }
    expect(await deadlineOf(l.id, 'license.expiry')).toMatchObject({ state: 'cancelled' });
    expect(await eligibility(a)).toEqual({ allowed: false, reason: 'revoked', licenseNumber: l.number });
    // A new license may be issued after a revocation (the decision to do so is the supervisor's).
    expect((await license(l.id)).events.map((e: { action: string }) => e.action)).toEqual(['issue', 'revoke']);
  });

  it("the agency's admin surrenders its license: final", async () => {
    const a = await newAgency();
    const other = await newAgency();
    const l = await issue(a.id);
    await issue(other.id);
    const res = await post('/agency/license/surrender', a.admin, { version: 1, reason: 'the company is closing' }).expect(200);
    expect(res.body).toMatchObject({ state: 'surrendered', allowedActions: [], renewalWindow: null });
    expect(res.body.events.at(-1)).toMatchObject({ action: 'surrender', actorId: a.admin.id, actorRole: 'agency_admin' });
    expect(await eligibility(a)).toEqual({ allowed: false, reason: 'surrendered', licenseNumber: l.number });
    expect(await deadlineOf(l.id, 'license.expiry')).toMatchObject({ state: 'cancelled' });
    // The other agency's license is untouched.
    expect((await get('/agency/license', other.staff).expect(200)).body.state).toBe('active');
  });

  it('reads are scoped: an agency user sees only its own license; others get 404', async () => {
    const a = await newAgency();
    const b = await newAgency();
    const la = await issue(a.id);
    await get(`/licensing/licenses/${la.id}`, a.staff).expect(200);
    const other = await get(`/licensing/licenses/${la.id}`, b.staff).expect(404);
    expect(other.body.type).toBe('urn:lcs:problem:not-found');
    await get(`/licensing/licenses/00000000-0000-4000-8000-000000000000`, a.staff).expect(404);
    await get('/agency/license', b.admin).expect(404);
    expect((await get('/agency/license', a.admin).expect(200)).body.id).toBe(la.id);
    await get('/licensing/licenses', a.admin).expect(403);
    // b's admin cannot act on a's license: its own surrender finds no license.
    await post('/agency/license/surrender', b.admin, { version: 1, reason: 'not mine' }).expect(404);
    expect(await eligibility(b)).toEqual({ allowed: false, reason: 'no-license' });
  });

  it('lists licenses for the ministry with filters and pagination', async () => {
    const a = await newAgency('Zamboanga Listing Test Manpower');
    const l = await issue(a.id, 'provisional');
    const byName = (await get('/licensing/licenses?q=zamboanga listing', inspector).expect(200)).body;
    expect(byName).toMatchObject({ total: 1, page: 1, items: [expect.objectContaining({ id: l.id, agencyName: 'Zamboanga Listing Test Manpower' })] });
    const byNumber = (await get(`/licensing/licenses?q=${l.number}`, inspector).expect(200)).body;
    expect(byNumber.items.map((x: { id: string }) => x.id)).toEqual([l.id]);
    const page = (await get('/licensing/licenses?state=active&type=provisional&pageSize=1', inspector).expect(200)).body;
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(1);
    const renewalQueue = (await get('/licensing/licenses?expiresOnOrBefore=2028-12-31', inspector).expect(200)).body;
    expect(renewalQueue.items.every((x: { expiresOn: string }) => x.expiresOn <= '2028-12-31')).toBe(true);
    await get('/licensing/licenses?state=dormant', inspector).expect(400);
  });

  it('may place workers: no with the reason (no license, suspended, on hold, …), yes otherwise', async () => {
    const a = await newAgency();
    expect(await eligibility(a)).toEqual({ allowed: false, reason: 'no-license' });
    const l = await issue(a.id);
    expect(await eligibility(a)).toEqual({ allowed: true, licenseNumber: l.number });
    // At a given instant: after the last day the answer is expired.
    const afterLastDay = new Date(new Date(l.expiresAt).getTime() + 1).toISOString();
    const later = (await get(`/agency/placement-eligibility?at=${afterLastDay}`, a.staff).expect(200)).body;
    expect(later).toEqual({ allowed: false, reason: 'expired', licenseNumber: l.number });
    const lastMoment = (await get(`/agency/placement-eligibility?at=${l.expiresAt}`, a.staff).expect(200)).body;
    expect(lastMoment.allowed).toBe(true);

    // A hold comes from escrow through AgencyHolds; a stand-in here answers for this agency only.
    const service = t.app.get(LicensingService, { strict: false }) as unknown as { holds: AgencyHolds };
    const real = service.holds;
    service.holds = { activeHold: async (_m, agencyId) => (agencyId === a.id ? 'escrow-below-requirement' : null) } as AgencyHolds;
    try {
      expect(await eligibility(a)).toEqual({ allowed: false, reason: 'on-hold', hold: 'escrow-below-requirement', licenseNumber: l.number });
    } finally {
      service.holds = real;
    }
  });

  it('the agency edits its contact and branches; legal identity changes only by an approved amendment', async () => {
    const a = await newAgency('Amendment Test Recruitment Inc.');
    await issue(a.id);
    const profile = (await get('/agency/profile', a.staff).expect(200)).body;
    expect(profile).toMatchObject({ legalName: 'Amendment Test Recruitment Inc.', version: 1, officers: [], branches: [] });

    const update = {
      version: 1,
      address: '1 Mabini Street, Manila',
      contactEmail: 'office@amendment.example',
      contactPhone: '+63 2 8000 0000',
      officers: [{ name: 'Lorna Cruz', position: 'President', email: 'lorna@amendment.example' }],
    };
    await t.http.put('/agency/profile').set('Authorization', a.staff.bearer).send(update).expect(403);
    const updated = (await t.http.put('/agency/profile').set('Authorization', a.admin.bearer).send(update).expect(200)).body;
    expect(updated).toMatchObject({
      version: 2,
      address: '1 Mabini Street, Manila',
      officers: [{ name: 'Lorna Cruz', position: 'President', email: 'lorna@amendment.example', phone: null }],
    });
    const stale = await t.http.put('/agency/profile').set('Authorization', a.admin.bearer).send(update).expect(409);
    expect(stale.body).toMatchObject({ type: 'urn:lcs:problem:stale-version', currentVersion: 2 });
    // The legal name is not among the editable fields.
    await t.http
      .put('/agency/profile')
      .set('Authorization', a.admin.bearer)
      .send({ ...update, version: 2, legalName: 'Renamed' })
      .expect(400);

    const branch = (await post('/agency/branches', a.admin, { name: 'Cebu branch', address: '5 Colon Street, Cebu City' }).expect(201)).body;
    // Pending until the ministry approves it; only an active branch can be closed.
    expect(branch).toMatchObject({ status: 'pending', decidedAt: null });
    expect((await post(`/agency/branches/${branch.id}/close`, a.admin).expect(409)).body.type).toBe('urn:lcs:problem:branch-not-active');
    expect((await get('/licensing/branches', inspector).expect(200)).body.map((x: { id: string }) => x.id)).toContain(branch.id);
    expect((await post(`/licensing/branches/${branch.id}/approve`, inspector, { note: 'Permit seen' }).expect(200)).body).toMatchObject({
      status: 'active',
      decisionNote: 'Permit seen',
    });
    await post(`/licensing/branches/${branch.id}/approve`, inspector).expect(409);
    await post(`/agency/branches/${branch.id}/close`, a.admin).expect(200);
    await post(`/agency/branches/${branch.id}/close`, a.admin).expect(409);
    const b = await newAgency();
    await post(`/agency/branches/${branch.id}/close`, b.admin).expect(404);

    await post('/agency/amendments', a.admin, { owners: [{ name: 'A', nationality: 'PH', sharePercent: 60 }], reason: 'new owner' }).expect(400);
    await post('/agency/amendments', a.admin, { reason: 'nothing to change' }).expect(409);
    const amendment = (
      await post('/agency/amendments', a.admin, {
        legalName: 'Amendment Test Recruitment Corp.',
        owners: [
          { name: 'Lorna Cruz', nationality: 'PH', sharePercent: 70 },
          { name: 'Dante Cruz', nationality: 'PH', sharePercent: 30 },
        ],
        capital: { amountMinor: '250000000', currency: 'PHP' },
        reason: 'incorporated as a corporation',
      }).expect(201)
    ).body;
    expect(amendment).toMatchObject({ state: 'pending', current: { legalName: 'Amendment Test Recruitment Inc.' } });
    const second = await post('/agency/amendments', a.admin, { legalName: 'Other', reason: 'second' }).expect(409);
    expect(second.body.type).toBe('urn:lcs:problem:amendment-pending');
    expect((await get('/agency/amendments', a.staff).expect(200)).body.total).toBe(1);
    expect((await get('/agency/amendments', b.staff).expect(200)).body.total).toBe(0);

    const queue = (await get('/licensing/amendments?state=pending', inspector).expect(200)).body;
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(amendment.id);
    await post(`/licensing/amendments/${amendment.id}/approve`, supervisor, { version: 1, note: 'ok' }).expect(403);
    await post(`/licensing/amendments/${amendment.id}/approve`, inspector, { version: 1, note: 'SEC certificate checked' }).expect(200);
    await post(`/licensing/amendments/${amendment.id}/reject`, inspector, { version: 2, note: 'too late' }).expect(409);
    const after = (await get('/agency/profile', a.staff).expect(200)).body;
    expect(after).toMatchObject({
      legalName: 'Amendment Test Recruitment Corp.',
      capital: { amountMinor: '250000000', currency: 'PHP' },
      owners: [expect.objectContaining({ name: 'Lorna Cruz', sharePercent: 70 }), expect.objectContaining({ name: 'Dante Cruz' })],
    });

    const rejected = (await post('/agency/amendments', a.admin, { registrationNumber: 'CS-NEW-1', reason: 'typo' }).expect(201)).body;
    await post(`/licensing/amendments/${rejected.id}/reject`, inspector, { version: 1, note: 'no certificate' }).expect(200);
    expect((await get('/agency/profile', a.staff).expect(200)).body.registrationNumber).not.toBe('CS-NEW-1');
    expect((await get(`/licensing/agencies/${a.id}/profile`, inspector).expect(200)).body.officers).toHaveLength(1);
  });

  // Last: it moves the clock two years on.
  it('expires by itself at the end of its last local day, not a moment before', async () => {
    clock.set(new Date('2026-03-20T01:00:00.000Z'));
    const a = await newAgency();
    const l = await issue(a.id, 'provisional');
    expect(l).toMatchObject({ issuedOn: '2026-03-20', expiresOn: '2028-03-19', expiresAt: '2028-03-19T15:59:59.999Z' });

    // 23:00 on the last day in Manila: still active, still placing workers.
    clock.set(new Date('2028-03-19T15:00:00.000Z'));
    await scheduler().scheduleDue();
    await new Promise((r) => setTimeout(r, 200));
    expect((await license(l.id)).state).toBe('active');
    expect((await eligibility(a)).allowed).toBe(true);

    clock.set(new Date(l.expiresAt));
    await scheduler().scheduleDue();
    const expired = await waitFor('the license to expire', async () => {
      const v = await license(l.id);
      return v.state === 'expired' && v;
    });
    expect(expired.events.at(-1)).toMatchObject({ action: 'expire', from: 'active', to: 'expired', actorRole: 'system', actorId: null });
    expect(expired.allowedActions).toEqual([]);
    expect(await eligibility(a)).toEqual({ allowed: false, reason: 'expired', licenseNumber: l.number });
    expect(await auditActions(l.id)).toContain('agency.license.expired');
    // It acted: the engine closed the expiry deadline as met.
    expect(await deadlineOf(l.id, 'license.expiry')).toMatchObject({ state: 'met', nextFireAt: null });
    // Final: a supervisor can do nothing with it.
    const refused = await post(`/licensing/licenses/${l.id}/revoke`, supervisor, { version: expired.version, reason: 'too late' }).expect(409);
    expect(refused.body.allowedActions).toEqual([]);
  });
});
