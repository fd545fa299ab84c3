import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { NotificationMessage, prepareMessage } from './message-input';

/**
 * Enqueues outgoing mail in the caller's transaction (transactional outbox). The relay in the
 * worker sends it after commit; nothing here talks to Redis or to an SMTP server.
 */
@Injectable()
export class Notifications {
  constructor(private readonly clock: Clock) {}

  /**
   * Writes the message to the outbox with the EntityManager of the caller's transaction, so the
   * business change and its mail commit or roll back together. A message whose `dedupKey` is
   * already in the outbox (from a retried step, or another path to the same event) is not added
   * again: `created` is false and `id` is the existing row's.
   *
   * Validates before touching the database, and throws NotificationTemplateError (a programming
   * error) when the template does not exist, the data does not fit it (missing, unused or
   * non-scalar variables, a key that looks like a secret), or the address is not one address.
   */
  async enqueue(manager: EntityManager, msg: NotificationMessage): Promise<{ id: string; created: boolean }> {
    const m = prepareMessage(msg);
    const now = this.clock.now();
    const inserted = (await manager.query(
      `INSERT INTO notification_outbox (recipient, recipient_user_id, template, language, data, dedup_key, state, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, 'pending', 0, $7, $7)
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id`,
      [m.recipient, m.recipientUserId, m.template, m.language, JSON.stringify(m.data), m.dedupKey, now],
    )) as { id: string }[];
    if (inserted.length) return { id: inserted[0].id, created: true };
    const existing = (await manager.query(`SELECT id FROM notification_outbox WHERE dedup_key = $1`, [m.dedupKey])) as { id: string }[];
    if (!existing.length) throw new Error('notifications: dedup key conflicted but no row is visible; retry the transaction');
    return { id: existing[0].id, created: false };
  }
}
