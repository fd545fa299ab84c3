/**
 * Complaints naming the agency in other words (issue 19): matches suggested by trigram similarity
 * on legal names and branch names; an officer links or unlinks the agency (audited), and a linked
 * accepted complaint counts for the agency's pattern of complaints.
 */
import { ManualClock } from '@app/common';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

describe('complaints: matching the agency', () => {
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  let inspector: TestUser;
  let supervisor: TestUser;
  let bayanihan: string;
  let unrelated: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0' } });
    [inspector, supervisor] = await Promise.all((['inspector', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
    bayanihan = (await createAgency(t, { legalName: 'Bayanihan Manpower Services Inc.' })).id;
    unrelated = (await createAgency(t, { legalName: 'Pacific Crewing Solutions Corp.' })).id;
    await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId: bayanihan, type: 'regular' }).expect(201);
    const admin = await createUser(t, { roles: ['agency_admin'], agencyId: unrelated });
    const branch = (
      await t.http
        .post('/agency/branches')
        .set('Authorization', admin.bearer)
        .send({ name: 'Maharlika Cebu Recruitment Office', address: '5 Colon Street, Cebu City' })
        .expect(201)
    ).body;
    await t.http.post(`/licensing/branches/${branch.id}/approve`).set('Authorization', inspector.bearer).send({}).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const file = async (agencyName: string) =>
    (
      await t.http
        .post('/public/complaints')
        .send({ agencyName, allegations: [{ category: 'unpaid-wages', facts: 'Two months of wages unpaid.' }], language: 'en', anonymous: true })
        .expect(201)
    ).body as { id: string; reference: string };
  const view = async (id: string) => (await t.http.get(`/complaints/${id}`).set('Authorization', inspector.bearer).expect(200)).body;
  const link = async (id: string, agencyId: string | null, status = 200, as = inspector) =>
    t.http
      .post(`/complaints/${id}/agency`)
      .set('Authorization', as.bearer)
      .send({ agencyId, reason: 'The complainant named it in her own words', version: (await view(id)).version })
      .expect(status);

  it("suggests the agency a complaint names in other words, by its name or a branch's name; an exact legal name links by itself", async () => {
    const c = await file('Bayanihan Manpower');
    const v = await view(c.id);
    expect(v.agencyId).toBeNull();
    expect(v.agencySuggestions[0]).toMatchObject({
      agencyId: bayanihan,
      legalName: 'Bayanihan Manpower Services Inc.',
      via: 'name',
      licenseNumber: expect.stringMatching(/^PH-LRA-/),
    });
    expect(v.agencySuggestions.map((s: { agencyId: string }) => s.agencyId)).not.toContain(unrelated);
    const byBranch = (await view((await file('Maharlika Cebu recruitment')).id)).agencySuggestions;
    expect(byBranch[0]).toMatchObject({ agencyId: unrelated, via: 'branch', branchName: 'Maharlika Cebu Recruitment Office' });
    const exact = await view((await file('Bayanihan Manpower Services Inc.')).id);
    expect(exact).toMatchObject({ agencyId: bayanihan, agencySuggestions: [] });
  });

  it('an officer links and unlinks the agency (audited, internal timeline); after a decision it is fixed; other roles cannot', async () => {
    const c = await file('Bayanihan Manpower');
    const agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: bayanihan });
    await t.http
      .post(`/complaints/${c.id}/agency`)
      .set('Authorization', agencyAdmin.bearer)
      .send({ agencyId: bayanihan, reason: 'mine', version: 1 })
      .expect(403);
    const linked = (await link(c.id, bayanihan)).body;
    expect(linked).toMatchObject({ agencyId: bayanihan, agencySuggestions: [] });
    expect(linked.timeline.at(-1)).toMatchObject({ kind: 'agency-linked', visibility: 'internal' });
    // The agency now sees the case; unlinked, it no longer does.
    await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', agencyAdmin.bearer).expect(200);
    await link(c.id, bayanihan, 409);
    expect((await link(c.id, null)).body.agencyId).toBeNull();
    await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', agencyAdmin.bearer).expect(404);
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'complaint.agency.%' ORDER BY seq`, [c.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['complaint.agency.linked', 'complaint.agency.unlinked']);
    const stale = await t.http
      .post(`/complaints/${c.id}/agency`)
      .set('Authorization', inspector.bearer)
      .send({ agencyId: bayanihan, reason: 'again please', version: 1 })
      .expect(409);
    expect(stale.body.type).toBe('urn:lcs:problem:stale-version');
    await link(c.id, '00000000-0000-4000-8000-000000000000', 400);
    // Decided: the sanctions belong to the agency decided against; the link is fixed.
    const decided = await file('Bayanihan Manpower Services Inc.');
    const act = async (action: string, body: object, as = inspector) =>
      t.http
        .post(`/complaints/${decided.id}/actions/${action}`)
        .set('Authorization', as.bearer)
        .send({ version: (await view(decided.id)).version, ...body })
        .expect(200);
    await act('accept', {});
    await act('fail-conciliation', { reason: 'No agreement' });
    await act('decide', { findings: [{ allegationId: (await view(decided.id)).allegations[0].id, finding: 'dismissed' }] }, supervisor);
    expect((await link(decided.id, null, 409)).body.type).toBe('urn:lcs:problem:agency-link-closed');
  });

  it('linked accepted complaints count for the pattern: the third plans an inspection', async () => {
    const pattern = (await createAgency(t, { legalName: 'Kapatiran Global Placement Agency Inc.' })).id;
    for (let i = 0; i < 3; i++) {
      const c = await file('Kapatiran Global');
      await t.http
        .post(`/complaints/${c.id}/actions/accept`)
        .set('Authorization', inspector.bearer)
        .send({ version: (await view(c.id)).version })
        .expect(200);
      expect((await view(c.id)).agencySuggestions[0]).toMatchObject({ agencyId: pattern });
      await link(c.id, pattern);
    }
    const inspections = await t.dataSource.query(`SELECT origin, state FROM inspection WHERE agency_id = $1`, [pattern]);
    expect(inspections).toEqual([{ origin: 'pattern', state: 'planned' }]);
  });
});
