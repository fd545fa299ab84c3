import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Complaint } from './complaint.entity';

export type AllegationFinding = 'violation' | 'dismissed';

/** One allegation of a complaint: a category of the SPEC with the facts, and later its finding. */
@Entity({ name: 'allegation' })
@Index('ix_allegation_complaint', ['complaintId', 'position'])
// The violations found (prior offences), INCLUDE what the proposal reads: migration OpenDeadlineAndApplicationIndexes.
@Index('ix_allegation_violation', { synchronize: false })
@Check('ck_allegation_finding', `finding IS NULL OR finding IN ('violation','dismissed')`)
export class Allegation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_allegation' })
  id: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_allegation_complaint' })
  complaint?: Complaint;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  facts: string;

  @Column({ type: 'date', nullable: true })
  occurredOn: string | null;

  @Column({ type: 'bigint', nullable: true })
  amountMinor: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'boolean' })
  traffickingIndicators: boolean;

  /** A fee charged to a worker in a protected category (e.g. domestic work): a serious offence. */
  @Column({ type: 'boolean', default: false })
  protectedCategoryFee: boolean;

  @Column({ type: 'text', nullable: true })
  finding: AllegationFinding | null;

  @Column({ type: 'text', nullable: true })
  findingNote: string | null;

  /** What the penalty schedule proposed and what the supervisor decided (with the reason for a departure). */
  @Column({ type: 'jsonb', nullable: true })
  sanction: Record<string, unknown> | null;
}
