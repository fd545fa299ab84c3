import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What each sweep found and repaired: the "recoveries" of the metrics. */
@Entity({ name: 'deadline_sweep_run' })
export class SweepRun {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_deadline_sweep_run' })
  id: string;

  @Column({ type: 'timestamptz' })
  ranAt: Date;

  /** Redis had lost the scheduler's marker (flushed or replaced): every open deadline was re-queued. */
  @Column({ type: 'boolean' })
  redisReset: boolean;

  /** Jobs added again for deadlines whose job had gone missing. */
  @Column({ type: 'int' })
  requeued: number;

  /** Overdue levels the sweep fired itself. */
  @Column({ type: 'int' })
  firedDirectly: number;
}
