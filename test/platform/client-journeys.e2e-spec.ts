import { createApiClient, type ApiClient, type ApiSchemas } from '@app/api-client';
import { placementBody, seedFees } from '../support/fees-fixtures';
import { TEST_PASSWORD, TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * The typed client (libs/api-client, generated from docs/openapi.json) against the running API
 * over real HTTP: one short journey per role. It type-checks only if the contract describes each
 * path, parameter and body used here, and every answer is also held against the document by the
 * contract checker of the test app.
 */
describe('the typed client, one journey per role', () => {
  let t: TestApp;
  let baseUrl: string;
  const as = (user?: TestUser): ApiClient => createApiClient({ baseUrl, accessToken: () => user?.accessToken });
  let supervisor: TestUser;
  let inspector: TestUser;
  let agencyAdmin: TestUser;
  let agencyStaff: TestUser;
  let welfareOfficer: TestUser;
  let admin: TestUser;
  let workerEmail: string;
  let agencyName: string;
  let licenseNumber: string;
  let publicCase: { id: string; reference: string; secret: string };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    await seedFees(t);
    [supervisor, inspector, welfareOfficer, admin] = await Promise.all(
      (['supervisor', 'inspector', 'welfare_officer', 'admin'] as const).map((role) => createUser(t, { roles: [role] })),
    );
    const agency = await createAgency(t, { legalName: `Journey Manpower ${Date.now()} Inc.` });
    agencyName = agency.legalName;
    const issued = await as(supervisor).POST('/licensing/licenses', { body: { agencyId: agency.id, type: 'regular' } });
    expect(issued.error).toBeUndefined();
    licenseNumber = issued.data!.number;
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: agency.id });
    agencyStaff = await createUser(t, { roles: ['agency_staff'], agencyId: agency.id });
    workerEmail = (await createUser(t, { roles: ['worker'], signIn: false })).email;
  });
  afterAll(() => t.close());

  it('public: finds the agency, reads its license and the fee cap, files a complaint and follows it', async () => {
    const api = as();
    const found = await api.GET('/public/agencies', { params: { query: { q: agencyName.slice(0, 20) } } });
    expect(found.data?.items.map((a) => a.legalName)).toContain(agencyName);
    const license = await api.GET('/public/licenses/{number}', { params: { path: { number: licenseNumber } } });
    expect(license.data?.license).toMatchObject({ number: licenseNumber, state: 'active' });
    const cap = await api.GET('/public/fees/calculator', {
      params: { query: { destinationCountry: 'HK', occupationCategory: 'general', monthlySalaryMinor: '600000', salaryCurrency: 'HKD' } },
    });
    expect(cap.error).toBeUndefined();
    const filed = await api.POST('/public/complaints', {
      body: {
        licenseNumber,
        allegations: [{ category: 'unpaid-wages', facts: 'Two months of salary were never paid.' }],
        complainantName: 'Ana Cruz',
        email: 'ana.cruz@workers.test',
        language: 'fil',
      },
    });
    expect(filed.response.status).toBe(201);
    publicCase = { id: filed.data!.id, reference: filed.data!.reference, secret: filed.data!.trackingSecret! };
    const followed = await api.GET('/public/complaints/{reference}', {
      params: { path: { reference: publicCase.reference }, header: { 'X-Tracking-Secret': publicCase.secret } },
    });
    expect(followed.data).toMatchObject({ reference: publicCase.reference, stage: 'submitted' });
    const wrong = await api.GET('/public/complaints/{reference}', {
      params: { path: { reference: publicCase.reference }, header: { 'X-Tracking-Secret': 'not-the-secret' } },
    });
    expect(wrong.error?.code).toBe('not-found');
  });

  it('worker: signs in, files a complaint from the account and reads it back', async () => {
    const login = await as().POST('/auth/login', { body: { email: workerEmail, password: TEST_PASSWORD } });
    expect(login.error).toBeUndefined();
    const api = createApiClient({ baseUrl, accessToken: () => login.data!.accessToken });
    expect((await api.GET('/me')).data?.email).toBe(workerEmail);
    const filed = await api.POST('/me/complaints', {
      body: { agencyName, allegations: [{ category: 'excess-fees', facts: 'I paid PHP 50,000 for processing.' }], language: 'en' },
    });
    expect(filed.response.status).toBe(201);
    const mine = await api.GET('/me/complaints', { params: { query: { page: 1, pageSize: 10 } } });
    expect(mine.data?.items.map((c) => c.id)).toEqual([filed.data!.id]);
    const one = await api.GET('/me/complaints/{id}', { params: { path: { id: filed.data!.id } } });
    expect(one.data?.reference).toBe(filed.data!.reference);
  });

  it('agency admin: reads its license and records a placement, assessed at once', async () => {
    const api = as(agencyAdmin);
    expect((await api.GET('/agency/license')).data?.number).toBe(licenseNumber);
    const recorded = await api.POST('/placements', { body: placementBody() as unknown as ApiSchemas['RecordPlacementDto'] });
    expect(recorded.error).toBeUndefined();
    const placement = await api.GET('/placements/{id}', { params: { path: { id: recorded.data!.id } } });
    expect(placement.data?.assessment).toMatchObject({ outcome: 'compliant', violations: [] });
  });

  it("agency staff: sees the complaints against its agency, never another agency's", async () => {
    const api = as(agencyStaff);
    const page = await api.GET('/agency/complaints', { params: { query: {} } });
    expect(page.data?.items.map((c) => c.id)).toContain(publicCase.id);
    const denied = await api.POST('/agency/users', { body: { email: 'staff2@test.lcs', displayName: 'Second Staff' } });
    expect(denied.error?.code).toBe('forbidden');
  });

  it('inspector: finds the new case in the queue and accepts it at triage', async () => {
    const api = as(inspector);
    const queue = await api.GET('/complaints', { params: { query: {} } });
    expect(queue.data?.items.map((c) => c.id)).toContain(publicCase.id);
    const before = await api.GET('/complaints/{id}', { params: { path: { id: publicCase.id } } });
    const accepted = await api.POST('/complaints/{id}/actions/{action}', {
      params: { path: { id: publicCase.id, action: 'accept' } },
      body: { version: before.data!.version },
    });
    expect(accepted.data?.stage).toBe('conciliation');
    const stale = await api.POST('/complaints/{id}/actions/{action}', {
      params: { path: { id: publicCase.id, action: 'accept' } },
      body: { version: before.data!.version },
    });
    expect(stale.response.status).toBe(409);
  });

  it("supervisor: reads the stage report and the case's audit history", async () => {
    const api = as(supervisor);
    const stages = await api.GET('/complaints/reports/stages', { params: { query: {} } });
    expect(stages.error).toBeUndefined();
    const history = await api.GET('/audit/subjects/{type}/{id}', { params: { path: { type: 'complaint', id: publicCase.id } } });
    expect(history.data?.items.length).toBeGreaterThan(0);
  });

  it('welfare officer: reads the fund and the claims queue', async () => {
    const api = as(welfareOfficer);
    const fund = await api.GET('/welfare/fund');
    expect(fund.error).toBeUndefined();
    const claims = await api.GET('/welfare/claims', { params: { query: {} } });
    expect(claims.data?.total).toBe(0);
  });

  it('admin: lists accounts and reads an SLA policy', async () => {
    const api = as(admin);
    const users = await api.GET('/admin/users', { params: { query: { pageSize: 100 } } });
    expect(users.data?.items.map((u) => u.email)).toContain(workerEmail);
    const policy = await api.GET('/admin/sla-policies/{kind}', { params: { path: { kind: 'complaint.triage' } } });
    expect(policy.data?.kind).toBe('complaint.triage');
  });
});
