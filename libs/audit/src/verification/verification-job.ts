import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, ConfigService, PeriodicWork } from '@app/common';
import { IncrementalRun, verifyIncrementally } from './incremental-verifier';

const DAY_MS = 86_400_000;

/**
 * The worker's background verification of the audit chains: every AUDIT_VERIFY_INTERVAL_SECONDS
 * (and once at start), verifies each chain from its last verified point forward, in batches of
 * AUDIT_VERIFY_BATCH_SIZE entries, each in a short transaction of its own (verifyIncrementally),
 * and records the result per chain for `GET /audit/chains`. A valid chain starts a new pass from
 * its first entry every AUDIT_VERIFY_FULL_PASS_DAYS (0: only when restarted by hand). Runs never
 * overlap in a process (PeriodicWork) and several workers share the chains (each batch locks its
 * chain's point, SKIP LOCKED); shutdown stops the run between two batches and waits for the one going.
 */
@Injectable()
export class AuditVerificationJob extends PeriodicWork<IncrementalRun> {
  readonly name = 'audit verification';
  readonly everyMs: number;
  protected override readonly runAtStart = true;
  private readonly batchSize: number;
  private readonly fullPassEveryMs: number | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    super();
    const audit = config.get('audit');
    this.everyMs = audit.AUDIT_VERIFY_INTERVAL_SECONDS * 1000;
    this.batchSize = audit.AUDIT_VERIFY_BATCH_SIZE;
    this.fullPassEveryMs = audit.AUDIT_VERIFY_FULL_PASS_DAYS > 0 ? audit.AUDIT_VERIFY_FULL_PASS_DAYS * DAY_MS : null;
  }

  protected work(stopping: () => boolean): Promise<IncrementalRun> {
    return verifyIncrementally(this.dataSource, {
      batchSize: this.batchSize,
      fullPassEveryMs: this.fullPassEveryMs,
      now: () => this.clock.now(),
      stopping,
    });
  }

  protected override describe(run: IncrementalRun): string | undefined {
    if (run.broken.length) this.logger.error(`${this.name}: BROKEN chain(s) ${run.broken.join(', ')}: see GET /audit/chains or run audit:verify`);
    if (!run.read && !run.restarted.length) return undefined;
    const restarted = run.restarted.length ? `; new full pass of ${run.restarted.join(', ')}` : '';
    return `${run.read} entries verified in ${run.chains} chains${restarted}`;
  }
}
