import { KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json';

/** What a checkpoint asserts: at `at`, entry `seq` of `chain` had hash `hash` and was its head. */
export interface AuditCheckpoint {
  v: 1;
  chain: string;
  /** A bigint, as a decimal string. */
  seq: string;
  hash: string;
  /** When it was taken: ISO 8601, UTC. */
  at: string;
}

/** Why a stored checkpoint line is not accepted. */
export type CheckpointLineProblem = 'malformed' | 'bad-signature';

const SEQ = /^[1-9]\d{0,18}$/;
const HASH = /^[0-9a-f]{64}$/;

/** The bytes signed: the canonical JSON of the five fields (docs/audit.md). */
const signedBytes = (c: AuditCheckpoint) => Buffer.from(canonicalJson({ v: c.v, chain: c.chain, seq: c.seq, hash: c.hash, at: c.at }), 'utf8');

/** One line of a checkpoint file: the checkpoint's fields plus `sig`, the base64url Ed25519 signature. */
export function signCheckpoint(checkpoint: AuditCheckpoint, signingKey: KeyObject): string {
  const sig = sign(null, signedBytes(checkpoint), signingKey).toString('base64url');
  return JSON.stringify({ ...checkpoint, sig });
}

/** Reads one line back; a line that does not parse, or whose signature does not hold, is refused. */
export function readCheckpointLine(line: string, publicKey: KeyObject): AuditCheckpoint | CheckpointLineProblem {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return 'malformed';
  }
  const { v, chain, seq, hash, at, sig } = parsed ?? {};
  if (
    v !== 1 ||
    typeof chain !== 'string' ||
    !chain ||
    typeof seq !== 'string' ||
    !SEQ.test(seq) ||
    typeof hash !== 'string' ||
    !HASH.test(hash) ||
    typeof at !== 'string' ||
    Number.isNaN(Date.parse(at)) ||
    typeof sig !== 'string'
  ) {
    return 'malformed';
  }
  const checkpoint: AuditCheckpoint = { v, chain, seq, hash, at };
  return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(sig, 'base64url')) ? checkpoint : 'bad-signature';
}
