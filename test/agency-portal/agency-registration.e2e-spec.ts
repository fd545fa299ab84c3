/**
 * Issue 22: a new agency registers itself (legal identity, owners, officers, address, and its
 * first admin, confirmed by mail), then applies for a license through /agency/applications. The
 * answer never tells whether the admin's address has an account; the disqualification rule keeps
 * a revoked agency's owners and officers from coming back under a new name within the period.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Response } from 'supertest';
import { AgencyProfile, EscrowService, LicensingActor, LicensingService, REQUIRED_APPLICATION_DOCUMENTS } from '@app/agencies';
import { ManualClock } from '@app/common';
import { SMALL_PDF } from '../documents/fixtures';
import { TEST_PASSWORD, TestUser, createAgency, createUser, mailedLink } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const SEED: LicensingActor = { userId: null, roles: ['supervisor', 'agency_admin', 'system'], agencyId: null, correlationId: null };
const unique = () => `${Date.now()}${randomBytes(3).toString('hex')}`;

const observable = (res: Response) => {
  const { correlationId, instance, ...body } = res.body as Record<string, unknown>;
  void correlationId;
  void instance;
  const headers = { ...res.headers };
  for (const h of ['date', 'x-request-id', 'content-length', 'connection', 'keep-alive']) delete headers[h];
  return { status: res.status, headers, body };
};

/** A valid registration; `over` replaces top-level fields, `admin` the admin's. */
const registration = (over: Record<string, unknown> = {}, admin: Record<string, unknown> = {}) => {
  const n = unique();
  return {
    legalName: `Bagong Araw Manpower ${n} Inc.`,
    registrationNumber: `CS-${n}`,
    address: '21 Mabini Street, Ermita, Manila',
    contactEmail: `office.${n}@bagongaraw.test`,
    contactPhone: '+63 2 8555 0100',
    owners: [
      { name: 'Ligaya Ramos', nationality: 'PH', sharePercent: 60 },
      { name: 'Andres Villanueva', nationality: 'PH', sharePercent: 40 },
    ],
    officers: [{ name: 'Ligaya Ramos', position: 'President', email: `ligaya.${n}@bagongaraw.test`, phone: '+63 917 555 0199' }],
    capital: { amountMinor: '500000000', currency: 'PHP' },
    ...over,
    admin: { email: `admin.${n}@bagongaraw.test`, password: TEST_PASSWORD, displayName: 'Ligaya Ramos', preferredLanguage: 'fil', ...admin },
  };
};

