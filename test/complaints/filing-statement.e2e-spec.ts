/**
 * Filing writes everything in one statement, outside any transaction of the app's own (one read,
 * then one write: docs/benchmarks.md, "Filing in one statement"). What that must keep:
 * - every part or none: when any part fails (here the timeline entry, the case's last part, made
 *   to fail by a trigger this test installs; filed through the intake, since the API's answer
 *   would be an undeclared 500), no triage deadline, mail, case or audit entry is left, the chain
 *   stays intact, and the next filing is written whole;
 * - the acknowledgement cap under filings at once: the cap's lock and count are in the statement
 *   (complaint_ack_room), so eight filings with one address at once get exactly the cap's mails;
 * - a chain's first entry (no head row yet) from filings at once: audit_chain_lock's advisory lock
 *   orders them, and the chain verifies.
 */
import { verifyAllChains } from '@app/audit';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/common';
import { ComplaintIntake, complaintIntakeChain } from '@app/complaints';
import { TestApp, createTestApp } from '../support/test-app';
import { createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';

const CAP = 3;

describe('complaints: filing in one statement (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LICENSING_PUBLIC_LIMIT_PER_IP: '100000', COMPLAINTS_ACK_MAILS_PER_ADDRESS_PER_DAY: String(CAP) } });
    await createUser(t, { roles: ['inspector'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const body = (over: Record<string, unknown> = {}) => ({
    recruiterDescription: 'A sub-agent who came to our village',
    employerName: 'One statement employer',
    allegations: [
      { category: 'excess-fees', facts: 'I paid two months of salary as a placement fee.', amountMinor: '4000000', currency: 'PHP' },
      { category: 'retained-documents', facts: 'They kept my passport.' },
    ],
    complainantName: 'Ana Reyes',
    email: 'ana.reyes@workers.test',
    language: 'fil',
    ...over,
  });

  const counts = async () =>
    (
      await t.db.asOwner<Record<string, number>>(
        `SELECT (SELECT count(*) FROM complaint)::int AS cases, (SELECT count(*) FROM allegation)::int AS allegations,
                (SELECT count(*) FROM complaint_event)::int AS events, (SELECT count(*) FROM complaint_assignment_notice)::int AS notices,
                (SELECT count(*) FROM deadline)::int AS deadlines, (SELECT count(*) FROM notification_outbox)::int AS mails,
                (SELECT count(*) FROM audit_log)::int AS entries, (SELECT coalesce(sum(open_cases), 0) FROM inspector_workload)::int AS workload`,
      )
    )[0];

  /** Every chain's verification; each must be valid. */
  const verifyAll = async () => {
    const results = await verifyAllChains(t.dataSource);
    for (const r of results) expect(r).toMatchObject({ valid: true });
    return results.map((r) => r.chain);
  };

  it('writes every part or none: a part that fails leaves nothing, and the next filing is whole', async () => {
    const first = (await t.http.post('/public/complaints').send(body()).expect(201)).body as { id: string };
    const before = await counts();
    await t.db.asOwner(`
      CREATE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await t.db.asOwner(`CREATE TRIGGER test_refuse_event BEFORE INSERT ON complaint_event FOR EACH ROW EXECUTE FUNCTION test_refuse_event()`);
    try {
      // Through the intake itself: an answer of the API would be a 500, which the contract does not declare.
      const anonymous: Actor = {
        userId: null,
        roles: [],
        agencyId: null,
        auditActor: { role: 'anonymous' },
        sessionId: null,
        correlationId: randomUUID(),
        ip: null,
        language: null,
      };
      await expect(t.app.get(ComplaintIntake).fileBy(body(), { source: 'public', channel: 'web' }, anonymous)).rejects.toThrow(/refused by the test/);
      // Nothing of it: no case, allegation, digest line, deadline, mail, audit entry or workload.
      expect(await counts()).toEqual(before);
    } finally {
      await t.db.asOwner(`DROP TRIGGER test_refuse_event ON complaint_event`);
      await t.db.asOwner(`DROP FUNCTION test_refuse_event()`);
    }
    const next = (await t.http.post('/public/complaints').send(body()).expect(201)).body as { id: string; reference: string };
    const after = await counts();
    expect(after).toEqual({
      cases: before.cases + 1,
      allegations: before.allegations + 2,
      events: before.events + 1,
      notices: before.notices + 1,
      deadlines: before.deadlines + 1,
      mails: before.mails + 1,
      entries: before.entries + 1,
      workload: before.workload + 1,
    });
    // The case row follows its triage deadline: the insert's trigger found it.
    const [row] = await t.db.asOwner<{ next_due_at: Date; due_at: Date; priority: string }>(
      `SELECT c.next_due_at, d.due_at, c.priority FROM complaint c JOIN deadline d ON d.subject_type = 'complaint' AND d.subject_id = c.id::text WHERE c.id = $1`,
      [next.id],
    );
    expect(row.priority).toBe('urgent');
    expect(row.next_due_at.toISOString()).toBe(row.due_at.toISOString());
    const [entry] = await t.db.asOwner<{ chain: string; action: string }>(`SELECT chain, action FROM audit_log WHERE subject_id = $1`, [next.id]);
    expect(entry).toEqual({ chain: complaintIntakeChain(next.id), action: 'complaint.submitted' });
    expect(first.id).not.toBe(next.id);
    await verifyAll();
  });

  it('gives one address at most the cap of acknowledgements when its filings come at once', async () => {
    const email = 'same.address.at.once@workers.test';
    const filed = (await Promise.all(Array.from({ length: 8 }, () => t.http.post('/public/complaints').send(body({ email })).expect(201)))).map(
      (r) => (r.body as { id: string }).id,
    );
    const mailed = (await Promise.all(filed.map((id) => outboxMessages(t, { template: 'case.received', dedupKey: `case.received:${id}` })))).flat();
    expect(mailed).toHaveLength(CAP);
    // And the next one, later, none: the day's cap is used.
    const later = (await t.http.post('/public/complaints').send(body({ email })).expect(201)).body as { id: string };
    expect(await outboxMessages(t, { template: 'case.received', dedupKey: `case.received:${later.id}` })).toHaveLength(0);
  });

  it('starts new chains from filings at once (no head row yet) and every chain verifies', async () => {
    const filed = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.http
          .post('/public/complaints')
          .send(body({ email: `at.once.${i}@workers.test` }))
          .expect(201),
      ),
    );
    const chains = new Set(filed.map((r) => complaintIntakeChain((r.body as { id: string }).id)));
    expect(chains.size).toBeGreaterThan(4);
    const verified = await verifyAll();
    for (const chain of chains) expect(verified).toContain(chain);
  });
});
