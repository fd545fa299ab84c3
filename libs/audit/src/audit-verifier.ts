import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { GENESIS_DIGEST, computeEntryDigest } from './audit-hash';

export const CHAIN_BREAK_REASONS = ['hash-mismatch', 'prev-hash-mismatch', 'not-genesis', 'head-mismatch', 'verified-point-changed'] as const;

/**
 * - `hash-mismatch`: the entry's contents do not hash to its stored hash: the entry was changed.
 * - `prev-hash-mismatch`: the entry's prev_hash is not the previous entry's hash: an entry was removed, inserted or moved.
 * - `not-genesis`: the chain's first entry does not start from the genesis hash: entries before it were removed.
 * - `head-mismatch`: the chain ends before its recorded head (audit_chain_head): its newest entries were removed.
 * - `verified-point-changed` (incremental verification only): the entry an earlier run verified last is gone or has another
 *   hash now: the log was rewritten up to it after it was verified.
 */
export type ChainBreakReason = (typeof CHAIN_BREAK_REASONS)[number];

export class ChainBreak {
  /** The first entry at which the chain does not hold (head-mismatch: the recorded head, which is missing). */
  @ApiProperty({
    pattern: '^[1-9][0-9]{0,18}$',
    example: '18342',
    description: 'The first entry at which the chain does not hold (`head-mismatch`: the recorded head, which is missing).',
  })
  seq: string;

  @ApiProperty({
    enum: CHAIN_BREAK_REASONS,
    enumName: 'ChainBreakReason',
    description:
      '`hash-mismatch`: the entry was changed; `prev-hash-mismatch`: an entry before it was removed, inserted or moved; `not-genesis`: entries before ' +
      "the chain's first were removed; `head-mismatch`: the chain's newest entries were removed; `verified-point-changed` (the background " +
      'verification only): the entry verified last by an earlier run is gone or has another hash: the log was rewritten up to it.',
  })
  reason: ChainBreakReason;

  /** hash-mismatch: the hash recomputed from the contents; head-mismatch: the recorded head's hash; verified-point-changed: the hash verified earlier; otherwise the prev_hash the entry should have. */
  @ApiProperty({
    description:
      "`hash-mismatch`: the hash recomputed from the contents; `head-mismatch`: the recorded head's hash (or `(no recorded head)`); `verified-point-changed`: the hash the entry had when it was verified; otherwise the `prevHash` the entry should have.",
  })
  expected: string;

  /** hash-mismatch: the stored hash; head-mismatch: the hash of the chain's last entry (or genesis); verified-point-changed: the stored hash (or `(missing)`); otherwise the stored prev_hash. */
  @ApiProperty({
    description:
      "`hash-mismatch`: the stored hash; `head-mismatch`: the hash of the chain's last entry (or the genesis hash); `verified-point-changed`: the entry's stored hash now (or `(missing)`); otherwise the stored `prevHash`.",
  })
  found: string;
}

/** A chain's last entry. */
export class ChainHead {
  @ApiProperty({ pattern: '^[1-9][0-9]{0,18}$', example: '18342' })
  seq: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  hash: string;
}

export class ChainVerification {
  @ApiProperty({ example: 'main' })
  chain: string;

  /** How many entries the chain has (all of them are counted, also past a break). */
  @ApiProperty({ type: 'integer', minimum: 0, example: 18342, description: 'How many entries the chain has (all of them, also past a break).' })
  entries: number;

  @ApiProperty({ example: true, description: 'True when every entry of the chain holds.' })
  valid: boolean;

  /** The last entry: what to anchor externally (meaningful only when valid). */
  @ApiPropertyOptional({
    type: ChainHead,
    description: 'The last entry: what to record outside the system to anchor the chain (meaningful only when valid). Absent for an empty chain.',
  })
  head?: ChainHead;

  @ApiPropertyOptional({ type: ChainBreak, description: 'Only when broken: the first entry that does not hold, and why.' })
  firstBroken?: ChainBreak;
}

