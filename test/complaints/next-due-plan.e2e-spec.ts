/**
 * `complaint.next_due_at` is kept by triggers on the deadline table and on a case row's insert.
 * Those that read the earliest due time of one case's open deadlines must read the case's own
 * entries: PL/pgSQL keeps a generic plan after five calls, and on tables whose statistics still
 * say "empty" (a database freshly migrated, never analyzed) that plan walked every open complaint
 * deadline in due-time order (ix_deadline_open_due) until one of the case's passed the filter:
 * filing got slower with every case filed (docs/benchmarks.md, "Filing a complaint"). Migration
 * 1796456100000 plans the read for the case at hand at each call; 1796456600000 makes a deadline's
 * insert read nothing (it can only bring the case's due time forward). Here: a fresh database
 * (never analyzed), 2,000 open deadlines of other cases due earlier, then cases filed as filing
 * writes them (the triage deadline, then the case row) on one connection, past the fifth call;
 * every plan of the triggers' read (auto_explain, nested statements) reads the case's own entries
 * of ix_deadline_open_subject_due, the deadline's insert reads none, and the case gets its
 * triage's due time; then deadlines added, moved, met and deleted keep it.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TestDatabase, createTestDatabase } from '../support/test-database';

describe("the next-due triggers read the case's own deadlines (e2e)", () => {
  let db: TestDatabase;
  let client: Client;
  const plans: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
    client.on('notice', (n) => {
      if (n.message?.includes('min(d.due_at')) plans.push(n.message);
    });
    // Other cases' open deadlines, all due before the ones filed below.
    await client.query(
      `INSERT INTO deadline (kind, subject_type, subject_id, label, jurisdiction_code, policy_version, started_at, due_fixed, due_at, next_fire_at, next_level, state)
       SELECT 'complaint.triage', 'complaint', gen_random_uuid()::text, 'other case', 'PH', 1, now(), false, now() + i * interval '1 second', NULL, 0, 'pending'
         FROM generate_series(1, 2000) i`,
    );
    await client.query(`LOAD 'auto_explain'`);
    for (const setting of [
      'auto_explain.log_min_duration = 0',
      'auto_explain.log_nested_statements = on',
      'auto_explain.log_analyze = on',
      'auto_explain.log_level = notice',
      'client_min_messages = notice',
    ])
      await client.query(`SET ${setting}`);
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('plans each read on the case, past the fifth call', async () => {
    const filed: { id: string; due: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const id = randomUUID();
      const due = new Date(Date.now() + 2 * 86_400_000 + i * 1000).toISOString();
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO deadline (kind, subject_type, subject_id, label, jurisdiction_code, policy_version, started_at, due_fixed, due_at, next_fire_at, next_level, state)
         VALUES ('complaint.triage', 'complaint', $1, 'this case', 'PH', 1, now(), false, $2, NULL, 0, 'pending')`,
        [id, due],
      );
      await client.query(
        `INSERT INTO complaint (id, reference, source, kind, channel, stage, priority, urgent_reasons, recruiter_given, jurisdiction_code, language,
                                anonymous, identity_protected, worker_abroad, in_supervisor_queue, conciliation_extended, refund_order_ids, version, created_at, updated_at)
         VALUES ($1, $2, 'public', 'complaint', 'web', 'submitted', 'normal', '[]', 'someone', 'PH', 'en', true, true, false, false, false, '[]', 1, now(), now())`,
        [id, `CMP-2026-8${String(i).padStart(4, '0')}-0`],
      );
      await client.query('COMMIT');
      filed.push({ id, due });
    }
    // One read a case (the row's; the deadline's insert reads nothing), eight cases.
    expect(plans).toHaveLength(8);
    for (const plan of plans) {
      expect(plan).toContain('NEW.next_due_at');
      expect(plan).toContain('ix_deadline_open_subject_due');
      expect(plan).not.toContain('ix_deadline_open_due ');
    }
    const rows = await client.query(`SELECT id, next_due_at FROM complaint WHERE id = ANY($1::uuid[])`, [filed.map((f) => f.id)]);
    for (const f of filed) expect(rows.rows.find((r: { id: string }) => r.id === f.id).next_due_at.toISOString()).toBe(f.due);
  });

  it('keeps the earliest open due time as deadlines are added, moved, met, cancelled and deleted', async () => {
    plans.length = 0;
    const id = randomUUID();
    const at = (days: number) => new Date(Date.UTC(2027, 0, 10) + days * 86_400_000).toISOString();
    const nextDue = async () => {
      const r = await client.query(`SELECT next_due_at = 'infinity' AS never, next_due_at FROM complaint WHERE id = $1`, [id]);
      return r.rows[0].never ? 'infinity' : (r.rows[0].next_due_at as Date).toISOString();
    };
    const add = async (kind: string, due: string, state = 'pending') =>
      (
        await client.query(
          `INSERT INTO deadline (kind, subject_type, subject_id, label, jurisdiction_code, policy_version, started_at, due_fixed, due_at, next_fire_at, next_level, state, closed_at)
           VALUES ($1, 'complaint', $2, 'this case', 'PH', 1, now(), false, $3, NULL, 0, $4, CASE WHEN $4 IN ('met','cancelled') THEN now() END) RETURNING id`,
          [kind, id, due, state],
        )
      ).rows[0].id as string;
    await client.query(
      `INSERT INTO complaint (id, reference, source, kind, channel, stage, priority, urgent_reasons, recruiter_given, jurisdiction_code, language,
                              anonymous, identity_protected, worker_abroad, in_supervisor_queue, conciliation_extended, refund_order_ids, version, created_at, updated_at)
       VALUES ($1, 'CMP-2026-90000-0', 'public', 'complaint', 'web', 'submitted', 'normal', '[]', 'someone', 'PH', 'en', true, true, false, false, false, '[]', 1, now(), now())`,
      [id],
    );
    expect(await nextDue()).toBe('infinity');
    const triage = await add('complaint.triage', at(5));
    expect(await nextDue()).toBe(at(5));
    const later = await add('complaint.conciliation', at(9));
    expect(await nextDue()).toBe(at(5)); // a later one does not move it back
    await add('complaint.hearing', at(1), 'met'); // a closed one inserted does not count
    expect(await nextDue()).toBe(at(5));
    const earlier = await add('complaint.answer', at(2));
    expect(await nextDue()).toBe(at(2));
    await client.query(`UPDATE deadline SET due_at = $2 WHERE id = $1`, [earlier, at(7)]); // moved later: the next one is the earliest
    expect(await nextDue()).toBe(at(5));
    await client.query(`UPDATE deadline SET state = 'met', closed_at = now() WHERE id = $1`, [triage]);
    expect(await nextDue()).toBe(at(7));
    await client.query(`UPDATE deadline SET state = 'cancelled', closed_at = now() WHERE id = $1`, [earlier]);
    expect(await nextDue()).toBe(at(9));
    await client.query(`DELETE FROM deadline WHERE id = $1`, [later]);
    expect(await nextDue()).toBe('infinity');
    // The update and delete paths read the minimum again, on the case's own entries.
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan).toContain('ix_deadline_open_subject_due');
  });
});
