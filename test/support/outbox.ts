import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FieldEncryption } from '@app/common';
import { RecipientDirectory, StoredBody, dedupDigest, openBody } from '@app/notifications';

/** One outbox row with its sealed address and data opened (what the relay would send). */
export interface OutboxMessage {
  id: string;
  /**
   * Where it goes: the sealed address it holds (someone without an account), or, for a message
   * to an account (the row holds no address), the account's current address, as the relay would
   * read it. Null once purged, or when the account is disabled.
   */
  recipient: string | null;
  /** Whether the row itself holds an address (sealed), rather than only the account's id. */
  holdsAddress: boolean;
  data: Record<string, unknown> | null;
  template: string;
  language: string;
  state: string;
  /** As stored: the digest of the caller's key. */
  dedupKey: string;
  attempts: number;
  lastError: string | null;
  recipientUserId: string | null;
}

export interface OutboxFilter {
  id?: string;
  template?: string;
  /** The caller's key (the table holds its digest). */
  dedupKey?: string;
  /** Compared after opening (the table holds only envelopes). */
  recipient?: string;
}

/**
 * The outbox as tests read it: the address and data are sealed in the table (issue 17), so a
 * test opens them with the app's keys instead of selecting plain columns; a message to an account
 * holds no address, so its account's address is read through the app's RecipientDirectory (as
 * the relay does). Oldest first.
 */
export async function outboxMessages(t: { dataSource: DataSource; app: INestApplicationContext }, filter: OutboxFilter = {}): Promise<OutboxMessage[]> {
  const crypto = t.app.get(FieldEncryption, { strict: false });
  const rows = (await t.dataSource.query(
    `SELECT * FROM notification_outbox
      WHERE ($1::uuid IS NULL OR id = $1) AND ($2::text IS NULL OR template = $2) AND ($3::text IS NULL OR dedup_key = $3)
      ORDER BY created_at, id`,
    [filter.id ?? null, filter.template ?? null, filter.dedupKey !== undefined ? dedupDigest(crypto, filter.dedupKey) : null],
  )) as (StoredBody & {
    template: string;
    language: string;
    state: string;
    dedup_key: string;
    attempts: number;
    last_error: string | null;
    recipient_user_id: string | null;
    body_purged_at: Date | null;
  })[];
  const bodies = rows.map((r) => openBody(crypto, r));
  const accounts = [
    ...new Set(rows.filter((r, i) => bodies[i].recipient === null && r.recipient_user_id && !r.body_purged_at).map((r) => r.recipient_user_id!)),
  ];
  const mailboxes = accounts.length ? await t.app.get(RecipientDirectory, { strict: false }).mailboxes(t.dataSource.manager, accounts) : new Map();
  return rows
    .map((r, i) => {
      const body = bodies[i];
      const holdsAddress = body.recipient !== null;
      return {
        id: r.id,
        recipient: holdsAddress || r.body_purged_at || !r.recipient_user_id ? body.recipient : (mailboxes.get(r.recipient_user_id)?.email ?? null),
        holdsAddress,
        data: body.data,
        template: r.template,
        language: r.language,
        state: r.state,
        dedupKey: r.dedup_key,
        attempts: r.attempts,
        lastError: r.last_error,
        recipientUserId: r.recipient_user_id,
      };
    })
    .filter((m) => filter.recipient === undefined || m.recipient === filter.recipient);
}
