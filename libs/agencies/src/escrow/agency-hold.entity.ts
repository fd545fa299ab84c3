import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agency.entity';

/**
 * A processing hold on an agency: while one is active (not lifted), the agency may not place
 * workers. Escrow places one when the top-up deadline is missed and lifts it when the balance is
 * back at the requirement.
 */
@Entity({ name: 'agency_hold' })
// At most one active hold per agency and reason: placing it twice (a retried firing) is a no-op.
@Index('uq_agency_hold_active', ['agencyId', 'reason'], { unique: true, where: `lifted_at IS NULL` })
@Index('ix_agency_hold_agency', ['agencyId'])
export class AgencyHold {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agency_hold' })
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_agency_hold_agency' })
  agency?: Agency;

  /** Why, e.g. 'escrow-below-requirement'. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt: Date | null;
}
