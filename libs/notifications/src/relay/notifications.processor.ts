import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject } from '@nestjs/common';
import { Job } from 'bullmq';
import type { JobHandlers } from '@app/common';
import { NOTIFICATIONS_QUEUE, NOTIFICATION_JOBS, NotificationJobName, NotificationJobPayloads } from '../notifications.constants';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { NotificationRelay } from './notification-relay';
import { OutboxMaintenance } from './outbox-maintenance';
import { NotificationsRelayScheduler } from './relay-scheduler';

type Handlers = { [K in NotificationJobName]: (job: Job<NotificationJobPayloads[K]>) => Promise<unknown> };

/**
 * The notifications queue's one worker (concurrency 1 per process: a tick already sends
 * MAIL_RELAY_CONCURRENCY messages at once; several worker processes share the work through SKIP
 * LOCKED). A tick that stopped on its time budget with mail still due asks for the next one at
 * once rather than leaving the backlog until the schedule's next tick.
 */
@Processor(NOTIFICATIONS_QUEUE, { concurrency: 1 })
export class NotificationsProcessor extends WorkerHost implements JobHandlers, BeforeApplicationShutdown {
  private readonly handlers: Handlers;

  constructor(
    private readonly relay: NotificationRelay,
    private readonly maintenance: OutboxMaintenance,
    private readonly scheduler: NotificationsRelayScheduler,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {
    super();
    this.handlers = {
      [NOTIFICATION_JOBS.relayTick]: () => this.relayTick(),
      [NOTIFICATION_JOBS.outboxMaintenance]: () => this.maintenance.run(),
    };
  }

  private async relayTick() {
    const result = await this.relay.relayDue();
    // Best effort: the scheduled tick comes anyway within RELAY_TICK_EVERY_MS.
    if (result.budgetSpent) await this.scheduler.trigger().catch(() => undefined);
    return result;
  }

  /** Every job name has exactly one handler, or the worker does not start (apps/worker/src/worker-jobs.ts checks). */
  handles(jobName: string): boolean {
    return typeof (this.handlers as Record<string, unknown>)[jobName] === 'function';
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as NotificationJobName] as ((job: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`notifications: unknown job '${job.name}'`);
    return handler(job);
  }

  /**
   * Lets the running job finish (the relay starts no new round once stopping, and cuts off sends
   * still open near SHUTDOWN_TIMEOUT_MS), then closes the SMTP connections. Before the application's
   * shutdown hooks, so the database pool is still open for the job's last writes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    try {
      await this.worker?.close();
    } finally {
      this.relay.finishedStopping();
      this.transport.close();
    }
  }
}