describe('agency registration (issue 22)', () => {
  // Monday 2 March 2026, 09:00 in Manila.
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let dir: string;
  let t: TestApp;
  let supervisor: TestUser;
  let inspector: TestUser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lcs-agency-registration-'));
    t = await createTestApp({
      clock,
      env: {
        ...DEADLINES_DRIVEN_BY_TEST,
        DOCUMENTS_DIR: dir,
        AUTH_LOGIN_LIMIT_PER_IP: '1000',
        AUTH_LOGIN_LIMIT_PER_ACCOUNT: '1000',
        AUTH_LINK_BASE_URL: 'https://portal.example.gov/',
        LICENSING_PUBLIC_CACHE_SECONDS: '0',
      },
    });
    [supervisor, inspector] = await Promise.all((['supervisor', 'inspector'] as const).map((role) => createUser(t, { roles: [role] })));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const post = (path: string, as: { bearer: string }, body: object = {}) => t.http.post(path).set('Authorization', as.bearer).send(body);
  const get = (path: string, as: { bearer: string }) => t.http.get(path).set('Authorization', as.bearer);
  const agencies = async (registrationNumber: string) =>
    (await t.dataSource.query('SELECT id, legal_name FROM agency WHERE registration_number = $1', [registrationNumber])) as {
      id: string;
      legal_name: string;
    }[];
  const accounts = async (email: string) =>
    (await t.dataSource.query('SELECT id, roles, agency_id, preferred_language FROM app_user WHERE email = $1', [email.toLowerCase()])) as {
      id: string;
      roles: string[];
      agency_id: string;
      preferred_language: string;
    }[];
  const upload = (id: string, kind: string, as: { bearer: string }) =>
    t.http.post(`/agency/applications/${id}/documents`).set('Authorization', as.bearer).field('kind', kind).attach('file', SMALL_PDF, `${kind}.pdf`);
  /** Registers and opens the mailed link: the admin's session. */
  const registerAndVerify = async (body = registration()) => {
    await t.http.post('/agency-registrations').send(body).expect(202);
    const { token } = await mailedLink(t, 'account.agency-registration', body.admin.email);
    const verified = await t.http.post('/agency-registrations/verify').send({ token, password: body.admin.password }).expect(200);
    return { bearer: `Bearer ${verified.body.accessToken}`, body };
  };
  const revokedAgencyWithOfficer = async (officer: string) => {
    const a = await createAgency(t);
    await t.dataSource
      .getRepository(AgencyProfile)
      .save({ agencyId: a.id, officers: [{ name: officer, position: 'President', email: null, phone: null }] as never, owners: [] as never });
    const licensing = t.app.get(LicensingService, { strict: false });
    const l = await t.dataSource.transaction((m) => licensing.issueLicense(m, a.id, 'regular', SEED));
    await t.dataSource.transaction((m) => licensing.transitionIn(m, l.id, 'revoke', { reason: 'illegal recruitment' }, SEED));
    return l;
  };

  it('creates nothing until the admin opens the mailed link with the password chosen; then the agency, its profile and the admin exist and it applies for a license', async () => {
    const body = registration();
    const res = await t.http.post('/agency-registrations').send(body).expect(202);
    expect(res.body).toMatchObject({ status: 'accepted' });
    expect(await agencies(body.registrationNumber)).toEqual([]);
    expect(await accounts(body.admin.email)).toEqual([]);

    const { url, token } = await mailedLink(t, 'account.agency-registration', body.admin.email);
    expect(url).toBe(`https://portal.example.gov/agency/register/verify?token=${token}`);
    const [mail] = await outboxMessages(t, { template: 'account.agency-registration', recipient: body.admin.email });
    expect(mail.language).toBe('fil');
    // The link row keeps only the token's hash.
    const [row] = await t.dataSource.query(`SELECT row_to_json(l)::text AS row FROM account_link l WHERE email = $1`, [body.admin.email]);
    expect(row.row).not.toContain(token);

    const wrong = await t.http.post('/agency-registrations/verify').send({ token, password: 'not the chosen one' }).expect(401);
    expect(wrong.body.type).toBe('urn:lcs:problem:invalid-credentials');
    expect(await agencies(body.registrationNumber)).toEqual([]);

    const verified = await t.http.post('/agency-registrations/verify').send({ token, password: TEST_PASSWORD }).expect(200);
    expect(verified.body).toEqual({ tokenType: 'Bearer', accessToken: expect.any(String), expiresIn: 900, refreshToken: expect.any(String) });
    const [agency] = await agencies(body.registrationNumber);
    expect(agency.legal_name).toBe(body.legalName);
    expect(await accounts(body.admin.email)).toEqual([expect.objectContaining({ roles: ['agency_admin'], agency_id: agency.id, preferred_language: 'fil' })]);
    const admin = { bearer: `Bearer ${verified.body.accessToken}` };
    const profile = (await get('/agency/profile', admin).expect(200)).body;
    expect(profile).toMatchObject({
      agencyId: agency.id,
      legalName: body.legalName,
      registrationNumber: body.registrationNumber,
      address: body.address,
      contactEmail: body.contactEmail,
      owners: body.owners,
      officers: body.officers,
      capital: body.capital,
    });
    const audit = await t.dataSource.query(`SELECT actor_id, changes FROM audit_log WHERE action = 'agency.registered' AND subject_id = $1`, [agency.id]);
    expect(audit).toHaveLength(1);
    // Single use.
    expect((await t.http.post('/agency-registrations/verify').send({ token, password: TEST_PASSWORD }).expect(400)).body.type).toBe(
      'urn:lcs:problem:invalid-link',
    );

    // It applies through the existing routes: returned, fixed, approved.
    const app = (await post('/agency/applications', admin, { type: 'new' }).expect(201)).body;
    expect(app).toMatchObject({ type: 'new', state: 'draft', missingDocuments: [...REQUIRED_APPLICATION_DOCUMENTS.new] });
    for (const kind of REQUIRED_APPLICATION_DOCUMENTS.new) await upload(app.id, kind, admin).expect(201);
    await post(`/agency/applications/${app.id}/submit`, admin, { version: 1 }).expect(200);
    const escrow = t.app.get(EscrowService, { strict: false });
    await t.dataSource.transaction(async (m) => {
      await escrow.openAccount(m, agency.id, 'provisional');
      await escrow.record(m, {
        agencyId: agency.id,
        kind: 'deposit',
        amountMinor: 100_000_000n,
        currency: 'PHP',
        reference: 'BDO-TEST',
        actor: 'system',
        idempotencyKey: randomUUID(),
      });
    });
    await post(`/licensing/applications/${app.id}/take`, inspector, { version: 2 }).expect(200);
    await post(`/licensing/applications/${app.id}/return`, inspector, { version: 3, items: ['The business permit has expired'] }).expect(200);
    expect((await get(`/agency/applications/${app.id}`, admin).expect(200)).body).toMatchObject({
      state: 'returned_for_correction',
      correctionItems: ['The business permit has expired'],
    });
    await upload(app.id, 'business-permit', admin).expect(201);
    await post(`/agency/applications/${app.id}/submit`, admin, { version: 4 }).expect(200);
    await post(`/licensing/applications/${app.id}/take`, inspector, { version: 5 }).expect(200);
    await post(`/licensing/applications/${app.id}/recommend`, inspector, { version: 6 }).expect(200);
    const approved = (await post(`/licensing/applications/${app.id}/approve`, supervisor, { version: 7 }).expect(200)).body;
    expect(approved).toMatchObject({ state: 'approved', licenseNumber: expect.stringMatching(/^PH-LRA-2026-\d{5}-\d$/) });
    expect((await get('/agency/license', admin).expect(200)).body).toMatchObject({ number: approved.licenseNumber, state: 'active', type: 'provisional' });

    // Another new agency sees none of it.
    const other = await registerAndVerify();
    expect((await get('/agency/applications', other).expect(200)).body.items).toEqual([]);
    await get(`/agency/applications/${app.id}`, other).expect(404);
    expect((await get('/agency/profile', other).expect(200)).body.legalName).toBe(other.body.legalName);
  });

  it('answers a registration whose admin address has an account exactly as any other, and mails nothing', async () => {
    const existing = await createUser(t, { roles: ['worker'], signIn: false });
    const fresh = await t.http.post('/agency-registrations').send(registration());
    const taken = registration({}, { email: existing.email });
    const dup = await t.http.post('/agency-registrations').send(taken);
    expect(fresh.status).toBe(202);
    expect(observable(dup)).toEqual(observable(fresh));
    expect(await t.dataSource.query(`SELECT id FROM account_link WHERE email = $1`, [existing.email])).toEqual([]);
    expect(await agencies(taken.registrationNumber)).toEqual([]);
    expect(
      await t.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'agency.registration.duplicate' AND changes->>'registrationNumber' = $1`, [
        taken.registrationNumber,
      ]),
    ).toHaveLength(1);
  });

  it('names the field of bad input: shares not adding up to 100, a weak admin password, no officer, a registration number already registered', async () => {
    const shares = await t.http
      .post('/agency-registrations')
      .send(registration({ owners: [{ name: 'A', nationality: 'PH', sharePercent: 50 }] }))
      .expect(400);
    expect(shares.body.errors).toEqual([expect.objectContaining({ field: 'owners', rule: 'sharesSumTo100' })]);
    const weak = await t.http
      .post('/agency-registrations')
      .send(registration({}, { password: 'password' }))
      .expect(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toEqual(['admin.password']);
    const noOfficer = await t.http
      .post('/agency-registrations')
      .send(registration({ officers: [] }))
      .expect(400);
    expect(noOfficer.body.errors.map((e: { field: string }) => e.field)).toContain('officers');
    const badOwner = await t.http
      .post('/agency-registrations')
      .send(registration({ owners: [{ name: 'A', nationality: 'Philippines', sharePercent: 100 }] }))
      .expect(400);
    expect(badOwner.body.errors.map((e: { field: string }) => e.field)).toContain('owners[0].nationality');

    const existing = await createAgency(t, { registrationNumber: `CS-${unique()}` });
    const clash = await t.http
      .post('/agency-registrations')
      .send(registration({ registrationNumber: ` ${existing.registrationNumber.toLowerCase()} ` }))
      .expect(409);
    expect(clash.body).toMatchObject({ type: 'urn:lcs:problem:registration-number-taken', field: 'registrationNumber' });
  });

  it('of two pending registrations of one registration number, the first confirmed wins; the other is refused and its link stays as it was', async () => {
    const number = `CS-${unique()}`;
    const first = registration({ registrationNumber: number });
    const second = registration({ registrationNumber: number });
    await t.http.post('/agency-registrations').send(first).expect(202);
    await t.http.post('/agency-registrations').send(second).expect(202);
    const a = await mailedLink(t, 'account.agency-registration', first.admin.email);
    const b = await mailedLink(t, 'account.agency-registration', second.admin.email);
    await t.http.post('/agency-registrations/verify').send({ token: a.token, password: TEST_PASSWORD }).expect(200);
    const refused = await t.http.post('/agency-registrations/verify').send({ token: b.token, password: TEST_PASSWORD }).expect(409);
    expect(refused.body.type).toBe('urn:lcs:problem:registration-number-taken');
    expect(await accounts(second.admin.email)).toEqual([]);
    const [link] = await t.dataSource.query(`SELECT used_at FROM account_link WHERE id = $1`, [b.linkId]);
    expect(link.used_at).toBeNull();
  });

  it("refuses a revoked agency's owner or officer under a new name within the disqualification period, naming the field and the end date; accepts them after it", async () => {
    const revoked = await revokedAgencyWithOfficer('Rogelio Panganiban');
    const body = registration({
      legalName: `Fresh Start Manpower ${unique()} Inc.`,
      owners: [{ name: 'Marites Cruz', nationality: 'PH', sharePercent: 100 }],
      officers: [
        { name: 'Marites Cruz', position: 'President' },
        { name: 'rogelio  PANGANIBAN.', position: 'Treasurer' },
      ],
    });
    const refused = await t.http.post('/agency-registrations').send(body).expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: 'urn:lcs:problem:agency-disqualified',
      errors: [
        {
          field: 'officers[1].name',
          rule: 'notDisqualified',
          message: expect.stringContaining(`license ${revoked.number} was revoked: disqualified until 2031-03-02`),
        },
      ],
    });
    expect(await t.dataSource.query(`SELECT id FROM account_link WHERE email = $1`, [body.admin.email])).toEqual([]);

    // After the period (LICENSING_DISQUALIFICATION_YEARS, 5 by default) the same people may register.
    clock.set(new Date('2031-03-03T01:00:00.000Z'));
    try {
      await registerAndVerify(body);
      expect(await agencies(body.registrationNumber)).toHaveLength(1);
    } finally {
      clock.set(new Date('2026-03-02T01:00:00.000Z'));
    }
  });

  it('refuses at confirmation a registration whose officer was disqualified meanwhile, and leaves the link usable', async () => {
    const body = registration({ officers: [{ name: 'Teodoro Bautista', position: 'President' }] });
    await t.http.post('/agency-registrations').send(body).expect(202);
    const { token, linkId } = await mailedLink(t, 'account.agency-registration', body.admin.email);
    await revokedAgencyWithOfficer('Teodoro Bautista');
    const refused = await t.http.post('/agency-registrations/verify').send({ token, password: TEST_PASSWORD }).expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'officers[0].name', rule: 'notDisqualified' })]);
    expect(await agencies(body.registrationNumber)).toEqual([]);
    expect((await t.dataSource.query(`SELECT used_at FROM account_link WHERE id = $1`, [linkId]))[0].used_at).toBeNull();
  });
});
