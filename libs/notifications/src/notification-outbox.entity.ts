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
// Outbox maintenance: legacy rows still holding plaintext, to seal.
@Index('ix_notification_outbox_plain', ['id'], { where: `recipient IS NOT NULL OR data IS NOT NULL` })
@Check('ck_notification_outbox_state', `state IN ('pending','sent','failed')`)
@Check('ck_notification_outbox_language', `language IN ('en','fil','id','ne')`)
@Check('ck_notification_outbox_attempts', `attempts >= 0`)
// A row holds its address and data either sealed (new rows) or as legacy plaintext (rows written
// before sealing, until the worker seals them), never both.
@Check('ck_notification_outbox_sealed_or_plain', `(recipient_enc IS NULL OR recipient IS NULL) AND (data_enc IS NULL OR data IS NULL)`)
// A message waiting to be sent names whom it goes to: an account (its address is read when it is
// sent) or a sealed address; only a sent message loses its address (the retention purge).
@Check('ck_notification_outbox_addressed', `state = 'sent' OR recipient_enc IS NOT NULL OR recipient IS NOT NULL OR recipient_user_id IS NOT NULL`)
export class NotificationOutbox {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification_outbox' })
  id: string;

  /**
   * The address of someone without an account (a complainant who gave one, an invitee), sealed
   * with the field-encryption keys (AAD `notification:<id>:recipient`, see outbox-sealing.ts).
   * Null for a message to an account (`recipientUserId`: the relay reads the account's address
   * when it sends), once purged after NOTIFICATION_BODY_RETENTION_DAYS, and in legacy rows that
   * still hold `plainRecipient`. Rows enqueued before mail was addressed to accounts hold the
   * account's address here too, and are sent to it.
   */
  @Column({ type: 'text', nullable: true })
  recipientEnc: string | null;

  /**
   * Legacy: the address in plain text, as rows written before sealing hold it. Nothing writes it
   * any more; the worker's outbox maintenance seals such rows (and nulls this) at start-up and
   * every hour. Kept so such rows are still sent meanwhile.
   */
  @Column({ type: 'text', name: 'recipient', nullable: true })
  plainRecipient: string | null;

  /**
   * The account the message is addressed to. Without `recipientEnc`, the relay sends to this
   * account's address as it is when the message is sent (nothing when the account is disabled).
   * With it, the account the person also has (the admin view shows it).
   */
  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  /** A key of the template registry, e.g. 'case.received'. */
  @Column({ type: 'text' })
  template: string;

  /** The language the message is rendered in (after any fallback to English). */
  @Column({ type: 'text' })
  language: Language;

  /**
   * The template's variables (only what it needs, never secrets) as JSON, sealed like the
   * recipient (AAD `notification:<id>:data`): names and free text a template shows are personal
   * data. Null once purged, and in legacy rows that still hold `plainData`.
   */
  @Column({ type: 'text', nullable: true })
  dataEnc: string | null;

  /** Legacy: the variables in plain JSON (see `plainRecipient`). */
  @Column({ type: 'jsonb', name: 'data', nullable: true })
  plainData: Record<string, unknown> | null;

  /**
   * One message per key, ever: a retried business step enqueues nothing twice. Holds a keyed
   * digest of the caller's key (`h1:<blind index>`, see outbox-sealing.ts), never the key itself;
   * legacy rows hold the plain key until the worker's maintenance digests it.
   */
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

  /** When the retention purge removed the address and data of this sent message; null before. */
  @Column({ type: 'timestamptz', nullable: true })
  bodyPurgedAt: Date | null;
}
