/**
 * Public verification, no sign-in: by license number and by fuzzy name, public facts only (the
 * JSON holds none of the officers', owners' or contacts' details, nor reasons or actors),
 * Cache-Control, answers changed at once by changes made through the API, and the per-address
 * rate limit (429 with Retry-After).
 */
import { formatLicenseNumber } from '@app/agencies';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

const PERSONAL = [
  'Marisol Dimaculangan',
  'marisol.d@kalayaan.example',
  '+63 917 555 0101',
  'Rogelio Panganiban',
  'Teodora Panganiban',
  'hq@kalayaan.example',
  '+63 2 8555 0000',
  'secret inspection note',
  'Closed after the fire',
];

describe('public verification', () => {
  let t: TestApp;
  let supervisor: TestUser;
  let admin: TestUser;
  let agencyId: string;
  let license: { id: string; number: string; version: number };

  beforeAll(async () => {
    // The in-process answer cache stays on (its default): changes through the API must still show at once.
    t = await createTestApp();
    supervisor = await createUser(t, { roles: ['supervisor'] });
    agencyId = (await createAgency(t, { legalName: 'Kalayaan Overseas Manpower Services Inc.' })).id;
    admin = await createUser(t, { roles: ['agency_admin'], agencyId });
    license = (await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201)).body;
    await t.http
      .put('/agency/profile')
      .set('Authorization', admin.bearer)
      .send({
        version: 1,
        address: '10 Kalayaan Avenue, Quezon City',
        contactEmail: 'hq@kalayaan.example',
        contactPhone: '+63 2 8555 0000',
        officers: [{ name: 'Marisol Dimaculangan', position: 'President', email: 'marisol.d@kalayaan.example', phone: '+63 917 555 0101' }],
      })
      .expect(200);
    await t.http
      .post('/agency/amendments')
      .set('Authorization', admin.bearer)
      .send({
        owners: [
          { name: 'Rogelio Panganiban', nationality: 'PH', sharePercent: 50 },
          { name: 'Teodora Panganiban', nationality: 'PH', sharePercent: 50 },
        ],
        reason: 'owners recorded',
      })
      .expect(201);
    const [amendment] = (await t.dataSource.query(`SELECT id FROM agency_amendment WHERE agency_id = $1`, [agencyId])) as { id: string }[];
    const inspector = await createUser(t, { roles: ['inspector'] });
    await t.http.post(`/licensing/amendments/${amendment.id}/approve`).set('Authorization', inspector.bearer).send({ version: 1, note: 'ok' }).expect(200);
    // Branches are public only once the ministry approves them: a pending and a rejected one never show.
    const open = (
      await t.http
        .post('/agency/branches')
        .set('Authorization', admin.bearer)
        .send({ name: 'Baguio branch', address: '3 Session Road, Baguio City' })
        .expect(201)
    ).body;
    const closed = (
      await t.http
        .post('/agency/branches')
        .set('Authorization', admin.bearer)
        .send({ name: 'Closed after the fire', address: '8 Burgos Street, Vigan' })
        .expect(201)
    ).body;
    await t.http
      .post('/agency/branches')
      .set('Authorization', admin.bearer)
      .send({ name: 'Not yet approved', address: '1 Pending Road, Iloilo City' })
      .expect(201);
    const rejected = (
      await t.http.post('/agency/branches').set('Authorization', admin.bearer).send({ name: 'Refused', address: '9 Rejected Street, Tacloban' }).expect(201)
    ).body;
    await t.http.post(`/agency/branches/${closed.id}/close`).set('Authorization', admin.bearer).expect(409);
    for (const b of [open, closed]) await t.http.post(`/licensing/branches/${b.id}/approve`).set('Authorization', inspector.bearer).send({}).expect(200);
    await t.http
      .post(`/licensing/branches/${rejected.id}/reject`)
      .set('Authorization', inspector.bearer)
      .send({ note: 'No business permit for these premises' })
      .expect(200);
    await t.http.post(`/licensing/branches/${rejected.id}/approve`).set('Authorization', inspector.bearer).send({}).expect(409);
    await t.http.post(`/agency/branches/${closed.id}/close`).set('Authorization', admin.bearer).expect(200);
    // A suspension, reinstated: public history, without its reasons.
    await t.http
      .post(`/licensing/licenses/${license.id}/suspend`)
      .set('Authorization', supervisor.bearer)
      .send({ version: 1, reason: 'secret inspection note', until: '2099-01-01T00:00:00Z' })
      .expect(200);
    await t.http
      .post(`/licensing/licenses/${license.id}/reinstate`)
      .set('Authorization', supervisor.bearer)
      .send({ version: 2, reason: 'secret inspection note resolved' })
      .expect(200);
  });
  afterAll(() => t?.close());

  const expectNoPersonalData = (text: string) => {
    for (const s of PERSONAL) expect(text).not.toContain(s);
    for (const key of ['officers', 'owners', 'contactEmail', 'contactPhone', 'reason', 'actorId', 'actorRole', supervisor.id, admin.id, agencyId, license.id])
      expect(text).not.toContain(key);
  };

  it('answers a license by its exact number with public facts only, cacheable for a minute', async () => {
    const res = await t.http.get(`/public/licenses/${license.number}`).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      legalName: 'Kalayaan Overseas Manpower Services Inc.',
      license: { number: license.number, type: 'regular', state: 'active', issuedOn: expect.any(String), expiresOn: expect.any(String), suspendedUntil: null },
      branches: [
        { address: '3 Session Road, Baguio City', status: 'active' },
        { address: '8 Burgos Street, Vigan', status: 'closed' },
      ],
      suspensions: [{ from: expect.stringMatching(/Z$/), until: '2099-01-01T00:00:00.000Z', endedAt: expect.stringMatching(/Z$/) }],
      revocation: null,
      scorecard: { openComplaints: 0, decidedViolations: 0, deployments: 0 },
    });
    expectNoPersonalData(res.text);
    // Letter case and spaces do not matter.
    await t.http.get(`/public/licenses/${encodeURIComponent(` ${license.number.toLowerCase()} `)}`).expect(200);
  });

  it('a mistyped number fails its check digit (400); a well-formed unknown one is 404', async () => {
    const digits = license.number.replace(/\D/g, '');
    const wrongDigit = `${digits[digits.length - 2] === '9' ? '0' : String(Number(digits[digits.length - 2]) + 1)}`;
    const typo = license.number.slice(0, -3) + wrongDigit + license.number.slice(-2);
    const bad = await t.http.get(`/public/licenses/${typo}`).expect(400);
    expect(bad.body).toMatchObject({
      type: 'urn:lcs:problem:validation-failed',
      errors: [expect.objectContaining({ field: 'number', rule: 'licenseNumber' })],
    });
    await t.http.get(`/public/licenses/${formatLicenseNumber('PH-LRA', 2026, 99_999)}`).expect(404);
  });

  it('finds agencies by name, forgiving typos, with the same public fields', async () => {
    await createAgency(t, { legalName: 'Kalayaan Trading Company' });
    const res = await t.http.get('/public/agencies').query({ q: 'kalayan overseas manpower' }).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.body.items[0]).toMatchObject({
      legalName: 'Kalayaan Overseas Manpower Services Inc.',
      license: { number: license.number },
      scorecard: { openComplaints: 0 },
    });
    expectNoPersonalData(res.text);
    const part = await t.http.get('/public/agencies?q=Kalayaan').expect(200);
    expect(part.body.items.map((i: { legalName: string }) => i.legalName)).toEqual(
      expect.arrayContaining(['Kalayaan Overseas Manpower Services Inc.', 'Kalayaan Trading Company']),
    );
    expect(part.body.items.find((i: { legalName: string }) => i.legalName === 'Kalayaan Trading Company').license).toBeNull();
    expect((await t.http.get('/public/agencies?q=zzqxv').expect(200)).body).toEqual({ items: [] });
    await t.http.get('/public/agencies?q=ka').expect(400);
  });

  it('shows a change made through the API at once, whatever this process had kept', async () => {
    await t.http.get(`/public/licenses/${license.number}`).expect(200);
    await t.http
      .post(`/licensing/licenses/${license.id}/revoke`)
      .set('Authorization', supervisor.bearer)
      .send({ version: 3, reason: 'illegal recruitment' })
      .expect(200);
    const res = await t.http.get(`/public/licenses/${license.number}`).expect(200);
    expect(res.body.license.state).toBe('revoked');
    expect(res.body.revocation).toEqual({ at: expect.stringMatching(/Z$/), reason: 'illegal recruitment' });
  });

  it('lists the suspended and the revoked licenses by agency name, a page at a time', async () => {
    const suspendedIds: string[] = [];
    for (const name of ['Zeta Suspended Manpower', 'Alpha Suspended Manpower']) {
      const id = (await createAgency(t, { legalName: name })).id;
      const l = (await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId: id, type: 'regular' }).expect(201)).body;
      await t.http
        .post(`/licensing/licenses/${l.id}/suspend`)
        .set('Authorization', supervisor.bearer)
        .send({ version: 1, reason: 'inspection pending', until: '2099-01-01T00:00:00Z' })
        .expect(200);
      suspendedIds.push(l.id);
    }
    const suspended = await t.http.get('/public/licenses?state=suspended&pageSize=1').expect(200);
    expect(suspended.headers['cache-control']).toBe('public, max-age=60');
    expect(suspended.body).toMatchObject({
      page: 1,
      pageSize: 1,
      total: 2,
      items: [{ legalName: 'Alpha Suspended Manpower', license: { state: 'suspended' }, revocation: null }],
    });
    expect(suspended.text).not.toContain('inspection pending');
    const second = await t.http.get('/public/licenses?state=suspended&pageSize=1&page=2').expect(200);
    expect(second.body.items.map((i: { legalName: string }) => i.legalName)).toEqual(['Zeta Suspended Manpower']);
    const revoked = await t.http.get('/public/licenses?state=revoked').expect(200);
    expect(revoked.body.items).toEqual([
      expect.objectContaining({ legalName: 'Kalayaan Overseas Manpower Services Inc.', revocation: { at: expect.any(String), reason: 'illegal recruitment' } }),
    ]);
    await t.http.get('/public/licenses?state=active').expect(400);
    await t.http.get('/public/licenses').expect(400);
  });
});

