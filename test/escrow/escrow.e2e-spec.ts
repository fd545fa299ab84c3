/**
 * Escrow end to end: the ledger through the routes and the complaints module's garnishment
 * interface, the top-up deadline fired by the real worker (time moved by a ManualClock shared by
 * both processes), the processing hold, the notice mailed to the agency admin, idempotency,
 * currency, overdraw, scope and roles.
 */
import { randomUUID } from 'node:crypto';
import { ESCROW_HOLD_REASON, ESCROW_TOP_UP_KIND, EscrowHolds, EscrowService } from '@app/agencies';
import { IdempotencyKeyReusedException, ManualClock } from '@app/common';
import { Deadline, SchedulerService } from '@app/deadlines';
import { NotificationsRelayScheduler } from '@app/notifications';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestSmtpServer } from '../support/smtp';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const DRIVEN = DEADLINES_DRIVEN_BY_TEST;
const DAY = 86_400_000;
const REQUIRED = 100_000_000n; // PHP 1,000,000.00, the default for both license types

describe('escrow: ledger, top-up deadline and processing hold', () => {
  // Monday 2 March 2026, 09:00 in Manila.
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: TestWorker;
  let inspector: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;
  let welfare: TestUser;
  let agencyAdmin: TestUser;
  let agencyStaff: TestUser;
  let otherAdmin: TestUser;
  let agencyId: string;
  let otherAgencyId: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({ clock, env: { ...DRIVEN, SMTP_URL: smtp.url } });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...DRIVEN, REDIS_PREFIX: t.config.redis.REDIS_PREFIX, SMTP_URL: smtp.url } });
    agencyId = (await createAgency(t, { legalName: 'Bayanihan Test Manpower Inc.' })).id;
    otherAgencyId = (await createAgency(t)).id;
    [inspector, supervisor, admin, welfare] = await Promise.all(
      (['inspector', 'supervisor', 'admin', 'welfare_officer'] as const).map((role) => createUser(t, { roles: [role] })),
    );
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    agencyStaff = await createUser(t, { roles: ['agency_staff'], agencyId });
    otherAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: otherAgencyId });
    // A licensed agency, so that the hold is what stops it placing workers.
    await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201);
    // The admin reads Filipino: the notice must come in it.
    await t.dataSource.query(`UPDATE app_user SET preferred_language = 'fil' WHERE id = $1`, [agencyAdmin.id]);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  const escrowPath = (id = agencyId) => `/licensing/agencies/${id}/escrow`;
  const record = (body: object, as: TestUser = inspector, key: string | null = randomUUID(), id = agencyId) => {
    const req = t.http.post(`${escrowPath(id)}/entries`).set('Authorization', as.bearer);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const deposit = (amount: bigint, reference = `BDO-${randomUUID().slice(0, 8)}`) => ({
    kind: 'deposit',
    amountMinor: amount.toString(),
    currency: 'PHP',
    reference,
  });
  const entryCount = async (id = agencyId) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM escrow_entry WHERE agency_id = $1`, [id]))[0].n);
  const openDeadline = () =>
    t.dataSource
      .getRepository(Deadline)
      .findOne({ where: { subjectType: 'agency', subjectId: agencyId, kind: ESCROW_TOP_UP_KIND }, order: { startedAt: 'DESC' } });
  const activeHold = () => t.app.get(EscrowHolds, { strict: false }).activeHold(t.dataSource.manager, agencyId);
  const scheduler = () => worker.app.get(SchedulerService, { strict: false });
  const auditActions = async (id = agencyId) =>
    (
      (await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_type = 'agency' AND subject_id = $1 ORDER BY seq`, [id])) as { action: string }[]
    ).map((r) => r.action);

  it('opens the account with the license type (supervisor or admin) and answers the requirement from the settings', async () => {
    await t.http.post(`${escrowPath()}/account`).set('Authorization', inspector.bearer).send({ licenseType: 'provisional' }).expect(403);
    const res = await t.http.post(`${escrowPath()}/account`).set('Authorization', supervisor.bearer).send({ licenseType: 'provisional' }).expect(200);
    expect(res.body).toMatchObject({ agencyId, licenseType: 'provisional', currency: 'PHP', requiredMinor: REQUIRED.toString(), created: true });
    const again = await t.http.post(`${escrowPath()}/account`).set('Authorization', admin.bearer).send({ licenseType: 'regular' }).expect(200);
    expect(again.body).toMatchObject({ licenseType: 'regular', created: false });
    await t.http.post(`${escrowPath()}/account`).set('Authorization', admin.bearer).send({ licenseType: 'temporary' }).expect(400);
    expect(await auditActions()).toEqual(['escrow.account.opened', 'escrow.account.license-type-changed']);
  });

  it('refuses entries for an agency whose account is not open (409), and for an unknown agency (404)', async () => {
    const res = await record(deposit(1000n), inspector, randomUUID(), otherAgencyId).expect(409);
    expect(res.body.type).toBe('urn:lcs:problem:escrow-account-not-open');
    await record(deposit(1000n), inspector, randomUUID(), randomUUID()).expect(404);
    expect(await entryCount(otherAgencyId)).toBe(0);
  });

  it('requires an Idempotency-Key header', async () => {
    const res = await record(deposit(1000n), inspector, null).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:lcs:problem:idempotency-key-required');
    await record(deposit(1000n), inspector, 'x'.repeat(129)).expect(400);
    expect(await entryCount()).toBe(0);
  });

  it('records a deposit up to the requirement: balance, shortfall 0, no deadline', async () => {
    const res = await record(deposit(REQUIRED, 'BDO-0001')).expect(201);
    expect(res.body).toMatchObject({
      kind: 'deposit',
      amountMinor: REQUIRED.toString(),
      currency: 'PHP',
      reference: 'BDO-0001',
      balanceAfterMinor: REQUIRED.toString(),
      recordedBy: { id: inspector.id, role: 'inspector' },
    });
    const view = await t.http.get(escrowPath()).set('Authorization', supervisor.bearer).expect(200);
    expect(view.body).toMatchObject({
      open: true,
      licenseType: 'regular',
      balanceMinor: REQUIRED.toString(),
      requiredMinor: REQUIRED.toString(),
      shortfallMinor: '0',
      meetsRequirement: true,
      topUpDeadline: null,
      hold: null,
    });
    expect(view.body.entries).toMatchObject({ total: 1, items: [{ id: res.body.id }] });
  });

  it('answers a retry with the same key and body with the first answer and writes nothing; the same key with another body is 422', async () => {
    const key = randomUUID();
    const body = deposit(5_000n, 'BDO-RETRY');
    const first = await record(body, inspector, key).expect(201);
    const before = await entryCount();
    const retry = await record(body, inspector, `"${key}"`).expect(201); // the structured-field form of the same key
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await entryCount()).toBe(before);
    const changed = await record({ ...body, amountMinor: '5001' }, inspector, key).expect(422);
    expect(changed.body.type).toBe('urn:lcs:problem:idempotency-key-reused');
    expect(await entryCount()).toBe(before);
    // Back to exactly the requirement for what follows.
    await record({ kind: 'release', amountMinor: '5000', currency: 'PHP', reference: 'refund of BDO-RETRY' }).expect(201);
  });

  it('refuses another currency with a clear 400 and writes nothing', async () => {
    const before = await entryCount();
    const res = await record({ ...deposit(1000n), currency: 'USD' }).expect(400);
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:escrow-currency-mismatch', expectedCurrency: 'PHP', currency: 'USD' });
    await record({ ...deposit(1000n), currency: 'peso' }).expect(400);
    await record({ ...deposit(1000n), amountMinor: '-5' }).expect(400);
    await record({ ...deposit(1000n), amountMinor: 0 }).expect(400);
    await record({ ...deposit(1000n), amountMinor: 12.5 }).expect(400);
    expect(await entryCount()).toBe(before);
  });

  it('refuses a garnishment beyond the balance with 409 naming the balance and the amount, and writes nothing', async () => {
    const before = await entryCount();
    const audits = (await auditActions()).length;
    const res = await record({ kind: 'garnishment', amountMinor: (REQUIRED + 1n).toString(), currency: 'PHP', reference: 'LC-2026-999999' }, supervisor).expect(
      409,
    );
    expect(res.body).toMatchObject({
      type: 'urn:lcs:problem:escrow-insufficient-balance',
      balanceMinor: REQUIRED.toString(),
      amountMinor: (REQUIRED + 1n).toString(),
      currency: 'PHP',
    });
    expect(await entryCount()).toBe(before);
    expect((await auditActions()).length).toBe(audits);
    expect(await openDeadline()).toBeNull();
  });

  it('a garnishment (the complaints interface) that takes it below the requirement starts the 15-day top-up deadline; the same case again garnishes nothing', async () => {
    const escrow = t.app.get(EscrowService, { strict: false });
    const garnish = (amountMinor: bigint) =>
      t.dataSource.transaction((m) =>
        escrow.garnish(m, {
          agencyId,
          amountMinor,
          currency: 'PHP',
          caseReference: 'LC-2026-000123',
          actor: { id: supervisor.id, role: 'supervisor' },
          correlationId: 'test',
        }),
      );
    const first = await garnish(25_000_000n);
    expect(first).toMatchObject({ replayed: false, entry: { kind: 'garnishment', reference: 'LC-2026-000123', balanceAfterMinor: '75000000' } });
    const again = await garnish(25_000_000n);
    expect(again).toEqual({ replayed: true, entry: first.entry });
    await expect(garnish(30_000_000n)).rejects.toBeInstanceOf(IdempotencyKeyReusedException);

    const d = await openDeadline();
    expect(d).toMatchObject({ state: 'pending', nextLevel: 0 });
    expect(d!.dueAt.toISOString()).toBe(new Date(clock.now().getTime() + 15 * DAY).toISOString());
    expect(d!.nextFireAt!.toISOString()).toBe(new Date(clock.now().getTime() + 12 * DAY).toISOString()); // the reminder at 80%

    const view = await t.http.get('/agency/escrow').set('Authorization', agencyStaff.bearer).expect(200);
    expect(view.body).toMatchObject({
      agencyId,
      balanceMinor: '75000000',
      shortfallMinor: '25000000',
      meetsRequirement: false,
      topUpDeadline: { id: d!.id, state: 'pending' },
      hold: null,
    });
    expect(view.body.entries.items[0]).toMatchObject({ kind: 'garnishment', reference: 'LC-2026-000123' });
  });

  it('missing the deadline puts the agency on hold, activeHold answers the reason and the agency admin is mailed in their language', async () => {
    const d = (await openDeadline())!;
    clock.set(d.nextFireAt!);
    await scheduler().scheduleDue();
    await waitFor('the reminder', async () => (await t.dataSource.getRepository(Deadline).findOneByOrFail({ id: d.id })).nextLevel === 1);
    expect(await activeHold()).toBeNull();

    clock.set(new Date(d.dueAt.getTime() + 60_000));
    await scheduler().scheduleDue();
    await waitFor('the hold', async () => (await activeHold()) !== null);
    expect(await activeHold()).toBe(ESCROW_HOLD_REASON);
    expect(await t.dataSource.getRepository(Deadline).findOneByOrFail({ id: d.id })).toMatchObject({ state: 'breached' });

    const outbox = (await outboxMessages(t, { template: 'escrow.hold-placed' })).map((m) => ({ recipient: m.recipient, language: m.language, data: m.data }));
    const php = (minor: string) => ({ money: { minor, currency: 'PHP' } });
    expect(outbox).toEqual([
      {
        recipient: agencyAdmin.email,
        language: 'fil',
        data: { agencyName: 'Bayanihan Test Manpower Inc.', balance: php('75000000'), required: php('100000000'), shortfall: php('25000000') },
      },
    ]);
    await worker.app.get(NotificationsRelayScheduler).triggerAndWait();
    const mails = await waitFor('the notice', async () => smtp.to(agencyAdmin.email).length > 0 && smtp.to(agencyAdmin.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('Bayanihan Test Manpower Inc.');
    expect(mails[0].text).toContain('Kulang: ₱250,000.00'); // written in Filipino when sent
    expect(smtp.to(agencyStaff.email)).toEqual([]);
    expect(smtp.to(otherAdmin.email)).toEqual([]);

    const view = await t.http.get('/agency/escrow').set('Authorization', agencyAdmin.bearer).expect(200);
    expect(view.body.hold).toMatchObject({ reason: ESCROW_HOLD_REASON });
    // "May this agency place workers today?": no, and the hold is the reason.
    const eligibility = await t.http.get('/agency/placement-eligibility').set('Authorization', agencyStaff.bearer).expect(200);
    expect(eligibility.body).toMatchObject({ allowed: false, reason: 'on-hold', hold: ESCROW_HOLD_REASON });
    // Firing again (a duplicate job, the sweep) places nothing more.
    await scheduler().sweep();
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM agency_hold WHERE agency_id = $1`, [agencyId]))[0].n)).toBe(1);
  });

  it('a top-up short of the requirement keeps the hold; one back to the requirement lifts it and meets the deadline', async () => {
    await record({ kind: 'top-up', amountMinor: '10000000', currency: 'PHP', reference: 'BDO-0002' }).expect(201);
    expect(await activeHold()).toBe(ESCROW_HOLD_REASON);
    const res = await record({ kind: 'top-up', amountMinor: '15000000', currency: 'PHP', reference: 'BDO-0003' }).expect(201);
    expect(res.body.balanceAfterMinor).toBe(REQUIRED.toString());
    expect(await activeHold()).toBeNull();
    expect(await openDeadline()).toMatchObject({ state: 'met', nextFireAt: null });
    const eligibility = await t.http.get('/agency/placement-eligibility').set('Authorization', agencyStaff.bearer).expect(200);
    expect(eligibility.body).toMatchObject({ allowed: true });
    const view = await t.http.get(escrowPath()).set('Authorization', inspector.bearer).query({ pageSize: 2 }).expect(200);
    expect(view.body).toMatchObject({ meetsRequirement: true, shortfallMinor: '0', hold: null, topUpDeadline: null });
    expect(view.body.entries.items.map((e: { reference: string }) => e.reference)).toEqual(['BDO-0003', 'BDO-0002']);
  });

  it('audits every change', async () => {
    const actions = await auditActions();
    expect(actions.filter((a) => a === 'agency.hold.placed')).toHaveLength(1);
    expect(actions.filter((a) => a === 'agency.hold.lifted')).toHaveLength(1);
    // Deposits, the release, the garnishment and the two top-ups; refusals and replays record nothing.
    expect(actions.filter((a) => a === 'escrow.entry.recorded')).toHaveLength(6);
    expect(actions.at(-1)).toBe('agency.hold.lifted');
  });

  it('five garnishments racing never overdraw: the ledger takes one writer at a time', async () => {
    const raceAgency = (await createAgency(t)).id;
    await t.http
      .post(`${escrowPath(raceAgency)}/account`)
      .set('Authorization', supervisor.bearer)
      .send({ licenseType: 'regular' })
      .expect(200);
    await record(deposit(REQUIRED), inspector, randomUUID(), raceAgency).expect(201);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        record({ kind: 'garnishment', amountMinor: '30000000', currency: 'PHP', reference: `LC-RACE-${i}` }, supervisor, randomUUID(), raceAgency),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    const view = await t.http.get(escrowPath(raceAgency)).set('Authorization', inspector.bearer).expect(200);
    expect(view.body.balanceMinor).toBe('10000000');
    expect(view.body.topUpDeadline).toMatchObject({ state: 'pending' });
  });

  it('refuses a deposit that would take the balance past what the ledger can hold with 409, before writing anything', async () => {
    const richAgency = (await createAgency(t)).id;
    await t.http
      .post(`${escrowPath(richAgency)}/account`)
      .set('Authorization', supervisor.bearer)
      .send({ licenseType: 'regular' })
      .expect(200);
    // The largest amount one entry takes (18 digits): nine of them fit below 2^63 - 1, the tenth does not.
    const most = 999_999_999_999_999_999n;
    for (let i = 0; i < 9; i++) await record(deposit(most), inspector, randomUUID(), richAgency).expect(201);
    const before = await entryCount(richAgency);
    const audits = (await auditActions(richAgency)).length;
    const res = await record(deposit(most), inspector, randomUUID(), richAgency);
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:lcs:problem:escrow-balance-limit',
      balanceMinor: (most * 9n).toString(),
      amountMinor: most.toString(),
      limitMinor: '9223372036854775807',
      currency: 'PHP',
    });
    expect(await entryCount(richAgency)).toBe(before);
    expect((await auditActions(richAgency)).length).toBe(audits);
    // What still fits is taken, up to the last minor unit.
    const room = 9_223_372_036_854_775_807n - most * 9n;
    expect((await record(deposit(room), inspector, randomUUID(), richAgency).expect(201)).body.balanceAfterMinor).toBe('9223372036854775807');
    await record(deposit(1n), inspector, randomUUID(), richAgency).expect(409);
  });

  it("answers 404 for another agency's escrow, and for an unknown agency", async () => {
    await t.http.get(escrowPath()).set('Authorization', otherAdmin.bearer).expect(404);
    await t.http.get(escrowPath()).set('Authorization', agencyStaff.bearer).expect(200);
    await t.http.get(escrowPath(randomUUID())).set('Authorization', supervisor.bearer).expect(404);
    const own = await t.http.get('/agency/escrow').set('Authorization', otherAdmin.bearer).expect(200);
    expect(own.body).toMatchObject({ agencyId: otherAgencyId, open: false, balanceMinor: '0', entries: { total: 0, items: [] } });
  });

  it('answers 403 to roles that may not act', async () => {
    for (const who of [agencyAdmin, agencyStaff, welfare, admin]) await record(deposit(1000n), who).expect(403);
    for (const who of [inspector, agencyAdmin, welfare])
      await t.http.post(`${escrowPath()}/account`).set('Authorization', who.bearer).send({ licenseType: 'regular' }).expect(403);
    for (const who of [inspector, supervisor, admin, welfare]) await t.http.get('/agency/escrow').set('Authorization', who.bearer).expect(403);
    await t.http.get('/agency/escrow').expect(401);
  });
});
