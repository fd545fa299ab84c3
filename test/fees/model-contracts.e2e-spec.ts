/**
 * Model contracts end to end (issue 20): an admin keeps them per corridor and occupation,
 * effective-dated (overlaps refused); each placement's contract is checked against the model in
 * force on its recruitment date when recorded (a term below it is a finding); a worker's account of
 * the terms they actually got, in a complaint, is set beside the registered contract and a
 * difference flags the case as contract substitution.
 */
import { ManualClock } from '@app/common';
import { DomainEventRelay } from '@app/events';
import { SEEDED_MODEL_CONTRACTS, seedModelContracts } from '@app/fees';
import { placementBody, seedFees } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

describe('model contracts', () => {
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  let relayWorker: TestWorker;
  let admin: TestUser;
  let supervisor: TestUser;
  let inspector: TestUser;
  let agencyAdmin: TestUser;
  let worker: TestUser;
  let otherWorker: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DEADLINES_DRIVEN_BY_TEST });
    relayWorker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...DEADLINES_DRIVEN_BY_TEST, REDIS_PREFIX: t.config.redis.REDIS_PREFIX } });
    await seedFees(t);
    [admin, supervisor, inspector] = await Promise.all((['admin', 'supervisor', 'inspector'] as const).map((role) => createUser(t, { roles: [role] })));
    const agencyId = (await createAgency(t)).id;
    await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201);
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    [worker, otherWorker] = await Promise.all([0, 1].map(() => createUser(t, { roles: ['worker'] })));
  });
  afterAll(async () => {
    await relayWorker?.close();
    await t?.close();
  });

  const hkDomestic = {
    destinationCountry: 'HK',
    occupationCategory: 'domestic-work',
    originCountry: '*',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '499000',
    salaryCurrency: 'HKD',
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 7,
    contractMonths: 24,
    farePaidBy: 'employer',
    source: 'Standard Employment Contract (ID 407)',
  };
  const record = (body: Record<string, unknown>) => t.http.post('/placements').set('Authorization', agencyAdmin.bearer).send(placementBody(body));

  it('an admin keeps them: effective-dated, an overlap refused, ended only from today, listed to any signed-in user', async () => {
    await t.http.post('/admin/model-contracts').set('Authorization', supervisor.bearer).send(hkDomestic).expect(403);
    const created = (await t.http.post('/admin/model-contracts').set('Authorization', admin.bearer).send(hkDomestic).expect(201)).body;
    expect(created).toMatchObject({ ...hkDomestic, maxHoursPerWeek: null, validTo: null });
    const overlap = await t.http
      .post('/admin/model-contracts')
      .set('Authorization', admin.bearer)
      .send({ ...hkDomestic, validFrom: '2026-06-01' })
      .expect(409);
    expect(overlap.body).toMatchObject({ type: 'urn:lcs:problem:model-contract-overlap', modelContractId: created.id });
    expect(
      (
        await t.http
          .post('/admin/model-contracts')
          .set('Authorization', admin.bearer)
          .send({ ...hkDomestic, occupationCategory: 'astronaut' })
          .expect(400)
      ).body.errors[0].field,
    ).toBe('occupationCategory');
    expect(
      (
        await t.http
          .post('/admin/model-contracts')
          .set('Authorization', admin.bearer)
          .send({ ...hkDomestic, farePaidBy: 'nobody' })
          .expect(400)
      ).body.errors[0].field,
    ).toBe('farePaidBy');
    expect(
      (await t.http.post(`/admin/model-contracts/${created.id}/end`).set('Authorization', admin.bearer).send({ validTo: '2026-01-01' }).expect(400)).body
        .errors[0].field,
    ).toBe('validTo');
    // Another origin's own model may sit beside the one for every origin.
    await t.http
      .post('/admin/model-contracts')
      .set('Authorization', admin.bearer)
      .send({ ...hkDomestic, originCountry: 'ID' })
      .expect(201);
    const listed = (await t.http.get('/model-contracts?destinationCountry=HK&inForceOn=2026-03-01').set('Authorization', worker.bearer).expect(200)).body;
    expect(listed.map((c: { originCountry: string }) => c.originCountry).sort()).toEqual(['*', 'ID']);
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_type = 'model_contract'`);
    expect(audit).toHaveLength(2);
  });

  it('each placement is checked against the model in force on its recruitment date: a term below it is a finding, audited', async () => {
    const meets = (
      await record({
        destinationCountry: 'HK',
        occupationCategory: 'domestic-work',
        monthlySalaryMinor: '499000',
        contract: { restDaysPerWeek: 1, paidLeaveDaysPerYear: 7, farePaidBy: 'employer' },
      }).expect(201)
    ).body;
    expect(meets.contract).toMatchObject({ outcome: 'meets-model', findings: [], unchecked: [], restDaysPerWeek: 1, farePaidBy: 'employer' });
    const below = (
      await record({
        workerEmail: worker.email,
        destinationCountry: 'HK',
        occupationCategory: 'domestic-work',
        monthlySalaryMinor: '420000',
        contractMonths: 12,
        contract: { hoursPerWeek: 84, restDaysPerWeek: 0, paidLeaveDaysPerYear: 7, farePaidBy: 'worker' },
      }).expect(201)
    ).body;
    expect(below.contract).toMatchObject({ outcome: 'below-model', hoursPerWeek: 84 });
    expect(below.contract.findings).toEqual([
      { term: 'monthly-salary', model: '499000 HKD', contract: '420000 HKD' },
      { term: 'rest-days-per-week', model: 'at least 1', contract: '0' },
      { term: 'contract-months', model: '24', contract: '12' },
      { term: 'fare-paid-by', model: 'employer', contract: 'worker' },
    ]);
    const [entry] = await t.dataSource.query(`SELECT changes FROM audit_log WHERE subject_id = $1 AND action = 'fees.placement.contract-below-model'`, [
      below.id,
    ]);
    expect(entry.changes.findings).toHaveLength(4);
    // Like a fee excess, the finding becomes a case against the agency (source: system), once.
    const relay = relayWorker.app.get(DomainEventRelay, { strict: false });
    await relay.drainOnce();
    await relay.drainOnce();
    const cases = (await t.dataSource.query(`SELECT id, source, agency_id, employer_name, destination_country FROM complaint WHERE placement_id = $1`, [
      below.id,
    ])) as {
      id: string;
      source: string;
      agency_id: string;
      employer_name: string;
      destination_country: string;
    }[];
    // The employer and destination are the placement's (read as libs/fees publishes it).
    expect(cases).toEqual([
      { id: expect.any(String), source: 'system', agency_id: below.agencyId, employer_name: 'Kowloon Logistics Ltd.', destination_country: 'HK' },
    ]);
    const systemCase = (await t.http.get(`/complaints/${cases[0].id}`).set('Authorization', supervisor.bearer).expect(200)).body;
    expect(systemCase.allegations).toEqual([
      expect.objectContaining({
        category: 'other',
        facts: expect.stringContaining('monthly-salary: the model requires 499000 HKD, the contract says 420000 HKD'),
      }),
    ]);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM complaint WHERE placement_id = $1`, [meets.id]))[0].n).toBe(0);
    // Read back the same; terms left out are listed as unchecked; a corridor without a model says so.
    expect((await t.http.get(`/placements/${below.id}`).set('Authorization', inspector.bearer).expect(200)).body.contract).toEqual(below.contract);
    const bare = (await record({ destinationCountry: 'HK', occupationCategory: 'domestic-work', monthlySalaryMinor: '499000' }).expect(201)).body;
    expect(bare.contract).toMatchObject({ outcome: 'meets-model', findings: [] });
    expect(bare.contract.unchecked.map((u: { term: string }) => u.term)).toEqual(['rest-days-per-week', 'paid-leave-days-per-year', 'fare-paid-by']);
    expect((await record({ destinationCountry: 'SA' }).expect(201)).body.contract).toMatchObject({ outcome: 'no-model', modelContractId: null });
    expect((await record({ contract: { hoursPerWeek: 0 } }).expect(400)).body.errors[0].field).toBe('contract.hoursPerWeek');
  });

  it("the worker's account of the terms they got is set beside the registered contract: a difference flags the case as contract substitution", async () => {
    const placement = (
      await record({
        workerEmail: worker.email,
        destinationCountry: 'HK',
        occupationCategory: 'domestic-work',
        monthlySalaryMinor: '499000',
        contract: { hoursPerWeek: 60, restDaysPerWeek: 1, paidLeaveDaysPerYear: 7, farePaidBy: 'employer' },
      }).expect(201)
    ).body;
    const complaint = (statedContract: Record<string, unknown>, as: TestUser = worker) =>
      t.http
        .post('/me/complaints')
        .set('Authorization', as.bearer)
        .send({
          recruiterDescription: 'The agency that placed me',
          allegations: [{ category: 'unpaid-wages', facts: 'I am paid less than my contract says.' }],
          language: 'en',
          statedContract,
        });
    // Another worker cannot compare themselves with this placement; nor can the public door.
    expect((await complaint({ placementId: placement.id, hoursPerWeek: 80 }, otherWorker).expect(400)).body.errors[0].field).toBe('statedContract.placementId');
    const publicTry = await t.http
      .post('/public/complaints')
      .send({
        recruiterDescription: 'x agency',
        allegations: [{ category: 'other', facts: 'Something happened.' }],
        language: 'en',
        statedContract: { placementId: placement.id },
      })
      .expect(400);
    expect(publicTry.body.errors[0].field).toBe('statedContract');
    const filed = (
      await complaint({
        placementId: placement.id,
        monthlySalaryMinor: '350000',
        salaryCurrency: 'HKD',
        hoursPerWeek: 60,
        restDaysPerWeek: 0,
        farePaidBy: 'worker',
      }).expect(201)
    ).body;
    const staff = (await t.http.get(`/complaints/${filed.id}`).set('Authorization', supervisor.bearer).expect(200)).body;
    expect(staff.contractComparison).toEqual({
      placementId: placement.id,
      placementReference: placement.reference,
      substitution: true,
      terms: [
        { term: 'monthly-salary', registered: '499000 HKD', stated: '350000 HKD', differs: true },
        { term: 'hours-per-week', registered: '60', stated: '60', differs: false },
        { term: 'rest-days-per-week', registered: '1', stated: '0', differs: true },
        { term: 'fare-paid-by', registered: 'employer', stated: 'worker', differs: true },
      ],
    });
    expect(staff.allegations.map((a: { category: string }) => a.category)).toEqual(['unpaid-wages', 'contract-substitution']);
    expect(staff.allegations[1].facts).toContain('monthly-salary: registered 499000 HKD, stated 350000 HKD');
    expect(staff.agencyId).toBeTruthy();
    // Terms that match the registration flag nothing.
    const same = (await complaint({ placementId: placement.id, hoursPerWeek: 60, restDaysPerWeek: 1 }).expect(201)).body;
    const sameStaff = (await t.http.get(`/complaints/${same.id}`).set('Authorization', supervisor.bearer).expect(200)).body;
    expect(sameStaff.contractComparison).toMatchObject({ substitution: false });
    expect(sameStaff.allegations.map((a: { category: string }) => a.category)).toEqual(['unpaid-wages']);
  });

  it('the demo data has a standard contract for every seeded corridor', async () => {
    const keys = new Set(SEEDED_MODEL_CONTRACTS.map((c) => c.key));
    expect(keys.size).toBe(SEEDED_MODEL_CONTRACTS.length);
    await t.dataSource.transaction((m) => seedModelContracts(m));
    const rules = (await t.dataSource.query(
      `SELECT DISTINCT origin_country || '-' || destination_country || '-' || occupation_category AS k FROM fee_rule WHERE created_by IS NULL`,
    )) as { k: string }[];
    for (const r of rules) expect(keys).toContain(r.k);
  });
});
