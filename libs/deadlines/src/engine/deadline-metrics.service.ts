import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { OPEN_STATES_SQL } from '../entities/deadline.entity';

/** How many open deadlines of one kind are in one state. */
export class OpenDeadlineCount {
  @ApiProperty({ example: 'complaint.triage' })
  kind: string;

  @ApiProperty({ enum: ['pending', 'paused', 'breached'], example: 'pending', description: 'An open state.' })
  state: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 17 })
  count: number;
}

/** How late levels fired over the window. */
export class DeadlineLateness {
  @ApiProperty({ type: 'integer', minimum: 1, example: 24, description: 'The window, in hours before now.' })
  windowHours: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 132, description: 'Levels (reminders, breaches, escalations) fired in the window.' })
  fired: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 850, description: 'Median milliseconds after the level was due; null when none fired.' })
  p50Ms: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 4100, description: '99th percentile, in milliseconds; null when none fired.' })
  p99Ms: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 6020, description: 'The latest firing, in milliseconds after due; null when none fired.' })
  maxMs: number | null;
}

/** What the sweep repaired over the window. */
export class DeadlineSweepRepairs {
  @ApiProperty({ type: 'integer', minimum: 1, example: 24, description: 'The window, in hours before now.' })
  windowHours: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Sweep runs that repaired something.' })
  runsWithRepairs: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: "Runs that found Redis had lost the scheduler's jobs and re-queued every open deadline.",
  })
  redisResets: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Deadlines re-queued by the sweep.' })
  requeued: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Overdue levels the sweep fired itself (their job lost or stuck).' })
  firedDirectly: number;
}

export class DeadlineMetrics {
  /** Open deadlines by kind and state. */
  @ApiProperty({ type: [OpenDeadlineCount], description: 'Open deadlines by kind and state (ordered by kind, then state); only non-zero counts.' })
  open: OpenDeadlineCount[];

  /** How late levels fired over the window: milliseconds after they were due. */
  @ApiProperty({ type: DeadlineLateness, description: 'How late levels fired over the window: milliseconds after they were due.' })
  lateness: DeadlineLateness;

  /** What the sweep repaired over the window. */
  @ApiProperty({ type: DeadlineSweepRepairs, description: 'What the sweep repaired over the window.' })
  sweep: DeadlineSweepRepairs;

  /** Levels whose time has passed but that have not fired yet. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Levels whose time has passed but that have not fired yet (should stay near 0).' })
  overdueNow: number;
}

@Injectable()
export class DeadlineMetricsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async metrics(windowHours = 24): Promise<DeadlineMetrics> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - windowHours * 3_600_000);
    const open = (await this.db.query(
      `SELECT kind, state, count(*)::int AS count FROM deadline WHERE state IN (${OPEN_STATES_SQL}) GROUP BY kind, state ORDER BY kind, state`,
    )) as { kind: string; state: string; count: number }[];
    const [late] = (await this.db.query(
      `SELECT count(*)::int AS fired,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness) AS p99,
              max(lateness) AS max
         FROM (SELECT extract(epoch FROM fired_at - due_to_fire_at) * 1000 AS lateness FROM deadline_effect WHERE fired_at >= $1) l`,
      [since],
    )) as { fired: number; p50: number | null; p99: number | null; max: number | null }[];
    const [sweep] = (await this.db.query(
      `SELECT count(*)::int AS runs, count(*) FILTER (WHERE redis_reset)::int AS resets,
              coalesce(sum(requeued), 0)::int AS requeued, coalesce(sum(fired_directly), 0)::int AS fired
         FROM deadline_sweep_run WHERE ran_at >= $1`,
      [since],
    )) as { runs: number; resets: number; requeued: number; fired: number }[];
    const [{ overdue }] = (await this.db.query(`SELECT count(*)::int AS overdue FROM deadline WHERE next_fire_at IS NOT NULL AND next_fire_at < $1`, [
      now,
    ])) as {
      overdue: number;
    }[];
    const round = (v: number | string | null) => (v === null ? null : Math.round(Number(v)));
    return {
      open,
      lateness: { windowHours, fired: late.fired, p50Ms: round(late.p50), p99Ms: round(late.p99), maxMs: round(late.max) },
      sweep: { windowHours, runsWithRepairs: sweep.runs, redisResets: sweep.resets, requeued: sweep.requeued, firedDirectly: sweep.fired },
      overdueNow: overdue,
    };
  }
}
