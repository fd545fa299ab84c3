import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../../agency.entity';

export const BRANCH_STATES = ['pending', 'active', 'rejected', 'closed'] as const;
export type BranchState = (typeof BRANCH_STATES)[number];

/**
 * A branch office of an agency, with its own status: `pending` until the ministry approves it
 * (`active`) or rejects it (`rejected`, final); an active branch may be closed (final). Only active
 * and closed branches are shown publicly (address and status only).
 */
@Entity({ name: 'agency_branch' })
@Index('ix_agency_branch_agency', ['agencyId'])
@Check('ck_agency_branch_status', `status IN ('pending','active','rejected','closed')`)
export class AgencyBranch {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agency_branch' })
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_agency_branch_agency' })
  agency?: Agency;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'text', default: 'active' })
  status: BranchState;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** When the ministry approved or rejected it; null while pending (and for branches registered before approval existed). */
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  /** The reason of a rejection, or a note on an approval. */
  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;
}
