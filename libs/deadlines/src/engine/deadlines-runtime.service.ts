import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ConfigService, REDIS } from '@app/common';
import { DeadlineHandlerError, DeadlineHandlerRegistry } from '../handlers/handler-registry';
import { SchedulerService } from './scheduler.service';
import { OPEN_STATES_SQL } from '../entities/deadline.entity';

/**
 * The worker's deadline loop: at start-up, refuses to run when a kind in use has no handler
 * (DeadlinesModule writes missing default policies in every process); then runs the scheduler and the sweep on timers (plain
 * timers, not repeatable jobs: a Redis flush must not stop them).
 *
 * The sweep also runs, at once rather than at its next interval, when Redis comes back after an
 * outage, when a scheduler tick finds Redis without the sweep's marker (it lost its data), and
 * after a sweep that failed (retried at every tick until one succeeds). On shutdown the timers
 * stop, the loops finish the batch in hand, and the process waits for them.
 */
@Injectable()
export class DeadlinesRuntime implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();
  private stopping = false;
  /** The sweep in progress, if any: never two at once in this process. */
  private sweeping?: Promise<unknown>;
  /** The last sweep failed (e.g. Redis or Postgres down): the next tick or reconnection tries again. */
  private sweepOwed = false;
  private readonly onRedisReady = () => {
    // Back after an outage: what Redis holds may be gone (a restart without persistence).
    if (!this.stopping) this.track('sweep', this.sweepIfNeeded(true));
  };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: DeadlineHandlerRegistry,
    private readonly scheduler: SchedulerService,
    private readonly config: ConfigService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.assertEveryKindHasAHandler();
    const { DEADLINE_SCHEDULER_INTERVAL_MS, DEADLINE_SWEEP_INTERVAL_SECONDS } = this.config.get('deadlines');
    const sweeps = DEADLINE_SWEEP_INTERVAL_SECONDS > 0;
    if (DEADLINE_SCHEDULER_INTERVAL_MS > 0) {
      this.every(DEADLINE_SCHEDULER_INTERVAL_MS, 'scheduler', async () => {
        // A Redis that lost its data (or a sweep still owed) is repaired before anything is scheduled.
        if (sweeps) await this.sweepIfNeeded(false);
        return this.scheduler.scheduleDue();
      });
    }
    if (sweeps) {
      this.every(DEADLINE_SWEEP_INTERVAL_SECONDS * 1000, 'sweep', () => this.sweep());
      // A first sweep right away: after a restart, repair before waiting a whole interval.
      this.track('sweep', this.sweep());
      this.redis.on('ready', this.onRedisReady);
    }
  }

  /** First of the shutdown hooks: no new tick starts from here on. */
  onModuleDestroy(): void {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.redis.off('ready', this.onRedisReady);
  }

  /** Waits for the tick or sweep in hand (they stop after their current batch), before the pools close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  async assertEveryKindHasAHandler(): Promise<void> {
    const inUse = (await this.db.query(`SELECT kind FROM sla_policy UNION SELECT DISTINCT kind FROM deadline WHERE state IN (${OPEN_STATES_SQL})`)) as {
      kind: string;
    }[];
    const missing = inUse.map((r) => r.kind).filter((k) => !this.registry.get(k));
    if (missing.length) {
      throw new DeadlineHandlerError(`Deadline kinds with no handler (a module that registers them is missing): ${missing.sort().join(', ')}`);
    }
  }

  /** One sweep at a time; a failure is owed and retried at the next tick or reconnection. */
  private sweep(): Promise<unknown> {
    this.sweeping ??= this.scheduler
      .sweep()
      .then(
        (result) => {
          this.sweepOwed = false;
          return result;
        },
        (e: unknown) => {
          this.sweepOwed = true;
          throw e;
        },
      )
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Sweeps now when one is owed, when Redis has lost the sweep's marker, or (on reconnection) always. */
  private async sweepIfNeeded(reconnected: boolean): Promise<unknown> {
    if (this.sweeping) return this.sweeping;
    if (!reconnected && !this.sweepOwed && (await this.scheduler.markerPresent())) return null;
    if (this.stopping) return null;
    return this.sweep();
  }

  private every(ms: number, name: string, fn: () => Promise<unknown>) {
    let busy = false;
    this.timers.push(
      setInterval(() => {
        if (busy || this.stopping) return;
        busy = true;
        this.track(name, fn()).finally(() => (busy = false));
      }, ms),
    );
  }

  private track(name: string, p: Promise<unknown>): Promise<unknown> {
    const tracked = p.catch((e: unknown) => this.logger.error(`${name} failed: ${e instanceof Error ? e.message : String(e)}`));
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
    return tracked;
  }
}
