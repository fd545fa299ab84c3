import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CHAINS_IN_LOG, ChainBreak, ENTRY_COLUMNS, VerifiedRow, checkEntry, checkHead, hex } from '../audit-verifier';

export interface IncrementalOptions {
  /** Entries read and verified per transaction (one short REPEATABLE READ transaction per batch). */
  batchSize: number;
  /**
   * A valid chain whose pass began at least this long ago (ms) starts a new pass from its first
   * entry, so that history verified long ago is verified again; null: never by itself.
   */
  fullPassEveryMs: number | null;
  now: () => Date;
  /** Checked between batches: true ends the run early (shutdown); the point saved so far stays. */
  stopping?: () => boolean;
}

export interface IncrementalRun {
  /** Chains looked at. */
  chains: number;
  /** Entries read and verified past the verified points (the re-check of each point's own entry not counted). */
  read: number;
  /** Chains found broken by this run. */
  broken: string[];
  /** Chains that started a new pass from their first entry in this run (fullPassEveryMs). */
  restarted: string[];
}

interface Point {
  seq: string | null;
  hash: Buffer | null;
  entries: string;
  pass_started_at: Date;
  valid: boolean;
}

// The chains to look at: every chain with entries (skipping along ix_audit_log_chain_seq), with a
// recorded head, or with a point already, and `main` always.
const CHAINS = `SELECT chain FROM (${CHAINS_IN_LOG}) l UNION SELECT chain FROM audit_chain_head UNION SELECT chain FROM audit_verified_point UNION SELECT 'main'`;
const ENSURE_POINTS = `INSERT INTO audit_verified_point (chain, pass_started_at) SELECT unnest($1::text[]), $2 ON CONFLICT (chain) DO NOTHING`;
// SKIP LOCKED: another worker process advancing this chain now is left to it.
const LOCK_POINT = `SELECT seq::text AS seq, hash, entries::text AS entries, pass_started_at, valid FROM audit_verified_point WHERE chain = $1 FOR UPDATE SKIP LOCKED`;
const ENTRY_AT = `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE chain = $1 AND seq = $2`;
const FIRST_BATCH = `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE chain = $1 ORDER BY seq LIMIT $2`;
const NEXT_BATCH = `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3`;
const SAVE_POINT = `UPDATE audit_verified_point SET seq = $2, hash = $3, entries = $4, pass_started_at = $5, checked_at = $6, valid = $7,
  broken_seq = $8, broken_reason = $9, broken_expected = $10, broken_found = $11, broken_at = $12 WHERE chain = $1`;

/**
 * Verifies every chain from its last verified point forward (audit_verified_point), in batches of
 * `batchSize` entries, each batch in a short REPEATABLE READ transaction of its own that locks the
 * chain's point, reads the batch, checks it and saves the new point: no snapshot is held longer
 * than one batch, and a run that stops (shutdown, a crash) resumes where the last batch ended.
 *
 * At a chain's first batch of the run, the entry the point names is read again: it must still
 * exist, have the hash it had when verified and hash to it (else `verified-point-changed` or
 * `hash-mismatch`). Entries before the point are not read again: a rewrite of them that leaves
 * the point's entry as it was is found by a full pass only (`fullPassEveryMs`, restartVerification,
 * `audit:verify`); docs/audit.md says what each proves. When a batch reaches the chain's end, the
 * chain must end at its recorded head, in the same snapshot (else `head-mismatch`).
 *
 * A broken chain is not read further: its break stays recorded until restartVerification.
 */
