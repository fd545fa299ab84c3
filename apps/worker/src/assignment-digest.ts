import { BeforeApplicationShutdown, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AssignmentDigest, ComplaintsModule } from '@app/complaints';

/** How often the worker looks for a digest period that has ended (the digest itself is per COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES). */
const TICK_MS = 60_000;

/**
 * Sends the inspectors' digests of newly assigned cases (AssignmentDigest): every minute it takes
 * the notices of the periods that have ended, so a case waits at most one period and a minute.
 * Runs never overlap in this process; several workers are safe (the digest takes notices with
 * SKIP LOCKED and only from ended periods). Shutdown stops the timer, lets the run in progress
 * finish its batch (and take no other), and waits for it before the database pool closes.
 */
@Injectable()
class AssignmentDigestTicker implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('AssignmentDigest');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopping = false;

  constructor(private readonly digest: AssignmentDigest) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.running;
  }

  tick(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      const result = await this.digest.run(() => this.stopping);
      if (result.mails) this.logger.log(`assignment digests enqueued: ${result.mails} mails, ${result.cases} cases`);
    } catch (e) {
      this.logger.error(`assignment digest failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

@Module({ imports: [ComplaintsModule], providers: [AssignmentDigestTicker] })
export class AssignmentDigestModule {}
