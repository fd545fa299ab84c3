import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/common';
import { NOTIFICATION_LANGUAGES, type Language } from './languages';
import { NOTIFICATION_STATES, NotificationOutbox, NotificationState } from './notification-outbox.entity';
import type { OpenedBody } from './outbox-sealing';

const STATE_DESCRIPTION =
  '`pending`: waiting to be sent (also between retries); `sent`: the SMTP server accepted it; `failed`: gave up after `MAIL_MAX_ATTEMPTS` ' +
  '(or on a permanent refusal) and waits for an admin to resend it.';

export class ListNotificationsQuery extends PageQuery {
  /** Only messages in this state. */
  @ApiPropertyOptional({
    enum: NOTIFICATION_STATES,
    enumName: 'NotificationState',
    enumSchema: { description: `An outgoing message's state. ${STATE_DESCRIPTION}` },
    description: `Only messages in this state. ${STATE_DESCRIPTION}`,
  })
  @IsOptional()
  @IsIn(NOTIFICATION_STATES)
  state?: NotificationState;
}

/** A message as lists show it: who and what, never its data. */
export class NotificationSummary {
  @ApiProperty({ format: 'uuid', example: 'c6f1b0a2-5d3e-4f7a-9b8c-1d2e3f4a5b6c' })
  id: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'm***@e***.com',
    description:
      'The email address the message goes to. Masked in lists (first letter of the name and of the domain, and the top-level domain); in full ' +
      "when one message is read (which is audited). Null once a sent message's address and data are purged (`bodyPurgedAt`).",
  })
  recipient: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The account the message is about, when the recipient has one.' })
  recipientUserId: string | null;

  @ApiProperty({ example: 'case.received', description: 'The template the message is rendered from (a key of the template registry).' })
  template: string;

  @ApiProperty({
    enum: NOTIFICATION_LANGUAGES,
    enumName: 'Language',
    enumSchema: { description: 'A language messages are written in: `en` English, `fil` Filipino, `id` Indonesian, `ne` Nepali.' },
    example: 'fil',
    description: 'The language it is written in (after any fallback to English).',
  })
  language: Language;

  @ApiProperty({
    enum: NOTIFICATION_STATES,
    enumName: 'NotificationState',
    enumSchema: { description: `An outgoing message's state. ${STATE_DESCRIPTION}` },
    example: 'failed',
    description: STATE_DESCRIPTION,
  })
  state: NotificationState;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 5,
    description: 'Send attempts made so far (the failed ones and the successful one); reset to 0 by a resend.',
  })
  attempts: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '550 5.1.1 mailbox unavailable',
    description: 'The last failure, short (SMTP code and reply); null when none.',
  })
  lastError: string | null;

  @ApiProperty({ format: 'date-time', description: "A pending message is not sent before this instant (a retry's backoff)." })
  nextAttemptAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T08:15:00.000Z', description: 'When it was enqueued.' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the SMTP server accepted it; null until then.' })
  sentAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was given up on; null unless failed.' })
  failedAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '<c6f1b0a2-5d3e-4f7a-9b8c-1d2e3f4a5b6c@lcs>',
    description: 'The Message-ID the SMTP server accepted; null until sent.',
  })
  messageId: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the address and data of this sent message were purged (`NOTIFICATION_BODY_RETENTION_DAYS` after it was sent); null before.',
  })
  bodyPurgedAt: string | null;
}

/** One message with the template data it is rendered from. */
export class NotificationDetail extends NotificationSummary {
  @ApiProperty({
    example: 'h1:7Qp0c3m1bS2kqv8xGZ1uY4o6n9rWfHjLtKdE5aVxC2s',
    description:
      "One message per key, ever: the caller's key names the event and the recipient, so nothing is mailed twice. Stored and shown as a keyed " +
      'digest (`h1:` and 43 characters) because a key may name a person; equal keys have equal digests. Messages queued before the ' +
      'outbox was sealed show their plain key until the worker digests it.',
  })
  dedupKey: string;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: {
      oneOf: [
        { type: 'string' },
        { type: 'number' },
        { type: 'object', required: ['date'], properties: { date: { type: 'string', format: 'date' } }, additionalProperties: false },
        {
          type: 'object',
          required: ['dateTime', 'zone'],
          properties: { dateTime: { type: 'string', format: 'date-time' }, zone: { type: 'string', example: 'Asia/Manila' } },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['money'],
          properties: {
            money: {
              type: 'object',
              required: ['minor', 'currency'],
              properties: { minor: { type: 'string', pattern: '^-?[0-9]+$' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
              additionalProperties: false,
            },
          },
          additionalProperties: false,
        },
        { type: 'object', required: ['term'], properties: { term: { type: 'string', example: 'mail.term.priority.urgent' } }, additionalProperties: false },
        {
          type: 'object',
          required: ['sealed'],
          properties: {
            sealed: { type: 'string', description: 'A secret link (verification, password reset, invitation), sealed: only the relay opens it when it sends.' },
          },
          additionalProperties: false,
        },
      ],
    },
    example: { referenceNumber: 'CMP-2026-000123-K', conciliationEnds: { date: '2026-08-14' } },
    description:
      "The template's variables (never secrets): strings and numbers, and typed values the mail writes in the recipient's language when it is sent: a local date `{ date }`, an instant `{ dateTime, zone }`, an amount `{ money: { minor, currency } }` (integer minor units), a catalogue term `{ term }`. " +
      'A link that opens an account (verification, password reset, invitation) is shown only sealed, `{ sealed }`: nobody reading the outbox can use it. Null once purged (`bodyPurgedAt`).',
  })
  data: Record<string, unknown> | null;
}

export class NotificationMetrics {
  /** Messages waiting to be sent (pending, including those waiting for a retry). */
  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Messages waiting to be sent (pending, including those waiting for a retry).' })
  backlog: number;

  /** Age of the oldest pending message, in whole seconds; 0 when none is pending. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'Age of the oldest pending message, in whole seconds; 0 when none is pending.' })
  oldestPendingAgeSeconds: number;

  /** Messages that gave up after MAIL_MAX_ATTEMPTS (or on a permanent refusal) and wait for an admin. */
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Messages that gave up after `MAIL_MAX_ATTEMPTS` (or on a permanent refusal) and wait for an admin.',
  })
  failed: number;

  /** Messages the SMTP server accepted in the last hour. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 41, description: 'Messages the SMTP server accepted in the last hour.' })
  sentLastHour: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A row's fields without its address and data (which are sealed: the service opens them). */
export type StoredNotification = Omit<NotificationOutbox, 'recipientEnc' | 'plainRecipient' | 'dataEnc' | 'plainData'>;

export const toNotificationSummary = (r: StoredNotification, recipient: string | null): NotificationSummary => ({
  id: r.id,
  recipient,
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
  bodyPurgedAt: iso(r.bodyPurgedAt),
});

export const toNotificationDetail = (r: StoredNotification, body: OpenedBody): NotificationDetail => ({
  ...toNotificationSummary(r, body.recipient),
  dedupKey: r.dedupKey,
  data: body.data,
});
