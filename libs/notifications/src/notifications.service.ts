import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, FieldEncryption } from '@app/common';
import { CheckedMessage, NotificationMessage, PreparedMessage, checkMessage, prepareFor } from './message-input';
import { RecipientDirectory } from './recipients';
import { dedupDigest, sealBody } from './outbox-sealing';
import { NotificationTemplateError } from './templates/render';
import { sealSecretLinks } from './templates/secret-links';
import { StatementPart, preparedQuery } from '@app/database';

/**
 * Enqueues outgoing mail in the caller's transaction (transactional outbox). The relay in the
 * worker sends it after commit; nothing here talks to Redis or to an SMTP server.
 *
 * Mail is addressed to people (recipients.ts): an account's message keeps the account's id and
 * no address (the relay reads the address when it sends, through the RecipientDirectory); a
 * group is resolved here to its members, one message each; only someone without an account is
 * stored with an address, sealed with the field-encryption keys like the template data
 * (outbox-sealing.ts). The outbox holds no plaintext contact data.
 */
@Injectable()
export class Notifications {
  constructor(
    private readonly clock: Clock,
    private readonly crypto: FieldEncryption,
    private readonly directory: RecipientDirectory,
  ) {}

  /**
   * Writes the message to the outbox with the EntityManager of the caller's transaction, so the
   * business change and its mail commit or roll back together. A message whose `dedupKey` is
   * already in the outbox (from a retried step, or another path to the same event) is not added
   * again: `created` is false and `id` is the existing row's.
   *
   * A secret link (`mailSecretLink(url)`: a verification, reset or invitation link) is sealed before
   * it is written, so the outbox never holds it readable; the relay opens it when it sends.
   *
   * An account that is disabled (or a group with no active member) gets nothing: `id` is null and
   * `created` false. A group's messages are one per member; `enqueue` answers for the first.
   *
   * Validates before touching the database, and throws NotificationTemplateError (a programming
   * error) when the template does not exist, the data does not fit it (missing, unused or
   * non-scalar variables, a key that looks like a secret), or the audience is malformed (an
   * address that is not one address, an id that is not a uuid).
   */
  async enqueue(manager: EntityManager, msg: NotificationMessage & { to: { address: string } }): Promise<{ id: string; created: boolean }>;
  async enqueue(manager: EntityManager, msg: NotificationMessage): Promise<{ id: string | null; created: boolean }>;
  async enqueue(manager: EntityManager, msg: NotificationMessage): Promise<{ id: string | null; created: boolean }> {
    return (await this.enqueueMany(manager, [msg]))[0] ?? { id: null, created: false };
  }

  /**
   * Several messages at once (one insert), in the order given, a group's members in the
   * directory's order; the same rules as `enqueue`, each message deduplicated on its own key. All
   * are validated before any is written. Answers one entry per message written or recognised.
   */
  async enqueueMany(manager: EntityManager, messages: NotificationMessage[]): Promise<{ id: string; created: boolean }[]> {
    const rows = await this.outboxRows(manager, messages);
    if (!rows) return [];
    const { part, keys } = rows;
    const inserted = (await preparedQuery(manager, part.sql, part.values)) as { id: string; dedup_key: string }[];
    const insertedIds = new Map(inserted.map((r) => [r.dedup_key, r.id]));
    const missing = keys.filter((k) => !insertedIds.has(k));
    const existing = missing.length
      ? ((await manager.query(`SELECT id, dedup_key FROM notification_outbox WHERE dedup_key = ANY($1::text[])`, [missing])) as {
          id: string;
          dedup_key: string;
        }[])
      : [];
    const found = new Map(existing.map((r) => [r.dedup_key, r.id]));
    return keys.map((k) => {
      if (insertedIds.has(k)) return { id: insertedIds.get(k)!, created: true };
      if (!found.has(k)) throw new Error('notifications: dedup key conflicted but no row is visible; retry the transaction');
      return { id: found.get(k)!, created: false };
    });
  }

  /**
   * The outbox INSERT of enqueueMany, for a statement that writes more than the mail (filing a
   * complaint writes its acknowledgement with the case: composeStatement); null when no one is to
   * be mailed. The same checks, sealing and deduplication (a key already in the outbox inserts
   * nothing). `onlyIf`: an SQL condition over the statement's other parts (e.g. the
   * acknowledgement cap's verdict, `(SELECT room FROM ack_room)`); no row is written when it is false.
   */
  async enqueuePart(manager: EntityManager, messages: NotificationMessage[], onlyIf?: string): Promise<StatementPart | null> {
    return (await this.outboxRows(manager, messages, onlyIf))?.part ?? null;
  }

  /** The checked, sealed rows of messages as one INSERT, with their dedup digests; null when no one is to be mailed. */
  private async outboxRows(manager: EntityManager, messages: NotificationMessage[], onlyIf?: string): Promise<{ part: StatementPart; keys: string[] } | null> {
    if (!messages.length) return null;
    const checked = messages.map(checkMessage);
    // One after the other: the caller's transaction is one connection.
    const people: PreparedMessage[] = [];
    for (const msg of checked) people.push(...(await this.addressees(manager, msg)));
    if (!people.length) return null;
    // Validated and rendered with secret links in the clear; stored with them sealed (even the
    // admin's audited detail view never shows a link that opens an account).
    const prepared = people.map((m) => ({ ...m, data: sealSecretLinks(this.crypto, m.template, m.data) }));
    if (new Set(prepared.map((m) => m.dedupKey)).size !== prepared.length) throw new NotificationTemplateError('enqueueMany: two messages share a dedupKey');
    // The table keeps a keyed digest of each key, never the key (it may name a person).
    const keys = prepared.map((m) => dedupDigest(this.crypto, m.dedupKey));
    const column = <K extends keyof PreparedMessage>(k: K) => prepared.map((m) => m[k]);
    // The id is chosen here: the sealed values are bound to it (a row whose key already exists
    // inserts nothing, and its id is simply not used).
    const ids = prepared.map(() => randomUUID());
    const sealed = prepared.map((m, i) => sealBody(this.crypto, ids[i], m.recipient, m.data));
    const part = {
      sql: `INSERT INTO notification_outbox (id, recipient_enc, recipient_user_id, template, language, data_enc, dedup_key, state, attempts, next_attempt_at, created_at)
       SELECT id, recipient_enc, recipient_user_id, template, language, data_enc, dedup_key, 'pending', 0, $8, $8
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
              AS t(id, recipient_enc, recipient_user_id, template, language, data_enc, dedup_key, ord)${
                onlyIf
                  ? `
        WHERE ${onlyIf}`
                  : ''
              }
        ORDER BY ord
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id, dedup_key`,
      values: [
        ids,
        sealed.map((b) => b.recipientEnc),
        column('recipientUserId'),
        column('template'),
        column('language'),
        sealed.map((b) => b.dataEnc),
        keys,
        this.clock.now(),
      ],
    };
    return { part, keys };
  }

  /** The people a message goes to, each with their own row: an address as given, accounts through the directory. */
  private async addressees(m: EntityManager, msg: CheckedMessage): Promise<PreparedMessage[]> {
    const to = msg.to;
    if ('address' in to) return [prepareFor(msg, { address: to.address, userId: to.userId ?? null, dedupKey: msg.dedupKey })];
    const members = await this.directory.members(m, to);
    // One account keeps the caller's key; a group's members each get theirs.
    const single = 'user' in to;
    return members.map((p) =>
      prepareFor(msg, { address: null, userId: p.userId, language: p.language, dedupKey: single ? msg.dedupKey : `${msg.dedupKey}:${p.userId}` }),
    );
  }
}
