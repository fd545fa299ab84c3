/**
 * `npm run bench:audit`: audit verification and storage at scale (issue 23).
 *
 * In a database of its own (`--db`, default lcs_bench_audit, dropped and made anew; DATABASE_URL's
 * server, as a role that may create databases), migrated from zero and then taken back to the
 * schema before `AuditHashesAsBytes` (hashes as 64-character hex text), it generates N entries
 * with a valid chain in SQL (spread over 17 chains like production's `main` and the 16
 * `complaints-intake-<n>`, one entry every 30 s from 2026-01-01), then:
 *
 *   1. measures audit_log's table and index sizes with hex hashes (indexes rebuilt first, as the
 *      migration's rewrite rebuilds them);
 *   2. runs the AuditHashesAsBytes migration (timed, with the later ones up to partitioning) and
 *      measures the sizes again: one table, 32-byte hashes;
 *   3. on that one table: times the full verification (`audit:verify`'s verifyAllChains: one
 *      snapshot, every entry), a first background run (verifyIncrementally from nothing), appends
 *      `--new` entries (default 10,000) through AuditLog.appendMany in the 17 chains, and times
 *      the next background run (only the new entries) and one with nothing new; then times
 *      `--single` appends (default 1,000) one by one, a transaction each (filing's statement);
 *   4. runs AuditLogPartitionedByMonth (timed, with any later ones) and measures the sizes summed
 *      over the partitions, and what a side table keeping (chain, prev_hash) unique would cost;
 *   5. the same as 3 on the partitioned table (the background run from nothing is a new pass:
 *      restartVerification), the new entries landing in the current month's partition.
 *
 *   npm run bench:audit -- [--entries 1000000] [--new 10000] [--single 1000] [--batch 5000] [--db lcs_bench_audit] [--keep]
 *
 * Prints two tables; exit 1 when a chain does not verify or a count is off. `--keep` leaves the database.
 */
import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { admin, urlFor } from './lib/scratch-databases';
import { AuditEntryInput, AuditLog, restartVerification, verifyAllChains, verifyIncrementally } from '@app/audit';
import { buildMigrationDataSourceOptions } from '@app/database';
import { loadConfig } from '@app/common';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ENTRIES = Number(arg('entries', '1000000'));
const NEW = Number(arg('new', '10000'));
const SINGLE = Number(arg('single', '1000'));
const BATCH = Number(arg('batch', '5000'));
const DB = arg('db', 'lcs_bench_audit');
const KEEP = process.argv.includes('--keep');
const CHAINS = ['main', ...Array.from({ length: 16 }, (_, i) => `complaints-intake-${i}`)];
const BYTES_MIGRATION = 'AuditHashesAsBytes1796455710000';
const PARTITION_MIGRATION_TS = 1796456200000; // AuditLogPartitionedByMonth
const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The chain in SQL: each entry's hash is SHA-256 over the previous hash in hex and the canonical
 * JSON of its nine fields (docs/audit.md), keys in canonical order, as `append` writes them.
 * Runs with the owner's rights and the table's user triggers off (the head is set at the end).
 */
const GENERATE = `
DO $$
DECLARE
  chains text[] := $CHAINS$;
  prevs text[] := array_fill(repeat('0', 64), ARRAY[array_length($CHAINS$::text[], 1)]);
  k int; c text; ts timestamptz; payload text; h text;
BEGIN
  FOR i IN 1..$N$ LOOP
    k := 1 + (i % array_length(chains, 1));
    c := chains[k];
    ts := timestamptz '2026-01-01 00:00:00+00' + i * interval '30 seconds';
    payload := '{"action":"bench.entry","actorId":null,"actorRole":"system","chain":"' || c || '","changes":{"n":' || i ||
      '},"correlationId":null,"occurredAt":"' || to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ||
      '","subjectId":"S-' || i || '","subjectType":"bench"}';
    h := encode(sha256(convert_to(prevs[k] || payload, 'UTF8')), 'hex');
    INSERT INTO audit_log (chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash)
      VALUES (c, ts, NULL, 'system', 'bench.entry', 'bench', 'S-' || i, jsonb_build_object('n', i), NULL, prevs[k], h);
    prevs[k] := h;
  END LOOP;
END
$$`;

/** A relation's size, summed over its partitions when it is partitioned (a table or an index). */
const sizeOf = (fn: string, rel: string) => `coalesce((SELECT sum(${fn}(relid)) FROM pg_partition_tree('${rel}') WHERE isleaf), ${fn}('${rel}'))`;

