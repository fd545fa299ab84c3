/**
 * Complaints end to end (the slice built so far): the four doors, the public path's secret,
 * priority, the lifecycle's paths through the routes (dismissed, referred, settled, settlement
 * breached, adjudicated with a violation and the appeal window lapsing onto the license, appealed),
 * forbidden moves and optimistic locking, what the agency may see (an inspection only once notified), encryption at rest, the
 * fee-violation event becoming a case, and a missed triage escalating to the supervisors' queue.
 */
import { randomUUID } from 'node:crypto';
import { ClearanceSource, ScorecardSource } from '@app/agencies';
import { ManualClock } from '@app/common';
import { COMPLAINT_ACTIONS, findComplaintTransition } from '@app/complaints';
import { SchedulerService } from '@app/deadlines';
import { DomainEventRelay } from '@app/events';
import { placementBody, seedFees } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const DRIVEN = { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0' };
const DAY = 86_400_000;
const PHONE = '+63 917 555 0142';
const EMAIL = 'rosa.mendoza@workers.test';
const NAME = 'Rosa Mendoza';

describe('complaints', () => {
  // Monday 2 March 2026, 09:00 in Manila.
  const start = new Date('2026-03-02T01:00:00.000Z');
  const clock = new ManualClock(start);
  let t: TestApp;
  let worker: TestWorker;
  let inspector: TestUser;
  let supervisor: TestUser;
  let agencyAdmin: TestUser;
  let otherAdmin: TestUser;
  let workerUser: TestUser;
  let agencyId: string;
  let licenseNumber: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DRIVEN });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...DRIVEN, REDIS_PREFIX: t.config.redis.REDIS_PREFIX } });
    await seedFees(t);
    [inspector, supervisor] = await Promise.all((['inspector', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
    agencyId = (await createAgency(t, { legalName: 'Complained About Manpower Inc.' })).id;
    const otherAgencyId = (await createAgency(t)).id;
    licenseNumber = (await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201)).body
      .number;
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    otherAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: otherAgencyId });
    workerUser = await createUser(t, { roles: ['worker'] });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const publicBody = (over: Record<string, unknown> = {}) => ({
    licenseNumber,
    allegations: [
      { category: 'unpaid-wages', facts: 'Three months of salary were never paid.', occurredOn: '2026-01-31', amountMinor: '1500000', currency: 'SAR' },
    ],
    complainantName: NAME,
    email: EMAIL,
    phone: PHONE,
    language: 'fil',
    identityProtected: true,
    ...over,
  });
  const fileCase = async (over: Record<string, unknown> = {}) =>
    (await t.http.post('/public/complaints').send(publicBody(over)).expect(201)).body as {
      id: string;
      reference: string;
      trackingSecret: string;
      priority: string;
    };
  const staffView = async (id: string) => (await t.http.get(`/complaints/${id}`).set('Authorization', inspector.bearer).expect(200)).body;
  const act = async (id: string, action: string, body: Record<string, unknown> = {}, as: TestUser = inspector, status = 200) => {
    const { version } = await staffView(id);
    return t.http
      .post(`/complaints/${id}/actions/${action}`)
      .set('Authorization', as.bearer)
      .send({ version, ...body })
      .expect(status);
  };
  const outbox = (template: string) => outboxMessages(t, { template });
  const staffDeadline = (v: { deadlines: { kind: string; dueAt: string; state: string }[] }, kind: string) =>
    v.deadlines.find((d) => d.kind === kind && d.state !== 'met' && d.state !== 'cancelled')?.dueAt;

  describe('intake', () => {
    it('the public files (named agency, encrypted contact, acknowledgement once registered); the secret opens the case, once shown', async () => {
      const filed = await fileCase();
      expect(filed).toMatchObject({
        reference: expect.stringMatching(/^CMP-2026-\d{5}-\d$/),
        trackingSecret: expect.stringMatching(/^([0-9A-Z]{4}-){3}[0-9A-Z]{4}$/),
        priority: 'normal',
      });
      const staff = await staffView(filed.id);
      // A protected identity is withheld from the case view: showing it is its own audited step (below).
      expect(staff).toMatchObject({
        stage: 'submitted',
        source: 'public',
        agencyId,
        assignedTo: inspector.id,
        complainant: { name: null, email: null, phone: null, identityProtected: true, identityWithheld: true, language: 'fil' },
      });
      const shown = await t.http
        .post(`/complaints/${filed.id}/identity`)
        .set('Authorization', inspector.bearer)
        .send({ reason: 'Calling her about the triage' })
        .expect(200);
      expect(shown.body).toMatchObject({ name: NAME, email: EMAIL, phone: PHONE, identityProtected: true, identityWithheld: false });
      expect(staff.deadlines).toEqual([expect.objectContaining({ kind: 'complaint.triage', state: 'pending' })]);
      expect((await outbox('case.received')).map((r) => r.recipient)).toContain(EMAIL);
      // The inspector is not mailed per case: the case waits for their next digest (complaint-abuse.e2e-spec.ts).
      expect(await outbox('complaint.assigned')).toEqual([]);
      expect(await t.dataSource.query(`SELECT 1 FROM complaint_assignment_notice WHERE complaint_id = $1`, [filed.id])).toHaveLength(1);
      // The acknowledgement links to the web's follow page with the reference filled in; never the secret.
      const [ack] = await outboxMessages(t, { dedupKey: `case.received:${filed.id}` });
      expect(ack.data).toEqual({
        referenceNumber: filed.reference,
        trackingCode: filed.reference,
        trackingUrl: `http://127.0.0.1:3001/complaints/follow?reference=${filed.reference}`,
      });
      expect(JSON.stringify(ack.data)).not.toContain(filed.trackingSecret);

      const tracked = await t.http
        .get(`/public/complaints/${filed.reference.toLowerCase()}`)
        .set('X-Tracking-Secret', filed.trackingSecret.toLowerCase())
        .expect(200);
      expect(tracked.body).toMatchObject({
        reference: filed.reference,
        stage: 'submitted',
        language: 'fil',
        nextStep: { what: expect.stringContaining('reklamo'), by: expect.any(String) },
        agencyAnswer: null,
        timeZone: 'Asia/Manila',
      });
      expect(JSON.stringify(tracked.body)).not.toContain(EMAIL);
      await t.http.get(`/public/complaints/${filed.reference}`).set('X-Tracking-Secret', 'AAAA-BBBB-CCCC-DDDD').expect(404);
      await t.http.get(`/public/complaints/${filed.reference}`).expect(404);
    });

    it('wrong secrets for one case are limited (429 with Retry-After) but the right one still opens it, and a mistyped reference is a 404', async () => {
      const filed = await fileCase();
      for (let i = 0; i < 10; i++) await t.http.get(`/public/complaints/${filed.reference}`).set('X-Tracking-Secret', `WRNG-${i}AAA-BBBB-CCCC`).expect(404);
      await t.http.get(`/public/complaints/${filed.reference}`).set('X-Tracking-Secret', filed.trackingSecret).expect(200);
      const refused = await t.http.get(`/public/complaints/${filed.reference}`).set('X-Tracking-Secret', 'WRNG-XAAA-BBBB-CCCC').expect(429);
      // Retry-After: when the case's counter (an hour from the last wrong secret) runs out.
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
      expect(refused.body).toMatchObject({ type: 'urn:lcs:problem:too-many-requests', retryAfter: Number(refused.headers['retry-after']) });
      await t.http.get('/public/complaints/CMP-2026-99999-0').set('X-Tracking-Secret', filed.trackingSecret).expect(404);
    });

    it('anonymous: nothing that identifies the complainant is kept', async () => {
      const filed = await fileCase({ anonymous: true });
      const staff = await staffView(filed.id);
      expect(staff.complainant).toMatchObject({ name: null, email: null, phone: null, anonymous: true, identityProtected: true, identityWithheld: false });
    });

    it('showing a protected identity is its own audited step, with the reason; ordinary reads neither show it nor audit a view of it', async () => {
      const filed = await fileCase();
      const auditOf = async () =>
        (await t.dataSource.query(
          `SELECT action, actor_id, actor_role, changes FROM audit_log WHERE subject_type = 'complaint' AND subject_id = $1 AND action IN ('complaint.complainant.viewed', 'complaint.identity.revealed') ORDER BY seq`,
          [filed.id],
        )) as {
          action: string;
          actor_id: string;
          actor_role: string;
          changes: Record<string, unknown>;
        }[];
      const read = await staffView(filed.id);
      expect(read.complainant).toMatchObject({ name: null, email: null, phone: null, identityWithheld: true });
      expect(JSON.stringify(read)).not.toContain(EMAIL);
      expect(await auditOf()).toEqual([]);
      // The reason is required (5 to 2,000 characters, not blank): 400 naming it, nothing shown, nothing audited.
      for (const body of [{}, { reason: '   ' }, { reason: 'why' }, { reason: 'x'.repeat(2001) }]) {
        const refused = await t.http.post(`/complaints/${filed.id}/identity`).set('Authorization', supervisor.bearer).send(body).expect(400);
        expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
        expect(JSON.stringify(refused.body)).not.toContain(NAME);
      }
      expect(await auditOf()).toEqual([]);
      const shown = await t.http
        .post(`/complaints/${filed.id}/identity`)
        .set('Authorization', supervisor.bearer)
        .send({ reason: '  Arranging the conciliation conference  ' })
        .expect(200);
      expect(shown.body).toMatchObject({ name: NAME, email: EMAIL, phone: PHONE, identityWithheld: false });
      expect(await auditOf()).toEqual([
        expect.objectContaining({
          action: 'complaint.identity.revealed',
          actor_id: supervisor.id,
          actor_role: 'supervisor',
          changes: { reason: 'Arranging the conciliation conference' },
        }),
      ]);
      // Every showing is an entry; the case read afterwards still withholds it.
      await t.http
        .post(`/complaints/${filed.id}/identity`)
        .set('Authorization', inspector.bearer)
        .send({ reason: 'Second call to the complainant' })
        .expect(200);
      expect((await staffView(filed.id)).complainant.name).toBeNull();
      expect((await auditOf()).map((a) => a.action)).toEqual(['complaint.identity.revealed', 'complaint.identity.revealed']);
      // An unprotected complainant's details are on the case, and each such read is audited as before.
      const open = await fileCase({ identityProtected: false });
      expect((await staffView(open.id)).complainant).toMatchObject({ name: NAME, email: EMAIL, identityWithheld: false });
      expect(
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'complaint.complainant.viewed'`, [open.id]))[0]
          .n,
      ).toBe(1);
      // An agency's user, a worker: 403; an unknown case: 404.
      await t.http.post(`/complaints/${filed.id}/identity`).set('Authorization', agencyAdmin.bearer).send({ reason: 'Who complained about us?' }).expect(403);
      await t.http.post(`/complaints/${randomUUID()}/identity`).set('Authorization', inspector.bearer).send({ reason: 'A case that is none' }).expect(404);
    });

    it('retained documents, abuse or being still abroad make a case urgent, with the shorter triage', async () => {
      const filed = await fileCase({ workerAbroad: true, allegations: [{ category: 'retained-documents', facts: 'The employer keeps my passport.' }] });
      const staff = await staffView(filed.id);
      expect(staff).toMatchObject({ priority: 'urgent', urgentReasons: ['documents-retained', 'worker-abroad'] });
      expect(staff.deadlines).toEqual([expect.objectContaining({ kind: 'complaint.triage.urgent' })]);
    });

    it('a worker files from their account and follows it there; an inspector records a walk-in', async () => {
      const res = await t.http
        .post('/me/complaints')
        .set('Authorization', workerUser.bearer)
        .send(publicBody({ email: undefined, phone: undefined }))
        .expect(201);
      expect(res.body).not.toHaveProperty('trackingSecret');
      const ack = (await outbox('case.received')).find((r) => r.data?.referenceNumber === res.body.reference);
      expect(ack).toMatchObject({ recipient: workerUser.email });
      expect(ack?.data?.trackingUrl).toMatch(new RegExp(`/account/complaints/${res.body.id}$`));
      await t.http.get(`/me/complaints/${res.body.id}`).set('Authorization', workerUser.bearer).expect(200);
      const other = await createUser(t, { roles: ['worker'] });
      await t.http.get(`/me/complaints/${res.body.id}`).set('Authorization', other.bearer).expect(404);
      const walkIn = await t.http
        .post('/complaints')
        .set('Authorization', inspector.bearer)
        .send({ ...publicBody(), channel: 'walk-in' })
        .expect(201);
      expect((await staffView(walkIn.body.id)).channel).toBe('walk-in');
      await t.http
        .post('/complaints')
        .set('Authorization', supervisor.bearer)
        .send({ ...publicBody(), channel: 'walk-in' })
        .expect(403);
    });

    it('bad input: problem+json naming the field, nothing written', async () => {
      const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM complaint`))[0].n);
      const bad = [
        [{ allegations: [] }, 'allegations'],
        [{ allegations: [{ category: 'bad-food', facts: 'The food was bad.' }] }, 'allegations[0].category'],
        [{ licenseNumber: undefined, agencyName: undefined }, 'agencyName'],
        [{ language: 'xx' }, 'language'],
        [{ email: 'not-an-email' }, 'email'],
      ] as const;
      for (const [over, field] of bad) {
        const res = await t.http
          .post('/public/complaints')
          .send(publicBody(over as Record<string, unknown>))
          .expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const anon = await t.http
        .post('/me/complaints')
        .set('Authorization', workerUser.bearer)
        .send(publicBody({ anonymous: true }))
        .expect(400);
      expect(anon.body.errors.map((e: { field: string }) => e.field)).toContain('anonymous');
      expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM complaint`))[0].n)).toBe(before);
    });

    it('a database dump holds no plaintext phone, email or protected name', async () => {
      const rows = (await t.dataSource.query(`SELECT row_to_json(c)::text AS j FROM complaint c`)) as { j: string }[];
      expect(rows.length).toBeGreaterThan(0);
      for (const { j } of rows) {
        expect(j).not.toContain(EMAIL);
        expect(j).not.toContain(NAME);
        expect(j).not.toContain('917 555');
        expect(j).not.toContain('9175550142');
      }
      const events = (await t.dataSource.query(`SELECT string_agg(row_to_json(e)::text, '') AS j FROM complaint_event e`))[0].j as string;
      expect(events).not.toContain(EMAIL);
      const audit = (await t.dataSource.query(`SELECT string_agg(changes::text, '') AS j FROM audit_log WHERE subject_type = 'complaint'`))[0].j as string;
      expect(audit).not.toContain(EMAIL);
      expect(audit).not.toContain(NAME);
    });
  });

  describe('lifecycle', () => {
    it('dismissed and referred close the case with the reason or target; the complainant is told', async () => {
      const a = await fileCase();
      await act(a.id, 'dismiss', {}, inspector, 409);
      expect((await act(a.id, 'dismiss', { reason: 'The employer is not within the ministry’s reach' })).body).toMatchObject({
        stage: 'closed',
        outcome: 'dismissed',
      });
      const b = await fileCase();
      expect((await act(b.id, 'refer', { referralTarget: 'National Labor Relations Commission' })).body).toMatchObject({
        stage: 'closed',
        outcome: 'referred',
        referralTarget: 'National Labor Relations Commission',
      });
      expect((await outbox('complaint.referred')).length).toBeGreaterThan(0);
    });

    it('settled and complied; conciliation extended once with consent', async () => {
      const c = await fileCase();
      await act(c.id, 'accept');
      expect((await outbox('complaint.agency-filed')).map((r) => r.recipient)).toContain(agencyAdmin.email);
      await act(c.id, 'extend-conciliation', { bothPartiesConsent: false }, inspector, 409);
      await act(c.id, 'extend-conciliation', { bothPartiesConsent: true });
      const again = await act(c.id, 'extend-conciliation', { bothPartiesConsent: true }, inspector, 409);
      expect(again.body).toMatchObject({ condition: 'already-extended' });
      const conciliation = (await staffView(c.id)).deadlines.filter(
        (d: { kind: string; state: string }) => d.kind === 'complaint.conciliation' && d.state === 'pending',
      );
      expect(Date.parse(conciliation[0].dueAt) - clock.now().getTime()).toBeGreaterThanOrEqual(45 * DAY - DAY);
      await act(c.id, 'settle', {
        settlement: {
          terms: 'The agency pays the unpaid wages.',
          amounts: [{ amountMinor: '1500000', currency: 'SAR', payableTo: 'the complainant' }],
          complyBy: '2026-03-20',
        },
      });
      expect((await act(c.id, 'comply')).body).toMatchObject({ stage: 'closed', outcome: 'settled' });
    });

    it('a breached settlement goes to adjudication; a violation decided, the appeal window lapses (the worker fires it) and the license is suspended', async () => {
      const c = await fileCase();
      await act(c.id, 'accept');
      await act(c.id, 'settle', { settlement: { terms: 'Pay the wages.', amounts: [], complyBy: '2026-03-20' } });
      await act(c.id, 'breach-settlement', {}, inspector, 409);
      await act(c.id, 'breach-settlement', { reason: 'Nothing was paid by the date' });
      expect((await outbox('complaint.agency-answer-due')).map((r) => r.recipient)).toContain(agencyAdmin.email);
      // The complainant's next step in adjudication is dated by the decision, not by the agency's answer (due sooner).
      const docketed = await staffView(c.id);
      const decisionDue = staffDeadline(docketed, 'complaint.decision');
      expect(Date.parse(staffDeadline(docketed, 'complaint.agency-answer')!)).toBeLessThan(Date.parse(decisionDue!));
      expect((await t.http.get(`/public/complaints/${c.reference}`).set('X-Tracking-Secret', c.trackingSecret).expect(200)).body.nextStep.by).toBe(decisionDue);
      // The agency answers through its own route.
      const agencyView = await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', agencyAdmin.bearer).expect(200);
      await t.http
        .post(`/agency/complaints/${c.id}/answer`)
        .set('Authorization', agencyAdmin.bearer)
        .send({ version: agencyView.body.version, answer: 'The wages were paid in cash.' })
        .expect(200);
      const staff = await staffView(c.id);
      expect(staff.agencyAnswer).toBe('The wages were paid in cash.');
      // The complainant reads it too, before the hearing; the case's zone comes with every view.
      const tracked = await t.http.get(`/public/complaints/${c.reference}`).set('X-Tracking-Secret', c.trackingSecret).expect(200);
      expect(tracked.body).toMatchObject({ agencyAnswer: 'The wages were paid in cash.', timeZone: 'Asia/Manila' });

      expect(staff.timeZone).toBe('Asia/Manila');
      // An inspector cannot decide; a supervisor decides with the schedule's proposal (a first less-serious offence: 2 months' suspension).
      const findings = [{ allegationId: staff.allegations[0].id, finding: 'violation', note: 'No proof of payment.' }];
      await act(c.id, 'decide', { findings }, inspector, 403);
      await act(c.id, 'decide', { findings: [{ ...findings[0], sanctions: [{ kind: 'revocation' }] }] }, supervisor, 400);
      const decided = (await act(c.id, 'decide', { findings }, supervisor)).body;
      expect(decided).toMatchObject({ stage: 'decided' });
      expect(decided.allegations[0].sanction).toMatchObject({
        decided: [{ kind: 'suspension', months: 2 }],
        basis: expect.objectContaining({ priorSameGravity: 0 }),
      });
      // Ten days later the window lapses: the worker fires the deadline, the case closes, the license is suspended.
      const window = decided.deadlines.find((d: { kind: string }) => d.kind === 'complaint.appeal-window');
      clock.set(new Date(Date.parse(window.dueAt) + 60_000));
      try {
        const scheduler = worker.app.get(SchedulerService, { strict: false });
        await waitFor('case closed', async () => {
          await scheduler.scheduleDue();
          return (await staffView(c.id)).stage === 'closed';
        });
        const [license] = await t.dataSource.query(`SELECT state, suspended_until FROM license WHERE agency_id = $1`, [agencyId]);
        expect(license.state).toBe('suspended');
        expect((await staffView(c.id)).outcome).toBe('decided');
        // The window acted: the engine closed its deadline as met (it no longer stays breached, open).
        const [closed] = await t.dataSource.query(
          `SELECT state, next_fire_at FROM deadline WHERE subject_type = 'complaint' AND subject_id = $1 AND kind = 'complaint.appeal-window'`,
          [c.id],
        );
        expect(closed).toEqual({ state: 'met', next_fire_at: null });
      } finally {
        clock.set(start);
      }
      // Lift it again for the other tests (a supervisor reinstates).
      const [l] = await t.dataSource.query(`SELECT id, version FROM license WHERE agency_id = $1`, [agencyId]);
      await t.http
        .post(`/licensing/licenses/${l.id}/reinstate`)
        .set('Authorization', supervisor.bearer)
        .send({ version: l.version, reason: 'test' })
        .expect(200);
    });

    it('appealed and reversed: the appeal decision closes the case; forbidden moves and stale versions are 409', async () => {
      const c = await fileCase();
      await act(c.id, 'accept');
      await act(c.id, 'fail-conciliation', { reason: 'The agency did not attend' });
      const staff = await staffView(c.id);
      await act(c.id, 'schedule-hearing', { hearing: { at: '2026-03-10T02:00:00Z', place: 'Room 4, Ministry building' } });
      expect((await outbox('complaint.agency-hearing')).map((r) => r.recipient)).toContain(agencyAdmin.email);
      // No decision while the hearing is scheduled: it is cancelled (with a reason) first.
      await act(c.id, 'cancel-hearing', { reason: 'The agency answered in writing; both parties waived the hearing' });
      await act(c.id, 'decide', { findings: [{ allegationId: staff.allegations[0].id, finding: 'violation' }] }, supervisor);
      const view = (await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', agencyAdmin.bearer).expect(200)).body;
      await t.http
        .post(`/agency/complaints/${c.id}/appeal`)
        .set('Authorization', agencyAdmin.bearer)
        .send({ version: view.version - 1, reason: 'We have receipts' })
        .expect(409);
      await t.http
        .post(`/agency/complaints/${c.id}/appeal`)
        .set('Authorization', agencyAdmin.bearer)
        .send({ version: view.version, reason: 'We have receipts' })
        .expect(200);
      const closed = (
        await act(c.id, 'decide-appeal', { findings: [{ allegationId: staff.allegations[0].id, finding: 'dismissed', note: 'Receipts verified' }] }, supervisor)
      ).body;
      expect(closed).toMatchObject({ stage: 'closed', outcome: 'appeal-decided' });
      const [license] = await t.dataSource.query(`SELECT state FROM license WHERE agency_id = $1`, [agencyId]);
      expect(license.state).toBe('active');
      const forbidden = await act(c.id, 'accept', {}, inspector, 409);
      expect(forbidden.body).toMatchObject({ type: 'urn:lcs:problem:transition-not-allowed', stage: 'closed', allowedActions: ['reopen'] });
      await act(c.id, 'reopen', {}, supervisor, 409);
      expect((await act(c.id, 'reopen', { reason: 'New evidence from the embassy' }, supervisor)).body.stage).toBe('adjudication');
    });

    it("the complainant appeals from their account on the agency's row (grounds, version, the window), adds information the agency never sees, and withdraws before a decision", async () => {
      const mine = async () =>
        (
          await t.http
            .post('/me/complaints')
            .set('Authorization', workerUser.bearer)
            .send(publicBody({ email: undefined, phone: undefined, identityProtected: false }))
            .expect(201)
        ).body as { id: string };
      const me = (id: string) =>
        t.http
          .get(`/me/complaints/${id}`)
          .set('Authorization', workerUser.bearer)
          .expect(200)
          .then((r) => r.body);
      const stranger = await createUser(t, { roles: ['worker'] });

      // Information: the complainant and the ministry see it, the agency does not; another worker gets 404.
      const c = await mine();
      await t.http.post(`/me/complaints/${c.id}/information`).set('Authorization', workerUser.bearer).send({ text: 'hi' }).expect(400);
      const added = (
        await t.http
          .post(`/me/complaints/${c.id}/information`)
          .set('Authorization', workerUser.bearer)
          .send({ text: 'The agency called me twice to drop this.' })
          .expect(200)
      ).body;
      expect(added.timeline.map((e: { kind: string; body: string | null }) => [e.kind, e.body])).toContainEqual([
        'information',
        'The agency called me twice to drop this.',
      ]);
      await t.http.post(`/me/complaints/${c.id}/information`).set('Authorization', stranger.bearer).send({ text: 'Not my case at all.' }).expect(404);
      expect((await staffView(c.id)).timeline.some((e: { kind: string }) => e.kind === 'information')).toBe(true);
      await act(c.id, 'accept');
      const agencySees = (await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', agencyAdmin.bearer).expect(200)).body;
      expect(JSON.stringify(agencySees)).not.toContain('drop this');

      // Appeal: only while decided, with grounds and the version read; a stranger gets 404.
      await act(c.id, 'fail-conciliation', { reason: 'No agreement' });
      const staff = await staffView(c.id);
      let view = await me(c.id);
      await t.http
        .post(`/me/complaints/${c.id}/appeal`)
        .set('Authorization', workerUser.bearer)
        .send({ version: view.version, reason: 'Too early to appeal' })
        .expect(409);
      await act(c.id, 'decide', { findings: [{ allegationId: staff.allegations[0].id, finding: 'dismissed' }] }, supervisor);
      view = await me(c.id);
      expect(view.stage).toBe('decided');
      await t.http
        .post(`/me/complaints/${c.id}/appeal`)
        .set('Authorization', stranger.bearer)
        .send({ version: view.version, reason: 'Someone else appeals' })
        .expect(404);
      await t.http.post(`/me/complaints/${c.id}/appeal`).set('Authorization', workerUser.bearer).send({ version: view.version }).expect(400);
      await t.http
        .post(`/me/complaints/${c.id}/appeal`)
        .set('Authorization', workerUser.bearer)
        .send({ version: view.version - 1, reason: 'The receipts prove it' })
        .expect(409);
      const appealed = (
        await t.http
          .post(`/me/complaints/${c.id}/appeal`)
          .set('Authorization', workerUser.bearer)
          .send({ version: view.version, reason: 'The receipts prove it' })
          .expect(200)
      ).body;
      expect(appealed.stage).toBe('appealed');
      // Each mail about it links to the case's page in the complainant's account.
      const decidedMail = (await outbox('complaint.decided')).find((r) => r.data?.referenceNumber === appealed.reference);
      expect(decidedMail?.data?.caseUrl).toMatch(new RegExp(`/account/complaints/${c.id}$`));
      expect(appealed.timeline.at(-1)).toMatchObject({ kind: 'appeal', body: 'The receipts prove it' });
      const [window] = await t.dataSource.query(
        `SELECT state FROM deadline WHERE subject_type = 'complaint' AND subject_id = $1 AND kind = 'complaint.appeal-window'`,
        [c.id],
      );
      expect(window.state).toBe('met');
      const [audit] = await t.dataSource.query(`SELECT actor_role FROM audit_log WHERE subject_id = $1 AND action = 'complaint.appeal'`, [c.id]);
      expect(audit.actor_role).toBe('worker');
      // The agency cannot appeal once the complainant has.
      await t.http
        .post(`/agency/complaints/${c.id}/appeal`)
        .set('Authorization', agencyAdmin.bearer)
        .send({ version: appealed.version, reason: 'We appeal too' })
        .expect(409);

      // Withdraw: closes the case and cancels what was due; not once decided; a closed case takes no information.
      const w = await mine();
      await act(w.id, 'accept');
      await t.http
        .post(`/me/complaints/${w.id}/withdraw`)
        .set('Authorization', stranger.bearer)
        .send({ version: (await me(w.id)).version })
        .expect(404);
      const withdrawn = (
        await t.http
          .post(`/me/complaints/${w.id}/withdraw`)
          .set('Authorization', workerUser.bearer)
          .send({ version: (await me(w.id)).version, reason: 'They paid me back' })
          .expect(200)
      ).body;
      expect(withdrawn).toMatchObject({ stage: 'closed', outcome: 'withdrawn', nextStep: { by: null } });
      const open = await t.dataSource.query(
        `SELECT kind FROM deadline WHERE subject_type = 'complaint' AND subject_id = $1 AND state IN ('pending','paused','breached')`,
        [w.id],
      );
      expect(open).toEqual([]);
      await t.http.post(`/me/complaints/${w.id}/information`).set('Authorization', workerUser.bearer).send({ text: 'One more thing to add.' }).expect(409);
      await t.http.post(`/me/complaints/${c.id}/withdraw`).set('Authorization', workerUser.bearer).send({ version: appealed.version }).expect(409);
      // Officers cannot withdraw a complaint for the complainant.
      const x = await mine();
      await act(x.id, 'withdraw', {}, supervisor, 403);
    });

    it('every move the table does not list answers 409 through the route, for cases in submitted, conciliation, adjudication and closed', async () => {
      const submitted = await fileCase();
      const conciliation = await fileCase();
      await act(conciliation.id, 'accept');
      const adjudication = await fileCase();
      await act(adjudication.id, 'accept');
      await act(adjudication.id, 'fail-conciliation', { reason: 'No agreement' });
      const closed = await fileCase();
      await act(closed.id, 'dismiss', { reason: 'Out of scope' });
      for (const [id, stage] of [
        [submitted.id, 'submitted'],
        [conciliation.id, 'conciliation'],
        [adjudication.id, 'adjudication'],
        [closed.id, 'closed'],
      ] as const) {
        for (const action of COMPLAINT_ACTIONS) {
          if (findComplaintTransition(stage, action)) continue;
          const res = await act(id, action, { reason: 'a reason', referralTarget: 'Another office', bothPartiesConsent: true }, supervisor, 409);
          expect(res.body).toMatchObject({ type: 'urn:lcs:problem:transition-not-allowed', stage, action });
        }
      }
    });

    it('two officers at once: one wins, the other gets 409 stale-version', async () => {
      const c = await fileCase();
      const { version } = await staffView(c.id);
      const [a, b] = await Promise.all([
        t.http.post(`/complaints/${c.id}/actions/accept`).set('Authorization', inspector.bearer).send({ version }),
        t.http.post(`/complaints/${c.id}/actions/dismiss`).set('Authorization', supervisor.bearer).send({ version, reason: 'duplicate' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
    });
  });

  describe('what the agency sees', () => {
    it('never the contact details nor a protected identity; another agency gets 404; internal notes stay internal', async () => {
      const c = await fileCase();
      await t.http
        .post(`/complaints/${c.id}/notes`)
        .set('Authorization', inspector.bearer)
        .send({ body: 'INTERNAL: complainant fears retaliation', visibility: 'internal' })
        .expect(201);
      await t.http
        .post(`/complaints/${c.id}/notes`)
        .set('Authorization', inspector.bearer)
        .send({ body: 'Please bring the payroll records.', visibility: 'shared' })
        .expect(201);
      const responses = [
        await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', agencyAdmin.bearer).expect(200),
        await t.http.get('/agency/complaints').set('Authorization', agencyAdmin.bearer).expect(200),
      ];
      for (const r of responses) {
        const json = JSON.stringify(r.body);
        for (const secret of [EMAIL, PHONE, NAME, 'INTERNAL:']) expect(json).not.toContain(secret);
      }
      expect(JSON.stringify(responses[0].body)).toContain('payroll records');
      await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', otherAdmin.bearer).expect(404);
      // The answer and appeal routes answer with the agency's view too: searched the same way.
      await act(c.id, 'accept');
      await act(c.id, 'fail-conciliation', { reason: 'No agreement' });
      const before = (await t.http.get(`/agency/complaints/${c.id}`).set('Authorization', agencyAdmin.bearer).expect(200)).body;
      const answered = await t.http
        .post(`/agency/complaints/${c.id}/answer`)
        .set('Authorization', agencyAdmin.bearer)
        .send({ version: before.version, answer: 'We dispute this.' })
        .expect(200);
      const staff = await staffView(c.id);
      await act(c.id, 'decide', { findings: [{ allegationId: staff.allegations[0].id, finding: 'dismissed' }] }, supervisor);
      const appealed = await t.http
        .post(`/agency/complaints/${c.id}/appeal`)
        .set('Authorization', agencyAdmin.bearer)
        .send({ version: (await staffView(c.id)).version, reason: 'For the record' })
        .expect(200);
      for (const r of [answered, appealed]) for (const secret of [EMAIL, PHONE, NAME, 'INTERNAL:']) expect(JSON.stringify(r.body)).not.toContain(secret);
      const unprotected = await fileCase({ identityProtected: false });
      const view = await t.http.get(`/agency/complaints/${unprotected.id}`).set('Authorization', agencyAdmin.bearer).expect(200);
      expect(view.body.complainantName).toBe(NAME);
      expect(JSON.stringify(view.body)).not.toContain(EMAIL);
    });
  });

  describe('the system door and deadlines', () => {
    it('a fee violation found by the fees module becomes a case with its refund order linked, once', async () => {
      const placement = await t.http
        .post('/placements')
        .set('Authorization', agencyAdmin.bearer)
        .send(placementBody({ fees: [{ item: 'placement-fee', amountMinor: '3000000', currency: 'PHP', date: '2026-02-20', receiptNumber: 'OR-1' }] }))
        .expect(201);
      const relay = worker.app.get(DomainEventRelay, { strict: false });
      await relay.drainOnce();
      await relay.drainOnce();
      const rows = (await t.dataSource.query(
        `SELECT id, source, agency_id, placement_id, refund_order_ids, employer_name, destination_country FROM complaint WHERE placement_id = $1`,
        [placement.body.id],
      )) as { id: string; source: string; agency_id: string; refund_order_ids: string[]; employer_name: string; destination_country: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        source: 'system',
        agency_id: agencyId,
        refund_order_ids: [placement.body.refundOrders[0].id],
        employer_name: 'Kowloon Logistics Ltd.',
        destination_country: 'HK',
      });
      const staff = await staffView(rows[0].id);
      expect(staff.allegations).toEqual([expect.objectContaining({ category: 'excess-fees' })]);
    });

    it("the worker's own fee statement opens a case linked to their account (listed, mailed in their language) that tells the agency neither who nor which placement", async () => {
      const stater = await createUser(t, { roles: ['worker'] });
      await t.http.patch('/me').set('Authorization', stater.bearer).send({ preferredLanguage: 'ne' }).expect(200);
      const placement = await t.http
        .post('/placements')
        .set('Authorization', agencyAdmin.bearer)
        .send(
          placementBody({
            workerEmail: stater.email,
            employerName: 'Hidden Employer Ltd.',
            fees: [{ item: 'placement-fee', amountMinor: '40000', currency: 'PHP', date: '2026-02-20', receiptNumber: 'OR-7' }],
          }),
        )
        .expect(201);
      const lines = [{ item: 'placement-fee', amountMinor: '4000000', currency: 'PHP', date: '2026-02-20' }];
      await t.http.post(`/placements/${placement.body.id}/statements`).set('Authorization', stater.bearer).send({ lines }).expect(201);
      // The same statement made by an inspector for a worker opens a case of nobody's account.
      await t.http.post(`/placements/${placement.body.id}/statements`).set('Authorization', inspector.bearer).send({ lines }).expect(201);
      const relay = worker.app.get(DomainEventRelay, { strict: false });
      await relay.drainOnce();
      await relay.drainOnce();
      const rows = (await t.dataSource.query(
        `SELECT id, complainant_user_id, identity_protected, language, employer_name FROM complaint WHERE placement_id = $1 ORDER BY created_at`,
        [placement.body.id],
      )) as {
        id: string;
        complainant_user_id: string | null;
        identity_protected: boolean;
        language: string;
        employer_name: string | null;
      }[];
      expect(rows).toHaveLength(2);
      const mine = rows.find((r) => r.complainant_user_id === stater.id)!;
      expect(mine).toMatchObject({ identity_protected: true, language: 'ne', employer_name: null });
      expect(rows.filter((r) => r.complainant_user_id === null)).toHaveLength(1);
      const listed = (await t.http.get('/me/complaints').set('Authorization', stater.bearer).expect(200)).body.items.map((c: { id: string }) => c.id);
      expect(listed).toEqual([mine.id]);
      await t.http.get(`/me/complaints/${mine.id}`).set('Authorization', stater.bearer).expect(200);
      const ack = (await outbox('case.received')).filter((r) => r.recipientUserId === stater.id);
      expect(ack).toHaveLength(1);
      expect(ack[0]).toMatchObject({ recipient: stater.email, language: 'ne' });
      // Linked to the account, it is followed there (no tracking secret): the mail links to its page in the account.
      expect(ack[0].data?.trackingUrl).toMatch(new RegExp(`/account/complaints/${mine.id}$`));
      const seen = JSON.stringify((await t.http.get(`/agency/complaints/${mine.id}`).set('Authorization', agencyAdmin.bearer).expect(200)).body);
      for (const secret of [stater.email, 'Hidden Employer', placement.body.reference, '2026-02-20', 'Maria Santos']) expect(seen).not.toContain(secret);
    });

    it('a missed triage tells the assignee and raises the priority, then moves the case to the supervisors’ queue', async () => {
      const c = await fileCase();
      const scheduler = worker.app.get(SchedulerService, { strict: false });
      const triage = (await staffView(c.id)).deadlines[0];
      try {
        clock.set(new Date(Date.parse(triage.dueAt) + 25 * 3_600_000 + 60_000));
        await waitFor('escalated', async () => {
          await scheduler.scheduleDue();
          const v = await staffView(c.id);
          return v.inSupervisorQueue && v.priority === 'urgent';
        });
        const queue = await t.http.get('/complaints?supervisorQueue=true').set('Authorization', supervisor.bearer).expect(200);
        expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
        await waitFor(
          'supervisors mailed',
          async () =>
            (await outbox('deadline.escalated-to-supervisors')).some((r) => r.recipient === supervisor.email) ||
            (await outbox('deadline.breached')).some((r) => r.recipient === supervisor.email),
        );
      } finally {
        clock.set(start);
      }
    });
  });
  describe('decisions take effect: fines, refund orders, garnishment, clearance', () => {
    it('a fine and a refund order are created when the window lapses; the unpaid order is garnished from escrow; open fines block clearance', async () => {
      const escrowAgency = (await createAgency(t, { legalName: 'Escrowed Recruitment Corp.' })).id;
      await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId: escrowAgency, type: 'regular' }).expect(201);
      await t.http
        .post(`/licensing/agencies/${escrowAgency}/escrow/account`)
        .set('Authorization', supervisor.bearer)
        .send({ licenseType: 'regular' })
        .expect(200);
      await t.http
        .post(`/licensing/agencies/${escrowAgency}/escrow/entries`)
        .set('Authorization', inspector.bearer)
        .set('Idempotency-Key', `dep-${escrowAgency}`)
        .send({ kind: 'deposit', amountMinor: '200000000', currency: 'PHP', reference: 'BDO-1' })
        .expect(201);
      const filed = await fileCase({ licenseNumber: undefined, agencyName: 'Escrowed Recruitment Corp.' });
      await act(filed.id, 'accept');
      await act(filed.id, 'fail-conciliation', { reason: 'No agreement' });
      const staff = await staffView(filed.id);
      const sanctions = [
        { kind: 'suspension', months: 2 },
        { kind: 'fine', amountMinor: '5000000', currency: 'PHP' },
        { kind: 'refund-order', amountMinor: '4500000', currency: 'PHP' },
      ];
      await act(filed.id, 'decide', { findings: [{ allegationId: staff.allegations[0].id, finding: 'violation', sanctions }] }, supervisor, 400);
      const decided = (
        await act(
          filed.id,
          'decide',
          {
            findings: [
              {
                allegationId: staff.allegations[0].id,
                finding: 'violation',
                sanctions,
                departureReason: 'Wages owed are paid back; the fine reflects three months unpaid',
              },
            ],
          },
          supervisor,
        )
      ).body;
      const window = decided.deadlines.find((d: { kind: string }) => d.kind === 'complaint.appeal-window');
      const scheduler = worker.app.get(SchedulerService, { strict: false });
      try {
        clock.set(new Date(Date.parse(window.dueAt) + 60_000));
        await waitFor('closed', async () => {
          await scheduler.scheduleDue();
          return (await staffView(filed.id)).stage === 'closed';
        });
        const [fine] = await t.dataSource.query(`SELECT reference, state, amount_minor FROM fine WHERE complaint_id = $1`, [filed.id]);
        expect(fine).toMatchObject({ state: 'open', amount_minor: '5000000' });
        const [order] = await t.dataSource.query(`SELECT id, reference, state, amount_minor, due_at FROM refund_order WHERE complaint_id = $1`, [filed.id]);
        expect(order).toMatchObject({ state: 'open', amount_minor: '4500000' });
        const owed = await t.app.get(ClearanceSource, { strict: false }).outstanding(t.dataSource.manager, escrowAgency);
        expect(owed.map((o) => [o.kind, o.reference]).sort()).toEqual(
          [
            ['refund-order', order.reference],
            ['unpaid-fine', fine.reference],
          ].sort(),
        );
        // Unpaid past its deadline: paid from the escrow.
        clock.set(new Date(new Date(order.due_at).getTime() + 60_000));
        await waitFor('garnished', async () => {
          await scheduler.scheduleDue();
          return (await t.dataSource.query(`SELECT state FROM refund_order WHERE id = $1`, [order.id]))[0].state === 'garnished';
        });
        const [entry] = await t.dataSource.query(`SELECT kind, amount_minor, reference FROM escrow_entry WHERE agency_id = $1 AND kind = 'garnishment'`, [
          escrowAgency,
        ]);
        expect(entry).toMatchObject({ amount_minor: '4500000', reference: order.reference });
      } finally {
        clock.set(start);
      }
    });

    it('a decided violation and open complaints show on the scorecard', async () => {
      const cards = await t.app.get(ScorecardSource, { strict: false }).forAgencies([agencyId]);
      expect(cards.get(agencyId)).toMatchObject({ openComplaints: expect.any(Number), decidedViolations: expect.any(Number) });
      expect(cards.get(agencyId)!.openComplaints).toBeGreaterThan(0);
      expect(cards.get(agencyId)!.decidedViolations).toBeGreaterThan(0);
    });
  });

  describe('patterns, conciliation expiry and stated fees', () => {
    it('three complaints against one agency accepted within 90 days plan an inspection by themselves, once', async () => {
      const agency = (await createAgency(t, { legalName: 'Pattern Recruitment Ltd.' })).id;
      const cases = [];
      for (let i = 0; i < 4; i++) cases.push(await fileCase({ licenseNumber: undefined, agencyName: 'Pattern Recruitment Ltd.' }));
      for (const c of cases.slice(0, 2)) await act(c.id, 'accept');
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM inspection WHERE agency_id = $1`, [agency]))[0].n).toBe(0);
      await act(cases[2].id, 'accept');
      await act(cases[3].id, 'accept');
      const inspections = await t.dataSource.query(`SELECT origin, state, reason FROM inspection WHERE agency_id = $1`, [agency]);
      expect(inspections).toEqual([expect.objectContaining({ origin: 'pattern', state: 'planned', reason: expect.stringContaining(cases[0].reference) })]);
      // No complaint-shaped record any more: proceedings open only from an inspection's findings.
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM complaint WHERE agency_id = $1 AND kind = 'inspection'`, [agency]))[0].n).toBe(0);
      const linked = (await staffView(cases[0].id)).linkedCases.map((l: { reference: string }) => l.reference);
      expect(linked).toEqual(expect.arrayContaining(cases.slice(1).map((c) => c.reference)));
    });

    it("the agency sees an inspection's proceedings only once the ministry notifies it (accept), and then only what is shared", async () => {
      const hiddenAgency = (await createAgency(t, { legalName: 'Quiet Inspection Placement Inc.' })).id;
      const admin = await createUser(t, { roles: ['agency_admin'], agencyId: hiddenAgency });
      const cases = [];
      for (let i = 0; i < 3; i++) cases.push(await fileCase({ licenseNumber: undefined, agencyName: 'Quiet Inspection Placement Inc.' }));
      for (const c of cases) await act(c.id, 'accept');
      // The planned inspection's findings open proceedings (a case of kind inspection) against the agency.
      const [planned] = (await t.dataSource.query(`SELECT id FROM inspection WHERE agency_id = $1`, [hiddenAgency])) as { id: string }[];
      const inspect = async (action: string, body: object, as: TestUser = inspector) =>
        t.http
          .post(`/inspections/${planned.id}/actions/${action}`)
          .set('Authorization', as.bearer)
          .send({ version: (await t.http.get(`/inspections/${planned.id}`).set('Authorization', inspector.bearer)).body.version, ...body })
          .expect(200);
      const checklist = ['identity-documents-retained', 'fee-receipts', 'contracts', 'branch-premises'].map((item) => ({
        item,
        result: item === 'identity-documents-retained' ? 'non-compliant' : 'compliant',
      }));
      await inspect('conduct', { conductedOn: '2026-03-02', inspectorIds: [inspector.id], checklist });
      await inspect('record-findings', {
        findings: [{ category: 'retained-documents', facts: 'Pattern of complaints confirmed: passports kept in the safe.' }],
      });
      const followed = (await inspect('follow-up', {}, supervisor)).body;
      const [inspection] = (await t.dataSource.query(`SELECT id, reference FROM complaint WHERE id = $1 AND kind = 'inspection'`, [
        followed.followUpCaseId,
      ])) as { id: string; reference: string }[];
      const internal = 'Surprise visit planned: check the safe for passports.';
      await t.http
        .post(`/complaints/${inspection.id}/notes`)
        .set('Authorization', inspector.bearer)
        .send({ body: internal, visibility: 'internal' })
        .expect(201);
      await t.http
        .post(`/complaints/${inspection.id}/notes`)
        .set('Authorization', inspector.bearer)
        .send({ body: 'Please keep your receipts ready.', visibility: 'shared' })
        .expect(201);
      const asAgency = (path: string) => t.http.get(path).set('Authorization', admin.bearer);
      const stranger = (await asAgency(`/agency/complaints/${randomUUID()}`).expect(404)).body;
      const sameAsMissing = (body: Record<string, unknown>) =>
        expect({ ...body, correlationId: undefined, instance: undefined }).toEqual({ ...stranger, correlationId: undefined, instance: undefined });

      // Before the notice: not in the list nor its total, no case view, no evidence, no answer, no mail.
      const list = (await asAgency('/agency/complaints?pageSize=100').expect(200)).body;
      expect(list.total).toBe(3);
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(inspection.id);
      expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual(cases.map((c) => c.id).sort());
      sameAsMissing((await asAgency(`/agency/complaints/${inspection.id}`).expect(404)).body);
      await asAgency(`/agency/complaints/${inspection.id}/evidence`).expect(404);
      await t.http.post(`/agency/complaints/${inspection.id}/answer`).set('Authorization', admin.bearer).send({ version: 1, answer: 'We know.' }).expect(404);
      const mailAbout = async (reference: string) => (await outboxMessages(t, { recipient: admin.email })).filter((m) => m.data?.referenceNumber === reference);
      expect(await mailAbout(inspection.reference)).toEqual([]);

      // The ministry notifies the agency by accepting the inspection: the agency is mailed and sees the case.
      expect((await act(inspection.id, 'accept')).body.stage).toBe('conciliation');
      expect((await mailAbout(inspection.reference)).map((r) => r.template)).toEqual(['complaint.agency-filed']);
      const after = (await asAgency('/agency/complaints?pageSize=100').expect(200)).body;
      expect(after.total).toBe(4);
      const view = await asAgency(`/agency/complaints/${inspection.id}`).expect(200);
      // Only what is shared: the shared note, never the internal one, nor the pattern's text naming the complaints behind it.
      expect(view.body.timeline.map((e: { body: string | null }) => e.body)).toContain('Please keep your receipts ready.');
      expect(view.text).not.toContain(internal);
      expect(view.text).not.toContain('Pattern');
      for (const c of cases) expect(view.text).not.toContain(c.reference);
      expect(view.body.allegations).toEqual([
        expect.objectContaining({ category: 'retained-documents', facts: expect.stringContaining('inspecting the agency') }),
      ]);
      await asAgency(`/agency/complaints/${inspection.id}/evidence`).expect(200);
      // The ministry still reads its own text.
      expect((await staffView(inspection.id)).allegations[0].facts).toContain('Pattern');
    });

    it('conciliation that runs out moves the case to adjudication by itself (the worker fires it)', async () => {
      const c = await fileCase();
      const accepted = (await act(c.id, 'accept')).body;
      const conciliation = accepted.deadlines.find((d: { kind: string }) => d.kind === 'complaint.conciliation');
      const scheduler = worker.app.get(SchedulerService, { strict: false });
      try {
        clock.set(new Date(Date.parse(conciliation.dueAt) + 60_000));
        await waitFor('adjudication', async () => {
          await scheduler.scheduleDue();
          return (await staffView(c.id)).stage === 'adjudication';
        });
        const v = await staffView(c.id);
        expect(v.timeline.map((e: { kind: string }) => e.kind)).toContain('expire-conciliation');
        expect(v.deadlines.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['complaint.agency-answer', 'complaint.decision']));
        // The conciliation deadline acted: met, no longer open (nor counted overdue in the queue).
        expect(v.deadlines.find((d: { kind: string }) => d.kind === 'complaint.conciliation')).toMatchObject({ state: 'met' });
      } finally {
        clock.set(start);
      }
    });

    it('fees the complainant says they paid are checked by the fees module; a fee charged to a domestic worker makes the case urgent', async () => {
      const filed = await fileCase({
        destinationCountry: 'HK',
        statedFees: {
          occupationCategory: 'domestic-work',
          monthlySalaryMinor: '499000',
          salaryCurrency: 'HKD',
          fees: [{ item: 'placement-fee', amountMinor: '2000000', currency: 'PHP', date: '2026-02-20' }],
        },
      });
      const v = await staffView(filed.id);
      expect(v.feeCheck).toMatchObject({
        outcome: 'violations',
        serious: true,
        violations: [expect.objectContaining({ kind: 'protected-category', excessMinor: '2000000' })],
      });
      expect(v).toMatchObject({ priority: 'urgent', urgentReasons: expect.arrayContaining(['protected-category-fee']) });
      const bad = await t.http
        .post('/public/complaints')
        .send(
          publicBody({
            destinationCountry: 'HK',
            statedFees: {
              occupationCategory: 'domestic-work',
              monthlySalaryMinor: '499000',
              salaryCurrency: 'HKD',
              fees: [{ item: 'placement-fee', amountMinor: '100', currency: 'XYZ', date: '2026-02-20' }],
            },
          }),
        )
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('statedFees.fees[0].currency');
    });

    it("stated fees are compared with the agency's declared receipts for the worker's placement; a difference is flagged on the case", async () => {
      // The agency declares a 5,000.00 training fee for the worker (linked to their account by email); the worker says they paid 30,000.00.
      await t.http
        .post('/placements')
        .set('Authorization', agencyAdmin.bearer)
        .send(
          placementBody({
            workerEmail: workerUser.email,
            workerPassportNumber: 'P7654321B',
            fees: [{ item: 'training', amountMinor: '500000', currency: 'PHP', date: '2026-02-20', receiptNumber: 'OR-77' }],
          }),
        )
        .expect(201);
      const filed = (
        await t.http
          .post('/me/complaints')
          .set('Authorization', workerUser.bearer)
          .send({
            licenseNumber,
            destinationCountry: 'HK',
            allegations: [{ category: 'excess-fees', facts: 'I paid much more than the receipt says.' }],
            language: 'en',
            statedFees: {
              occupationCategory: 'general',
              monthlySalaryMinor: '600000',
              salaryCurrency: 'HKD',
              fees: [{ item: 'training', amountMinor: '3000000', currency: 'PHP', date: '2026-02-20' }],
            },
          })
          .expect(201)
      ).body;
      const v = await staffView(filed.id);
      expect(v.feeCheck.declaredComparison).toMatchObject({
        placementReference: expect.stringMatching(/^PLC-/),
        underDeclared: true,
        discrepancies: [{ item: 'training', currency: 'PHP', declaredMinor: '500000', statedMinor: '3000000', differenceMinor: '2500000' }],
      });
      // An anonymous public complaint names no worker: nothing to compare with.
      const anonymous = await fileCase({
        anonymous: true,
        complainantName: undefined,
        email: undefined,
        phone: undefined,
        destinationCountry: 'HK',
        statedFees: {
          occupationCategory: 'general',
          monthlySalaryMinor: '600000',
          salaryCurrency: 'HKD',
          fees: [{ item: 'training', amountMinor: '3000000', currency: 'PHP', date: '2026-02-20' }],
        },
      });
      expect((await staffView(anonymous.id)).feeCheck.declaredComparison).toBeNull();
    });

    it('a fee violation in a protected category is a serious offence: revocation proposed', async () => {
      const placement = await t.http
        .post('/placements')
        .set('Authorization', agencyAdmin.bearer)
        .send(
          placementBody({
            occupationCategory: 'domestic-work',
            monthlySalaryMinor: '499000',
            fees: [{ item: 'training', amountMinor: '500000', currency: 'PHP', date: '2026-02-20', receiptNumber: 'OR-DW' }],
          }),
        )
        .expect(201);
      await worker.app.get(DomainEventRelay, { strict: false }).drainOnce();
      const [row] = await t.dataSource.query(`SELECT id FROM complaint WHERE placement_id = $1`, [placement.body.id]);
      await act(row.id, 'accept');
      await act(row.id, 'fail-conciliation', { reason: 'No agreement' });
      const v = await staffView(row.id);
      const decided = (await act(row.id, 'decide', { findings: [{ allegationId: v.allegations[0].id, finding: 'violation' }] }, supervisor)).body;
      expect(decided.allegations[0].sanction).toMatchObject({
        decided: expect.arrayContaining([{ kind: 'revocation' }]),
        basis: expect.objectContaining({ revocationBecause: 'serious-offence' }),
      });
    });
  });

  // Last: a second inspector changes who gets the next cases.
  describe('assignment', () => {
    const recount = async () =>
      (await t.dataSource.query(
        `SELECT u.id, coalesce((SELECT sum(open_cases) FROM inspector_workload w WHERE w.user_id = u.id), 0)::int AS kept,
                (SELECT count(*) FROM complaint c WHERE c.assigned_to = u.id AND c.stage <> 'closed')::int AS counted
           FROM app_user u WHERE 'inspector' = ANY(u.roles) ORDER BY u.id`,
      )) as { id: string; kept: number; counted: number }[];

    it('goes to the inspector with the fewest open cases; the kept counts follow filings, reassignments, closing and reopening', async () => {
      const before = await recount();
      expect(before.find((r) => r.id === inspector.id)!.counted).toBeGreaterThan(3);
      for (const r of before) expect(r.kept).toBe(r.counted);
      const newcomer = await createUser(t, { roles: ['inspector'] });
      // The newcomer has none: the next three go to them (1, 2, 3 open), all fewer than the first inspector's.
      const filed = [await fileCase(), await fileCase(), await fileCase()];
      for (const f of filed) expect((await staffView(f.id)).assignedTo).toBe(newcomer.id);
      // A supervisor moves one of them back; dismissing another closes it: the newcomer keeps one open case.
      const { version } = await staffView(filed[0].id);
      await t.http.post(`/complaints/${filed[0].id}/assign`).set('Authorization', supervisor.bearer).send({ userId: inspector.id, version }).expect(200);
      await act(filed[1].id, 'dismiss', { reason: 'Outside the ministry’s mandate' });
      const after = await recount();
      expect(after.find((r) => r.id === newcomer.id)).toEqual({ id: newcomer.id, kept: 1, counted: 1 });
      for (const r of after) expect(r.kept).toBe(r.counted);
      // Reopening and closing again through the table keeps them equal too.
      const closed = (await t.dataSource.query(`SELECT id FROM complaint WHERE stage = 'closed' AND assigned_to IS NOT NULL LIMIT 1`)) as { id: string }[];
      await t.dataSource.query(`UPDATE complaint SET stage = 'submitted', outcome = NULL, closed_at = NULL WHERE id = $1`, [closed[0].id]);
      await t.dataSource.query(`UPDATE complaint SET assigned_to = $2 WHERE id = $1`, [closed[0].id, newcomer.id]);
      await t.dataSource.query(`UPDATE complaint SET stage = 'closed', outcome = 'dismissed' WHERE id = $1`, [closed[0].id]);
      for (const r of await recount()) expect(r.kept).toBe(r.counted);
    });
  });
});
