/**
 * Everything about the notifications queue in one place: its name, its job names and their
 * payloads, and the relay's tuning. The worker fails at start-up when a job name has no handler
 * (see NotificationsProcessor).
 */

/** The BullMQ queue of the mail relay (worker process only). */
export const NOTIFICATIONS_QUEUE = 'notifications';

export const NOTIFICATION_JOBS = {
  /** Claims due outbox rows and sends them, until none is due (or the round budget is spent). */
  relayTick: 'relay-tick',
  /** Seals legacy plaintext rows and purges sent messages' address and data after their retention (OutboxMaintenance). */
  outboxMaintenance: 'outbox-maintenance',
} as const;

export type NotificationJobName = (typeof NOTIFICATION_JOBS)[keyof typeof NOTIFICATION_JOBS];

/** Payload of each job: the relay reads everything from Postgres, so jobs carry nothing personal. */
export interface NotificationJobPayloads {
  'relay-tick': { reason: 'schedule' | 'trigger' };
  'outbox-maintenance': { reason: 'schedule' | 'startup' | 'trigger' };
}

/** The id of the repeatable relay tick (one scheduler per queue, whatever the number of workers). */
export const RELAY_TICK_SCHEDULER_ID = 'notifications-relay-tick';

/** The id of the repeatable outbox maintenance (seal legacy rows, purge sent bodies). */
export const OUTBOX_MAINTENANCE_SCHEDULER_ID = 'notifications-outbox-maintenance';

/** How often outbox maintenance runs (and once at each worker's start-up). */
export const OUTBOX_MAINTENANCE_EVERY_MS = 3_600_000;

/** How often the relay looks for due mail. */
export const RELAY_TICK_EVERY_MS = 3_000;

// Batch size, messages in flight and the SMTP pool's size are settings (MAIL_RELAY_BATCH_SIZE,
// MAIL_RELAY_CONCURRENCY, SMTP_POOL_CONNECTIONS, SMTP_POOL_MAX_MESSAGES; libs/common's MailEnv).

/** A tick stops claiming new batches after this long; the next tick goes on (at once: the processor asks for it). */
export const RELAY_TICK_BUDGET_MS = 20_000;

/** SMTP timeouts: short, so a dead server fails a round in seconds, not minutes. */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 5_000,
  greetingTimeout: 5_000,
  socketTimeout: 15_000,
  dnsTimeout: 5_000,
} as const;

/** The longest backoff between two attempts, whatever the attempt count. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/** last_error keeps at most this many characters. */
export const LAST_ERROR_MAX_LENGTH = 500;
