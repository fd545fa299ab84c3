import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, AuditPartitionsJob, verifyChain } from '@app/audit';
import { appendDated, datedEntry, monthStart, partitionOf } from '../support/audit-dated';
import { createUser } from '../support/identity';
import { ownerDataSource } from '../support/owner-data-source';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

/**
 * audit_log partitioned by UTC month (migration AuditLogPartitionedByMonth, docs/audit.md): where
 * entries land, the fork the head trigger refuses whatever the months, the partitions the worker
 * makes ahead with their protections, and the alert when entries fall into the default partition.
 */
describe('audit_log partitioned by month', () => {
  let t: TestApp;
  let owner: DataSource;
  let audit: AuditLog;
  let bearer: string;
  const now = new Date();
  const thisMonth = partitionOf(now);

  const partitionOfSeq = async (seq: string) =>
    (await t.dataSource.query(`SELECT tableoid::regclass::text AS p FROM audit_log WHERE seq = $1`, [seq]))[0].p as string;
  const ensure = async (ds: DataSource, months: number) =>
    (await ds.query(`SELECT partition_name, state FROM audit_log_ensure_partitions($1)`, [months])) as { partition_name: string; state: string }[];
  const partitions = async () =>
    ((await owner.query(`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'audit_log'::regclass`)) as { name: string }[]).map(
      (r) => r.name,
    );
  const status = async () => (await t.http.get('/audit/chains').set('Authorization', bearer).expect(200)).body.partitions;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await ownerDataSource(t, 3);
    audit = t.app.get(AuditLog);
    bearer = (await createUser(t, { roles: ['supervisor'] })).bearer;
  });
  afterAll(async () => {
    await owner?.destroy();
    await t?.close();
  });

  it('puts each entry in the partition of its UTC month, to the millisecond', async () => {
    const appended = await t.dataSource.transaction((m) => audit.append(m, { actor: 'system', action: 'test.now', subjectType: 'probe', chain: 'months' }));
    expect(await partitionOfSeq(appended.seq)).toBe(thisMonth);
    const next = monthStart(now, 1);
    const lastOfThis = await appendDated(t.dataSource, 'months', new Date(next.getTime() - 1), 'last-ms');
    const firstOfNext = await appendDated(t.dataSource, 'months', next, 'first-ms');
    expect(lastOfThis.partition).toBe(thisMonth);
    expect(firstOfNext.partition).toBe(partitionOf(next));
    expect(await verifyChain(t.dataSource, { chain: 'months' })).toMatchObject({ entries: 3, valid: true });
    expect(await status()).toEqual({ healthy: true, partitionedUntil: monthStart(now, 4).toISOString(), defaultEntries: 0 });
  });

  it('refuses a fork whose two entries fall in different months, as it does in one month, and to a writer that skipped the lock', async () => {
    const chain = 'fork-probe';
    const a = await appendDated(t.dataSource, chain, now, 'a');
    // A's successor next month: its link is the head.
    await appendDated(t.dataSource, chain, monthStart(now, 1), 'b');
    // A second successor of A, this month or in two months: refused, to the runtime role and to the owner alike.
    await expect(appendDated(t.dataSource, chain, now, 'fork-this-month', a.hash)).rejects.toThrow(/audit chain fork-probe would fork/);
    await expect(appendDated(t.dataSource, chain, monthStart(now, 2), 'fork-later', a.hash)).rejects.toThrow(/would fork/);
    await expect(appendDated(owner, chain, monthStart(now, 2), 'fork-owner', a.hash)).rejects.toThrow(/would fork/);
    // A second first entry of the chain, and a first entry of another chain that does not start at the genesis hash.
    await expect(appendDated(t.dataSource, chain, now, 'second-genesis', Buffer.alloc(32))).rejects.toThrow(/would fork/);
    await expect(appendDated(t.dataSource, 'no-such-chain', now, 'orphan', a.hash)).rejects.toThrow(/would fork/);
    expect(await verifyChain(t.dataSource, { chain })).toMatchObject({ entries: 2, valid: true });
    // Nor may the owner, triggers on, move the head back onto A (with a higher seq) to fork from it: the head moves by appends only.
    await expect(owner.query(`UPDATE audit_chain_head SET seq = seq + 1000, hash = $2 WHERE chain = $1`, [chain, a.hash])).rejects.toThrow(
      /only moves forward/,
    );

    // Two writers that both read the head without locking it: the second waits for the first's
    // row lock on the head, then finds the head moved, and is refused.
    const [{ hash: head }] = await t.dataSource.query(`SELECT hash FROM audit_chain_head WHERE chain = $1`, [chain]);
    const won = datedEntry(chain, now, 'race-won', head);
    const lost = datedEntry(chain, monthStart(now, 1), 'race-lost', head);
    const first = t.dataSource.createQueryRunner();
    await first.connect();
    try {
      await first.startTransaction();
      await first.query(won.sql, won.params);
      const second = t.dataSource.query(lost.sql, lost.params);
      await new Promise((r) => setTimeout(r, 300));
      await first.commitTransaction();
      await expect(second).rejects.toThrow(/would fork/);
    } finally {
      await first.release();
    }
    expect(await verifyChain(t.dataSource, { chain })).toMatchObject({ entries: 3, valid: true });
    const [{ forks }] = await owner.query(`SELECT count(*) - count(DISTINCT prev_hash) AS forks FROM audit_log WHERE chain = $1`, [chain]);
    expect(Number(forks)).toBe(0);
  });

  it('makes the partitions ahead with their protections, as the runtime role may ask, and makes each once', async () => {
    const ahead = [1, 2, 3].map((n) => partitionOf(monthStart(now, n)));
    // The two furthest are gone (empty: the owner may drop them); the runtime role has them made again.
    const furthest = partitionOf(monthStart(now, 3));
    await owner.query(`DROP TABLE ${ahead[1]}, ${furthest}`);
    expect(await ensure(t.dataSource, 3)).toEqual([
      { partition_name: thisMonth, state: 'present' },
      { partition_name: ahead[0], state: 'present' },
      { partition_name: ahead[1], state: 'created' },
      { partition_name: furthest, state: 'created' },
    ]);
    expect((await ensure(t.dataSource, 3)).map((r) => r.state)).toEqual(['present', 'present', 'present', 'present']);
    expect(await partitions()).toEqual(expect.arrayContaining([thisMonth, ...ahead, 'audit_log_default']));

    // The new partition's protections: the row triggers cloned, its own TRUNCATE trigger, the indexes, read-only for the runtime role.
    const triggers = await owner.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass ORDER BY tgname`, [furthest]);
    expect(triggers.map((r: { tgname: string }) => r.tgname)).toEqual(['trg_audit_log_advance_head', 'trg_audit_log_append_only', 'trg_audit_log_no_truncate']);
    const [{ indexes }] = await owner.query(`SELECT count(*)::int AS indexes FROM pg_index WHERE indrelid = $1::regclass`, [furthest]);
    expect(indexes).toBe(5);
    const [rights] = await t.dataSource.query(
      `SELECT has_table_privilege($1, 'SELECT') AS sel, has_table_privilege($1, 'INSERT') AS ins, has_table_privilege($1, 'UPDATE') AS upd,
              has_table_privilege($1, 'DELETE') AS del, has_table_privilege($1, 'TRUNCATE') AS tru`,
      [furthest],
    );
    expect(rights).toEqual({ sel: true, ins: false, upd: false, del: false, tru: false });
    await expect(t.dataSource.query(`TRUNCATE ${furthest}`)).rejects.toThrow(/permission denied/);
    // The owner's TRUNCATE of a partition is refused by its trigger, as is its UPDATE or DELETE of a partition's rows.
    await expect(owner.query(`TRUNCATE ${thisMonth}`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`TRUNCATE ${furthest}`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`UPDATE ${thisMonth} SET action = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`DELETE FROM ${thisMonth}`)).rejects.toThrow(/append-only/);

    await expect(ensure(t.dataSource, 25)).rejects.toThrow(/months must be from 0 to 24/);
    await expect(t.dataSource.query(`SELECT audit_log_add_partition('2031-01-01')`)).rejects.toThrow(/permission denied for function/);
    await expect(t.dataSource.query(`SELECT audit_log_move_from_default('2031-01-01')`)).rejects.toThrow(/permission denied for function/);
  });

  it('alerts when the default partition holds entries, until they are moved into their month', async () => {
    const chain = 'far-future';
    const far = monthStart(now, 6);
    const stray = await appendDated(t.dataSource, chain, new Date(far.getTime() + 86_400_000), 'stray');
    expect(stray.partition).toBe('audit_log_default');
    expect(await status()).toEqual({
      healthy: false,
      partitionedUntil: monthStart(now, 4).toISOString(),
      defaultEntries: 1,
      defaultOldest: new Date(far.getTime() + 86_400_000).toISOString(),
      defaultNewest: new Date(far.getTime() + 86_400_000).toISOString(),
    });
    expect((await ensure(t.dataSource, 7)).find((r) => r.partition_name === partitionOf(far))).toEqual({ partition_name: partitionOf(far), state: 'blocked' });

    const worker: TestWorker = await createTestWorker({
      databaseUrl: t.db.url,
      env: { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0', REDIS_PREFIX: t.config.redis.REDIS_PREFIX },
    });
    const error = jest.spyOn(Logger.prototype, 'error');
    const alerts = () => error.mock.calls.map(([msg]) => String(msg)).filter((msg) => msg.startsWith('audit partitions'));
    try {
      const job = worker.app.get(AuditPartitionsJob, { strict: false });
      await job.tick();
      // (The run at start may have logged it already.)
      expect(alerts().length).toBeGreaterThanOrEqual(1);
      for (const msg of alerts()) expect(msg).toMatch(/ALERT: the default partition holds 1 audit entries .* audit_log_move_from_default/);

      // The owner moves it into its month's partition; the chain is as it was, and the next run is quiet.
      const [{ moved }] = await owner.query(`SELECT audit_log_move_from_default($1::date) AS moved`, [far.toISOString().slice(0, 10)]);
      expect(Number(moved)).toBe(1);
      expect(await partitionOfSeq(stray.seq)).toBe(partitionOf(far));
      expect(await verifyChain(t.dataSource, { chain })).toMatchObject({ entries: 1, valid: true });
      await expect(owner.query(`DELETE FROM ${partitionOf(far)}`)).rejects.toThrow(/append-only/);
      // The default partition, detached and attached again for the move, has its three triggers back.
      const triggers = await owner.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log_default'::regclass ORDER BY tgname`);
      expect(triggers.map((r: { tgname: string }) => r.tgname)).toEqual([
        'trg_audit_log_advance_head',
        'trg_audit_log_append_only',
        'trg_audit_log_no_truncate',
      ]);
      error.mockClear();
      const run = await job.runNow();
      expect(run.status).toMatchObject({ healthy: true, defaultEntries: 0 });
      await job.tick();
      expect(alerts()).toEqual([]);
      expect((await status()).healthy).toBe(true);
    } finally {
      error.mockRestore();
      await worker.close();
    }
  });
});
