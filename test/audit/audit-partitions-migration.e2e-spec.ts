import { DataSource } from 'typeorm';
import { AuditLog, verifyAllChains, verifyIncrementally } from '@app/audit';
import { buildDataSourceOptions } from '@app/database';
import { appendDated, monthStart, partitionOf } from '../support/audit-dated';
import { ownerDataSource, undoMigrationsThrough } from '../support/owner-data-source';
import { TestApp, createTestApp } from '../support/test-app';

const PARTITION_MIGRATION = 'AuditLogPartitionedByMonth1796456200000';

/**
 * AuditLogPartitionedByMonth moves audit_log into monthly partitions. The e2e database is migrated
 * from zero, so this file takes its copy back to one table, writes entries of several months there,
 * migrates again, and checks that every entry is in its month's partition with its seq, that the
 * identity goes on where it stood, and that every chain verifies; then down and up once more.
 */
describe('audit_log partitioned by month: the migration', () => {
  let t: TestApp;
  let owner: DataSource;
  const now = new Date();

  /** A fresh pool as the runtime role (the table under its name changes in this file). */
  const runtime = () => new DataSource(buildDataSourceOptions({ ...t.config.database, DATABASE_POOL_SIZE: 2 })).initialize();
  const kind = async () => (await owner.query(`SELECT relkind FROM pg_class WHERE oid = 'audit_log'::regclass`))[0].relkind as string;
  const rows = async () =>
    (await owner.query(
      `SELECT seq::text AS seq, encode(hash, 'hex') AS hash, tableoid::regclass::text AS partition, occurred_at FROM audit_log ORDER BY audit_log.seq`,
    )) as {
      seq: string;
      hash: string;
      partition: string;
      occurred_at: Date;
    }[];
  const sequence = async () => (await owner.query(`SELECT last_value::text AS last FROM audit_log_seq_seq`))[0].last as string;
  const allValid = async (ds: DataSource) => {
    const chains = await verifyAllChains(ds);
    expect(chains.filter((c) => !c.valid)).toEqual([]);
    return chains;
  };
  const appendNow = async (chain: string, n: number) => {
    const ds = await runtime();
    try {
      const audit = new AuditLog(ds);
      const out = [];
      for (let i = 0; i < n; i++)
        out.push(await audit.append(ds.manager, { actor: 'system', action: 'test.now', subjectType: 'probe', subjectId: `N-${i}`, chain }));
      return out;
    } finally {
      await ds.destroy();
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await ownerDataSource(t, 2, { withEntities: true });
  });
  afterAll(async () => {
    await owner?.destroy();
    await t?.close();
  });

  /** Appends through the running API's own pool, whose connections prepared the append's statement before the table changed. */
  const appendThroughApp = async (n: number) => {
    const audit = t.app.get(AuditLog);
    for (let i = 0; i < n; i++)
      await t.dataSource.transaction((m) => audit.append(m, { actor: 'system', action: 'test.app', subjectType: 'probe', chain: 'app' }));
  };

  it('moves every entry into its month with its seq, keeps the identity where it stood, and every chain verifies; down and up again', async () => {
    await appendThroughApp(6);
    await undoMigrationsThrough(owner, PARTITION_MIGRATION);
    expect(await kind()).toBe('r');

    // Entries of four months ago, two months ago, last month and now, in two chains, as the runtime role writes them.
    const writer = await runtime();
    try {
      for (const [months, n] of [
        [-4, 3],
        [-2, 2],
        [-1, 2],
      ]) {
        for (let i = 0; i < n; i++) {
          await appendDated(writer, 'dated', new Date(monthStart(now, months).getTime() + (i + 1) * 3_600_000), `D${months}-${i}`);
        }
      }
    } finally {
      await writer.destroy();
    }
    await appendNow('dated', 2);
    await appendNow('main', 3);
    await appendThroughApp(6);
    // A rolled-back append uses a number: the sequence stands past the highest seq.
    await expect(
      owner.transaction(async (m) => {
        await new AuditLog(owner).append(m, { actor: 'system', action: 'test.rolled-back', subjectType: 'probe', chain: 'dated' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const before = await rows();
    const lastValue = await sequence();
    expect(BigInt(lastValue)).toBeGreaterThan(BigInt(before[before.length - 1].seq));
    await allValid(owner);

    await owner.runMigrations({ transaction: 'each' });
    expect(await kind()).toBe('p');
    const after = await rows();
    expect(after.map(({ seq, hash }) => ({ seq, hash }))).toEqual(before.map(({ seq, hash }) => ({ seq, hash })));
    for (const r of after) expect(r.partition).toBe(partitionOf(new Date(r.occurred_at)));
    expect(new Set(after.map((r) => r.partition)).size).toBe(4);
    // Every month from the oldest entry's to three months ahead has its partition (the empty ones between too), and the default.
    const partitions = (
      (await owner.query(`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'audit_log'::regclass ORDER BY 1`)) as { name: string }[]
    ).map((r) => r.name);
    expect(partitions).toEqual(['audit_log_default', ...[-4, -3, -2, -1, 0, 1, 2, 3].map((n) => partitionOf(monthStart(now, n)))].sort());
    expect(await sequence()).toBe(lastValue);
    await allValid(owner);
    const [next] = await appendNow('dated', 1);
    expect(next.seq).toBe(String(BigInt(lastValue) + 1n));
    // The running app goes on appending: no restart needed (the columns kept their types).
    await appendThroughApp(6);
    const ds = await runtime();
    try {
      expect((await verifyIncrementally(ds, { batchSize: 3, fullPassEveryMs: null, now: () => new Date() })).broken).toEqual([]);
      expect((await allValid(ds)).find((c) => c.chain === 'dated')).toMatchObject({ entries: 10, valid: true });
    } finally {
      await ds.destroy();
    }

    // Down: one table again, with the former unique index and head trigger; the same rows.
    const beforeDown = await rows();
    expect(beforeDown.length).toBe(after.length + 7);
    await undoMigrationsThrough(owner, PARTITION_MIGRATION);
    expect(await kind()).toBe('r');
    const down = await rows();
    expect(down.map(({ seq, hash }) => ({ seq, hash }))).toEqual(beforeDown.map(({ seq, hash }) => ({ seq, hash })));
    expect(down.every((r) => r.partition === 'audit_log')).toBe(true);
    expect(await owner.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'uq_audit_log_chain_prev_hash'`)).toHaveLength(1);
    expect(await owner.query(`SELECT 1 FROM pg_proc WHERE proname LIKE 'audit_log_%partition%'`)).toHaveLength(0);
    await appendNow('main', 1);
    await appendThroughApp(2);
    await allValid(owner);

    // And up again.
    await owner.runMigrations({ transaction: 'each' });
    expect(await kind()).toBe('p');
    await appendNow('main', 1);
    const chains = await allValid(owner);
    expect(chains.find((c) => c.chain === 'main')).toMatchObject({ entries: 5, valid: true });
    for (const r of await rows()) expect(r.partition).toBe(partitionOf(new Date(r.occurred_at)));
  }, 120_000);
});
