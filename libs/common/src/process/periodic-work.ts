import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

/**
 * Work a process does on a timer (sweeps, digests, schedules): the one way to write it.
 *
 * A subclass names the work, says how often, and does one run in `work`:
 *   - runs never overlap in this process: a tick while a run is going joins it instead of starting
 *     another (several processes coordinate in the work itself: SKIP LOCKED, an advisory lock);
 *   - a run that throws is logged and the next tick tries again: the timer never dies;
 *   - shutdown is clean: when Nest destroys the module the timer stops and `stopping()` turns true
 *     (long work checks it between batches and ends early); before the application's connections
 *     close, shutdown waits for the run in progress.
 * `enabled` false (a setting turns the work off) starts no timer. `runAtStart` runs once as soon as
 * the application has started, besides the ticks.
 * Model: immich's cron.repository.ts (one place for timers) and job.repository.ts (no overlapping
 * runs, clean shutdown).
 */
export abstract class PeriodicWork<R = unknown> implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  /** The name in log lines. */
  abstract readonly name: string;
  /** Milliseconds between ticks. */
  abstract readonly everyMs: number;
  /** Whether to run once at start-up too (default: no, the first run is one interval in). */
  protected readonly runAtStart: boolean = false;
  protected readonly logger = new Logger(this.constructor.name);

  private timer?: NodeJS.Timeout;
  private running: Promise<R> | null = null;
  private halted = false;

  /** One run. `stopping()` turns true when the process is shutting down: stop between batches. */
  protected abstract work(stopping: () => boolean): Promise<R>;

  /** What to log after a run (nothing when undefined): e.g. how many rows it changed. */
  protected describe(_result: R): string | undefined {
    return undefined;
  }

  /** Whether the work is on (a setting may turn it off); when off, no timer starts. */
  get enabled(): boolean {
    return true;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
    if (this.runAtStart) setImmediate(() => void this.tick());
  }

  onModuleDestroy(): void {
    this.halted = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Whether the process is shutting down. */
  protected stopping(): boolean {
    return this.halted;
  }

  /**
   * Runs the work now, or joins the run already going; resolves to its result and rejects with its
   * error (for callers and tests that want them). Refused once shutdown has begun.
   */
  runNow(): Promise<R> {
    if (this.halted) return Promise.reject(new Error(`${this.name}: the process is shutting down`));
    this.running ??= this.work(() => this.halted).finally(() => (this.running = null));
    return this.running;
  }

  /** A timer's tick: runs the work, logs its result or its failure, never throws. */
  async tick(): Promise<void> {
    if (this.halted) return;
    // A run already going (a slow run, or runNow from elsewhere) is waited for; its own tick logs it.
    if (this.running) return void (await this.running.catch(() => undefined));
    try {
      const line = this.describe(await this.runNow());
      if (line) this.logger.log(`${this.name}: ${line}`);
    } catch (e) {
      this.logger.error(`${this.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
