import { FieldEncryption, fieldAad } from '@app/common';

/**
 * The outbox holds no plaintext contact data: a message's address and its template data (names,
 * free text an officer wrote) are sealed with the field-encryption keys (docs/security.md), each
 * bound to its row and column, so an envelope copied to another message does not open.
 * Key rotation works as for every sealed field: old envelopes name their key, and
 * `FieldEncryption.reencrypt` moves them to the current one.
 */
const RECORD = 'notification';

export const recipientAad = (id: string) => fieldAad(RECORD, id, 'recipient');
export const dataAad = (id: string) => fieldAad(RECORD, id, 'data');

/**
 * What the unique dedup_key column holds: a keyed digest (blind index, FIELD_INDEX_KEY) of the
 * caller's key, prefixed `h1:`. Callers name the event and the recipient, and a recipient
 * without an account can only be named by an address; the digest keeps equality (one message per
 * key) without keeping the key. Idempotent: a digest is not digested again.
 */
export const DEDUP_DIGEST_PREFIX = 'h1:';
export function dedupDigest(crypto: FieldEncryption, dedupKey: string): string {
  if (dedupKey.startsWith(DEDUP_DIGEST_PREFIX)) return dedupKey;
  return DEDUP_DIGEST_PREFIX + crypto.blindIndex(dedupKey, 'notification.dedup-key');
}

/** The sealed columns of one message. */
export interface SealedBody {
  /** Null for a message to an account: the outbox keeps its id, never its address. */
  recipientEnc: string | null;
  dataEnc: string;
}

export function sealBody(crypto: FieldEncryption, id: string, recipient: string | null, data: Record<string, unknown>): SealedBody {
  return { recipientEnc: recipient === null ? null : crypto.encrypt(recipient, recipientAad(id)), dataEnc: crypto.encrypt(JSON.stringify(data), dataAad(id)) };
}

/** A stored row's body columns, as they come from SQL (snake_case) or the entity. */
export interface StoredBody {
  id: string;
  recipient_enc: string | null;
  data_enc: string | null;
  /** Legacy plaintext (rows written before sealing, until the worker seals them). */
  recipient: string | null;
  data: Record<string, unknown> | null;
}

/** What a message says, opened: null when purged (a sent message past its retention). */
export interface OpenedBody {
  recipient: string | null;
  data: Record<string, unknown> | null;
}

/** Opens a row's address, sealed or legacy plaintext; null when purged. Throws FieldDecryptionError on a bad envelope. */
export function openRecipient(crypto: FieldEncryption, row: StoredBody): string | null {
  return row.recipient_enc !== null ? crypto.decrypt(row.recipient_enc, recipientAad(row.id)) : row.recipient;
}

/** Opens a row's address and data, sealed or legacy plaintext. Throws FieldDecryptionError on a bad envelope. */
export function openBody(crypto: FieldEncryption, row: StoredBody): OpenedBody {
  return {
    recipient: openRecipient(crypto, row),
    data: row.data_enc !== null ? (JSON.parse(crypto.decrypt(row.data_enc, dataAad(row.id))) as Record<string, unknown>) : row.data,
  };
}

/** The body columns of an entity, in the shape openBody reads. */
export const storedBodyOf = (r: {
  id: string;
  recipientEnc: string | null;
  plainRecipient: string | null;
  dataEnc: string | null;
  plainData: Record<string, unknown> | null;
}): StoredBody => ({
  id: r.id,
  recipient_enc: r.recipientEnc,
  recipient: r.plainRecipient,
  data_enc: r.dataEnc,
  data: r.plainData,
});

/**
 * An address for lists: enough to tell two apart at a glance, not enough to write to or to
 * recognise a person by (`rosa.mendoza@workers.test` -> `r***@w***.test`).
 */
export function maskAddress(address: string | null): string | null {
  if (address === null) return null;
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${[...local][0]}***@${[...domain][0] ?? ''}***${tld}`;
}
