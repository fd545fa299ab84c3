import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Placement, StoredFeeLine } from './placement.entity';

/** What a worker says they actually paid (stated by them, or by an inspector for them). Never updated. */
@Entity({ name: 'fee_statement' })
@Index('ix_fee_statement_placement', ['placementId', 'createdAt'])
export class FeeStatement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_fee_statement' })
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'fk_fee_statement_placement' })
  placement?: Placement;

  /** Lines as stated; a receipt number is optional here ('' when the worker has none). */
  @Column({ type: 'jsonb' })
  lines: StoredFeeLine[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  statedBy: string | null;

  @Column({ type: 'text' })
  statedByRole: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