describe('public verification rate limit', () => {
  let t: TestApp;
  let number: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { LICENSING_PUBLIC_LIMIT_PER_IP: '3', LICENSING_PUBLIC_WINDOW_SECONDS: '60' } });
    const supervisor = await createUser(t, { roles: ['supervisor'] });
    const agencyId = (await createAgency(t)).id;
    number = (await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'provisional' }).expect(201)).body.number;
  });
  afterAll(() => t?.close());

  it('answers 429 with Retry-After past the limit per address, counting both public routes', async () => {
    await t.http.get(`/public/licenses/${number}`).expect(200);
    await t.http.get('/public/agencies?q=test agency').expect(200);
    await t.http.get(`/public/licenses/${number}`).expect(200);
    const res = await t.http.get(`/public/licenses/${number}`).expect(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:lcs:problem:too-many-requests');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    await t.http.get('/public/agencies?q=test agency').expect(429);
    // Other routes are not limited by it.
    await t.http.get('/health/live').expect(200);
  });
});

describe('public scorecard: only complaints accepted at triage', () => {
  let t: TestApp;
  let inspector: TestUser;
  let number: string;

  beforeAll(async () => {
    // No in-process answer cache: a triage decision (complaints, not licensing) must show on the next read.
    t = await createTestApp({ env: { LICENSING_PUBLIC_CACHE_SECONDS: '0' } });
    const supervisor = await createUser(t, { roles: ['supervisor'] });
    inspector = await createUser(t, { roles: ['inspector'] });
    const agencyId = (await createAgency(t, { legalName: 'Masagana Overseas Placement Corp.' })).id;
    number = (await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201)).body.number;
  });
  afterAll(() => t?.close());

  const fileAnonymously = async (): Promise<string> =>
    (
      await t.http
        .post('/public/complaints')
        .send({
          licenseNumber: number,
          anonymous: true,
          language: 'en',
          allegations: [{ category: 'excess-fees', facts: 'They charged me three months of salary.' }],
        })
        .expect(201)
    ).body.reference;
  const caseId = async (reference: string): Promise<{ id: string; version: number }> =>
    (await t.dataSource.query(`SELECT id, version FROM complaint WHERE reference = $1`, [reference]))[0];
  const triage = async (reference: string, action: 'accept' | 'dismiss', body: Record<string, unknown> = {}) => {
    const c = await caseId(reference);
    await t.http
      .post(`/complaints/${c.id}/actions/${action}`)
      .set('Authorization', inspector.bearer)
      .send({ version: c.version, ...body })
      .expect(200);
  };
  const scores = async () => {
    const byNumber = (await t.http.get(`/public/licenses/${number}`).expect(200)).body.scorecard;
    const byName = (await t.http.get('/public/agencies?q=Masagana').expect(200)).body.items[0].scorecard;
    return { byNumber, byName };
  };

  it('anonymous filings not yet triaged do not count; an accepted one does, a dismissed one never', async () => {
    const filed = [await fileAnonymously(), await fileAnonymously(), await fileAnonymously()];
    // Three unvetted filings move nothing, on the license page and in the name search alike.
    expect(await scores()).toEqual({ byNumber: expect.objectContaining({ openComplaints: 0 }), byName: expect.objectContaining({ openComplaints: 0 }) });
    await triage(filed[0], 'accept');
    await triage(filed[1], 'dismiss', { reason: 'Fabricated: no such placement on record.' });
    expect(await scores()).toEqual({ byNumber: expect.objectContaining({ openComplaints: 1 }), byName: expect.objectContaining({ openComplaints: 1 }) });
  });
});
