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
 *   2. runs the AuditHashesAsBytes migration (timed, with any later ones) and measures the sizes again;
 *   3. times the full verification (`audit:verify`'s verifyAllChains: one snapshot, every entry);
 *   4. times a first background run (verifyIncrementally from nothing: every entry, short batches);
 *   5. appends `--new` entries (default 10,000) through AuditLog.appendMany, in 17 chains, and
 *      times the next background run (only the new entries).
 *
 *   npm run bench:audit -- [--entries 1000000] [--new 10000] [--batch 5000] [--db lcs_bench_audit] [--keep]
 *
 * Prints one table; exit 1 when a chain does not verify. `--keep` leaves the database.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { admin, urlFor } from './lib/scratch-databases';
import { AuditEntryInput, AuditLog, verifyAllChains, verifyIncrementally } from '@app/audit';
import { buildMigrationDataSourceOptions } from '@app/database';
import { loadConfig } from '@app/common';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ENTRIES = Number(arg('entries', '1000000'));
const NEW = Number(arg('new', '10000'));
const BATCH = Number(arg('batch', '5000'));
const DB = arg('db', 'lcs_bench_audit');
const KEEP = process.argv.includes('--keep');
const CHAINS = ['main', ...Array.from({ length: 16 }, (_, i) => `complaints-intake-${i}`)];
const BYTES_MIGRATION = 'AuditHashesAsBytes1796455710000';

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

async function sizes(ds: DataSource): Promise<Record<string, number>> {
  await ds.query('VACUUM ANALYZE audit_log');
  const [t] = await ds.query(
    `SELECT pg_relation_size('audit_log') AS heap, pg_indexes_size('audit_log') AS indexes, pg_total_relation_size('audit_log') AS total`,
  );
  const idx = (await ds.query(
    `SELECT c.relname AS name, pg_relation_size(c.oid) AS size FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'audit_log'::regclass ORDER BY c.relname`,
  )) as { name: string; size: string }[];
  return { heap: Number(t.heap), indexes: Number(t.indexes), total: Number(t.total), ...Object.fromEntries(idx.map((r) => [r.name, Number(r.size)])) };
}

async function main() {
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB}`);
  const url = urlFor(DB);
  const config = loadConfig({ DATABASE_URL: url, DATABASE_MIGRATION_URL: url, DATABASE_POOL_SIZE: '4' } as Record<string, string>);
  const ds = new DataSource({ ...buildMigrationDataSourceOptions(config.database), logging: false });
  await ds.initialize();
  let failed = false;
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

    start = process.hrtime.bigint();
    await ds.runMigrations({ transaction: 'each' });
    const migrated = seconds(start);
    const bytes = await sizes(ds);

    start = process.hrtime.bigint();
    const full = await verifyAllChains(ds);
    const fullSeconds = seconds(start);
    failed ||= !full.every((c) => c.valid) || full.reduce((n, c) => n + c.entries, 0) !== ENTRIES;

    const options = { batchSize: BATCH, fullPassEveryMs: null, now: () => new Date() };
    start = process.hrtime.bigint();
    const first = await verifyIncrementally(ds, options);
    const firstSeconds = seconds(start);
    failed ||= first.broken.length > 0 || first.read !== ENTRIES;

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

    const [{ load }] = [
      {
        load: (await import('node:os'))
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
      },
    ];
    const rows: [string, string, string][] = [
      ['entries generated in SQL', `${ENTRIES} in ${CHAINS.length} chains`, `${generated.toFixed(1)} s`],
      ['audit_log, hex hashes: heap / indexes / total', `${mb(hex.heap)} / ${mb(hex.indexes)} / ${mb(hex.total)}`, ''],
      ['  uq_audit_log_hash / uq_audit_log_chain_prev_hash (hex)', `${mb(hex.uq_audit_log_hash)} / ${mb(hex.uq_audit_log_chain_prev_hash)}`, ''],
      ['AuditHashesAsBytes migration', '', `${migrated.toFixed(1)} s`],
      ['audit_log, 32-byte hashes: heap / indexes / total', `${mb(bytes.heap)} / ${mb(bytes.indexes)} / ${mb(bytes.total)}`, ''],
      ['  uq_audit_log_chain_prev_hash (bytes; uq_audit_log_hash dropped)', mb(bytes.uq_audit_log_chain_prev_hash), ''],
      ['full verification (verifyAllChains, one snapshot)', `${ENTRIES} entries`, `${fullSeconds.toFixed(1)} s`],
      [`background run from nothing (batches of ${BATCH})`, `${first.read} entries read`, `${firstSeconds.toFixed(1)} s`],
      [`background run after ${NEW} new entries`, `${next.read} entries read`, `${nextSeconds.toFixed(2)} s`],
      ['background run, nothing new', `${idle.read} entries read`, `${idleSeconds.toFixed(3)} s`],
    ];
    for (const name of Object.keys(hex).filter((k) => k.startsWith('ix_') || k.startsWith('pk_')))
      rows.splice(rows.length - 4, 0, [`  ${name}: hex / bytes`, `${mb(hex[name])} / ${mb(bytes[name])}`, '']);
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [what, size, time] of rows) console.log(`${what.padEnd(w)}  ${size.padEnd(34)}  ${time}`);
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
