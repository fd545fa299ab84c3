/**
 * License applications end to end: apply with documents, return for correction, resubmit,
 * recommend, approve (the license is issued); missing documents; forbidden moves (409 naming the
 * allowed ones); two reviewers at once; scope (404); renewals in time (the license stays active
 * past its last day until decided, the real worker and a shared ManualClock), late (409) and
 * rejected after expiry; escrow below the requirement blocking approval.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscrowService, LicenseType, LicensingActor, LicensingService, REQUIRED_APPLICATION_DOCUMENTS } from '@app/agencies';
import { ManualClock } from '@app/common';
import { Deadline, SchedulerService } from '@app/deadlines';
import { NotificationsRelayScheduler } from '@app/notifications';
import { SMALL_PDF } from '../documents/fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestSmtpServer } from '../support/smtp';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const DRIVEN = { ...DEADLINES_DRIVEN_BY_TEST, LICENSING_PUBLIC_CACHE_SECONDS: '0' };
const REQUIREMENT = 100_000_000n;
const SEED: LicensingActor = { userId: null, roles: ['supervisor', 'system'], agencyId: null, correlationId: null };

interface AgencyFixture {
  id: string;
  admin: TestUser;
  staff: TestUser;
}

describe('licensing: applications and renewals', () => {
  // Monday 2 March 2026, 09:00 in Manila.
  const START = new Date('2026-03-02T01:00:00.000Z');
  const clock = new ManualClock(START);
  let dir: string;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: TestWorker;
  let supervisor: TestUser;
  let inspector: TestUser;
  let inspector2: TestUser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lcs-applications-'));
    smtp = await TestSmtpServer.start();
    t = await createTestApp({ clock, env: { ...DRIVEN, DOCUMENTS_DIR: dir, SMTP_URL: smtp.url } });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...DRIVEN, REDIS_PREFIX: t.config.redis.REDIS_PREFIX, SMTP_URL: smtp.url } });
    [supervisor, inspector, inspector2] = await Promise.all(
      (['supervisor', 'inspector', 'inspector'] as const).map((role) => createUser(t, { roles: [role] })),
    );
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => clock.set(START));

  const scheduler = () => worker.app.get(SchedulerService, { strict: false });
  const newAgency = async (): Promise<AgencyFixture> => {
    const id = (await createAgency(t)).id;
    const [admin, staff] = await Promise.all([
      createUser(t, { roles: ['agency_admin'], agencyId: id }),
      createUser(t, { roles: ['agency_staff'], agencyId: id }),
    ]);
    return { id, admin, staff };
  };
  const post = (path: string, as: TestUser, body: object = {}) => t.http.post(path).set('Authorization', as.bearer).send(body);
  const get = (path: string, as: TestUser) => t.http.get(path).set('Authorization', as.bearer);
  const upload = (id: string, kind: string, as: TestUser) =>
    t.http.post(`/agency/applications/${id}/documents`).set('Authorization', as.bearer).field('kind', kind).attach('file', SMALL_PDF, `${kind}.pdf`);
  const uploadAll = async (id: string, kinds: readonly string[], as: TestUser) => {
    for (const kind of kinds) await upload(id, kind, as).expect(201);
  };
  const escrow = () => t.app.get(EscrowService, { strict: false });
  const fundEscrow = (agencyId: string, type: LicenseType, amount = REQUIREMENT) =>
    t.dataSource.transaction(async (m) => {
      await escrow().openAccount(m, agencyId, type);
      if (amount > 0n)
        await escrow().record(m, {
          agencyId,
          kind: 'deposit',
          amountMinor: amount,
          currency: 'PHP',
          reference: 'BDO-TEST',
          actor: 'system',
          idempotencyKey: randomUUID(),
        });
    });
  /** A license issued before this system, so that it is now near its end. */
  const issueOld = (agencyId: string, issuedOn: string) =>
    t.dataSource.transaction((m) => t.app.get(LicensingService, { strict: false }).issueLicense(m, agencyId, 'regular', SEED, { issuedOn }));
  const licenseOf = async (id: string) => (await get(`/licensing/licenses/${id}`, supervisor).expect(200)).body;
  const auditActions = async (subjectType: string, id: string) =>
    (
      (await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq`, [subjectType, id])) as {
        action: string;
      }[]
    ).map((r) => r.action);
  /** Moves a filed application to recommended: take, recommend. */
  const reviewToRecommended = async (id: string) => {
    let v = (await get(`/licensing/applications/${id}`, inspector).expect(200)).body.version;
    v = (await post(`/licensing/applications/${id}/take`, inspector, { version: v }).expect(200)).body.version;
    return (await post(`/licensing/applications/${id}/recommend`, inspector, { version: v, note: 'in order' }).expect(200)).body.version as number;
  };

  it('apply with documents, return for correction, resubmit, recommend, approve: a provisional license is issued', async () => {
    const a = await newAgency();
    await fundEscrow(a.id, 'provisional');
    const created = (await post('/agency/applications', a.admin, { type: 'new' }).expect(201)).body;
    expect(created).toMatchObject({
      type: 'new',
      state: 'draft',
      version: 1,
      allowedActions: ['submit'],
      missingDocuments: [...REQUIRED_APPLICATION_DOCUMENTS.new],
    });
    expect(created.clearance).toBeUndefined();
    const id = created.id;

    // Staff may upload; the admin files.
    const [last, ...rest] = [...REQUIRED_APPLICATION_DOCUMENTS.new].reverse();
    await uploadAll(id, rest, a.staff);
    const missing = await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(409);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({ type: 'urn:lcs:problem:documents-missing', missing: [last], state: 'draft', action: 'submit' });
    await upload(id, last, a.admin).expect(201);
    await post(`/agency/applications/${id}/submit`, a.staff, { version: 1 }).expect(403);
    const submitted = (await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(200)).body;
    expect(submitted).toMatchObject({ state: 'submitted', version: 2, missingDocuments: [] });
    expect(submitted.checklist.every((c: { uploaded: number }) => c.uploaded === 1)).toBe(true);
    // Filed: no more uploads until it comes back.
    expect((await upload(id, 'other', a.admin).expect(409)).body).toMatchObject({ type: 'urn:lcs:problem:application-locked' });

    const taken = (await post(`/licensing/applications/${id}/take`, inspector, { version: 2 }).expect(200)).body;
    expect(taken).toMatchObject({ state: 'under_review', reviewerId: inspector.id, allowedActions: ['return', 'recommend'] });
    expect(taken.clearance).toMatchObject({ cleared: true });
    const returned = (
      await post(`/licensing/applications/${id}/return`, inspector, {
        version: 3,
        items: ['The business permit has expired', 'Sign the financial statement'],
      }).expect(200)
    ).body;
    expect(returned).toMatchObject({ state: 'returned_for_correction', correctionItems: ['The business permit has expired', 'Sign the financial statement'] });
    const seen = (await get(`/agency/applications/${id}`, a.staff).expect(200)).body;
    expect(seen).toMatchObject({
      state: 'returned_for_correction',
      correctionItems: ['The business permit has expired', 'Sign the financial statement'],
      allowedActions: ['submit'],
    });

    await upload(id, 'business-permit', a.admin).expect(201);
    const resubmitted = (await post(`/agency/applications/${id}/submit`, a.admin, { version: 4 }).expect(200)).body;
    expect(resubmitted).toMatchObject({ state: 'submitted', version: 5 });
    await post(`/licensing/applications/${id}/take`, inspector, { version: 5 }).expect(200);
    await post(`/licensing/applications/${id}/recommend`, inspector, { version: 6, note: 'complete' }).expect(200);
    await post(`/licensing/applications/${id}/approve`, inspector, { version: 7 }).expect(403);
    const approved = (await post(`/licensing/applications/${id}/approve`, supervisor, { version: 7, note: 'approved' }).expect(200)).body;
    expect(approved).toMatchObject({ state: 'approved', allowedActions: [], licenseNumber: expect.stringMatching(/^PH-LRA-2026-\d{5}-\d$/) });
    const license = await licenseOf(approved.licenseId);
    expect(license).toMatchObject({ agencyId: a.id, type: 'provisional', state: 'active', issuedOn: '2026-03-02', expiresOn: '2028-03-01' });
    expect(approved.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'document',
      'document',
      'document',
      'document',
      'document',
      'submit',
      'take',
      'return',
      'document',
      'submit',
      'take',
      'recommend',
      'approve',
    ]);
    expect(await auditActions('license-application', id)).toEqual([
      'agency.application.created',
      'agency.application.submitted',
      'agency.application.review-started',
      'agency.application.returned',
      'agency.application.submitted',
      'agency.application.review-started',
      'agency.application.recommended',
      'agency.application.approved',
    ]);
    expect(await auditActions('license', approved.licenseId)).toEqual(['agency.license.issued']);
    const listed = (await get('/licensing/applications?state=approved', supervisor).expect(200)).body;
    expect(listed.items.map((x: { id: string }) => x.id)).toContain(id);
    // The ministry reads the application's documents through the licensing document route.
    await get(`/licensing/documents/${approved.documents[0].id}/content`, inspector).expect(200);
  });

  it('forbidden moves answer 409 naming the allowed actions; two reviewers at once: one wins, one gets 409', async () => {
    const a = await newAgency();
    const id = (await post('/agency/applications', a.admin, { type: 'new' }).expect(201)).body.id;
    const early = await post(`/licensing/applications/${id}/take`, inspector, { version: 1 }).expect(409);
    expect(early.body).toMatchObject({ type: 'urn:lcs:problem:transition-not-allowed', state: 'draft', action: 'take', allowedActions: ['submit'] });
    await uploadAll(id, REQUIRED_APPLICATION_DOCUMENTS.new, a.admin);
    await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(200);
    const approveEarly = await post(`/licensing/applications/${id}/approve`, supervisor, { version: 2 }).expect(409);
    expect(approveEarly.body).toMatchObject({ state: 'submitted', action: 'approve', allowedActions: ['take'] });
    await post(`/agency/applications/${id}/submit`, a.admin, { version: 2 }).expect(409);

    const both = await Promise.all([
      post(`/licensing/applications/${id}/take`, inspector, { version: 2 }),
      post(`/licensing/applications/${id}/take`, inspector2, { version: 2 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = both.find((r) => r.status === 409)!;
    expect(['urn:lcs:problem:stale-version', 'urn:lcs:problem:transition-not-allowed']).toContain(loser.body.type);
    const stale = await post(`/licensing/applications/${id}/recommend`, inspector, { version: 2 }).expect(409);
    expect(stale.body).toMatchObject({ type: 'urn:lcs:problem:stale-version', currentVersion: 3 });
    const noItems = await post(`/licensing/applications/${id}/return`, inspector, { version: 3, items: [] }).expect(400);
    expect(noItems.body.errors.map((e: { field: string }) => e.field)).toContain('items');
    await post(`/licensing/applications/${id}/recommend`, inspector, { version: 3 }).expect(200);
    await post(`/licensing/applications/${id}/reject`, supervisor, { version: 4, reasons: 'The owners could not be verified.' }).expect(200);
    const final = await post(`/licensing/applications/${id}/approve`, supervisor, { version: 5 }).expect(409);
    expect(final.body).toMatchObject({ state: 'rejected', allowedActions: [] });
    expect((await get(`/agency/applications/${id}`, a.admin).expect(200)).body).toMatchObject({
      state: 'rejected',
      decisionReasons: 'The owners could not be verified.',
    });
  });

  it("another agency's applications and their documents are not found (404)", async () => {
    const [a, b] = [await newAgency(), await newAgency()];
    const id = (await post('/agency/applications', a.admin, { type: 'new' }).expect(201)).body.id;
    const doc = (await upload(id, 'business-permit', a.admin).expect(201)).body;
    await get(`/agency/applications/${id}`, b.staff).expect(404);
    await upload(id, 'tax-clearance', b.admin).expect(404);
    await post(`/agency/applications/${id}/submit`, b.admin, { version: 1 }).expect(404);
    await get(`/agency/documents/${doc.id}/content`, b.admin).expect(404);
    await get(`/agency/documents/${doc.id}/content`, a.admin).expect(404); // the library route serves only library documents
    expect((await get('/agency/applications', b.admin).expect(200)).body.items).toEqual([]);
    expect((await get('/agency/applications', a.staff).expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    await get(`/licensing/applications/${id}`, a.admin).expect(403);

    // Uploads follow the document rules: a wrong type 415, an unknown kind 400, both problem+json.
    const exe = await t.http
      .post(`/agency/applications/${id}/documents`)
      .set('Authorization', a.admin.bearer)
      .field('kind', 'tax-clearance')
      .attach('file', Buffer.from('MZ\x90\x00not a pdf'), 'clearance.pdf')
      .expect(415);
    expect(exe.headers['content-type']).toMatch(/^application\/problem\+json/);
    const kind = await t.http
      .post(`/agency/applications/${id}/documents`)
      .set('Authorization', a.admin.bearer)
      .field('kind', 'passport')
      .attach('file', SMALL_PDF, 'x.pdf')
      .expect(400);
    expect(kind.body).toMatchObject({ type: 'urn:lcs:problem:validation-failed' });
    expect((await get(`/agency/applications/${id}`, a.admin).expect(200)).body.documents).toHaveLength(1);
  });

  it('escrow below the requirement blocks approval (409 clearance-failed naming it), and the reviewer sees why', async () => {
    const a = await newAgency();
    await fundEscrow(a.id, 'provisional', REQUIREMENT - 1n);
    const id = (await post('/agency/applications', a.admin, { type: 'new' }).expect(201)).body.id;
    await uploadAll(id, REQUIRED_APPLICATION_DOCUMENTS.new, a.admin);
    await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(200);
    const v = await reviewToRecommended(id);
    const view = (await get(`/licensing/applications/${id}`, supervisor).expect(200)).body;
    expect(view.clearance.cleared).toBe(false);
    expect(view.clearance.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'escrow', ok: false }),
        expect.objectContaining({ check: 'unpaid-fines', ok: true }),
        expect.objectContaining({ check: 'refund-orders', ok: true }),
      ]),
    );
    const refused = await post(`/licensing/applications/${id}/approve`, supervisor, { version: v }).expect(409);
    expect(refused.body).toMatchObject({ type: 'urn:lcs:problem:clearance-failed', failedChecks: ['escrow'], allowedActions: ['approve', 'reject'] });
    await t.dataSource.transaction((m) =>
      escrow().record(m, {
        agencyId: a.id,
        kind: 'top-up',
        amountMinor: 1n,
        currency: 'PHP',
        reference: 'BDO-TOPUP',
        actor: 'system',
        idempotencyKey: randomUUID(),
      }),
    );
    await post(`/licensing/applications/${id}/approve`, supervisor, { version: v }).expect(200);
  });

  it('renewal filed in time: the license stays active past its last day until the renewal is approved, then it is extended', async () => {
    const a = await newAgency();
    await fundEscrow(a.id, 'regular');
    const l = await issueOld(a.id, '2022-05-01'); // last day 2026-04-30: the window opened on 2025-12-31
    expect(l.expiresOn).toBe('2026-04-30');

    // Before the window: refused with the date it opens.
    clock.set(new Date('2025-12-01T01:00:00.000Z'));
    const early = await post('/agency/applications', a.admin, { type: 'renewal' }).expect(409);
    expect(early.body).toMatchObject({ type: 'urn:lcs:problem:renewal-window-not-open', windowOpensOn: '2025-12-31' });
    clock.set(START);

    const id = (await post('/agency/applications', a.admin, { type: 'renewal' }).expect(201)).body.id;
    expect((await post('/agency/applications', a.admin, { type: 'renewal' }).expect(409)).body).toMatchObject({ type: 'urn:lcs:problem:renewal-exists' });
    await uploadAll(id, REQUIRED_APPLICATION_DOCUMENTS.renewal, a.admin);
    const filed = (await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(200)).body;
    expect(filed).toMatchObject({ type: 'renewal', state: 'submitted', licenseId: l.id, licenseNumber: l.number });

    // Past the end of the last day: the expiry deadline fires and defers.
    clock.set(new Date('2026-05-02T01:00:00.000Z'));
    await scheduler().scheduleDue();
    await waitFor('the expiry to be deferred', async () => (await auditActions('license', l.id)).includes('agency.license.expiry-deferred'));
    expect(await licenseOf(l.id)).toMatchObject({ state: 'active', expiresOn: '2026-04-30' });
    expect((await get('/agency/placement-eligibility', a.staff).expect(200)).body).toEqual({ allowed: true, licenseNumber: l.number });

    const v = await reviewToRecommended(id);
    const view = (await get(`/licensing/applications/${id}`, supervisor).expect(200)).body;
    expect(view.clearance).toMatchObject({ cleared: true });
    expect(view.clearance.checks.map((c: { check: string }) => c.check)).toEqual(['escrow', 'unpaid-fines', 'refund-orders', 'no-revocation-pending']);
    await post(`/licensing/applications/${id}/approve`, supervisor, { version: v }).expect(200);
    const renewed = await licenseOf(l.id);
    expect(renewed).toMatchObject({ state: 'active', number: l.number, expiresOn: '2030-04-30', expiresAt: '2030-04-30T15:59:59.999Z' });
    expect(renewed.events.at(-1)).toMatchObject({ action: 'renew', from: 'active', to: 'active', actorId: supervisor.id });
    expect(await auditActions('license', l.id)).toContain('agency.license.renewed');
    const deadline = await t.dataSource
      .getRepository(Deadline)
      .findOne({ where: { subjectType: 'license', subjectId: l.id, kind: 'license.expiry', state: 'pending' } });
    expect(deadline?.dueAt).toEqual(new Date('2030-04-30T15:59:59.999Z'));

    // Nothing left to expire it now.
    await scheduler().scheduleDue();
    expect(await licenseOf(l.id)).toMatchObject({ state: 'active' });
  });

  it('a renewal filed late is refused (409 with the reason); one rejected after the last day expires the license at once', async () => {
    const late = await newAgency();
    const lateLicense = await issueOld(late.id, '2022-02-20'); // last day 2026-02-19
    const refused = await post('/agency/applications', late.admin, { type: 'renewal' }).expect(409);
    expect(refused.body).toMatchObject({ type: 'urn:lcs:problem:renewal-window-closed', expiresOn: '2026-02-19' });
    expect(refused.body.detail).toMatch(/expired/);
    expect(lateLicense.state).toBe('active');

    // A draft made in time but filed after the last day is refused too.
    const drafty = await newAgency();
    await issueOld(drafty.id, '2022-03-10'); // last day 2026-03-09
    const draftId = (await post('/agency/applications', drafty.admin, { type: 'renewal' }).expect(201)).body.id;
    await uploadAll(draftId, REQUIRED_APPLICATION_DOCUMENTS.renewal, drafty.admin);
    clock.set(new Date('2026-03-10T01:00:00.000Z'));
    expect((await post(`/agency/applications/${draftId}/submit`, drafty.admin, { version: 1 }).expect(409)).body).toMatchObject({
      type: 'urn:lcs:problem:renewal-window-closed',
    });

    clock.set(START);
    const a = await newAgency();
    await fundEscrow(a.id, 'regular');
    const l = await issueOld(a.id, '2022-03-05'); // last day 2026-03-04
    const id = (await post('/agency/applications', a.admin, { type: 'renewal' }).expect(201)).body.id;
    await uploadAll(id, REQUIRED_APPLICATION_DOCUMENTS.renewal, a.admin);
    await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(200);
    clock.set(new Date('2026-03-06T01:00:00.000Z'));
    const v = await reviewToRecommended(id);
    expect(await licenseOf(l.id)).toMatchObject({ state: 'active' });
    await post(`/licensing/applications/${id}/reject`, supervisor, { version: v, reasons: 'Unresolved complaints.' }).expect(200);
    const expired = await licenseOf(l.id);
    expect(expired).toMatchObject({ state: 'expired' });
    expect(expired.events.at(-1)).toMatchObject({ action: 'expire', from: 'active', to: 'expired', actorRole: 'system' });
  });

  it('reminds the agency admins 90 and 60 days before the last day, in their language, and not once a renewal is filed', async () => {
    const a = await newAgency();
    await t.dataSource.query(`UPDATE app_user SET preferred_language = 'fil' WHERE id = $1`, [a.admin.id]);
    const l = await issueOld(a.id, '2022-07-01'); // last day 2026-06-30
    const reminders = async () =>
      (await outboxMessages(t, { template: 'license.renewal-reminder' }))
        .filter((m) => m.data?.licenseNumber === l.number)
        .map((m) => ({ recipient: m.recipient, language: m.language, data: m.data }));
    const deadline = await t.dataSource.getRepository(Deadline).findOneByOrFail({ subjectType: 'license', subjectId: l.id, kind: 'license.renewal-reminder' });
    expect(deadline.dueAt).toEqual(new Date('2026-04-01T01:00:00.000Z')); // 09:00 in Manila, 90 days before

    clock.set(new Date('2026-03-31T23:00:00.000Z'));
    await scheduler().scheduleDue();
    expect(await reminders()).toEqual([]);
    clock.set(new Date('2026-04-01T01:30:00.000Z'));
    await scheduler().scheduleDue();
    await waitFor('the 90-day reminder', async () => (await reminders()).length === 1);
    expect(await reminders()).toEqual([
      {
        recipient: a.admin.email,
        language: 'fil',
        data: { agencyName: expect.any(String), licenseNumber: l.number, expiresOn: { date: '2026-06-30' }, daysLeft: 90 },
      },
    ]);
    await worker.app.get(NotificationsRelayScheduler).triggerAndWait();
    const mails = await waitFor('the reminder mail', async () => smtp.to(a.admin.email).length > 0 && smtp.to(a.admin.email));
    expect(mails[0].subject).toContain(l.number);
    expect(mails[0].text).toContain('Mag-e-expire ang lisensya');
    expect(mails[0].text).toContain('sa pagtatapos ng Hunyo 30, 2026, sa loob ng 90 araw.');
    expect(smtp.to(a.staff.email)).toEqual([]);

    clock.set(new Date('2026-05-01T01:30:00.000Z'));
    await scheduler().scheduleDue();
    await waitFor('the 60-day reminder', async () => (await reminders()).length === 2);
    expect((await reminders())[1].data?.daysLeft).toBe(60);

    // Filed: the 30-day reminder stays silent.
    const id = (await post('/agency/applications', a.admin, { type: 'renewal' }).expect(201)).body.id;
    await uploadAll(id, REQUIRED_APPLICATION_DOCUMENTS.renewal, a.admin);
    await post(`/agency/applications/${id}/submit`, a.admin, { version: 1 }).expect(200);
    clock.set(new Date('2026-05-31T01:30:00.000Z'));
    await scheduler().scheduleDue();
    await waitFor('the 30-day level to fire', async () => {
      const d = await t.dataSource.getRepository(Deadline).findOneByOrFail({ id: deadline.id });
      return d.nextLevel > 3 || d.nextFireAt === null || d.nextFireAt > clock.now();
    });
    expect(await reminders()).toHaveLength(2);
  });
});
