import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Placement, PlacementTermsRecord, StoredFeeLine } from './placement.entity';

/** Every version of a placement, never updated: revision 1 is the record, the next ones amendments with their reason. */
@Entity({ name: 'placement_revision' })
@Index('uq_placement_revision', ['placementId', 'revision'], { unique: true })
export class PlacementRevision {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_placement_revision' })
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'fk_placement_revision_placement' })
  placement?: Placement;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'jsonb' })
  terms: PlacementTermsRecord;

  @Column({ type: 'jsonb' })
  fees: StoredFeeLine[];

  /** Why it was amended; null for the first record. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
