import { EntityManager } from 'typeorm';
import { AuditCheckpoint } from './checkpoint';

/** How the log compares with the signed checkpoints of one chain. */
export interface CheckpointVerification {
  chain: string;
  checkpoints: number;
  /** The newest checkpoint (by seq). */
  latest: AuditCheckpoint;
  valid: boolean;
  /** The first checkpoint (by seq) the log disagrees with: its entry is missing or has another hash. */
  firstMismatch?: { checkpoint: AuditCheckpoint; found: string | null };
}

/**
 * Compares each checkpoint with the entry it names: same chain, same seq, same hash. The chain
 * links every entry to the one before it, so when `verifyAllChains` finds the chain intact and
 * the checkpoint's entry still has the signed hash, nothing up to that entry was changed, even by
 * someone who recomputed every hash after a change. Run it in the snapshot the chain was verified in.
 */
export async function verifyCheckpoints(manager: EntityManager, checkpoints: AuditCheckpoint[]): Promise<CheckpointVerification[]> {
  const byChain = new Map<string, AuditCheckpoint[]>();
  for (const c of checkpoints) byChain.set(c.chain, [...(byChain.get(c.chain) ?? []), c]);
  const results: CheckpointVerification[] = [];
  for (const chain of [...byChain.keys()].sort()) {
    const list = byChain.get(chain)!.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0));
    const rows = (await manager.query(`SELECT seq::text AS seq, encode(hash, 'hex') AS hash FROM audit_log WHERE chain = $1 AND seq = ANY($2::bigint[])`, [
      chain,
      [...new Set(list.map((c) => c.seq))],
    ])) as { seq: string; hash: string }[];
    const stored = new Map(rows.map((r) => [r.seq, r.hash]));
    const mismatch = list.find((c) => stored.get(c.seq) !== c.hash);
    results.push({
      chain,
      checkpoints: list.length,
      latest: list[list.length - 1],
      valid: !mismatch,
      ...(mismatch ? { firstMismatch: { checkpoint: mismatch, found: stored.get(mismatch.seq) ?? null } } : {}),
    });
  }
  return results;
}

/** One line for people, as `describeVerification` writes for the chains. */
export function describeCheckpointVerification(v: CheckpointVerification): string {
  const prefix = `audit checkpoints ${v.chain}:`;
  const m = v.firstMismatch;
  if (v.valid || !m) {
    return `${prefix} ${v.checkpoints} signed ${v.checkpoints === 1 ? 'checkpoint' : 'checkpoints'} match; latest seq ${v.latest.seq} taken ${v.latest.at}`;
  }
  const what = m.found === null ? 'is missing' : `has hash ${m.found}`;
  return (
    `${prefix} BROKEN at entry seq ${m.checkpoint.seq} (checkpoint-mismatch): the checkpoint signed ${m.checkpoint.at} says hash ` +
    `${m.checkpoint.hash} but the entry ${what}: the log was rewritten up to this entry`
  );
}
