import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A recruitment agency: the registry record that licences, placements and complaints refer to.
 * Its licensing lifecycle lives beside it in this library.
 */
@Entity({ name: 'agency' })
@Index('uq_agency_registration_number', ['registrationNumber'], { unique: true })
// The case queue's sort=agency walks the agencies in name order (migration QueueSortIndexes).
@Index('ix_agency_legal_name', ['legalName', 'id'])
export class Agency {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agency' })
  id: string;

  @Column({ type: 'text' })
  legalName: string;

  /** The company registration number issued by the business registry. */
  @Column({ type: 'text' })
  registrationNumber: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
