import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prev_hash` of the first entry of every chain: 64 zeros (in hex; 32 zero bytes as stored). */
export const GENESIS_HASH = '0'.repeat(64);

/** The genesis hash as the database stores hashes: 32 zero bytes. */
export const GENESIS_DIGEST: Buffer = Buffer.alloc(32);

/** Exactly the fields an entry's hash covers (not `seq`, not the hashes themselves). */
export interface AuditHashedContent {
  chain: string;
  /** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  changes: Record<string, unknown>;
  correlationId: string | null;
}

/**
 * hash = lowercase hex SHA-256 of the UTF-8 bytes of `prevHash` (64 lowercase hex characters)
 * immediately followed by the canonical JSON (RFC 8785-like, see canonical-json.ts) of the nine
 * hashed fields. Absent optional fields are `null`, never left out. docs/audit.md spells this out
 * for anyone re-implementing the check.
 */
export function computeEntryHash(prevHash: string, content: AuditHashedContent): string {
  return createHash('sha256')
    .update(prevHash + hashedPayload(content), 'utf8')
    .digest('hex');
}

/**
 * The same hash as the 32 bytes the database stores (audit_log.hash is bytea), from the previous
 * entry's 32 bytes: the hash still covers the previous hash written in lowercase hex.
 */
export function computeEntryDigest(prevHash: Buffer, content: AuditHashedContent): Buffer {
  return createHash('sha256')
    .update(prevHash.toString('hex') + hashedPayload(content), 'utf8')
    .digest();
}

/** The canonical JSON an entry's hash covers (after its prevHash). */
function hashedPayload(content: AuditHashedContent): string {
  const { chain, occurredAt, actorId, actorRole, action, subjectType, subjectId, changes, correlationId } = content;
  return canonicalJson({ chain, occurredAt, actorId, actorRole, action, subjectType, subjectId, changes, correlationId });
}

// Stands for the time in a payload made before the time is known: random, so no entry's content can hold it.
const OCCURRED_AT_SLOT = `occurred-at-${randomUUID()}`;

/**
 * The hashed payload of an entry whose time is taken later (by the database, after the chain's
 * lock: AuditLog.append), in two parts: the payload is `before + occurredAt + after`, for the
 * occurredAt that is then written (ISO 8601, UTC, milliseconds, as toISOString writes it).
 */
export function hashedPayloadAround(content: Omit<AuditHashedContent, 'occurredAt'>): { before: string; after: string } {
  const payload = hashedPayload({ ...content, occurredAt: OCCURRED_AT_SLOT });
  const at = payload.lastIndexOf(OCCURRED_AT_SLOT);
  return { before: payload.slice(0, at), after: payload.slice(at + OCCURRED_AT_SLOT.length) };
}
