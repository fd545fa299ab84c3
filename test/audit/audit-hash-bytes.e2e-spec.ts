import { DataSource } from 'typeorm';
import { AuditLog, GENESIS_HASH, computeEntryHash, verifyChain, verifyIncrementally } from '@app/audit';
import { buildDataSourceOptions } from '@app/database';
import { ownerDataSource, undoMigrationsThrough } from '../support/owner-data-source';
import { TestApp, createTestApp } from '../support/test-app';

const BYTES_MIGRATION = 'AuditHashesAsBytes1796455710000';

/**
 * AuditHashesAsBytes turns the hashes from 64 hex characters into their 32 bytes. The e2e
 * database is migrated from zero, so this file takes its copy back to the hex schema, writes
 * entries there as the code before the migration did, migrates again, appends with today's code,
 * and verifies the whole chain.
 */
describe('audit hashes stored as 32 bytes', () => {
  let t: TestApp;
  let owner: DataSource;

  const columnType = async (ds: DataSource, table: string, column: string) =>
    (await ds.query(`SELECT data_type FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`, [table, column]))[0].data_type;
  /** A fresh pool as the runtime role: statements prepared before a column changed type are not reused. */
  const runtime = async () => {
    const ds = new DataSource({ ...buildDataSourceOptions({ ...t.config.database, DATABASE_POOL_SIZE: 2 }) });
    return ds.initialize();
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await ownerDataSource(t, 2, { withEntities: true });
  });
  afterAll(async () => {
    await owner?.destroy();
    await t?.close();
  });

  it('entries written with hex hashes before the migration and with bytes after it verify as one chain', async () => {
    const chain = 'bytes-migration';
    const before = await runtime();
    await new AuditLog(before).appendMany(
      before.manager,
      Array.from({ length: 5 }, (_, i) => ({ actor: 'system' as const, action: 'test.before', subjectType: 'probe', subjectId: `B-${i}`, chain })),
    );
    await before.destroy();

    // Back to the hex schema (every migration after it too, then forward again below).
    await undoMigrationsThrough(owner, BYTES_MIGRATION);
    expect(await columnType(owner, 'audit_log', 'hash')).toBe('character');
    // As the code before the migration wrote them: hex text, linked to the head the trigger keeps.
    let [{ hash: prev }] = (await owner.query(`SELECT hash FROM audit_chain_head WHERE chain = $1`, [chain])) as { hash: string }[];
    expect(prev).toMatch(/^[0-9a-f]{64}$/);
    for (let i = 0; i < 5; i++) {
      const content = {
        chain,
        occurredAt: new Date().toISOString(),
        actorId: null,
        actorRole: 'system',
        action: 'test.hex-era',
        subjectType: 'probe',
        subjectId: `H-${i}`,
        changes: { i, note: 'naïve ☕' },
        correlationId: null,
      };
      const hash = computeEntryHash(prev, content);
      await owner.query(
        `INSERT INTO audit_log (chain, occurred_at, actor_role, action, subject_type, subject_id, changes, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [chain, content.occurredAt, content.actorRole, content.action, content.subjectType, content.subjectId, JSON.stringify(content.changes), prev, hash],
      );
      prev = hash;
    }

    await owner.runMigrations({ transaction: 'each' });
    expect(await columnType(owner, 'audit_log', 'hash')).toBe('bytea');
    expect(await columnType(owner, 'audit_chain_head', 'hash')).toBe('bytea');
    const [{ bytes }] = await owner.query(`SELECT min(octet_length(hash)) AS bytes FROM audit_log`);
    expect(Number(bytes)).toBe(32);

    const after = await runtime();
    try {
      const audit = new AuditLog(after);
      const [next] = await audit.appendMany(after.manager, [{ actor: 'system', action: 'test.after', subjectType: 'probe', subjectId: 'A-0', chain }]);
      expect(next.prevHash).toBe(prev);
      expect(next.hash).toMatch(/^[0-9a-f]{64}$/);
      await audit.appendMany(
        after.manager,
        Array.from({ length: 4 }, (_, i) => ({ actor: 'system' as const, action: 'test.after', subjectType: 'probe', subjectId: `A-${i + 1}`, chain })),
      );

      const v = await verifyChain(after, { chain });
      expect(v).toMatchObject({ chain, entries: 15, valid: true });
      expect(v.head?.hash).toMatch(/^[0-9a-f]{64}$/);
      const run = await verifyIncrementally(after, { batchSize: 100, fullPassEveryMs: null, now: () => new Date() });
      expect(run.broken).toEqual([]);

      // People still read hex: the entries as the API shows them link up in hex.
      const shown = (await audit.search({ subjectType: 'probe', limit: 20 })).filter((e) => e.chain === chain).reverse();
      expect(shown).toHaveLength(15);
      expect(shown[0].prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < shown.length; i++) expect(shown[i].prevHash).toBe(shown[i - 1].hash);
    } finally {
      await after.destroy();
    }
  });

  it('keeps one successor per entry, and refuses a hash that is not 32 bytes', async () => {
    const [row] = await owner.query(`SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1`);
    const insert = (prevHash: Buffer, hash: Buffer) =>
      owner.query(
        `INSERT INTO audit_log (chain, occurred_at, actor_role, action, subject_type, prev_hash, hash) VALUES ($1, now(), 'system', 'x', 'probe', $2, $3)`,
        [row.chain, prevHash, hash],
      );
    await expect(insert(row.prev_hash, Buffer.alloc(32, 7))).rejects.toThrow(/would fork/);
    await expect(insert(Buffer.alloc(32, 9), Buffer.alloc(31, 7))).rejects.toThrow(/ck_audit_log_hash_length/);
  });
});