export interface VerifyOptions {
  chain?: string;
  /** Entries read per query; memory use is bounded by it (default 5000). */
  batchSize?: number;
}

/** An entry as the verifiers read it (COLUMNS). */
export interface VerifiedRow {
  seq: string;
  chain: string;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  changes: Record<string, unknown>;
  correlation_id: string | null;
  /** The stored 32 bytes (bytea). */
  prev_hash: Buffer;
  hash: Buffer;
}

/** A stored hash as people read it: lowercase hex. */
export const hex = (hash: Buffer): string => hash.toString('hex');

// occurred_at with all six fractional digits: a value with sub-millisecond digits cannot come
// from `append` (which writes milliseconds), and keeping them makes the hash differ.
export const ENTRY_COLUMNS = `seq, chain, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash`;
// Two statements rather than `seq > coalesce(...)`: the first batch must not assume where seq starts.
const FIRST_BATCH = `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE chain = $1 ORDER BY seq LIMIT $2`;
const NEXT_BATCH = `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3`;
// Every distinct chain by skipping along ix_audit_log_chain_seq (no scan of the whole table).
export const CHAINS_IN_LOG = `WITH RECURSIVE chains(chain) AS (
    (SELECT chain FROM audit_log ORDER BY chain LIMIT 1)
  UNION ALL
    SELECT (SELECT a.chain FROM audit_log a WHERE a.chain > c.chain ORDER BY a.chain LIMIT 1) FROM chains c WHERE c.chain IS NOT NULL
  )
  SELECT chain FROM chains WHERE chain IS NOT NULL`;

/**
 * Walks one chain in seq order, in batches, recomputing every entry's hash and checking that
 * every prev_hash is the hash of the entry before it (the first one's: 64 zeros). That catches a
 * changed entry (hash-mismatch at it), a removed one (prev-hash-mismatch at the entry after the
 * gap, or not-genesis when it was the first), and inserted or reordered ones.
 *
 * Reads from one REPEATABLE READ, read-only snapshot (or in the caller's transaction when the
 * manager is in one), so appends running meanwhile do not disturb it.
 */
export async function verifyChain(source: DataSource | EntityManager, options: VerifyOptions = {}): Promise<ChainVerification> {
  return inSnapshot(source, (manager) => walkChain(manager, options.chain ?? 'main', batchSizeOf(options)));
}

/** Verifies every chain that has entries, and 'main' always (empty is reported as 0 entries), by name. */
export async function verifyAllChains(source: DataSource | EntityManager, options: Omit<VerifyOptions, 'chain'> = {}): Promise<ChainVerification[]> {
  const batchSize = batchSizeOf(options);
  return inSnapshot(source, async (manager) => {
    const found = ((await manager.query(CHAINS_IN_LOG)) as { chain: string }[]).map((r) => r.chain);
    const chains = [...new Set(['main', ...found])].sort();
    const results: ChainVerification[] = [];
    for (const chain of chains) results.push(await walkChain(manager, chain, batchSize));
    return results;
  });
}

/** One line for people: `audit chain main: 1234 entries, intact; head seq 1234 hash …`. */
export function describeVerification(v: ChainVerification): string {
  const prefix = `audit chain ${v.chain}:`;
  const b = v.firstBroken;
  if (v.valid || !b) {
    const head = v.head ? `; head seq ${v.head.seq} hash ${v.head.hash}` : '';
    return `${prefix} ${v.entries} ${v.entries === 1 ? 'entry' : 'entries'}, intact${head}`;
  }
  const why =
    b.reason === 'hash-mismatch'
      ? `its contents hash to ${b.expected} but it stores ${b.found}: the entry was changed`
      : b.reason === 'prev-hash-mismatch'
        ? `its prev_hash ${b.found} is not the hash of the entry before it (${b.expected}): an entry before it was removed, inserted or moved`
        : b.reason === 'head-mismatch'
          ? `the chain's recorded head is this entry (hash ${b.expected}) but the chain ends at hash ${b.found}: its newest entries were removed`
          : b.reason === 'verified-point-changed'
            ? `an earlier verification ended at this entry with hash ${b.expected}, but it now has ${b.found}: the log was rewritten up to it`
            : `it is the chain's first entry but its prev_hash is ${b.found}, not the genesis hash: entries before it were removed`;
  return `${prefix} BROKEN at entry seq ${b.seq} (${b.reason}): ${why}`;
}

