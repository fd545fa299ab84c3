import { DataSource } from 'typeorm';
import { ManualClock } from '@app/common';
import { Deadline, DeadlineRowWrittenByHandlerError, DeadlineService, FiringService, PoliciesService, SchedulerService } from '@app/deadlines';
import { TEST_DEADLINE_HANDLERS, TestDeadlineKindsModule, firedLog, reviewAnswers } from '../support/deadline-kinds';
import { createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const DRIVEN = DEADLINES_DRIVEN_BY_TEST;
const HOUR = 3_600_000;

describe('deadline engine (time driven by a manual clock)', () => {
  // Monday 2 March 2026, 09:00 in Manila. No Philippine holiday until 2 April.
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  let worker: TestWorker;
  let deadlines: DeadlineService;
  let scheduler: SchedulerService;
  let ds: DataSource;
  let assignee: { id: string; email: string };
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DRIVEN, providers: TEST_DEADLINE_HANDLERS });
    worker = await createTestWorker({
      databaseUrl: t.db.url,
      clock,
      env: { ...DRIVEN, REDIS_PREFIX: t.config.redis.REDIS_PREFIX },
      extraModules: [TestDeadlineKindsModule],
    });
    deadlines = t.app.get(DeadlineService, { strict: false });
    scheduler = worker.app.get(SchedulerService, { strict: false });
    ds = t.dataSource;
    assignee = await createUser(t, { roles: ['inspector'], signIn: false });
    await createUser(t, { roles: ['supervisor'], signIn: false });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const start = (kind = 'test.review', extra: { dueAt?: Date } = {}) =>
    ds.transaction((m) =>
      deadlines.start(m, { kind, subjectType: 'probe', subjectId: `P-${++n}`, label: `Probe ${n}`, assigneeUserId: assignee.id, ...extra }),
    );
  const row = (id: string) => ds.getRepository(Deadline).findOneByOrFail({ id });
  const effects = (id: string) =>
    ds.query('SELECT level, version, via FROM deadline_effect WHERE deadline_id = $1 ORDER BY level', [id]) as Promise<
      { level: number; version: number; via: string }[]
    >;
  const outbox = (template: string) => outboxMessages(t, { template });
  const firedFor = (subjectId: string) => firedLog.filter((f) => f.subjectId === subjectId);

  it('computes the due time in business days and the reminder at 80% of the business time', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start();
    // 10 business days from Monday 2 March 09:00 Manila: Monday 16 March 09:00 (01:00Z).
    expect(d.dueAt).toBe('2026-03-16T01:00:00.000Z');
    // 80% of 10 business days = 8 business days: Thursday 12 March 09:00.
    expect(d.nextFireAt).toBe('2026-03-12T01:00:00.000Z');
    expect(d.nextLevel).toBe(0);
  });

  it('starting the same deadline twice (a retried request) returns the first one', async () => {
    const a = await ds.transaction((m) => deadlines.start(m, { kind: 'test.review', subjectType: 'probe', subjectId: 'TWICE', label: 'x' }));
    const b = await ds.transaction((m) => deadlines.start(m, { kind: 'test.review', subjectType: 'probe', subjectId: 'TWICE', label: 'x' }));
    expect(b.id).toBe(a.id);
  });

  it('fires the reminder at 80%, then the breach and each escalation level, each once, in order', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start();

    // An hour before the reminder, it is beyond the horizon: no job yet.
    clock.set(new Date(new Date(d.nextFireAt!).getTime() - HOUR));
    await scheduler.scheduleDue();
    expect((await row(d.id)).scheduledVersion).toBeNull();

    clock.set(new Date(d.nextFireAt!));
    await scheduler.scheduleDue();
    await waitFor('the reminder', async () => (await effects(d.id)).length === 1);
    expect(await row(d.id)).toMatchObject({ state: 'pending', nextLevel: 1, nextFireAt: new Date(d.dueAt) });
    expect((await outbox('deadline.reminder')).filter((o) => o.data?.subjectLabel === d.label)).toEqual([
      expect.objectContaining({ recipient: assignee.email }),
    ]);

    clock.set(new Date(d.dueAt));
    await scheduler.scheduleDue();
    await waitFor('the breach', async () => (await effects(d.id)).length === 2);
    const breached = await row(d.id);
    expect(breached).toMatchObject({ state: 'breached', nextLevel: 2, nextFireAt: new Date(new Date(d.dueAt).getTime() + 48 * HOUR) });
    expect(firedFor(d.subjectId).map((f) => [f.level, f.actions])).toEqual([
      [0, []],
      [1, ['raise-priority']],
    ]);
    expect((await outbox('deadline.breached')).filter((o) => o.data?.subjectLabel === d.label)).toHaveLength(1);

    clock.advance(48 * HOUR);
    await scheduler.scheduleDue();
    await waitFor('level 2', async () => (await effects(d.id)).length === 3);
    expect(firedFor(d.subjectId).at(-1)).toMatchObject({ level: 2, actions: ['move-to-supervisors-queue'] });
    expect((await outbox('deadline.escalated-to-supervisors')).filter((o) => o.data?.subjectLabel === d.label)).toHaveLength(1);
    const done = await row(d.id);
    expect(done).toMatchObject({ state: 'breached', nextFireAt: null });

    // Nothing more fires, however long we wait; a second sweep and schedule change nothing.
    clock.advance(365 * 24 * HOUR);
    await scheduler.scheduleDue();
    await scheduler.sweep();
    expect((await effects(d.id)).map((e) => e.level)).toEqual([0, 1, 2]);
    expect(firedFor(d.subjectId)).toHaveLength(3);
  });

  it('a met deadline never fires, even with its job already queued', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start();
    clock.set(new Date(new Date(d.nextFireAt!).getTime() - 5 * 60_000));
    await scheduler.scheduleDue();
    expect((await row(d.id)).scheduledVersion).not.toBeNull();
    await ds.transaction((m) => deadlines.meet(m, 'probe', d.subjectId, 'test.review'));
    clock.advance(400 * 24 * HOUR);
    await scheduler.scheduleDue();
    await scheduler.sweep();
    await new Promise((r) => setTimeout(r, 300));
    expect(await effects(d.id)).toEqual([]);
    expect(firedFor(d.subjectId)).toEqual([]);
    expect(await row(d.id)).toMatchObject({ state: 'met', nextFireAt: null });
  });

  it('a paused deadline fires later by exactly the paused business time', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start();
    // Paused Friday 6 March 09:00 to Monday 9 March 09:00 Manila: 15 h of Friday + 9 h of Monday = one business day.
    clock.set(new Date('2026-03-06T01:00:00.000Z'));
    await ds.transaction((m) => deadlines.pause(m, 'probe', d.subjectId, 'test.review'));
    expect(await row(d.id)).toMatchObject({ state: 'paused', nextFireAt: null });
    clock.set(new Date('2026-03-09T01:00:00.000Z'));
    const resumed = await ds.transaction((m) => deadlines.resume(m, 'probe', d.subjectId, 'test.review'));
    expect(resumed.pausedMillis).toBe(24 * HOUR);
    expect(resumed.dueAt).toBe('2026-03-17T01:00:00.000Z');

    // At the old due time, only the reminder is due.
    clock.set(new Date(d.dueAt));
    await scheduler.scheduleDue();
    await waitFor('the reminder', async () => (await effects(d.id)).length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect((await row(d.id)).state).toBe('pending');

    clock.set(new Date(resumed.dueAt));
    await scheduler.scheduleDue();
    await waitFor('the breach', async () => (await effects(d.id)).length === 2);
    expect((await row(d.id)).state).toBe('breached');
  });

  it('changing the policy recomputes open deadlines and keeps the paused time', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start();
    clock.set(new Date('2026-03-03T01:00:00.000Z'));
    await ds.transaction((m) => deadlines.pause(m, 'probe', d.subjectId, 'test.review'));
    clock.set(new Date('2026-03-04T01:00:00.000Z'));
    await ds.transaction((m) => deadlines.resume(m, 'probe', d.subjectId, 'test.review'));
    const admin = await createUser(t, { roles: ['admin'] });
    const res = await t.http
      .put('/admin/sla-policies/test.review')
      .set('Authorization', admin.bearer)
      .send({ durationDays: 5, counting: 'business', reminderShare: 0.5, escalations: [{ afterHours: 0, actions: ['notify-assignee'] }] })
      .expect(200);
    expect(res.body.recomputed).toBeGreaterThan(0);
    // 5 business days from Monday 2 March 09:00 = Monday 9 March 09:00, plus the one paused business day.
    expect((await row(d.id)).dueAt.toISOString()).toBe('2026-03-10T01:00:00.000Z');
    // Put the default back for the other tests.
    await t.http
      .put('/admin/sla-policies/test.review')
      .set('Authorization', admin.bearer)
      .send({
        durationDays: 10,
        counting: 'business',
        reminderShare: 0.8,
        escalations: [
          { afterHours: 0, actions: ['notify-assignee', 'raise-priority'] },
          { afterHours: 48, actions: ['notify-supervisors', 'move-to-supervisors-queue'] },
        ],
      })
      .expect(200);
    const bad = await t.http
      .put('/admin/sla-policies/test.review')
      .set('Authorization', admin.bearer)
      .send({ durationDays: 5, counting: 'business', reminderShare: 1.5, escalations: [{ afterHours: 0, actions: ['close-the-ministry'] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['reminderShare', 'escalations[0].actions']));
  });

  it('a declared holiday moves open business-day deadlines', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start();
    const admin = await createUser(t, { roles: ['admin'] });
    const res = await t.http.put('/admin/jurisdictions/PH/holidays/2026-03-10').set('Authorization', admin.bearer).send({ name: 'Test holiday' }).expect(200);
    expect(res.body.openDeadlinesRecomputed).toBeGreaterThan(0);
    expect((await row(d.id)).dueAt.toISOString()).toBe('2026-03-17T01:00:00.000Z');
    // Twice in a row: renaming changes nothing else.
    const again = await t.http.put('/admin/jurisdictions/PH/holidays/2026-03-10').set('Authorization', admin.bearer).send({ name: 'Test holiday' }).expect(200);
    expect(again.body.openDeadlinesRecomputed).toBe(0);
    await t.http.delete('/admin/jurisdictions/PH/holidays/2026-03-10').set('Authorization', admin.bearer).expect(204);
    expect((await row(d.id)).dueAt.toISOString()).toBe('2026-03-16T01:00:00.000Z');
    await t.http.delete('/admin/jurisdictions/PH/holidays/2026-03-10').set('Authorization', admin.bearer).expect(404);
  });

  it('refuses bad calendars and dates with the field named, and writes nothing', async () => {
    const admin = await createUser(t, { roles: ['admin'] });
    const feb30 = await t.http.put('/admin/jurisdictions/PH/holidays/2026-02-30').set('Authorization', admin.bearer).send({ name: 'Nope' }).expect(400);
    expect(feb30.body.errors).toEqual([expect.objectContaining({ field: 'date' })]);
    const zone = await t.http
      .put('/admin/jurisdictions/XX')
      .set('Authorization', admin.bearer)
      .send({ name: 'Nowhere', timeZone: 'Mars/Olympus', weekendDays: [6, 7] })
      .expect(400);
    expect(zone.body.errors).toEqual([expect.objectContaining({ field: 'timeZone' })]);
    const week = await t.http
      .put('/admin/jurisdictions/XX')
      .set('Authorization', admin.bearer)
      .send({ name: 'Nowhere', timeZone: 'Asia/Manila', weekendDays: [8] })
      .expect(400);
    expect(week.body.errors[0].field).toBe('weekendDays');
    await t.http.get('/admin/jurisdictions/XX/holidays').set('Authorization', admin.bearer).expect(404);
    await t.http.put('/admin/jurisdictions/XX/holidays/2026-05-01').set('Authorization', admin.bearer).send({ name: 'Labour Day' }).expect(404);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM jurisdiction WHERE code = 'XX'`);
    expect(n).toBe(0);
    await t.http.get('/admin/sla-policies/no.such.kind').set('Authorization', admin.bearer).expect(404);
  });

  it('a handler that answers acted: the engine closes the deadline as met, nothing more fires, the kind can start again', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start();
    const firing = worker.app.get(FiringService, { strict: false });
    const outcomes = () =>
      ds.query('SELECT level, outcome FROM deadline_effect WHERE deadline_id = $1 ORDER BY level', [d.id]) as Promise<{ level: number; outcome: string }[]>;
    clock.set(new Date(d.nextFireAt!));
    expect((await firing.fire({ deadlineId: d.id, version: d.version, level: 0 }, 'job', 'acted-0', 0)).result).toBe('fired');
    const reminded = await row(d.id);
    expect(reminded).toMatchObject({ state: 'pending', nextLevel: 1, closedAt: null });

    reviewAnswers.set(d.subjectId, 'acted');
    clock.set(new Date(d.dueAt));
    expect((await firing.fire({ deadlineId: d.id, version: reminded.version, level: 1 }, 'job', 'acted-1', 0)).result).toBe('fired');
    expect(await row(d.id)).toMatchObject({ state: 'met', nextFireAt: null, closedAt: clock.now(), breachedAt: clock.now(), version: reminded.version + 1 });
    expect(await outcomes()).toEqual([
      { level: 0, outcome: 'nothing' },
      { level: 1, outcome: 'acted' },
    ]);
    // The breach is still audited and mailed as before.
    expect((await outbox('deadline.breached')).filter((o) => o.data?.subjectLabel === d.label)).toHaveLength(1);

    clock.advance(100 * 24 * HOUR);
    await scheduler.scheduleDue();
    await scheduler.sweep();
    await new Promise((r) => setTimeout(r, 300));
    expect(await outcomes()).toHaveLength(2);
    // No longer open: starting the kind again for the subject starts a new deadline.
    const again = await ds.transaction((m) => deadlines.start(m, { kind: 'test.review', subjectType: 'probe', subjectId: d.subjectId, label: d.label }));
    expect(again.id).not.toBe(d.id);
    expect(again.state).toBe('pending');
  });

  it('a handler that writes its own deadline row fails the firing: nothing is recorded and the row is as it was', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start();
    reviewAnswers.set(d.subjectId, 'write-own-row');
    const firing = worker.app.get(FiringService, { strict: false });
    clock.set(new Date(d.nextFireAt!));
    await expect(firing.fire({ deadlineId: d.id, version: d.version, level: 0 }, 'job', 'own-row', 0)).rejects.toThrow(DeadlineRowWrittenByHandlerError);
    expect(await effects(d.id)).toEqual([]);
    expect(await row(d.id)).toMatchObject({ state: 'pending', version: d.version, nextLevel: 0 });
    // Told what to answer instead, the same level fires.
    reviewAnswers.set(d.subjectId, 'nothing');
    expect((await firing.fire({ deadlineId: d.id, version: d.version, level: 0 }, 'job', 'own-row-2', 0)).result).toBe('fired');
  });

  it('a job for an old version, and two firings at once, do nothing more than one firing', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start('test.burst', { dueAt: new Date('2026-03-02T02:00:00.000Z') });
    clock.set(new Date('2026-03-02T02:00:00.000Z'));
    const firing = worker.app.get(FiringService, { strict: false });
    const ref = { deadlineId: d.id, version: d.version, level: 1 };
    const outcomes = await Promise.all([firing.fire(ref, 'job', 'a'), firing.fire(ref, 'job', 'b'), firing.fire(ref, 'sweep', 'c')]);
    expect(outcomes.map((o) => o.result).sort()).toEqual(['fired', 'stale', 'stale']);
    expect(await effects(d.id)).toHaveLength(1);
    expect((await firing.fire(ref, 'job', 'd')).result).toBe('stale');
  });

  it('the sweep fires a level whose job was lost, once', async () => {
    clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const d = await start('test.burst', { dueAt: new Date('2026-03-02T01:05:00.000Z') });
    await scheduler.scheduleDue();
    // The job disappears (a stuck or lost job): remove it from Redis.
    const { Queue } = await import('bullmq');
    const q = new Queue('deadlines', { connection: { url: t.config.redis.REDIS_URL } as never, prefix: t.config.redis.REDIS_PREFIX });
    const jobs = await q.getJobs(['delayed', 'wait']);
    for (const j of jobs.filter((j) => j.data.deadlineId === d.id)) await j.remove();
    await q.close();
    clock.set(new Date('2026-03-02T01:10:00.000Z'));
    const result = await scheduler.sweep();
    expect(result?.firedDirectly).toBeGreaterThanOrEqual(1);
    expect(await effects(d.id)).toEqual([{ level: 1, version: d.version, via: 'sweep' }]);
  });

  it('the sweep counts every level it fires, the ones a firing takes with it in its batch included', async () => {
    clock.set(new Date('2026-03-03T01:00:00.000Z'));
    const ds = [];
    for (let i = 0; i < 5; i++) ds.push(await start('test.burst', { dueAt: new Date('2026-03-03T01:05:00.000Z') }));
    await scheduler.scheduleDue();
    const { Queue } = await import('bullmq');
    const q = new Queue('deadlines', { connection: { url: t.config.redis.REDIS_URL } as never, prefix: t.config.redis.REDIS_PREFIX });
    const ids = new Set(ds.map((d) => d.id));
    for (const j of (await q.getJobs(['delayed', 'wait'])).filter((j) => ids.has(j.data.deadlineId))) await j.remove();
    await q.close();
    const sweptSoFar = async () => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM deadline_effect WHERE via = 'sweep'`)) as { n: number }[])[0].n;
    const before = await sweptSoFar();
    clock.set(new Date('2026-03-03T01:10:00.000Z'));
    const result = await scheduler.sweep();
    // The first firing fires the other four in its batch (DEADLINE_FIRE_BATCH): all five are counted.
    expect(await sweptSoFar()).toBeGreaterThanOrEqual(before + 5);
    expect(result?.firedDirectly).toBe((await sweptSoFar()) - before);
  });

  it('writing the default policies again writes (and reports) none: every kind has its policy since start-up', async () => {
    const policies = worker.app.get(PoliciesService, { strict: false });
    const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM sla_policy`)) as { n: number }[];
    expect(n).toBeGreaterThan(0);
    await expect(policies.ensureDefaults()).resolves.toBe(0);
    await t.dataSource.query(`DELETE FROM sla_policy WHERE kind = 'test.burst'`);
    await expect(policies.ensureDefaults()).resolves.toBe(1);
  });

  it('two handlers for one kind stop the registry (and with it the process)', async () => {
    const { DeadlineHandlerRegistry } = await import('@app/deadlines');
    const { Reflector } = await import('@nestjs/core');
    const a = new TEST_DEADLINE_HANDLERS[0]();
    const b = new TEST_DEADLINE_HANDLERS[0]();
    const wrappers = [a, b].map((instance) => ({ instance, metatype: TEST_DEADLINE_HANDLERS[0] }));
    const registry = new DeadlineHandlerRegistry({ getProviders: () => wrappers } as never, new Reflector());
    expect(() => registry.onModuleInit()).toThrow(/test\.review \(TestReviewHandler and TestReviewHandler\)/);
  });

  it('reports metrics: open deadlines by kind, lateness, sweep repairs', async () => {
    const admin = await createUser(t, { roles: ['admin'] });
    const res = await t.http.get('/admin/deadlines/metrics').set('Authorization', admin.bearer).expect(200);
    expect(res.body.open).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'test.review', state: 'pending' })]));
    expect(res.body.lateness.fired).toBeGreaterThan(0);
    expect(res.body.sweep.firedDirectly).toBeGreaterThanOrEqual(1);
  });

  it('audits breaches and escalations on the deadline chains, which stay intact', async () => {
    const { verifyAllChains } = await import('@app/audit');
    const chains = await verifyAllChains(ds);
    expect(chains.every((c) => c.valid)).toBe(true);
    const deadlineChains = chains.filter((c) => c.chain.startsWith('deadlines-'));
    expect(deadlineChains.reduce((n, c) => n + c.entries, 0)).toBeGreaterThan(0);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('deadline.breached', 'deadline.escalated')`);
    const [{ e }] = await ds.query(`SELECT count(*)::int AS e FROM deadline_effect WHERE level >= 1`);
    expect(n).toBe(e);
  });
});