async function sizes(ds: DataSource): Promise<Record<string, number>> {
  await ds.query('VACUUM ANALYZE audit_log');
  const [t] = await ds.query(
    `SELECT ${sizeOf('pg_relation_size', 'audit_log')} AS heap, ${sizeOf('pg_indexes_size', 'audit_log')} AS indexes,
            ${sizeOf('pg_total_relation_size', 'audit_log')} AS total`,
  );
  const names = (await ds.query(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'audit_log'::regclass ORDER BY c.relname`,
  )) as { name: string }[];
  const idx: Record<string, number> = {};
  for (const { name } of names) idx[name] = Number((await ds.query(`SELECT ${sizeOf('pg_relation_size', name)} AS size`))[0].size);
  return { heap: Number(t.heap), indexes: Number(t.indexes), total: Number(t.total), ...idx };
}

/**
 * What keeping (chain, prev_hash) unique across months in a side table would cost (docs/audit.md,
 * the choice not taken): the table and its primary key, made from the log and dropped.
 */
async function sideTableSize(ds: DataSource): Promise<{ heap: number; index: number }> {
  await ds.query(`CREATE TABLE bench_audit_successor AS SELECT chain, prev_hash FROM audit_log`);
  await ds.query(`ALTER TABLE bench_audit_successor ADD PRIMARY KEY (chain, prev_hash)`);
  await ds.query(`VACUUM ANALYZE bench_audit_successor`);
  const [r] = await ds.query(`SELECT pg_relation_size('bench_audit_successor') AS heap, pg_indexes_size('bench_audit_successor') AS index`);
  await ds.query(`DROP TABLE bench_audit_successor`);
  return { heap: Number(r.heap), index: Number(r.index) };
}

interface Verification {
  full: number;
  fullEntries: number;
  first: number;
  firstRead: number;
  next: number;
  nextRead: number;
  idle: number;
  /** Seconds per entry appended one by one (AuditLog.append, a transaction each: filing's statement). */
  single: number;
  failed: boolean;
}

/** The full verification, a background run from nothing, `--new` entries appended, the next run, one with nothing new. */
async function verifications(ds: DataSource, expected: number): Promise<Verification> {
  let start = process.hrtime.bigint();
  const full = await verifyAllChains(ds);
  const fullSeconds = seconds(start);
  const fullEntries = full.reduce((n, c) => n + c.entries, 0);
  let failed = !full.every((c) => c.valid) || fullEntries !== expected;

  const options = { batchSize: BATCH, fullPassEveryMs: null, now: () => new Date() };
  await restartVerification(ds, new Date());
  start = process.hrtime.bigint();
  const first = await verifyIncrementally(ds, options);
  const firstSeconds = seconds(start);
  failed ||= first.broken.length > 0 || first.read !== expected;

  const audit = new AuditLog(ds);
  for (const chain of CHAINS) {
    const n = Math.floor(NEW / CHAINS.length) + (chain === 'main' ? NEW % CHAINS.length : 0);
    const entries: AuditEntryInput[] = Array.from({ length: n }, (_, i) => ({
      actor: 'system',
      action: 'bench.new',
      subjectType: 'bench',
      subjectId: `N-${i}`,
      changes: { i },
      chain,
    }));
    for (let i = 0; i < entries.length; i += 1000) await audit.appendMany(ds.manager, entries.slice(i, i + 1000));
  }
  start = process.hrtime.bigint();
  const next = await verifyIncrementally(ds, options);
  const nextSeconds = seconds(start);
  failed ||= next.broken.length > 0 || next.read !== NEW;

  start = process.hrtime.bigint();
  const idle = await verifyIncrementally(ds, options);
  const idleSeconds = seconds(start);
  failed ||= idle.read !== 0;

  start = process.hrtime.bigint();
  for (let i = 0; i < SINGLE; i++) {
    await ds.transaction((m) =>
      audit.append(m, { actor: 'system', action: 'bench.single', subjectType: 'bench', subjectId: `S1-${i}`, chain: CHAINS[i % CHAINS.length] }),
    );
  }
  const singleSeconds = seconds(start) / Math.max(SINGLE, 1);
  return {
    full: fullSeconds,
    fullEntries,
    first: firstSeconds,
    firstRead: first.read,
    next: nextSeconds,
    nextRead: next.read,
    idle: idleSeconds,
    single: singleSeconds,
    failed,
  };
}

const print = (rows: string[][]) => {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
};

async function main() {
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB}`);
  const url = urlFor(DB);
  const config = loadConfig({ DATABASE_URL: url, DATABASE_MIGRATION_URL: url, DATABASE_POOL_SIZE: '4' } as Record<string, string>);
  const options = { ...buildMigrationDataSourceOptions(config.database), logging: false } as DataSourceOptions;
  const ds = new DataSource(options);
  await ds.initialize();
  let failed: boolean;
  try {
    await ds.runMigrations({ transaction: 'each' });
    // Back to the hex schema: undo the migrations from the last one down to AuditHashesAsBytes.
    const undone: string[] = [];
    for (;;) {
      const [last] = (await ds.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`)) as { name: string }[];
      await ds.undoLastMigration({ transaction: 'each' });
      undone.push(last.name);
      if (last.name === BYTES_MIGRATION) break;
    }
    // The later ones are applied again with it (timed together): they touch no audit row, and this database holds nothing else.
    if (undone.length > 1) console.log(`undid ${undone.length - 1} later migration(s) with it; they run again with it: ${undone.slice(0, -1).join(', ')}`);

    let start = process.hrtime.bigint();
    await ds.transaction(async (m) => {
      await m.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await m.query(GENERATE.replaceAll('$CHAINS$', `'{${CHAINS.join(',')}}'`).replaceAll('$N$', String(ENTRIES)));
      await m.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      await m.query(`INSERT INTO audit_chain_head (chain, seq, hash) SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_log ORDER BY chain, seq DESC`);
    });
    const generated = seconds(start);
    // Indexes built freshly, as the migration's rewrite builds them: sizes compared like for like.
    await ds.query('REINDEX TABLE audit_log');
    const hex = await sizes(ds);

    // Up to partitioning: the migrations before AuditLogPartitionedByMonth only.
    const beforePartitioning = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d+-\w+\.(ts|js)$/.test(f) && Number(f.split('-')[0]) < PARTITION_MIGRATION_TS)
      .map((f) => join(MIGRATIONS_DIR, f));
    const upTo = new DataSource({ ...options, migrations: beforePartitioning });
    await upTo.initialize();
    start = process.hrtime.bigint();
    try {
      await upTo.runMigrations({ transaction: 'each' });
    } finally {
      await upTo.destroy();
    }
    const migrated = seconds(start);
    const bytes = await sizes(ds);
    const one = await verifications(ds, ENTRIES);

    // The same entries as the partitioned table will hold (with the --new ones), indexes rebuilt as the partitioning builds them.
    await ds.query('REINDEX TABLE audit_log');
    const bytesAll = await sizes(ds);

    start = process.hrtime.bigint();
    await ds.runMigrations({ transaction: 'each' });
    const partitionedIn = seconds(start);
    const parts = await sizes(ds);
    const [{ n: partitionCount }] = await ds.query(`SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'audit_log'::regclass`);
    const side = await sideTableSize(ds);
    const partitioned = await verifications(ds, ENTRIES + NEW + SINGLE);
    failed = one.failed || partitioned.failed;

    const load = (await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const indexNames = Object.keys(hex).filter((k) => k.startsWith('ix_') || k.startsWith('pk_'));
    print([
      [
        'audit_log',
        `hex hashes, ${ENTRIES}`,
        `32-byte hashes, ${ENTRIES}`,
        `32-byte hashes, ${ENTRIES + NEW + SINGLE}`,
        `partitioned, ${ENTRIES + NEW + SINGLE}`,
      ],
      ...(['heap', 'indexes', 'total'] as const).map((k) => [`  ${k}`, mb(hex[k]), mb(bytes[k]), mb(bytesAll[k]), mb(parts[k])]),
      ['  uq_audit_log_hash', mb(hex.uq_audit_log_hash), 'dropped', '', ''],
      [
        '  uq_audit_log_chain_prev_hash',
        mb(hex.uq_audit_log_chain_prev_hash),
        mb(bytes.uq_audit_log_chain_prev_hash),
        mb(bytesAll.uq_audit_log_chain_prev_hash),
        'not rebuilt',
      ],
      ...indexNames.map((name) => [`  ${name}`, mb(hex[name]), mb(bytes[name]), mb(bytesAll[name]), mb(parts[name])]),
      ['  or a side table keeping (chain, prev_hash) unique: heap + key', '', '', '', `${mb(side.heap)} + ${mb(side.index)}`],
      ['partitions (the default one included)', '', '', '', String(partitionCount)],
      ['entries generated in SQL', `${generated.toFixed(1)} s`, '', '', ''],
      ['migration', '', `${migrated.toFixed(1)} s (AuditHashesAsBytes and later)`, '', `${partitionedIn.toFixed(1)} s (AuditLogPartitionedByMonth)`],
    ]);
    console.log('');
    print([
      ['verification', 'one table', 'partitioned'],
      [
        'full (verifyAllChains, one snapshot)',
        `${one.fullEntries} entries ${one.full.toFixed(2)} s`,
        `${partitioned.fullEntries} entries ${partitioned.full.toFixed(2)} s`,
      ],
      [
        `background run from nothing (batches of ${BATCH})`,
        `${one.firstRead} read ${one.first.toFixed(2)} s`,
        `${partitioned.firstRead} read ${partitioned.first.toFixed(2)} s`,
      ],
      [
        `background run after ${NEW} new entries`,
        `${one.nextRead} read ${one.next.toFixed(3)} s`,
        `${partitioned.nextRead} read ${partitioned.next.toFixed(3)} s`,
      ],
      ['background run, nothing new', `${one.idle.toFixed(3)} s`, `${partitioned.idle.toFixed(3)} s`],
      [
        `${SINGLE} appends one by one (AuditLog.append, a transaction each)`,
        `${(one.single * 1000).toFixed(2)} ms each`,
        `${(partitioned.single * 1000).toFixed(2)} ms each`,
      ],
    ]);
    console.log(`load average at the end: ${load}; ${failed ? 'FAILED: a chain did not verify or a count is off' : 'every chain verified'}`);
  } finally {
    await ds.destroy();
    if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
