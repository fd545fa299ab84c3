/**
 * Fees end to end: placements recorded only while the agency may place workers, assessed against
 * the rule in force on each fee's date (figures checked against the pure core fed with the seed's
 * rates), refund orders with their deadline, mails and the fee-violation domain event, protected
 * categories, rule changes that leave earlier assessments alone, amendments with history, worker
 * statements, scope between agencies, bad input, and the refund deadline fired by the real worker.
 */
import { ClearanceSource, ScorecardSource } from '@app/agencies';
import { ManualClock } from '@app/common';
import { Deadline, SchedulerService } from '@app/deadlines';
import { FEE_VIOLATION_EVENT, REFUND_PAYMENT_KIND, SEEDED_FEE_RULES, assess } from '@app/fees';
import { placementBody, seedFees, seededRates } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser, registerVerifiedWorker } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const DRIVEN = DEADLINES_DRIVEN_BY_TEST;
const DAY = 86_400_000;

describe('fees: placements, assessments and refund orders', () => {
  // Monday 2 March 2026, 09:00 in Manila.
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  let worker: TestWorker;
  let admin: TestUser;
  let supervisor: TestUser;
  let inspector: TestUser;
  let agencyAdmin: TestUser;
  let otherAdmin: TestUser;
  let suspendedAdmin: TestUser;
  let unlicensedAdmin: TestUser;
  let workerUser: TestUser;
  let otherWorker: TestUser;
  let agencyId: string;

  const licensed = async (as: TestUser) => {
    const agency = await createAgency(t);
    await t.http.post('/licensing/licenses').set('Authorization', as.bearer).send({ agencyId: agency.id, type: 'regular' }).expect(201);
    return agency.id;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DRIVEN });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...DRIVEN, REDIS_PREFIX: t.config.redis.REDIS_PREFIX } });
    await seedFees(t);
    [admin, supervisor, inspector] = await Promise.all((['admin', 'supervisor', 'inspector'] as const).map((role) => createUser(t, { roles: [role] })));
    agencyId = await licensed(supervisor);
    const otherAgencyId = await licensed(supervisor);
    const suspendedAgencyId = await licensed(supervisor);
    const [license] = await t.dataSource.query(`SELECT id FROM license WHERE agency_id = $1`, [suspendedAgencyId]);
    await t.http
      .post(`/licensing/licenses/${license.id}/suspend`)
      .set('Authorization', supervisor.bearer)
      .send({ version: 1, reason: 'Fee violations under investigation', until: '2026-06-01T00:00:00Z' })
      .expect(200);
    const unlicensedAgencyId = (await createAgency(t)).id;
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    otherAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: otherAgencyId });
    suspendedAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: suspendedAgencyId });
    unlicensedAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: unlicensedAgencyId });
    workerUser = await createUser(t, { roles: ['worker'] });
    otherWorker = await createUser(t, { roles: ['worker'] });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const record = (body: Record<string, unknown>, as: TestUser = agencyAdmin) =>
    t.http.post('/placements').set('Authorization', as.bearer).send(placementBody(body));
  const placementCount = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM placement`))[0].n);
  const events = async (placementId: string) =>
    (await t.dataSource.query(`SELECT type, payload FROM domain_event WHERE aggregate_type = 'placement' AND aggregate_id = $1 ORDER BY id`, [
      placementId,
    ])) as { type: string; payload: Record<string, unknown> }[];
  const outbox = async (template: string) => (await outboxMessages(t, { template })).map((m) => ({ recipient: m.recipient, data: m.data }));
  const seeded = (key: string) => SEEDED_FEE_RULES.find((r) => r.key === key)!;
  const fee = (item: string, amountMinor: string, date: string, currency = 'PHP', receiptNumber = `OR-${item}-${date}-${amountMinor}`) => ({
    item,
    amountMinor,
    currency,
    date,
    receiptNumber,
  });

  describe('who may record', () => {
    it('a suspended agency gets 409 with the reason, and nothing is written', async () => {
      const before = await placementCount();
      const res = await record({ fees: [fee('placement-fee', '100000', '2026-02-20')] }, suspendedAdmin).expect(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'urn:lcs:problem:agency-may-not-place', reason: 'suspended' });
      expect(res.body.licenseNumber).toMatch(/^PH-LRA-/);
      expect(await placementCount()).toBe(before);
    });

    it('an agency without a license gets 409 no-license', async () => {
      const res = await record({}, unlicensedAdmin).expect(409);
      expect(res.body).toMatchObject({ type: 'urn:lcs:problem:agency-may-not-place', reason: 'no-license' });
    });

    it('ministry staff and workers cannot record placements (403)', async () => {
      await record({}, inspector).expect(403);
      await record({}, workerUser).expect(403);
    });
  });

  describe('assessment', () => {
    it('a fee within the cap is compliant: no refund order, no event', async () => {
      const res = await record({
        destinationCountry: 'SA',
        monthlySalaryMinor: '250000',
        salaryCurrency: 'SAR',
        fees: [fee('placement-fee', '2500000', '2026-02-20')],
      }).expect(201);
      expect(res.body).toMatchObject({
        reference: expect.stringMatching(/^PLC-\d+$/),
        revision: 1,
        licenseNumber: expect.stringMatching(/^PH-LRA-/),
        originCountry: 'PH',
      });
      expect(res.body.assessment).toMatchObject({ basis: 'declared', revision: 1, outcome: 'compliant', serious: false, violations: [], problems: [] });
      expect(res.body.refundOrders).toEqual([]);
      expect(await events(res.body.id)).toEqual([]);
    });

    it('a placement fee over the cap opens a refund order for the excess, with its deadline, mails and a domain event', async () => {
      const lines = [fee('placement-fee', '3000000', '2026-02-20')];
      const res = await record({ workerEmail: 'maria.santos@workers.test', fees: lines }).expect(201);
      // The oracle: the pure core with the seed's rates, not the database's.
      const expected = assess(
        seeded('PH-HK-general'),
        { monthlyBasicSalaryMinor: 600000n, salaryCurrency: 'HKD' },
        lines.map((l) => ({ ...l, amountMinor: BigInt(l.amountMinor) })),
        seededRates(),
      );
      expect(expected.violations).toHaveLength(1);
      const excess = expected.violations[0].excessMinor.toString();
      expect(BigInt(excess)).toBeGreaterThan(0n);
      expect(BigInt(excess)).toBeLessThan(3000000n);

      expect(res.body.assessment).toMatchObject({ outcome: 'violations', serious: false });
      expect(res.body.assessment.violations).toEqual([
        expect.objectContaining({ lineIndex: 0, item: 'placement-fee', kind: 'placement-fee-over-cap', excessMinor: excess, currency: 'PHP', serious: false }),
      ]);
      expect(res.body.refundOrders).toHaveLength(1);
      const order = res.body.refundOrders[0];
      expect(order).toMatchObject({
        reference: expect.stringMatching(/^RO-2026-\d{6}$/),
        amountMinor: excess,
        currency: 'PHP',
        state: 'open',
        serious: false,
        version: 1,
      });
      const due = Date.parse(order.dueAt) - clock.now().getTime();
      expect(due).toBeGreaterThanOrEqual(15 * DAY);
      expect(due).toBeLessThanOrEqual(16 * DAY);
      const [deadline] = await t.dataSource
        .getRepository(Deadline)
        .find({ where: { subjectType: 'refund_order', subjectId: order.id, kind: REFUND_PAYMENT_KIND } });
      expect(deadline).toMatchObject({ state: 'pending' });

      const published = await events(res.body.id);
      expect(published).toEqual([
        {
          type: FEE_VIOLATION_EVENT,
          payload: expect.objectContaining({
            placementId: res.body.id,
            agencyId,
            basis: 'declared',
            refundOrderIds: [order.id],
            serious: false,
            underDeclared: false,
          }),
        },
      ]);
      expect((await outbox('fees.refund-ordered')).filter((r) => r.recipient === agencyAdmin.email)).toEqual([
        {
          recipient: agencyAdmin.email,
          data: expect.objectContaining({ reference: order.reference, workerName: 'Maria Santos', violations: 'placement fee over the cap (placement-fee)' }),
        },
      ]);
      // The worker's mail links to the placement's page in their account on the web.
      expect((await outbox('fees.refund-ordered-worker')).filter((r) => r.recipient === 'maria.santos@workers.test')).toEqual([
        {
          recipient: 'maria.santos@workers.test',
          data: expect.objectContaining({
            reference: order.reference,
            placementUrl: expect.stringMatching(new RegExp(`^https?://[^/]+/account/placements/${res.body.id}$`)),
          }),
        },
      ]);

      // Re-assessed after an amendment that keeps the excess: no second order, no second event.
      const amended = await t.http
        .post(`/placements/${res.body.id}/amendments`)
        .set('Authorization', agencyAdmin.bearer)
        .send({ revision: 1, reason: 'Receipt number corrected', fees: [{ ...lines[0], receiptNumber: 'OR-2026-0042' }] })
        .expect(201);
      expect(amended.body.assessment).toMatchObject({ revision: 2, outcome: 'violations' });
      expect(amended.body.refundOrders).toHaveLength(1);
      expect(await events(res.body.id)).toHaveLength(1);

      // A further over-cap charge: one more order, for the new excess only.
      const more = await t.http
        .post(`/placements/${res.body.id}/amendments`)
        .set('Authorization', agencyAdmin.bearer)
        .send({
          revision: 2,
          reason: 'A second instalment was left out',
          fees: [{ ...lines[0], receiptNumber: 'OR-2026-0042' }, fee('placement-fee', '500000', '2026-02-25')],
        })
        .expect(201);
      expect(more.body.refundOrders.map((o: { amountMinor: string }) => o.amountMinor)).toEqual([excess, '500000']);
      // Order numbers come from one sequence, taken once per order: no gaps between these two.
      const [a, b] = more.body.refundOrders.map((o: { reference: string }) => Number(o.reference.slice(-6)));
      expect(b).toBe(a + 1);
      expect(await events(res.body.id)).toHaveLength(2);
    });

    it('any fee in a protected category (domestic work) is a serious violation for its full amount', async () => {
      const res = await record({
        occupationCategory: 'domestic-work',
        monthlySalaryMinor: '499000',
        fees: [fee('training', '1500000', '2026-02-20'), fee('medical-examination', '250000', '2026-02-21')],
      }).expect(201);
      expect(res.body.assessment).toMatchObject({ outcome: 'violations', serious: true });
      expect(res.body.assessment.violations.map((v: { kind: string; excessMinor: string; serious: boolean }) => [v.kind, v.excessMinor, v.serious])).toEqual([
        ['protected-category', '1500000', true],
        ['protected-category', '250000', true],
      ]);
      expect(res.body.refundOrders).toEqual([expect.objectContaining({ amountMinor: '1750000', currency: 'PHP', serious: true })]);
      expect((await events(res.body.id))[0].payload).toMatchObject({ serious: true });
    });

    it('a fee dated where no rule is in force leaves the assessment incomplete, saying why', async () => {
      const res = await record({ destinationCountry: 'JP', fees: [fee('placement-fee', '100000', '2026-02-20')] }).expect(201);
      expect(res.body.assessment).toMatchObject({ outcome: 'incomplete', problems: [expect.objectContaining({ lineIndex: 0, code: 'no-rule-in-force' })] });
      expect(res.body.refundOrders).toEqual([]);
    });
  });

  describe('rule changes', () => {
    let ruleA: string;
    let placementId: string;
    let firstAssessment: unknown;

    it('an admin creates a rule; an overlapping one is refused (409) and a past end date too (400)', async () => {
      const body = {
        destinationCountry: 'TW',
        occupationCategory: 'caregiving',
        originCountry: 'PH',
        validFrom: '2026-01-01',
        placementFeeCap: { kind: 'salary-multiple', multiple: '1' },
        allowedItems: [{ item: 'medical-examination', cap: { amountMinor: '300000', currency: 'PHP' } }],
        prohibitedItems: ['airfare'],
        protected: false,
        source: 'Test circular 1, s. 2026',
      };
      await t.http.post('/admin/fee-rules').set('Authorization', supervisor.bearer).send(body).expect(403);
      const created = await t.http.post('/admin/fee-rules').set('Authorization', admin.bearer).send(body).expect(201);
      ruleA = created.body.id;
      expect(created.body).toMatchObject({ validFrom: '2026-01-01', validTo: null, placementFeeCap: { kind: 'salary-multiple', multiple: '1' } });
      const overlap = await t.http
        .post('/admin/fee-rules')
        .set('Authorization', admin.bearer)
        .send({ ...body, validFrom: '2026-06-01' })
        .expect(409);
      expect(overlap.body).toMatchObject({ type: 'urn:lcs:problem:fee-rule-overlap', ruleId: ruleA });
      const past = await t.http.post(`/admin/fee-rules/${ruleA}/end`).set('Authorization', admin.bearer).send({ validTo: '2026-02-01' }).expect(400);
      expect(past.body.errors).toEqual([expect.objectContaining({ field: 'validTo' })]);
      const bad = await t.http
        .post('/admin/fee-rules')
        .set('Authorization', admin.bearer)
        .send({ ...body, destinationCountry: 'KR', allowedItems: [{ item: 'massage' }] })
        .expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'allowedItems[0].item' })]);
    });

    it('a later rule does not alter an earlier assessment, and a re-assessment applies each fee its own date rule', async () => {
      const rec = await record({
        destinationCountry: 'TW',
        occupationCategory: 'caregiving',
        monthlySalaryMinor: '2840000',
        salaryCurrency: 'TWD',
        fees: [fee('placement-fee', '2000000', '2026-02-20')],
      }).expect(201);
      placementId = rec.body.id;
      expect(rec.body.assessment).toMatchObject({ outcome: 'compliant', ruleIds: [ruleA] });
      firstAssessment = rec.body.assessment;

      await t.http.post(`/admin/fee-rules/${ruleA}/end`).set('Authorization', admin.bearer).send({ validTo: '2026-03-31' }).expect(200);
      const ruleB = (
        await t.http
          .post('/admin/fee-rules')
          .set('Authorization', admin.bearer)
          .send({
            destinationCountry: 'TW',
            occupationCategory: 'caregiving',
            originCountry: 'PH',
            validFrom: '2026-04-01',
            placementFeeCap: { kind: 'none' },
            allowedItems: [],
            prohibitedItems: [],
            protected: false,
            source: 'Test circular 2, s. 2026: zero placement fee',
          })
          .expect(201)
      ).body.id;

      expect((await t.http.get(`/placements/${placementId}/assessments`).set('Authorization', inspector.bearer).expect(200)).body).toEqual([firstAssessment]);

      clock.set(new Date('2026-04-10T01:00:00.000Z'));
      try {
        const amended = await t.http
          .post(`/placements/${placementId}/amendments`)
          .set('Authorization', agencyAdmin.bearer)
          .send({
            revision: 1,
            reason: 'Second instalment charged in April',
            fees: [fee('placement-fee', '2000000', '2026-02-20'), fee('placement-fee', '100000', '2026-04-05')],
          })
          .expect(201);
        expect(amended.body.assessment.ruleIds.sort()).toEqual([ruleA, ruleB].sort());
        expect(amended.body.assessment.violations).toEqual([
          expect.objectContaining({ lineIndex: 1, kind: 'placement-fee-over-cap', excessMinor: '100000', ruleId: ruleB }),
        ]);
        const all = (await t.http.get(`/placements/${placementId}/assessments`).set('Authorization', inspector.bearer).expect(200)).body;
        expect(all).toHaveLength(2);
        expect(all[0]).toEqual(firstAssessment);
      } finally {
        clock.set(new Date('2026-03-02T01:00:00.000Z'));
      }
    });

    it('assessments are history: the database refuses to change them', async () => {
      await expect(t.dataSource.query(`UPDATE fee_assessment SET outcome = 'compliant' WHERE placement_id = $1`, [placementId])).rejects.toThrow(/history/);
      await expect(t.dataSource.query(`DELETE FROM placement_revision WHERE placement_id = $1`, [placementId])).rejects.toThrow(/history/);
    });
  });

  describe('amendments', () => {
    it('keep every revision; a stale revision is 409, an empty amendment 409; an inspector may amend, another agency may not', async () => {
      const rec = await record({ fees: [fee('medical-examination', '250000', '2026-02-20')] }).expect(201);
      const id = rec.body.id;
      const amend = (body: object, as: TestUser = agencyAdmin) => t.http.post(`/placements/${id}/amendments`).set('Authorization', as.bearer).send(body);
      await amend({ revision: 1, reason: 'Employer name spelled wrong', terms: { employerName: 'Kowloon Logistics Limited' } }).expect(201);
      const stale = await amend({ revision: 1, reason: 'Another correction', terms: { employerName: 'X' } }).expect(409);
      expect(stale.body).toMatchObject({ type: 'urn:lcs:problem:stale-version', currentVersion: 2 });
      expect((await amend({ revision: 2, reason: 'Nothing really', terms: { employerName: 'Kowloon Logistics Limited' } }).expect(409)).body.type).toBe(
        'urn:lcs:problem:empty-amendment',
      );
      await amend({ revision: 2, reason: 'Not theirs', terms: { employerName: 'Y' } }, otherAdmin).expect(404);
      await amend({ revision: 2, reason: 'Salary per the verified contract', terms: { monthlySalaryMinor: '650000' } }, inspector).expect(201);
      const revisions = (await t.http.get(`/placements/${id}/revisions`).set('Authorization', agencyAdmin.bearer).expect(200)).body;
      expect(
        revisions.map((r: { revision: number; reason: string | null; terms: { employerName: string; monthlySalaryMinor: string } }) => [
          r.revision,
          r.reason,
          r.terms.employerName,
          r.terms.monthlySalaryMinor,
        ]),
      ).toEqual([
        [1, null, 'Kowloon Logistics Ltd.', '600000'],
        [2, 'Employer name spelled wrong', 'Kowloon Logistics Limited', '600000'],
        [3, 'Salary per the verified contract', 'Kowloon Logistics Limited', '650000'],
      ]);
      // Revision 2 changed nothing that is assessed; revision 3 changed the salary, so it was re-assessed.
      const assessments = (await t.http.get(`/placements/${id}/assessments`).set('Authorization', agencyAdmin.bearer).expect(200)).body;
      expect(assessments.map((a: { revision: number }) => a.revision)).toEqual([1, 3]);
    });
  });

  describe('scope', () => {
    it("an agency never sees another agency's placements or refund orders (404), nor lists them", async () => {
      const mine = await record({ fees: [fee('placement-fee', '3000000', '2026-02-20')] }).expect(201);
      await t.http.get(`/placements/${mine.body.id}`).set('Authorization', otherAdmin.bearer).expect(404);
      await t.http.get(`/placements/${mine.body.id}/assessments`).set('Authorization', otherAdmin.bearer).expect(404);
      await t.http.get(`/refund-orders/${mine.body.refundOrders[0].id}`).set('Authorization', otherAdmin.bearer).expect(404);
      const list = await t.http
        .get('/placements?agencyId=' + agencyId)
        .set('Authorization', otherAdmin.bearer)
        .expect(200);
      expect(list.body.items.map((p: { agencyId: string }) => p.agencyId).filter((a: string) => a === agencyId)).toEqual([]);
      const orders = await t.http.get('/refund-orders').set('Authorization', otherAdmin.bearer).expect(200);
      expect(orders.body.total).toBe(0);
      const own = await t.http.get('/placements').set('Authorization', agencyAdmin.bearer).expect(200);
      expect(own.body.items.every((p: { agencyId: string }) => p.agencyId === agencyId)).toBe(true);
      await t.http.get(`/placements/${mine.body.id}`).set('Authorization', inspector.bearer).expect(200);
    });
  });

  describe('bad input: problem+json naming the field, nothing written', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown salary currency', { salaryCurrency: 'XYZ' }, 'salaryCurrency'],
      ['an unknown fee currency', { fees: [fee('placement-fee', '1000', '2026-02-20', 'ABC')] }, 'fees[0].currency'],
      ['negative minor units', { fees: [fee('placement-fee', '-500', '2026-02-20')] }, 'fees[0].amountMinor'],
      ['fractional minor units', { fees: [{ ...fee('placement-fee', '0', '2026-02-20'), amountMinor: 12.5 }] }, 'fees[0].amountMinor'],
      ['a decimal string amount', { fees: [fee('placement-fee', '125.50', '2026-02-20')] }, 'fees[0].amountMinor'],
      ['a fee dated before the recruitment', { fees: [fee('placement-fee', '1000', '2026-01-15')] }, 'fees[0].date'],
      ['a fee dated in the future', { fees: [fee('placement-fee', '1000', '2026-03-20')] }, 'fees[0].date'],
      ['a salary of zero', { monthlySalaryMinor: '0' }, 'monthlySalaryMinor'],
      ['an unknown cost item', { fees: [fee('gift-to-recruiter', '1000', '2026-02-20')] }, 'fees[0].item'],
      ['an unknown occupation', { occupationCategory: 'astronaut' }, 'occupationCategory'],
      ['a contract starting before the recruitment', { contractStart: '2026-01-01' }, 'contractStart'],
      ['a non-date', { recruitedOn: '2026-02-30' }, 'recruitedOn'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const before = await placementCount();
      const res = await record(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await placementCount()).toBe(before);
    });
  });

  describe("the worker's own statement", () => {
    it("links a placement only to an account whose address is verified: registering someone else's address first gives nothing and blocks nobody", async () => {
      const email = `owner.${Date.now()}@workers.test`;
      const squatter = { email, password: 'squatter guessed the address', displayName: 'Squatter' };
      await t.http.post('/auth/register').send(squatter).expect(202);
      const before = await record({ workerEmail: email, fees: [fee('placement-fee', '40000', '2026-02-20')] }).expect(201);
      // The registration was never confirmed: no account, no sign-in, nothing linked to it.
      await t.http.post('/auth/login').send({ email, password: squatter.password }).expect(401);
      const [row] = await t.dataSource.query(`SELECT worker_user_id FROM placement WHERE id = $1`, [before.body.id]);
      expect(row.worker_user_id).toBeNull();
      // The owner of the address registers too (not blocked), confirms by mail, and the placements recorded for them are theirs.
      const owner = await registerVerifiedWorker(t, { email });
      await t.http.post('/auth/login').send({ email, password: squatter.password }).expect(401);
      const after = await record({ workerEmail: email, fees: [fee('placement-fee', '40000', '2026-02-20')] }).expect(201);
      const mine = await t.http.get('/placements').set('Authorization', owner.bearer).expect(200);
      expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(after.body.id);
    });

    it('is assessed, compared with the declared fees, flagged and published when more was paid; only the worker (or an inspector) may state it', async () => {
      const rec = await record({ workerEmail: workerUser.email.toUpperCase(), fees: [fee('placement-fee', '40000', '2026-02-20')] }).expect(201);
      expect(rec.body.assessment.outcome).toBe('compliant');
      expect(rec.body).not.toHaveProperty('workerAccountLinked');
      const lines = [{ item: 'placement-fee', amountMinor: '4000000', currency: 'PHP', date: '2026-02-20' }];
      await t.http.post(`/placements/${rec.body.id}/statements`).set('Authorization', otherWorker.bearer).send({ lines }).expect(404);
      await t.http.post(`/placements/${rec.body.id}/statements`).set('Authorization', agencyAdmin.bearer).send({ lines }).expect(403);
      const res = await t.http
        .post(`/placements/${rec.body.id}/statements`)
        .set('Authorization', workerUser.bearer)
        .send({ lines, note: 'Paid in cash at the office' })
        .expect(201);
      expect(res.body).toMatchObject({
        basis: 'worker-statement',
        outcome: 'violations',
        discrepancies: [{ item: 'placement-fee', currency: 'PHP', declaredMinor: '40000', statedMinor: '4000000', differenceMinor: '3960000' }],
      });
      const published = await events(rec.body.id);
      expect(published).toEqual([
        { type: FEE_VIOLATION_EVENT, payload: expect.objectContaining({ basis: 'worker-statement', underDeclared: true, refundOrderIds: [] }) },
      ]);
      // A statement opens no refund order: it is a claim for an inspector to verify.
      expect((await t.http.get(`/placements/${rec.body.id}`).set('Authorization', workerUser.bearer).expect(200)).body.refundOrders).toEqual([]);
      const mine = await t.http.get('/placements').set('Authorization', workerUser.bearer).expect(200);
      expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([rec.body.id]);
      await t.http.post(`/placements/${rec.body.id}/statements`).set('Authorization', inspector.bearer).send({ lines }).expect(201);
    });
  });

  describe('refund orders', () => {
    let orderId: string;

    it('a payment is recorded by the ministry with the version read; a second time is 409; the deadline is met', async () => {
      const rec = await record({ fees: [fee('placement-fee', '3000000', '2026-02-20')] }).expect(201);
      orderId = rec.body.refundOrders[0].id;
      await t.http
        .post(`/refund-orders/${orderId}/payment`)
        .set('Authorization', agencyAdmin.bearer)
        .send({ version: 1, paidReference: 'GCASH-1' })
        .expect(403);
      expect(
        (
          await t.http
            .post(`/refund-orders/${orderId}/payment`)
            .set('Authorization', inspector.bearer)
            .send({ version: 2, paidReference: 'GCASH-1' })
            .expect(409)
        ).body.type,
      ).toBe('urn:lcs:problem:stale-version');
      const paid = await t.http
        .post(`/refund-orders/${orderId}/payment`)
        .set('Authorization', inspector.bearer)
        .send({ version: 1, paidReference: 'GCASH-1' })
        .expect(200);
      expect(paid.body).toMatchObject({ state: 'paid', paidReference: 'GCASH-1', version: 2 });
      const again = await t.http
        .post(`/refund-orders/${orderId}/payment`)
        .set('Authorization', inspector.bearer)
        .send({ version: 2, paidReference: 'GCASH-1' })
        .expect(409);
      expect(again.body).toMatchObject({ type: 'urn:lcs:problem:refund-order-transition', state: 'paid' });
      const [deadline] = await t.dataSource.getRepository(Deadline).find({ where: { subjectId: orderId, kind: REFUND_PAYMENT_KIND } });
      expect(deadline.state).toBe('met');
    });

    it('a supervisor cancels an order with a reason; an inspector may not', async () => {
      const rec = await record({ fees: [fee('placement-fee', '3000000', '2026-02-20')] }).expect(201);
      const id = rec.body.refundOrders[0].id;
      await t.http.post(`/refund-orders/${id}/cancel`).set('Authorization', inspector.bearer).send({ version: 1, reason: 'Declared twice' }).expect(403);
      const res = await t.http
        .post(`/refund-orders/${id}/cancel`)
        .set('Authorization', supervisor.bearer)
        .send({ version: 1, reason: 'Declared twice' })
        .expect(200);
      expect(res.body).toMatchObject({ state: 'cancelled', cancelReason: 'Declared twice' });
    });

    it('open orders block the license clearance; placements count as deployments on the scorecard', async () => {
      const owed = await t.app.get(ClearanceSource, { strict: false }).outstanding(t.dataSource.manager, agencyId);
      const open = (await t.dataSource.query(`SELECT reference FROM refund_order WHERE agency_id = $1 AND state = 'open' ORDER BY seq`, [agencyId])) as {
        reference: string;
      }[];
      expect(open.length).toBeGreaterThan(0);
      expect(owed.map((o) => o.reference)).toEqual(open.map((o) => o.reference));
      expect(owed.every((o) => o.kind === 'refund-order')).toBe(true);
      const cards = await t.app.get(ScorecardSource, { strict: false }).forAgencies([agencyId]);
      expect(cards.get(agencyId)?.deployments).toBe(
        Number((await t.dataSource.query(`SELECT count(*) AS n FROM placement WHERE agency_id = $1`, [agencyId]))[0].n),
      );
    });

    it("an assessment's order unpaid past its deadline is garnished from the agency's escrow, like a decision's", async () => {
      const escrowed = await licensed(supervisor);
      const escrowedAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: escrowed });
      await t.http.post(`/licensing/agencies/${escrowed}/escrow/account`).set('Authorization', supervisor.bearer).send({ licenseType: 'regular' }).expect(200);
      await t.http
        .post(`/licensing/agencies/${escrowed}/escrow/entries`)
        .set('Authorization', inspector.bearer)
        .set('Idempotency-Key', `dep-${escrowed}`)
        .send({ kind: 'deposit', amountMinor: '100000000', currency: 'PHP', reference: 'BDO-FEES-1' })
        .expect(201);
      const rec = await record({ fees: [fee('placement-fee', '3000000', '2026-02-20')] }, escrowedAdmin).expect(201);
      const order = rec.body.refundOrders[0];
      expect(order).toMatchObject({ state: 'open', currency: 'PHP' });
      const scheduler = worker.app.get(SchedulerService, { strict: false });
      clock.set(new Date(Date.parse(order.dueAt) + 60_000));
      try {
        await waitFor('garnished', async () => {
          await scheduler.scheduleDue();
          return (await t.dataSource.query(`SELECT state FROM refund_order WHERE id = $1`, [order.id]))[0].state === 'garnished';
        });
        const view = (await t.http.get(`/refund-orders/${order.id}`).set('Authorization', inspector.bearer).expect(200)).body;
        expect(view).toMatchObject({ state: 'garnished', paidReference: expect.stringMatching(/^escrow:/) });
        const entries = await t.dataSource.query(`SELECT kind, amount_minor, reference FROM escrow_entry WHERE agency_id = $1 AND kind = 'garnishment'`, [
          escrowed,
        ]);
        expect(entries).toEqual([{ kind: 'garnishment', amount_minor: order.amountMinor, reference: order.reference }]);
        const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [order.id]);
        expect(audit.map((a: { action: string }) => a.action)).toContain('fees.refund-order.garnished');
        // Paid from escrow: no overdue notice to the agency.
        expect((await outbox('fees.refund-overdue')).filter((r) => r.data?.reference === order.reference)).toEqual([]);
        // The deadline acted (the order is paid): closed as met, where it used to stay breached.
        const [deadline] = await t.dataSource.query(`SELECT state, next_fire_at FROM deadline WHERE subject_id = $1 AND kind = 'fees.refund-payment'`, [
          order.id,
        ]);
        expect(deadline).toEqual({ state: 'met', next_fire_at: null });
      } finally {
        clock.set(new Date('2026-03-02T01:00:00.000Z'));
      }
    });

    it('missed, with no escrow to pay it, the worker tells the supervisors and mails the agency an overdue notice; the order stays open and why is audited', async () => {
      const rec = await record({ fees: [fee('placement-fee', '3000000', '2026-02-20')] }).expect(201);
      const order = rec.body.refundOrders[0];
      const scheduler = worker.app.get(SchedulerService, { strict: false });
      clock.set(new Date(Date.parse(order.dueAt) + 60_000));
      try {
        // The reminder level fires first, then the breach: the test drives the scheduler until both have.
        const notices = await waitFor('overdue notice', async () => {
          await scheduler.scheduleDue();
          const sent = (await outbox('fees.refund-overdue')).filter((r) => r.data?.reference === order.reference);
          return sent.length > 0 && sent;
        });
        expect(notices).toEqual([{ recipient: agencyAdmin.email, data: expect.objectContaining({ reference: order.reference, workerName: 'Maria Santos' }) }]);
        await waitFor(
          'supervisors told',
          async () =>
            (await outbox('deadline.breached')).some((r) => r.recipient === supervisor.email) ||
            (await outbox('deadline.escalated-to-supervisors')).some((r) => r.recipient === supervisor.email),
        );
        expect((await t.http.get(`/refund-orders/${order.id}`).set('Authorization', inspector.bearer).expect(200)).body.state).toBe('open');
        const [impossible] = await t.dataSource.query(
          `SELECT changes FROM audit_log WHERE subject_id = $1 AND action = 'fees.refund-order.garnishment-impossible'`,
          [order.id],
        );
        expect(impossible.changes).toEqual({ reason: 'escrow account not open' });
        // Escalated (a notice, the order still owed): the deadline stays breached until the payment meets it.
        const [deadline] = await t.dataSource.query(
          `SELECT d.state, e.outcome FROM deadline d JOIN deadline_effect e ON e.deadline_id = d.id AND e.level = 1 WHERE d.subject_id = $1 AND d.kind = 'fees.refund-payment'`,
          [order.id],
        );
        expect(deadline).toEqual({ state: 'breached', outcome: 'escalated' });
      } finally {
        clock.set(new Date('2026-03-02T01:00:00.000Z'));
      }
    });
  });
});
