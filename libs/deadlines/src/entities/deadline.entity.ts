import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DEADLINE_STATES = ['pending', 'paused', 'met', 'breached', 'cancelled'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
/** States in which a deadline still has levels to fire (or will, once resumed). */
export const OPEN_STATES: readonly DeadlineState[] = ['pending', 'paused', 'breached'];
/** The open states as SQL literals (`'pending','paused','breached'`): a statement naming them so matches the partial indexes on open deadlines. */
export const OPEN_STATES_SQL = OPEN_STATES.map((s) => `'${s}'`).join(',');

/**
 * A durable deadline: Postgres is its source of truth; BullMQ only carries the next firing.
 * Written in the same transaction as the business change that causes it.
 */
@Entity({ name: 'deadline' })
@Check('ck_deadline_state', `state IN ('pending','paused','met','breached','cancelled')`)
@Check('ck_deadline_paused', `(state = 'paused') = (paused_at IS NOT NULL)`)
// One open deadline per subject and kind: creating it twice (a retried request) is a no-op.
@Index('uq_deadline_open_subject_kind', ['subjectType', 'subjectId', 'kind'], { unique: true, where: `state IN ('pending','paused','breached')` })
// What the sweep scans (overdue levels) and what the scheduler scans (levels without a job yet).
@Index('ix_deadline_next_fire', ['nextFireAt'], { where: `next_fire_at IS NOT NULL` })
@Index('ix_deadline_unscheduled', ['nextFireAt'], { where: `next_fire_at IS NOT NULL AND scheduled_version IS DISTINCT FROM version` })
@Index('ix_deadline_subject', ['subjectType', 'subjectId'])
// Open deadlines by due time (with the subject's id) and by subject (with the due time), for the
// case queue's overdue filter and next due time: migration OpenDeadlineAndApplicationIndexes
// (INCLUDE, which TypeORM cannot declare), left alone by schema sync.
@Index('ix_deadline_open_due', { synchronize: false })
@Index('ix_deadline_open_subject_due', { synchronize: false })
// The SLA report's period (met or due time, INCLUDE what it reads): the met ones (for the partial
// days at the ends of a period; its whole days are kept in deadline_met_day) and the open ones,
// migration DeadlineMetDay.
@Index('ix_deadline_period_met', { synchronize: false })
@Index('ix_deadline_period_open', { synchronize: false })
export class Deadline {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_deadline' })
  id: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  subjectId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  jurisdictionCode: string;

  /** The policy version the times were computed with. */
  @Column({ type: 'int' })
  policyVersion: number;

  /** Whom level actions such as notify-assignee address; null when nobody is assigned. */
  @Column({ type: 'uuid', nullable: true })
  assigneeUserId: string | null;

  /** A label for messages ("Complaint CMP-7K3-XQ9 triage"). */
  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  /** True when the caller fixed the due time (e.g. a license's expiry); a policy change then keeps it. */
  @Column({ type: 'boolean', default: false })
  dueFixed: boolean;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** When the next level fires; null when paused, met, cancelled or nothing is left to fire. */
  @Column({ type: 'timestamptz', nullable: true })
  nextFireAt: Date | null;

  /** The next level to fire: 0 reminder, 1 breach, 2+ further escalation levels. */
  @Column({ type: 'int', default: 0 })
  nextLevel: number;

  @Column({ type: 'text', default: 'pending' })
  state: DeadlineState;

  @Column({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  /** Counted time (business time for business-day policies) spent paused so far. */
  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  pausedMillis: number;

  /** Bumped by every change; a job for an older version does nothing. */
  @Column({ type: 'int', default: 1 })
  version: number;

  /** The version for which a BullMQ job was last added (null: none yet, or Redis lost it). */
  @Column({ type: 'int', nullable: true })
  scheduledVersion: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  breachedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
