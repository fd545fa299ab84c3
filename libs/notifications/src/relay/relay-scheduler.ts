import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue, QueueEvents } from 'bullmq';
import {
  NOTIFICATIONS_QUEUE,
  NOTIFICATION_JOBS,
  NotificationJobPayloads,
  OUTBOX_MAINTENANCE_EVERY_MS,
  OUTBOX_MAINTENANCE_SCHEDULER_ID,
  RELAY_TICK_EVERY_MS,
  RELAY_TICK_SCHEDULER_ID,
} from '../notifications.constants';
import type { RelayResult } from './notification-relay';
import type { OutboxMaintenanceResult } from './outbox-maintenance';

const JOB_RETENTION: JobsOptions = {
  removeOnComplete: { age: 3_600, count: 100 },
  removeOnFail: { age: 7 * 24 * 3_600, count: 1_000 },
};

/**
 * Keeps the repeatable relay tick scheduled (every RELAY_TICK_EVERY_MS; one scheduler however
 * many workers upsert it) and lets the worker ask for a tick now. Also schedules the outbox
 * maintenance (hourly, and once when a worker starts, so legacy plaintext rows are sealed at once).
 */
@Injectable()
export class NotificationsRelayScheduler implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private events?: Promise<QueueEvents>;
  private keeper?: NodeJS.Timeout;

  constructor(@InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsert();
    const startup: NotificationJobPayloads['outbox-maintenance'] = { reason: 'startup' };
    await this.queue.add(NOTIFICATION_JOBS.outboxMaintenance, startup, JOB_RETENTION);
    // The tick's schedule lives in Redis: if Redis is flushed or replaced, it is gone. Upserting
    // it again every few ticks (idempotent) brings the relay back without a restart.
    this.keeper = setInterval(() => void this.upsert().catch(() => undefined), RELAY_TICK_EVERY_MS * 10);
  }

  private async upsert(): Promise<void> {
    const data: NotificationJobPayloads['relay-tick'] = { reason: 'schedule' };
    await this.queue.upsertJobScheduler(
      RELAY_TICK_SCHEDULER_ID,
      { every: RELAY_TICK_EVERY_MS },
      { name: NOTIFICATION_JOBS.relayTick, data, opts: JOB_RETENTION },
    );
    const maintenance: NotificationJobPayloads['outbox-maintenance'] = { reason: 'schedule' };
    await this.queue.upsertJobScheduler(
      OUTBOX_MAINTENANCE_SCHEDULER_ID,
      { every: OUTBOX_MAINTENANCE_EVERY_MS },
      { name: NOTIFICATION_JOBS.outboxMaintenance, data: maintenance, opts: JOB_RETENTION },
    );
  }

  /** Adds a relay tick now (it runs after the tick in progress, if any). */
  async trigger(): Promise<string> {
    const data: NotificationJobPayloads['relay-tick'] = { reason: 'trigger' };
    const job = await this.queue.add(NOTIFICATION_JOBS.relayTick, data, JOB_RETENTION);
    return job.id!;
  }

  /** Adds a relay tick and waits for its result (operator commands, tests). */
  async triggerAndWait(timeoutMs = 30_000): Promise<RelayResult> {
    const events = await this.queueEvents();
    const data: NotificationJobPayloads['relay-tick'] = { reason: 'trigger' };
    const job = await this.queue.add(NOTIFICATION_JOBS.relayTick, data, JOB_RETENTION);
    return (await job.waitUntilFinished(events, timeoutMs)) as RelayResult;
  }

  /** Runs the outbox maintenance now and waits for its result (operator commands, tests). */
  async maintainAndWait(timeoutMs = 30_000): Promise<OutboxMaintenanceResult> {
    const events = await this.queueEvents();
    const data: NotificationJobPayloads['outbox-maintenance'] = { reason: 'trigger' };
    const job = await this.queue.add(NOTIFICATION_JOBS.outboxMaintenance, data, JOB_RETENTION);
    return (await job.waitUntilFinished(events, timeoutMs)) as OutboxMaintenanceResult;
  }

  onModuleDestroy(): void {
    if (this.keeper) clearInterval(this.keeper);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.events) await (await this.events).close();
  }

  private queueEvents(): Promise<QueueEvents> {
    this.events ??= (async () => {
      const events = new QueueEvents(NOTIFICATIONS_QUEUE, { connection: this.queue.opts.connection, prefix: this.queue.opts.prefix });
      await events.waitUntilReady();
      return events;
    })();
    return this.events;
  }
}
