/**
 * Licensing rules of issue 19: the license type rule (provisional first; regular on renewal after a
 * clean provisional period; revoked agencies and their owners and officers disqualified for a
 * period), the escrow account opened with the application and kept in step with the type, the
 * review and renewal-decision deadlines, and the agency's open cases shown to the reviewer.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyProfile, EscrowService, LicenseApplication, LicenseType, LicensingActor, LicensingService, REQUIRED_APPLICATION_DOCUMENTS } from '@app/agencies';
import { ManualClock } from '@app/common';
import { SMALL_PDF } from '../documents/fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const SEED: LicensingActor = { userId: null, roles: ['supervisor', 'agency_admin', 'system'], agencyId: null, correlationId: null };

describe('licensing rules: license type, escrow, review deadlines, open cases', () => {
  // Monday 2 March 2026, 09:00 in Manila.
  const START = new Date('2026-03-02T01:00:00.000Z');
  const clock = new ManualClock(START);
  let dir: string;
  let t: TestApp;
  let supervisor: TestUser;
  let inspector: TestUser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lcs-license-rules-'));
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, DOCUMENTS_DIR: dir, LICENSING_PUBLIC_CACHE_SECONDS: '0', EVENTS_POLL_MS: '0' } });
    [supervisor, inspector] = await Promise.all((['supervisor', 'inspector'] as const).map((role) => createUser(t, { roles: [role] })));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const licensing = () => t.app.get(LicensingService, { strict: false });
  const escrow = () => t.app.get(EscrowService, { strict: false });
  const post = (path: string, as: TestUser, body: object = {}) => t.http.post(path).set('Authorization', as.bearer).send(body);
  const get = (path: string, as: TestUser) => t.http.get(path).set('Authorization', as.bearer);
  const newAgency = async (legalName?: string) => {
    const id = (await createAgency(t, legalName ? { legalName } : {})).id;
    return { id, admin: await createUser(t, { roles: ['agency_admin'], agencyId: id }) };
  };
  const deposit = (agencyId: string) =>
    t.dataSource.transaction((m) =>
      escrow().record(m, {
        agencyId,
        kind: 'deposit',
        amountMinor: 100_000_000n,
        currency: 'PHP',
        reference: 'BDO-TEST',
        actor: 'system',
        idempotencyKey: randomUUID(),
      }),
    );
  const fund = async (agencyId: string, type: LicenseType) => {
    await t.dataSource.transaction((m) => escrow().openAccount(m, agencyId, type));
    await deposit(agencyId);
  };
  const issue = (agencyId: string, type: LicenseType, issuedOn?: string) =>
    t.dataSource.transaction((m) => licensing().issueLicense(m, agencyId, type, SEED, issuedOn ? { issuedOn } : {}));
  const recommended = async (agencyId: string, type: 'new' | 'renewal', licenseId: string | null = null) =>
    (await t.dataSource.getRepository(LicenseApplication).save({ agencyId, type, licenseId, state: 'recommended', correctionItems: [], version: 1 })).id;
  const approve = async (id: string, status = 200) =>
    post(`/licensing/applications/${id}/approve`, supervisor, {
      version: (await get(`/licensing/applications/${id}`, supervisor).expect(200)).body.version,
    }).expect(status);
  const escrowType = async (agencyId: string) =>
    (await t.dataSource.query(`SELECT license_type FROM escrow_account WHERE agency_id = $1`, [agencyId]))[0]?.license_type ?? null;
  const deadline = async (subjectId: string, kind: string) =>
    (
      await t.dataSource.query(`SELECT state, assignee_user_id FROM deadline WHERE subject_id = $1 AND kind = $2 ORDER BY started_at DESC LIMIT 1`, [
        subjectId,
        kind,
      ])
    )[0];
  const upload = async (id: string, kinds: readonly string[], as: TestUser) => {
    for (const kind of kinds)
      await t.http
        .post(`/agency/applications/${id}/documents`)
        .set('Authorization', as.bearer)
        .field('kind', kind)
        .attach('file', SMALL_PDF, `${kind}.pdf`)
        .expect(201);
  };

  it('a new license is provisional first, even for an agency that held one before', async () => {
    const a = await newAgency();
    const old = await issue(a.id, 'regular', '2020-01-10');
    await t.dataSource.transaction((m) => licensing().transitionIn(m, old.id, 'surrender', { reason: 'closing the old business' }, SEED));
    await fund(a.id, 'regular');
    const id = await recommended(a.id, 'new');
    expect((await get(`/licensing/applications/${id}`, supervisor).expect(200)).body).toMatchObject({
      licenseTypeOnApproval: 'provisional',
      licenseTypeWhy: 'a new license is provisional first',
    });
    const approved = (await approve(id)).body;
    expect((await get(`/licensing/licenses/${approved.licenseId}`, supervisor).expect(200)).body.type).toBe('provisional');
    // The escrow account follows the type.
    expect(await escrowType(a.id)).toBe('provisional');
  });

  it('a provisional license renews regular after a clean provisional period, provisional again after a suspension; the escrow follows', async () => {
    const clean = await newAgency();
    const l = await issue(clean.id, 'provisional', '2024-05-01');
    await fund(clean.id, 'provisional');
    const id = await recommended(clean.id, 'renewal', l.id);
    expect((await get(`/licensing/applications/${id}`, supervisor).expect(200)).body).toMatchObject({
      licenseTypeOnApproval: 'regular',
      licenseTypeWhy: 'the provisional period ended without violations',
    });
    await approve(id);
    expect((await get(`/licensing/licenses/${l.id}`, supervisor).expect(200)).body).toMatchObject({ type: 'regular', expiresOn: '2030-04-30' });
    expect(await escrowType(clean.id)).toBe('regular');

    const suspended = await newAgency();
    const s = await issue(suspended.id, 'provisional', '2024-05-01');
    await fund(suspended.id, 'provisional');
    await t.dataSource.transaction((m) =>
      licensing().transitionIn(m, s.id, 'suspend', { reason: 'fees above the cap', until: new Date('2026-03-01T00:00:00Z') }, SEED, {
        now: new Date('2025-06-01T00:00:00Z'),
      }),
    );
    await t.dataSource.transaction((m) =>
      licensing().transitionIn(m, s.id, 'reinstate', { reason: 'complied' }, SEED, { now: new Date('2025-07-01T00:00:00Z') }),
    );
    const rid = await recommended(suspended.id, 'renewal', s.id);
    const view = (await get(`/licensing/applications/${rid}`, supervisor).expect(200)).body;
    expect(view.licenseTypeOnApproval).toBe('provisional');
    expect(view.licenseTypeWhy).toContain('license suspended on');
    await approve(rid);
    expect((await get(`/licensing/licenses/${s.id}`, supervisor).expect(200)).body).toMatchObject({ type: 'provisional', expiresOn: '2028-04-30' });
  });

  it('a revoked agency, and another sharing an owner or officer with it, are disqualified for LICENSING_DISQUALIFICATION_YEARS', async () => {
    const revoked = await newAgency();
    const l = await issue(revoked.id, 'regular');
    await t.dataSource
      .getRepository(AgencyProfile)
      .update(
        { agencyId: revoked.id },
        { officers: [{ name: 'Rogelio Panganiban', position: 'President', email: 'rp@agency.test', phone: '+63 2 8123 4567' }] as never },
      );
    await t.dataSource.transaction((m) => licensing().transitionIn(m, l.id, 'revoke', { reason: 'illegal recruitment' }, SEED));
    const check = async (agencyId: string) => {
      const id = await recommended(agencyId, 'new');
      return (
        (await get(`/licensing/applications/${id}`, supervisor).expect(200)).body.clearance.checks as { check: string; ok: boolean; detail: string }[]
      ).find((c) => c.check === 'not-disqualified')!;
    };
    expect(await check(revoked.id)).toMatchObject({ ok: false, detail: expect.stringContaining('the agency: license') });
    const front = await newAgency();
    await t.dataSource
      .getRepository(AgencyProfile)
      .save({ agencyId: front.id, officers: [], owners: [{ name: 'rogelio  PANGANIBAN', nationality: 'PH', sharePercent: 100 }] } as never);
    const frontCheck = await check(front.id);
    expect(frontCheck).toMatchObject({ ok: false, detail: expect.stringContaining('(owner or officer)') });
    expect(frontCheck.detail).toContain('disqualified until 2031-03-02');
    const unrelated = await newAgency();
    expect(await check(unrelated.id)).toMatchObject({ ok: true });
  });

  it('the escrow account opens with the application; the review deadline runs from the filing, pauses while returned, and is met by the decision', async () => {
    const a = await newAgency();
    const id = (await post('/agency/applications', a.admin, { type: 'new' }).expect(201)).body.id;
    expect(await escrowType(a.id)).toBe('provisional');
    await upload(id, REQUIRED_APPLICATION_DOCUMENTS.new, a.admin);
    await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(200);
    expect(await deadline(id, 'license.application-review')).toMatchObject({ state: 'pending', assignee_user_id: null });
    let v = (await post(`/licensing/applications/${id}/take`, inspector, { version: 2 }).expect(200)).body.version;
    expect(await deadline(id, 'license.application-review')).toMatchObject({ state: 'pending', assignee_user_id: inspector.id });
    v = (await post(`/licensing/applications/${id}/return`, inspector, { version: v, items: ['Sign the financial statement'] }).expect(200)).body.version;
    expect((await deadline(id, 'license.application-review')).state).toBe('paused');
    v = (await post(`/agency/applications/${id}/submit`, a.admin, { version: v }).expect(200)).body.version;
    expect((await deadline(id, 'license.application-review')).state).toBe('pending');
    v = (await post(`/licensing/applications/${id}/take`, inspector, { version: v }).expect(200)).body.version;
    v = (await post(`/licensing/applications/${id}/recommend`, inspector, { version: v }).expect(200)).body.version;
    await deposit(a.id);
    await post(`/licensing/applications/${id}/approve`, supervisor, { version: v }).expect(200);
    expect((await deadline(id, 'license.application-review')).state).toBe('met');
    // The policy is an SLA policy like any other.
    expect((await get('/admin/sla-policies/license.application-review', await createUser(t, { roles: ['admin'] })).expect(200)).body).toMatchObject({
      kind: 'license.application-review',
    });
  });

  it("a renewal gets the renewal-decision deadline; the reviewer sees the agency's open cases", async () => {
    const a = await newAgency('Open Cases Renewal Agency Inc.');
    const l = await issue(a.id, 'regular', '2022-05-01');
    await fund(a.id, 'regular');
    const filed = (
      await t.http
        .post('/public/complaints')
        .send({
          agencyName: 'Open Cases Renewal Agency Inc.',
          allegations: [{ category: 'unpaid-wages', facts: 'Two months unpaid.' }],
          language: 'en',
          anonymous: true,
        })
        .expect(201)
    ).body;
    const id = (await post('/agency/applications', a.admin, { type: 'renewal' }).expect(201)).body.id;
    await upload(id, REQUIRED_APPLICATION_DOCUMENTS.renewal, a.admin);
    await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(200);
    expect((await deadline(id, 'license.renewal-decision')).state).toBe('pending');
    const view = (await get(`/licensing/applications/${id}`, inspector).expect(200)).body;
    expect(view.openCases).toEqual([expect.objectContaining({ reference: filed.reference, kind: 'complaint', stage: 'submitted' })]);
    // Never on the agency's own view.
    expect((await get(`/agency/applications/${id}`, a.admin).expect(200)).body.openCases).toBeUndefined();
    expect(l.type).toBe('regular');
  });
});
