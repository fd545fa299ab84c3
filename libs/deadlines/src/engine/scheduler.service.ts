import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock, ConfigService, REDIS } from '@app/common';
import { SweepRun } from '../entities/sweep-run.entity';
import { DEADLINES_QUEUE, DeadlineJob, FireJobData, fireJobId } from './deadlines.queue';
import { FiringService } from './firing.service';

interface DueRow {
  id: string;
  version: number;
  next_level: number;
  next_fire_at: Date;
}

export interface SweepResult {
  /** Redis had lost the scheduler's marker (flushed, restarted empty, replaced). */
  redisReset: boolean;
  /** Deadlines whose delayed job was put back into Redis by this sweep. */
  requeued: number;
  /** Levels fired by the sweep itself (overdue past the grace period), counting every level of each batch. */
  firedDirectly: number;
}

/**
 * Moves deadlines from Postgres into BullMQ as their time approaches, and repairs what Redis
 * lost. Far-future deadlines stay in Postgres only; those due within the horizon become delayed
 * jobs whose id is made of the deadline id, version and level, so adding one twice is a no-op.
 */
@Injectable()
export class SchedulerService implements OnModuleDestroy {
  private readonly logger = new Logger('DeadlineScheduler');
  /** Set when the process stops: the loops finish the batch in hand and take no other. */
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(DEADLINES_QUEUE) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly firing: FiringService,
  ) {}

  onModuleDestroy(): void {
    this.stopping = true;
  }

  private get markerKey() {
    return `${this.config.get('redis').REDIS_PREFIX}:deadlines:scheduler-marker`;
  }

  /** Whether Redis still holds the marker the sweep leaves: false when it lost its data since (and the sweep must repair). */
  async markerPresent(): Promise<boolean> {
    return (await this.redis.exists(this.markerKey)) === 1;
  }

  /**
   * Claims deadlines due within the horizon that have no job for their current version
   * (FOR UPDATE SKIP LOCKED, so several workers share the work), adds their delayed jobs, and
   * marks them scheduled in the same transaction. Returns how many jobs were added.
   */
  async scheduleDue(): Promise<number> {
    const { DEADLINE_HORIZON_SECONDS, DEADLINE_CLAIM_BATCH } = this.config.get('deadlines');
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const horizon = new Date(now.getTime() + DEADLINE_HORIZON_SECONDS * 1000);
      const claimed = await this.db.transaction(async (m) => {
        const rows = (await m.query(
          `SELECT id, version, next_level, next_fire_at FROM deadline
            WHERE next_fire_at IS NOT NULL AND next_fire_at <= $1 AND scheduled_version IS DISTINCT FROM version
            ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [horizon, DEADLINE_CLAIM_BATCH],
        )) as DueRow[];
        if (!rows.length) return 0;
        await this.queue.addBulk(rows.map((r) => this.jobFor(r, now)));
        await m.query(`UPDATE deadline SET scheduled_version = version WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
        return rows.length;
      });
      total += claimed;
      if (claimed < DEADLINE_CLAIM_BATCH || this.stopping) return total;
    }
  }

  /**
   * The repair pass, one instance at a time (advisory lock): when Redis lost the scheduler's
   * marker (flushed, restarted empty, replaced), every open deadline is marked unscheduled so the
   * next `scheduleDue` adds its job again; levels overdue by more than a grace period (a stuck or
   * lost job, a worker killed mid-job) are fired here directly, once, like a job would.
   */
  async sweep(): Promise<SweepResult | null> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext('lcs:deadline-sweep')) AS locked`)) as { locked: boolean }[];
      if (!locked) return null;
      try {
        return await this.sweepLocked();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('lcs:deadline-sweep'))`);
      }
    } finally {
      await runner.release();
    }
  }

  private async sweepLocked(): Promise<SweepResult> {
    const result: SweepResult = { redisReset: false, requeued: 0, firedDirectly: 0 };
    const marker = await this.redis.set(this.markerKey, new Date().toISOString(), 'NX');
    if (marker === 'OK') {
      // No marker: this Redis has not seen our jobs (first start, or it lost everything).
      await this.db.query(`UPDATE deadline SET scheduled_version = NULL WHERE next_fire_at IS NOT NULL AND scheduled_version IS NOT NULL`);
      result.redisReset = true;
    }
    const added = await this.scheduleDue();
    // After a reset, what this sweep put back into Redis: the jobs it added, counted as added (a row
    // reset above but beyond the horizon, or claimed meanwhile by another worker's scheduler, is not
    // one). Without a reset, what it adds is ordinary scheduling, not a repair.
    if (result.redisReset) result.requeued = added;

    const overdueBefore = new Date(this.clock.now().getTime() - this.config.get('deadlines').DEADLINE_SWEEP_GRACE_SECONDS * 1000);
    for (;;) {
      const rows = (await this.db.query(
        `SELECT id, version, next_level, next_fire_at FROM deadline WHERE next_fire_at IS NOT NULL AND next_fire_at < $1 ORDER BY next_fire_at LIMIT 500`,
        [overdueBefore],
      )) as DueRow[];
      let fired = 0;
      for (const r of rows) {
        if (this.stopping) break;
        // One firing may fire other due levels with it (a batch): count them all.
        const outcome = await this.firing.fire({ deadlineId: r.id, version: r.version, level: r.next_level }, 'sweep', `sweep-${r.id}`);
        fired += outcome.levelsFired;
      }
      result.firedDirectly += fired;
      // Stop when nothing was left, or nothing could be fired (rows changing under us), or the
      // process is stopping: the next sweep goes on.
      if (rows.length < 500 || fired === 0 || this.stopping) break;
    }
    if (result.redisReset || result.requeued || result.firedDirectly) {
      await this.db.getRepository(SweepRun).insert({ ranAt: this.clock.now(), ...result });
      this.logger.warn(`sweep: ${JSON.stringify(result)}`);
    }
    return result;
  }

  private jobFor(r: DueRow, now: Date) {
    const data: FireJobData = { deadlineId: r.id, version: r.version, level: r.next_level };
    return {
      name: DeadlineJob.Fire,
      data,
      opts: {
        jobId: fireJobId(data),
        delay: Math.max(0, new Date(r.next_fire_at).getTime() - now.getTime()),
        attempts: 10,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 3_600, count: 10_000 },
        removeOnFail: { age: 7 * 86_400 },
      },
    };
  }
}
