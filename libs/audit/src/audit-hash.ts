import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prev_hash` of the first entry of every chain: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

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
  const { chain, occurredAt, actorId, actorRole, action, subjectType, subjectId, changes, correlationId } = content;
  const payload = canonicalJson({ chain, occurredAt, actorId, actorRole, action, subjectType, subjectId, changes, correlationId });
  return createHash('sha256')
    .update(prevHash + payload, 'utf8')
    .digest('hex');
}
