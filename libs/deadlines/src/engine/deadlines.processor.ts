import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { ConfigService, JobHandlers } from '@app/common';
import { DEADLINES_QUEUE, DeadlineJob, FireJobData } from './deadlines.queue';
import { FiringService } from './firing.service';

type Handlers = { [K in (typeof DeadlineJob)[keyof typeof DeadlineJob]]: (job: Job<FireJobData>, token?: string) => Promise<string> };

/**
 * Runs the deadline queue's jobs (worker process only): one handler per job name. A `fire` job
 * carries a deadline whose kind's handler (DeadlineHandlerRegistry) the worker checks at start-up.
 */
@Processor(DEADLINES_QUEUE)
export class DeadlinesProcessor extends WorkerHost implements JobHandlers, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private readonly handlers: Handlers;

  constructor(
    private readonly firing: FiringService,
    private readonly config: ConfigService,
  ) {
    super();
    this.handlers = { [DeadlineJob.Fire]: (job, token) => this.fire(job, token) };
  }

  handles(jobName: string): boolean {
    return typeof (this.handlers as Record<string, unknown>)[jobName] === 'function';
  }

  onApplicationBootstrap(): void {
    // Each running job holds a database connection; leave two for the scheduler and the sweep.
    const pool = this.config.get('database').DATABASE_POOL_SIZE;
    this.worker.concurrency = Math.max(1, Math.min(this.config.get('deadlines').DEADLINE_WORKER_CONCURRENCY, pool - 2));
    // E.g. a job's keys vanished with a Redis flush while it ran: Postgres still holds the
    // deadline, and the sweep fires it. Log it rather than let it surface as unhandled.
    this.worker.on('error', (e) => this.logger.warn(`deadline queue: ${e.message}`));
  }

  /** Takes no new job and waits for the firings in hand, while the database pool is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<FireJobData>, token?: string): Promise<string> {
    if (!this.handles(job.name)) throw new Error(`unknown deadline job ${job.name}`);
    return this.handlers[job.name as keyof Handlers](job, token);
  }

  private async fire(job: Job<FireJobData>, token?: string): Promise<string> {
    const outcome = await this.firing.fire(job.data, 'job', `job-${job.id}`);
    if (outcome.result === 'not-due' && token) {
      // Early (clock skew between hosts, or the due time moved later): wait and re-check.
      await job.moveToDelayed(outcome.at.getTime(), token);
      throw new DelayedError();
    }
    return outcome.result;
  }
}
