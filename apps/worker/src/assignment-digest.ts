import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AssignmentDigest, ComplaintsModule } from '@app/complaints';

/** How often the worker looks for a digest period that has ended (the digest itself is per COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES). */
const TICK_MS = 60_000;

/**
 * Sends the inspectors' digests of newly assigned cases (AssignmentDigest): every minute it takes
 * the notices of the periods that have ended, so a case waits at most one period and a minute.
 * Runs never overlap in this process; several workers are safe (the digest takes notices with
 * SKIP LOCKED and only from ended periods). Shutdown waits for the run in progress.
 */
@Injectable()
class AssignmentDigestTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AssignmentDigest');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly digest: AssignmentDigest) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      const result = await this.digest.run();
      if (result.mails) this.logger.log(`assignment digests enqueued: ${result.mails} mails, ${result.cases} cases`);
    } catch (e) {
      this.logger.error(`assignment digest failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

@Module({ imports: [ComplaintsModule], providers: [AssignmentDigestTicker] })
export class AssignmentDigestModule {}
