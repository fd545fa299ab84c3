import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One version of the penalty schedule, maintained by admins and in force from `effectiveFrom`
 * (a local date of the case's jurisdiction) until the next version's first day. Versions are
 * never edited: a change is a new version. The migration seeds the SPEC's defaults from 2000-01-01.
 */
@Entity({ name: 'penalty_schedule' })
@Index('uq_penalty_schedule_effective_from', ['effectiveFrom'], { unique: true })
@Check('ck_penalty_schedule_proposed_months', `proposed_months IN ('minimum','midpoint','maximum')`)
@Check('ck_penalty_schedule_threshold', `cumulative_threshold_months >= 1`)
@Check('ck_penalty_schedule_fine', `serious_fine_minor > 0`)
export class PenaltyScheduleVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_penalty_schedule' })
  id: string;

  @Column({ type: 'date' })
  effectiveFrom: string;

  /** The less-serious ladder: [{ minMonths, maxMonths }, ...]; revocation after the last step. */
  @Column({ type: 'jsonb' })
  lessSeriousLadder: { minMonths: number; maxMonths: number }[];

  /** Allegation categories that are serious offences (trafficking indicators and protected-category fees always are). */
  @Column({ type: 'jsonb' })
  seriousCategories: string[];

  @Column({ type: 'bigint' })
  seriousFineMinor: string;

  @Column({ type: 'char', length: 3 })
  seriousFineCurrency: string;

  /** Suspensions adding up to this many months propose revocation (the 12-month rule). */
  @Column({ type: 'int' })
  cumulativeThresholdMonths: number;

  @Column({ type: 'text' })
  proposedMonths: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