export async function verifyIncrementally(dataSource: DataSource, options: IncrementalOptions): Promise<IncrementalRun> {
  const chains = ((await dataSource.query(CHAINS)) as { chain: string }[]).map((r) => r.chain).sort();
  await dataSource.query(ENSURE_POINTS, [chains, options.now()]);
  const run: IncrementalRun = { chains: 0, read: 0, broken: [], restarted: [] };
  for (const chain of chains) {
    if (options.stopping?.()) break;
    run.chains += 1;
    for (let first = true; ; first = false) {
      if (options.stopping?.()) break;
      const done = await dataSource
        .transaction('REPEATABLE READ', (m) => verifyBatch(m, chain, first, options, run))
        // Another process saved this chain's point after this transaction's snapshot: it has the chain.
        .catch((e: unknown) => (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '40001' ? true : Promise.reject(e)));
      if (done) break;
    }
  }
  return run;
}

/** One batch of one chain; true when the chain needs no further batch in this run. */
async function verifyBatch(m: EntityManager, chain: string, first: boolean, options: IncrementalOptions, run: IncrementalRun): Promise<boolean> {
  const [locked] = (await m.query(LOCK_POINT, [chain])) as Point[];
  if (!locked || !locked.valid) return true;
  const now = options.now();
  let point = locked;
  let broken: ChainBreak | undefined;
  if (first && options.fullPassEveryMs !== null && now.getTime() - new Date(point.pass_started_at).getTime() >= options.fullPassEveryMs) {
    point = { seq: null, hash: null, entries: '0', pass_started_at: now, valid: true };
    run.restarted.push(chain);
  } else if (first && point.seq !== null) {
    broken = await recheckPoint(m, chain, point);
  }
  let rows: VerifiedRow[] = [];
  let last: Pick<VerifiedRow, 'seq' | 'hash'> | undefined = point.seq !== null ? { seq: point.seq, hash: point.hash! } : undefined;
  let verified = 0;
  if (!broken) {
    rows = (await (last ? m.query(NEXT_BATCH, [chain, last.seq, options.batchSize]) : m.query(FIRST_BATCH, [chain, options.batchSize]))) as VerifiedRow[];
    for (const row of rows) {
      broken = checkEntry(row, last ? last.hash : null);
      if (broken) break;
      last = { seq: String(row.seq), hash: row.hash };
      verified += 1;
    }
    if (!broken && rows.length < options.batchSize) broken = await checkHead(m, chain, last);
  }
  run.read += rows.length;
  if (broken) run.broken.push(chain);
  await m.query(SAVE_POINT, [
    chain,
    last?.seq ?? null,
    last?.hash ?? null,
    String(BigInt(point.entries) + BigInt(verified)),
    point.pass_started_at,
    now,
    !broken,
    broken?.seq ?? null,
    broken?.reason ?? null,
    broken?.expected ?? null,
    broken?.found ?? null,
    broken ? now : null,
  ]);
  return !!broken || rows.length < options.batchSize;
}

/** The entry the point names must still be there, with the hash it was verified with, and hash to it. */
async function recheckPoint(m: EntityManager, chain: string, point: Point): Promise<ChainBreak | undefined> {
  const [row] = (await m.query(ENTRY_AT, [chain, point.seq])) as VerifiedRow[];
  if (!row || !row.hash.equals(point.hash!)) {
    return { seq: point.seq!, reason: 'verified-point-changed', expected: hex(point.hash!), found: row ? hex(row.hash) : '(missing)' };
  }
  // Its link was checked when it was verified; its contents must still hash to its stored hash.
  return checkEntry(row, row.prev_hash);
}

/**
 * Starts a new pass from the first entry of the given chain, or of every chain: the next run of
 * the job verifies all of it again (in batches), and forgets a recorded break (it finds it again
 * if it is still there). For after a repair, or to re-verify history verified long ago.
 */
export async function restartVerification(dataSource: DataSource, now: Date, chain?: string): Promise<number> {
  const [, affected] = (await dataSource.query(
    `UPDATE audit_verified_point SET seq = NULL, hash = NULL, entries = 0, pass_started_at = $1, valid = true,
       broken_seq = NULL, broken_reason = NULL, broken_expected = NULL, broken_found = NULL, broken_at = NULL
     WHERE $2::text IS NULL OR chain = $2`,
    [now, chain ?? null],
  )) as [unknown, number];
  return affected;
}
