import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigService } from '@app/common';
import { DeadlineHandlerError, DeadlineHandlerRegistry } from '../handlers/handler-registry';
import { SchedulerService } from './scheduler.service';

/**
 * The worker's deadline loop: at start-up, refuses to run when a kind in use has no handler
 * (DeadlinesModule writes missing default policies in every process); then runs the scheduler and the sweep on timers (plain
 * timers, not repeatable jobs: a Redis flush must not stop them).
 */
@Injectable()
export class DeadlinesRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: DeadlineHandlerRegistry,
    private readonly scheduler: SchedulerService,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.assertEveryKindHasAHandler();
    const { DEADLINE_SCHEDULER_INTERVAL_MS, DEADLINE_SWEEP_INTERVAL_SECONDS } = this.config.get('deadlines');
    if (DEADLINE_SCHEDULER_INTERVAL_MS > 0) this.every(DEADLINE_SCHEDULER_INTERVAL_MS, 'scheduler', () => this.scheduler.scheduleDue());
    if (DEADLINE_SWEEP_INTERVAL_SECONDS > 0) {
      this.every(DEADLINE_SWEEP_INTERVAL_SECONDS * 1000, 'sweep', () => this.scheduler.sweep());
      // A first sweep right away: after a restart, repair before waiting a whole interval.
      this.track('sweep', this.scheduler.sweep());
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
  }

  async assertEveryKindHasAHandler(): Promise<void> {
    const inUse = (await this.db.query(
      `SELECT kind FROM sla_policy UNION SELECT DISTINCT kind FROM deadline WHERE state IN ('pending','paused','breached')`,
    )) as { kind: string }[];
    const missing = inUse.map((r) => r.kind).filter((k) => !this.registry.get(k));
    if (missing.length) {
      throw new DeadlineHandlerError(`Deadline kinds with no handler (a module that registers them is missing): ${missing.sort().join(', ')}`);
    }
  }

  private every(ms: number, name: string, fn: () => Promise<unknown>) {
    let busy = false;
    this.timers.push(
      setInterval(() => {
        if (busy) return;
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
