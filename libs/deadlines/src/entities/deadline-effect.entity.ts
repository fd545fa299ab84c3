import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DeadlineOutcome } from '../handlers/deadline-handler';

/**
 * One row per level fired per deadline version: the unique key makes every effect happen once,
 * whoever fires it (a job, a duplicate job, the sweep). Also the record of lateness.
 */
@Entity({ name: 'deadline_effect' })
@Check('ck_deadline_effect_outcome', `outcome IN ('acted','escalated','nothing')`)
@Index('uq_deadline_effect_once', ['deadlineId', 'version', 'level'], { unique: true })
@Index('ix_deadline_effect_fired_at', ['firedAt'])
export class DeadlineEffect {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_deadline_effect' })
  id: string;

  @Column({ type: 'uuid' })
  deadlineId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'int' })
  level: number;

  @Column({ type: 'text' })
  kind: string;

  /** When the level was due to fire. */
  @Column({ type: 'timestamptz' })
  dueToFireAt: Date;

  @Column({ type: 'timestamptz' })
  firedAt: Date;

  /** 'job' normally; 'sweep' when the sweep found it overdue and fired it itself. */
  @Column({ type: 'text' })
  via: 'job' | 'sweep';

  /** What the kind's handler answered (see DeadlineOutcome); null for levels fired before outcomes were recorded. */
  @Column({ type: 'text', nullable: true })
  outcome: DeadlineOutcome | null;
}
