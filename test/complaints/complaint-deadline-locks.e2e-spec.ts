import { QueryRunner } from 'typeorm';
import { ManualClock } from '@app/common';
import { FiringService } from '@app/deadlines';
import { createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

/**
 * One lock order for a case and its deadlines (libs/deadlines/src/engine/subject-locks.ts): a move
 * locks the case, then its deadlines; the engine (a firing, a policy recomputation, whose trigger
 * writes the case's next_due_at) must lock the case first too. Each test holds a case as a move
 * does, lets the engine start on it, then writes the case's deadline as the move would: in the
 * other order the two wait on each other and Postgres aborts one ("deadlock detected").
 */
describe('a case and its deadlines are locked in one order', () => {
  const DRIVEN = DEADLINES_DRIVEN_BY_TEST;
  // Monday 2 March 2026, 09:00 in Manila.
  const start = new Date('2026-03-02T01:00:00.000Z');
  const clock = new ManualClock(start);
  let t: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DRIVEN });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...DRIVEN, REDIS_PREFIX: t.config.redis.REDIS_PREFIX } });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const fileCase = async () => {
    clock.set(start);
    const filed = await t.http
      .post('/public/complaints')
      .send({
        agencyName: 'Lock Order Manpower',
        allegations: [{ category: 'unpaid-wages', facts: 'Two months of salary were never paid.' }],
        complainantName: 'Lock Order Complainant',
        email: 'lock.order@workers.test',
        language: 'en',
      })
      .expect(201);
    const [d] = (await t.dataSource.query(
      `SELECT id, version, next_level, next_fire_at FROM deadline WHERE subject_type = 'complaint' AND subject_id = $1 AND kind = 'complaint.triage'`,
      [filed.body.id],
    )) as { id: string; version: number; next_level: number; next_fire_at: Date }[];
    return { caseId: filed.body.id as string, deadline: d };
  };

  /** A transaction holding the case as a move does (the case row first). */
  const holdCase = async (caseId: string): Promise<QueryRunner> => {
    const qr = t.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    await qr.query(`SELECT 1 FROM complaint WHERE id = $1 FOR UPDATE`, [caseId]);
    return qr;
  };
  /** The move's next step: meeting the case's deadline (what `accept` does to triage). */
  const meet = (qr: QueryRunner, deadlineId: string) =>
    qr.query(`UPDATE deadline SET state = 'met', closed_at = now(), next_fire_at = NULL, version = version + 1 WHERE id = $1`, [deadlineId]);
  /** Another session of this database waits on a row lock (the engine has reached the case). */
  const engineWaits = () =>
    waitFor('the engine waiting on a lock', async () => {
      const [{ n }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )) as { n: number }[];
      return n > 0;
    });

  it('a firing waits for a move on its case, then finds its deadline met (no deadlock)', async () => {
    const { caseId, deadline } = await fileCase();
    clock.set(new Date(deadline.next_fire_at));
    const qr = await holdCase(caseId);
    try {
      const firing = worker.app
        .get(FiringService, { strict: false })
        .fire({ deadlineId: deadline.id, version: deadline.version, level: deadline.next_level }, 'job', 'lock-order-firing');
      await engineWaits();
      await meet(qr, deadline.id);
      await qr.commitTransaction();
      await expect(firing).resolves.toMatchObject({ result: 'stale', levelsFired: 0 });
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
    const [row] = await t.dataSource.query(`SELECT state FROM deadline WHERE id = $1`, [deadline.id]);
    expect(row.state).toBe('met');
  });

  it("a policy change waits for a move on one of its kind's cases, then recomputes the others (no deadlock)", async () => {
    const admin = await createUser(t, { roles: ['admin'] });
    const { durationDays, counting, reminderShare, escalations } = (
      await t.http.get('/admin/sla-policies/complaint.triage').set('Authorization', admin.bearer).expect(200)
    ).body;
    const rules = { durationDays, counting, reminderShare, escalations };
    const { caseId, deadline } = await fileCase();
    const other = await fileCase();
    const qr = await holdCase(caseId);
    try {
      const changed = t.http
        .put('/admin/sla-policies/complaint.triage')
        .set('Authorization', admin.bearer)
        .send({ ...rules, durationDays: 3 })
        .then((r) => r);
      await engineWaits();
      await meet(qr, deadline.id);
      await qr.commitTransaction();
      const res = await changed;
      expect(res.status).toBe(200);
      expect(res.body.recomputed).toBeGreaterThan(0);
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
      await t.http.put('/admin/sla-policies/complaint.triage').set('Authorization', admin.bearer).send(rules).expect(200);
    }
    // The other case's triage moved with the policy, and its queue key with it (the trigger).
    const [moved] = await t.dataSource.query(`SELECT d.due_at, c.next_due_at FROM deadline d JOIN complaint c ON c.id::text = d.subject_id WHERE d.id = $1`, [
      other.deadline.id,
    ]);
    expect(moved.next_due_at).toEqual(moved.due_at);
  });
});
