import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Agency } from '../../agency.entity';
import type { ApplicationState, ApplicationType } from '../applications/application-transitions';
import { License } from './license.entity';

/**
 * An agency's application for a license ('new') or for the renewal of its license ('renewal').
 * Its state changes only through application-transitions.ts, by ApplicationsService, with an
 * event and an audit entry each time; writes carry the version the caller read.
 */
@Entity({ name: 'license_application' })
@Index('ix_license_application_agency', ['agencyId', 'createdAt'])
@Index('ix_license_application_state', ['state', 'updatedAt'])
// Most recently changed first, then id (the list's order): migration OpenDeadlineAndApplicationIndexes (DESC), left alone by schema sync.
@Index('ix_license_application_updated', { synchronize: false })
// One open renewal per license (draft included): RenewalStatus reads it.
@Index('uq_license_application_open_renewal', ['licenseId'], {
  unique: true,
  where: `type = 'renewal' AND state IN ('draft','submitted','under_review','returned_for_correction','recommended')`,
})
@Check('ck_license_application_type', `type IN ('new','renewal')`)
@Check('ck_license_application_state', `state IN ('draft','submitted','under_review','returned_for_correction','recommended','approved','rejected')`)
@Check('ck_license_application_renewal_license', `type = 'new' OR license_id IS NOT NULL`)
export class LicenseApplication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_license_application' })
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_license_application_agency' })
  agency?: Agency;

  @Column({ type: 'text' })
  type: ApplicationType;

  /** For a renewal: the license renewed. For a new application: the license its approval issued. */
  @Column({ type: 'uuid', nullable: true })
  licenseId: string | null;

  @ManyToOne(() => License, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'license_id', foreignKeyConstraintName: 'fk_license_application_license' })
  license?: License;

  @Column({ type: 'text', default: 'draft' })
  state: ApplicationState;

  /** The inspector who took it for review. */
  @Column({ type: 'uuid', nullable: true })
  reviewerId: string | null;

  /** What the agency must fix (set when returned for correction). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  correctionItems: string[];

  /** The supervisor's reasons (rejection) or note (approval). */
  @Column({ type: 'text', nullable: true })
  decisionReasons: string | null;

  /** When it was first filed (draft → submitted). */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
