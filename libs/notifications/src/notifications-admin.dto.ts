import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/common';
import type { Language } from './languages';
import { NOTIFICATION_STATES, NotificationOutbox, NotificationState } from './notification-outbox.entity';

export class ListNotificationsQuery extends PageQuery {
  /** Only messages in this state. */
  @IsOptional()
  @IsIn(NOTIFICATION_STATES)
  state?: NotificationState;
}

/** A message as lists show it: who and what, never its data. */
export class NotificationSummary {
  id: string;
  recipient: string;
  recipientUserId: string | null;
  template: string;
  language: Language;
  state: NotificationState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
  failedAt: string | null;
  messageId: string | null;
}

/** One message with the template data it is rendered from. */
export class NotificationDetail extends NotificationSummary {
  dedupKey: string;
  data: Record<string, unknown>;
}

export class NotificationMetrics {
  /** Messages waiting to be sent (pending, including those waiting for a retry). */
  backlog: number;
  /** Age of the oldest pending message, in whole seconds; 0 when none is pending. */
  oldestPendingAgeSeconds: number;
  /** Messages that gave up after MAIL_MAX_ATTEMPTS (or on a permanent refusal) and wait for an admin. */
  failed: number;
  /** Messages the SMTP server accepted in the last hour. */
  sentLastHour: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toNotificationSummary = (r: NotificationOutbox): NotificationSummary => ({
  id: r.id,
  recipient: r.recipient,
  recipientUserId: r.recipientUserId,
  template: r.template,
  language: r.language,
  state: r.state,
  attempts: r.attempts,
  lastError: r.lastError,
  nextAttemptAt: r.nextAttemptAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
  sentAt: iso(r.sentAt),
  failedAt: iso(r.failedAt),
  messageId: r.messageId,
});

export const toNotificationDetail = (r: NotificationOutbox): NotificationDetail => ({ ...toNotificationSummary(r), dedupKey: r.dedupKey, data: r.data });
