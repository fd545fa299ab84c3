import { DataSource } from 'typeorm';
import { GENESIS_DIGEST, computeEntryDigest } from '@app/audit';

/** The first instant (UTC) of the month `n` months after the month of `d`. */
export const monthStart = (d: Date, n = 0): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));

/** `audit_log_y2026m12`: the name of the partition of the UTC month of `d`. */
export const partitionOf = (d: Date): string => `audit_log_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

export interface DatedEntry {
  seq: string;
  hash: Buffer;
  /** The table the row landed in. */
  partition: string;
}

/** The INSERT of an entry dated `at` linked to `prev`, hashed as AuditLog.append hashes it, and its hash. */
export function datedEntry(chain: string, at: Date, subjectId: string, prev: Buffer): { sql: string; params: unknown[]; hash: Buffer } {
  const content = {
    chain,
    occurredAt: at.toISOString(),
    actorId: null,
    actorRole: 'system',
    action: 'test.dated',
    subjectType: 'probe',
    subjectId,
    changes: { at: at.toISOString() },
    correlationId: null,
  };
  const hash = computeEntryDigest(prev, content);
  return {
    sql: `INSERT INTO audit_log (chain, occurred_at, actor_role, action, subject_type, subject_id, changes, prev_hash, hash)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq::text AS seq, tableoid::regclass::text AS partition`,
    params: [chain, content.occurredAt, content.actorRole, content.action, content.subjectType, subjectId, JSON.stringify(content.changes), prev, hash],
    hash,
  };
}

/**
 * An entry dated `at` (AuditLog.append dates entries now), linked to its chain's head (locked, as
 * append locks it) and written with `ds`'s role: the runtime role may insert these columns, and
 * the owner may. `prevHash` overrides the link (to try a fork).
 */
export async function appendDated(ds: DataSource, chain: string, at: Date, subjectId: string, prevHash?: Buffer): Promise<DatedEntry> {
  return ds.transaction(async (m) => {
    const [head] = (await m.query(`SELECT hash FROM audit_chain_head WHERE chain = $1 FOR UPDATE`, [chain])) as { hash: Buffer }[];
    const entry = datedEntry(chain, at, subjectId, prevHash ?? head?.hash ?? GENESIS_DIGEST);
    const [row] = (await m.query(entry.sql, entry.params)) as { seq: string; partition: string }[];
    return { seq: row.seq, hash: entry.hash, partition: row.partition };
  });
}
