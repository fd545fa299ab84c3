import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Clock, ConflictException, FieldEncryption, NotFoundException, Page, pageOf, pageOffset } from '@app/common';
import { NotificationOutbox } from './notification-outbox.entity';
import {
  ListNotificationsQuery,
  NotificationDetail,
  NotificationMetrics,
  NotificationSummary,
  toNotificationDetail,
  toNotificationSummary,
} from './notifications-admin.dto';
import { OpenedBody, maskAddress, openBody, storedBodyOf } from './outbox-sealing';
import { RecipientDirectory } from './recipients';

export class NotificationNotFailedException extends ConflictException {
  constructor(state: string) {
    super('notification-not-failed', `Only a failed notification can be resent; this one is ${state}.`, { state });
  }
}

/** Who reads or resends, for the audit log. */
export interface NotificationAdminActor {
  actor: AuditActor;
  correlationId?: string | null;
}

/**
 * What admins see of the outbox and the one thing they may do to it: resend a failed message.
 * Lists show masked addresses and no data; reading one message shows its address and data in
 * full and is audited (`notification.viewed`), whoever it concerns: every message is addressed to
 * a person, and this library cannot tell (without reading other modules' tables) whether that
 * person is an identity-protected complainant.
 */
@Injectable()
export class NotificationsAdmin {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly crypto: FieldEncryption,
    private readonly directory: RecipientDirectory,
  ) {}

  /**
   * What admins see of each row: its address and data opened; a message to an account shows the
   * account's current address (read from the directory: the outbox keeps none), null when the
   * account is disabled or the message purged.
   */
  private async opened(rows: NotificationOutbox[]): Promise<OpenedBody[]> {
    const bodies = rows.map((r) => openBody(this.crypto, storedBodyOf(r)));
    const ids = [
      ...new Set(rows.filter((r, i) => bodies[i].recipient === null && r.recipientUserId !== null && r.bodyPurgedAt === null).map((r) => r.recipientUserId!)),
    ];
    if (!ids.length) return bodies;
    const boxes = await this.directory.mailboxes(this.db.manager, ids);
    return bodies.map((b, i) =>
      b.recipient === null && rows[i].bodyPurgedAt === null && rows[i].recipientUserId
        ? { ...b, recipient: boxes.get(rows[i].recipientUserId!)?.email ?? null }
        : b,
    );
  }

  /** Newest first, optionally one state only; masked addresses, without the template data. */
  async list(query: ListNotificationsQuery): Promise<Page<NotificationSummary>> {
    const qb = this.db.getRepository(NotificationOutbox).createQueryBuilder('n').orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC');
    if (query.state) qb.andWhere('n.state = :state', { state: query.state });
    const [rows, total] = await qb.skip(pageOffset(query)).take(query.pageSize).getManyAndCount();
    const bodies = await this.opened(rows);
    return pageOf(
      rows.map((r, i) => toNotificationSummary(r, maskAddress(bodies[i].recipient))),
      total,
      query,
    );
  }

  /** One message with its address and data; the read is audited in its own transaction before anything is shown. */
  async get(id: string, by: NotificationAdminActor): Promise<NotificationDetail> {
    const row = await this.db.getRepository(NotificationOutbox).findOneBy({ id });
    if (!row) throw new NotFoundException('notification');
    const detail = toNotificationDetail(row, (await this.opened([row]))[0]);
    await this.db.transaction((m) =>
      this.audit.append(m, {
        actor: by.actor,
        action: 'notification.viewed',
        subjectType: 'notification',
        subjectId: id,
        changes: { template: row.template, purged: row.bodyPurgedAt !== null },
        correlationId: by.correlationId ?? null,
      }),
    );
    return detail;
  }

  /**
   * Puts a failed message back in the queue: pending, attempts 0, due now. Audited in the same
   * transaction. Anything but a failed message is a 409 (a pending one is already queued; a
   * sent one would be sent twice).
   */
  async resend(id: string, by: NotificationAdminActor): Promise<NotificationDetail> {
    return this.db.transaction(async (m) => {
      const row = await m.getRepository(NotificationOutbox).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundException('notification');
      if (row.state !== 'failed') throw new NotificationNotFailedException(row.state);
      const now = this.clock.now();
      await m.update(NotificationOutbox, { id }, { state: 'pending', attempts: 0, nextAttemptAt: now, failedAt: null });
      await this.audit.append(m, {
        actor: by.actor,
        action: 'notification.resent',
        subjectType: 'notification',
        subjectId: id,
        changes: { state: { from: 'failed', to: 'pending' }, attempts: { from: row.attempts, to: 0 }, template: row.template },
        correlationId: by.correlationId ?? null,
      });
      return toNotificationDetail({ ...row, state: 'pending', attempts: 0, nextAttemptAt: now, failedAt: null }, (await this.opened([row]))[0]);
    });
  }

  async metrics(): Promise<NotificationMetrics> {
    const now = this.clock.now();
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const [row] = (await this.db.query(
      `SELECT
         (SELECT count(*) FROM notification_outbox WHERE state = 'pending')::int AS backlog,
         (SELECT min(created_at) FROM notification_outbox WHERE state = 'pending') AS oldest,
         (SELECT count(*) FROM notification_outbox WHERE state = 'failed')::int AS failed,
         (SELECT count(*) FROM notification_outbox WHERE sent_at IS NOT NULL AND sent_at > $1 AND state = 'sent')::int AS sent_last_hour`,
      [hourAgo],
    )) as { backlog: number; oldest: Date | null; failed: number; sent_last_hour: number }[];
    return {
      backlog: row.backlog,
      oldestPendingAgeSeconds: row.oldest ? Math.max(0, Math.floor((now.getTime() - new Date(row.oldest).getTime()) / 1000)) : 0,
      failed: row.failed,
      sentLastHour: row.sent_last_hour,
    };
  }
}