function batchSizeOf(options: VerifyOptions): number {
  const size = options.batchSize ?? 5000;
  if (!Number.isInteger(size) || size < 1 || size > 100_000) throw new RangeError('audit: batchSize must be an integer from 1 to 100000');
  return size;
}

async function inSnapshot<T>(source: DataSource | EntityManager, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  const manager = source instanceof DataSource ? source.manager : source;
  if (manager.queryRunner?.isTransactionActive) return fn(manager);
  return manager.transaction('REPEATABLE READ', async (m) => {
    await m.query('SET TRANSACTION READ ONLY');
    return fn(m);
  });
}

async function walkChain(manager: EntityManager, chain: string, batchSize: number): Promise<ChainVerification> {
  let entries = 0;
  let previous: VerifiedRow | undefined;
  let firstBroken: ChainBreak | undefined;
  for (;;) {
    const rows = (await (previous
      ? manager.query(NEXT_BATCH, [chain, previous.seq, batchSize])
      : manager.query(FIRST_BATCH, [chain, batchSize]))) as VerifiedRow[];
    for (const row of rows) {
      entries += 1;
      firstBroken ??= checkEntry(row, previous ? previous.hash : null);
      previous = row;
    }
    if (rows.length < batchSize) break;
  }
  firstBroken ??= await checkHead(manager, chain, previous);
  return {
    chain,
    entries,
    valid: !firstBroken,
    ...(previous ? { head: { seq: String(previous.seq), hash: hex(previous.hash) } } : {}),
    ...(firstBroken ? { firstBroken } : {}),
  };
}

/** The chain must end exactly at its recorded head (absent only for a chain that never had an entry). */
export async function checkHead(manager: EntityManager, chain: string, last: Pick<VerifiedRow, 'seq' | 'hash'> | undefined): Promise<ChainBreak | undefined> {
  const [head] = (await manager.query(`SELECT seq, hash FROM audit_chain_head WHERE chain = $1`, [chain])) as { seq: string; hash: Buffer }[];
  if (!head) {
    return last ? { seq: String(last.seq), reason: 'head-mismatch', expected: '(no recorded head)', found: hex(last.hash) } : undefined;
  }
  if (last && String(last.seq) === String(head.seq) && last.hash.equals(head.hash)) return undefined;
  return { seq: String(head.seq), reason: 'head-mismatch', expected: hex(head.hash), found: hex(last?.hash ?? GENESIS_DIGEST) };
}

/**
 * Checks one entry: that it links to `prevHash` (the hash of the entry before it; null when it is
 * the chain's first, which must link to the genesis hash) and that its contents hash to its stored hash.
 */
export function checkEntry(row: VerifiedRow, prevHash: Buffer | null): ChainBreak | undefined {
  const seq = String(row.seq);
  const expectedPrev = prevHash ?? GENESIS_DIGEST;
  if (!row.prev_hash.equals(expectedPrev)) {
    return { seq, reason: prevHash !== null ? 'prev-hash-mismatch' : 'not-genesis', expected: hex(expectedPrev), found: hex(row.prev_hash) };
  }
  const recomputed = computeEntryDigest(row.prev_hash, {
    chain: row.chain,
    occurredAt: row.occurred_at.replace(/(\.\d{3})000Z$/, '$1Z'),
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    changes: row.changes,
    correlationId: row.correlation_id,
  });
  if (!recomputed.equals(row.hash)) return { seq, reason: 'hash-mismatch', expected: hex(recomputed), found: hex(row.hash) };
  return undefined;
}
