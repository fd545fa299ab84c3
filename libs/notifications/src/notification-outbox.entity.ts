import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Language } from './languages';

export const NOTIFICATION_STATES = ['pending', 'sent', 'failed'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/**
 * One outgoing message (transactional outbox). Written by `Notifications.enqueue` in the
 * transaction of the change it reports, sent by the relay in the worker. Internal to this
 * library: others enqueue through `Notifications` and read through `NotificationsAdmin`.
 */
@Entity({ name: 'notification_outbox' })
@Unique('uq_notification_outbox_dedup_key', ['dedupKey'])
// What the relay scans: due pending rows, oldest first.
@Index('ix_notification_outbox_due', ['state', 'nextAttemptAt'], { where: `state = 'pending'` })
// Admin lists: one state, newest first.
@Index('ix_notification_outbox_state_created', ['state', 'createdAt'])
// Metrics: sent in the last hour.
@Index('ix_notification_outbox_sent_at', ['sentAt'], { where: `sent_at IS NOT NULL` })
@Check('ck_notification_outbox_state', `state IN ('pending','sent','failed')`)
@Check('ck_notification_outbox_language', `language IN ('en','fil','id','ne')`)
@Check('ck_notification_outbox_attempts', `attempts >= 0`)
export class NotificationOutbox {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification_outbox' })
  id: string;

  /** The email address the message goes to. */
  @Column({ type: 'text' })
  recipient: string;

  /** The account the message is about, when the recipient has one. */
  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  /** A key of the template registry, e.g. 'case.received'. */
  @Column({ type: 'text' })
  template: string;

  /** The language the message is rendered in (after any fallback to English). */
  @Column({ type: 'text' })
  language: Language;

  /** The template's variables: only what it needs, never secrets. */
  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** One message per key, ever: a retried business step enqueues nothing twice. */
  @Column({ type: 'text' })
  dedupKey: string;

  @Column({ type: 'text', default: 'pending' })
  state: NotificationState;

  /** Completed send attempts (failed ones, and the successful one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** The last failure, short, for admins (SMTP code and reply; never credentials). */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Pending: not before this instant (a retry's backoff, or a relay's lease while it sends). */
  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The Message-ID the SMTP server accepted (`<outbox id@lcs>`). */
  @Column({ type: 'text', nullable: true })
  messageId: string | null;
}
