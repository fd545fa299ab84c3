import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, ManualClock, WorkCalendar } from '@app/common';
import { Complaint } from '@app/complaints';
import { CalendarsService, Deadline, DeadlineRowWrittenByHandlerError, DeadlineService, FiringInProgress, PolicyRules, lockSubjectRows } from '@app/deadlines';
import { dueFrom, extendBy, nextPoint, timeline } from '@app/deadlines/engine/timeline';
import { DeadlineSettings } from '../../apps/api/src/deadlines/deadline-settings.service';
import { TEST_DEADLINE_HANDLERS } from '../support/deadline-kinds';
import { createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const HOUR = 3_600_000;
/** Small, so a handful of rows spans several batches (the default is 1,000). */
const BATCH = 7;

/**
 * A policy or calendar change recomputes the open deadlines it moves in batches of
 * DEADLINE_RECOMPUTE_BATCH (DeadlineService.recomputeKind), all in the change's one transaction.
 * Each deadline must come out as the one-by-one computation gives it (the timeline functions
 * applied to its own row), once, with its case's next_due_at following; a failure in a later batch
 * must undo the earlier ones and the change itself.
 */
describe('recomputing open deadlines in batches', () => {
  // Monday 2 March 2026, 09:00 in Manila. No Philippine holiday until 2 April.
  const monday = new Date('2026-03-02T01:00:00.000Z');
  const clock = new ManualClock(monday);
  let t: TestApp;
  let ds: DataSource;
  let deadlines: DeadlineService;
  let admin: { bearer: string };
  const caseIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, DEADLINE_RECOMPUTE_BATCH: String(BATCH) }, providers: TEST_DEADLINE_HANDLERS });
    ds = t.dataSource;
    deadlines = t.app.get(DeadlineService, { strict: false });
    admin = await createUser(t, { roles: ['admin'] });

    // 20 cases filed an hour apart: 20 open complaint.triage deadlines (3 batches), whose handler locks the case.
    for (let i = 0; i < 20; i++) {
      clock.set(new Date(monday.getTime() + i * HOUR));
      const filed = await t.http
        .post('/public/complaints')
        .send({
          agencyName: 'Batch Recompute Manpower',
          allegations: [{ category: 'unpaid-wages', facts: 'Two months of salary were never paid.' }],
          complainantName: `Batch Complainant ${i}`,
          email: `batch.${i}@workers.test`,
          language: 'en',
        })
        .expect(201);
      caseIds.push(filed.body.id as string);
    }
    // 30 test.review deadlines in PH (5 batches) of every shape, and 5 in Nepal.
    for (let i = 0; i < 35; i++) {
      clock.set(new Date(monday.getTime() + i * 2 * HOUR));
      const subjectId = `R-${String(i).padStart(2, '0')}`;
      await ds.transaction((m) =>
        deadlines.start(m, {
          kind: 'test.review',
          subjectType: 'probe',
          subjectId,
          label: subjectId,
          jurisdictionCode: i >= 30 ? 'NP' : 'PH',
          dueAt: i % 5 === 1 ? new Date('2026-04-20T01:00:00.000Z') : undefined,
        }),
      );
      if (i % 5 === 0 || i % 5 === 3) {
        clock.advance(26 * HOUR);
        await ds.transaction((m) => deadlines.pause(m, 'probe', subjectId, 'test.review'));
        if (i % 5 === 3) {
          clock.advance(30 * HOUR);
          await ds.transaction((m) => deadlines.resume(m, 'probe', subjectId, 'test.review'));
        }
      }
    }
    // Breached ones whose breach (level 1) fired: level 2 is next.
    await ds.query(
      `UPDATE deadline SET state = 'breached', breached_at = due_at, next_level = 2, next_fire_at = due_at + interval '48 hours' WHERE kind = 'test.review' AND subject_id IN ('R-02', 'R-12', 'R-22', 'R-32')`,
    );
    clock.set(new Date('2026-03-09T01:00:00.000Z'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const openOf = (kind: string, jurisdiction?: string) => {
    const qb = ds.getRepository(Deadline).createQueryBuilder('d').where(`d.kind = :kind AND d.state IN ('pending','paused','breached')`, { kind });
    if (jurisdiction) qb.andWhere('d.jurisdiction_code = :jurisdiction', { jurisdiction });
    return qb.orderBy('d.subjectId').getMany();
  };
  const openIn = async (jurisdiction: string): Promise<number> =>
    (await ds.query(`SELECT count(*)::int AS n FROM deadline WHERE jurisdiction_code = $1 AND state IN ('pending','paused','breached')`, [jurisdiction]))[0].n;
  const calendarOf = (code: string): Promise<WorkCalendar> => t.app.get(CalendarsService, { strict: false }).calendarOf(code, ds.manager);
  const policyOf = async (kind: string): Promise<PolicyRules & { version: number }> =>
    (await t.http.get(`/admin/sla-policies/${kind}`).set('Authorization', admin.bearer).expect(200)).body;
  const rulesOf = ({ durationDays, counting, reminderShare, escalations }: PolicyRules): PolicyRules => ({
    durationDays,
    counting,
    reminderShare,
    escalations,
  });

  /** What the one-by-one recomputation gives a deadline (the computation DeadlineService did per row before the batches). */
  const oneByOne = (d: Deadline, calendar: WorkCalendar, rules: PolicyRules) => {
    const dueAt = d.dueFixed ? d.dueAt : extendBy(calendar, rules.counting, dueFrom(calendar, rules, d.startedAt), d.pausedMillis);
    const next = nextPoint(timeline(calendar, rules, d.startedAt, dueAt), d.nextLevel);
    return { dueAt, nextFireAt: d.state === 'paused' ? null : (next?.at ?? null), nextLevel: next?.level ?? d.nextLevel, version: d.version + 1 };
  };
  const asStored = (d: Deadline) => ({ dueAt: d.dueAt, nextFireAt: d.nextFireAt, nextLevel: d.nextLevel, version: d.version });
  const nextDueOfCases = async () =>
    (await ds.query(
      `SELECT c.id, c.next_due_at AS "nextDueAt",
              (SELECT min(d.due_at) FROM deadline d WHERE d.subject_type = 'complaint' AND d.subject_id = c.id::text AND d.state IN ('pending','paused','breached')) AS "nearest"
         FROM complaint c WHERE c.id = ANY($1) ORDER BY c.id`,
      [caseIds],
    )) as { id: string; nextDueAt: Date; nearest: Date }[];
  const audits = (action: string) =>
    ds.query(`SELECT changes FROM audit_log WHERE action = $1 ORDER BY seq`, [action]) as Promise<{ changes: Record<string, unknown> }[]>;

  it('a policy change recomputes every open deadline of the kind across batches, each as one by one, once, and the cases follow', async () => {
    const before = await openOf('complaint.triage');
    expect(before).toHaveLength(20);
    expect(before.length).toBeGreaterThan(2 * BATCH);
    const old = await policyOf('complaint.triage');
    const rules: PolicyRules = { ...rulesOf(old), durationDays: old.durationDays + 2, counting: 'business', reminderShare: 0.5 };
    const ph = await calendarOf('PH');
    const expected = new Map(before.map((d) => [d.id, oneByOne(d, ph, rules)]));
    // The due times move (else this test would not see a wrong write).
    expect(before.filter((d) => d.dueAt.getTime() === expected.get(d.id)!.dueAt.getTime())).toEqual([]);

    const res = await t.http.put('/admin/sla-policies/complaint.triage').set('Authorization', admin.bearer).send(rules).expect(200);
    expect(res.body.recomputed).toBe(20);

    const after = await openOf('complaint.triage');
    expect(after.map((d) => [d.id, asStored(d)])).toEqual(before.map((d) => [d.id, expected.get(d.id)]));
    expect(new Set(after.map((d) => d.policyVersion))).toEqual(new Set([res.body.version]));
    const cases = await nextDueOfCases();
    expect(cases).toHaveLength(20);
    for (const c of cases) expect(c.nextDueAt).toEqual(c.nearest);
    const triageDue = new Map(after.map((d) => [d.subjectId, d.dueAt]));
    for (const c of cases) expect(c.nextDueAt.getTime()).toBeLessThanOrEqual(triageDue.get(c.id)!.getTime());
    expect((await audits('sla-policy.changed')).at(-1)!.changes).toMatchObject({ version: res.body.version, openDeadlinesRecomputed: 20 });

    // Put the policy back: the cases' deadlines move back, with a second version each.
    await t.http.put('/admin/sla-policies/complaint.triage').set('Authorization', admin.bearer).send(rulesOf(old)).expect(200);
    const back = await openOf('complaint.triage');
    expect(back.map((d) => [d.dueAt, d.version])).toEqual(before.map((d) => [d.dueAt, d.version + 2]));
    for (const c of await nextDueOfCases()) expect(c.nextDueAt).toEqual(c.nearest);
  });

  it('a holiday declared in PH moves its open deadlines of every shape (paused, fixed, breached) across batches, and none elsewhere', async () => {
    const reviews = await openOf('test.review', 'PH');
    const triage = await openOf('complaint.triage', 'PH');
    const nepal = await openOf('test.review', 'NP');
    expect(reviews).toHaveLength(30);
    expect(nepal).toHaveLength(5);
    expect(reviews.map((d) => d.state)).toEqual(expect.arrayContaining(['paused', 'breached', 'pending']));
    expect(reviews.some((d) => d.dueFixed) && reviews.some((d) => d.pausedMillis > 0)).toBe(true);
    const review = rulesOf(await policyOf('test.review'));
    const triageRules = rulesOf(await policyOf('complaint.triage'));
    const inPH = await openIn('PH');
    expect(inPH).toBeGreaterThanOrEqual(50);

    const res = await t.http.put('/admin/jurisdictions/PH/holidays/2026-03-11').set('Authorization', admin.bearer).send({ name: 'Batch holiday' }).expect(200);
    expect(res.body.openDeadlinesRecomputed).toBe(inPH);
    const ph = await calendarOf('PH');
    expect((await openOf('test.review', 'PH')).map((d) => [d.id, asStored(d)])).toEqual(reviews.map((d) => [d.id, oneByOne(d, ph, review)]));
    expect((await openOf('complaint.triage', 'PH')).map((d) => [d.id, asStored(d)])).toEqual(triage.map((d) => [d.id, oneByOne(d, ph, triageRules)]));
    // A business day lost: the deadlines not fixed by their caller are due a day later.
    const moved = await openOf('test.review', 'PH');
    expect(moved.filter((d, i) => !d.dueFixed && d.dueAt.getTime() === reviews[i].dueAt.getTime())).toEqual([]);
    expect((await openOf('test.review', 'NP')).map(asStored)).toEqual(nepal.map(asStored));
    for (const c of await nextDueOfCases()) expect(c.nextDueAt).toEqual(c.nearest);
    expect((await audits('holiday.declared')).at(-1)!.changes).toMatchObject({ date: '2026-03-11', openDeadlinesRecomputed: inPH });

    await t.http.delete('/admin/jurisdictions/PH/holidays/2026-03-11').set('Authorization', admin.bearer).expect(204);
    expect((await openOf('test.review', 'PH')).map((d) => [d.dueAt, d.nextFireAt, d.version])).toEqual(
      reviews.map((d) => [d.dueAt, d.nextFireAt, d.version + 2]),
    );
    expect((await audits('holiday.removed')).at(-1)!.changes).toMatchObject({ openDeadlinesRecomputed: inPH });
  });

  it('a failure in the last batch undoes the earlier batches, the policy change and its audit entry', async () => {
    const before = await openOf('complaint.triage');
    const cases = await nextDueOfCases();
    const old = await policyOf('complaint.triage');
    const audited = (await audits('sla-policy.changed')).length;
    // The last deadline in subject order is in the last of three batches; its handler "is running" in this process.
    const last = before.at(-1)!;
    expect(Math.floor(before.indexOf(last) / BATCH)).toBe(2);
    // The route would answer 500, which no route declares: the service the route calls, called as the route does.
    const actor: Actor = {
      userId: null,
      roles: ['admin'],
      agencyId: null,
      auditActor: 'system',
      sessionId: null,
      correlationId: 'batch-failure',
      ip: null,
      language: null,
    };
    const settings = t.app.get(DeadlineSettings, { strict: false });
    await expect(
      t.app
        .get(FiringInProgress, { strict: false })
        .during(last.id, last.kind, () => settings.replacePolicy('complaint.triage', { ...rulesOf(old), durationDays: 1 }, actor)),
    ).rejects.toThrow(DeadlineRowWrittenByHandlerError);

    expect((await openOf('complaint.triage')).map(asStored)).toEqual(before.map(asStored));
    expect(await nextDueOfCases()).toEqual(cases);
    expect(await policyOf('complaint.triage')).toEqual(old);
    expect(await audits('sla-policy.changed')).toHaveLength(audited);
  });

  it('locks the subjects of more deadlines than Postgres takes bind parameters (65,535): one array parameter', async () => {
    const ids = [...caseIds.slice(0, 2), ...Array.from({ length: 70_000 }, () => randomUUID())].sort();
    const held = await ds.transaction((m) => lockSubjectRows(m, Complaint, ids, 'wait'));
    expect(held).toEqual([...caseIds.slice(0, 2)].sort());
  });
});
