import { ApiPropertyOptional } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../../agency.entity';
import { AgencyCapital, AgencyOwner } from './agency-profile.entity';

export const AMENDMENT_STATES = ['pending', 'approved', 'rejected'] as const;
export type AmendmentState = (typeof AMENDMENT_STATES)[number];

/** What an amendment asks to change: only the fields present. */
export class AmendmentChanges {
  @ApiPropertyOptional({ example: 'Kalayaan Global Manpower Services Inc.', description: 'The new legal name; absent when unchanged.' })
  legalName?: string;

  @ApiPropertyOptional({ example: 'CS201912345', description: 'The new business registration number; absent when unchanged.' })
  registrationNumber?: string;

  @ApiPropertyOptional({
    type: [AgencyOwner],
    description: 'The whole new list of owners (it replaces the old one; shares add up to 100); absent when unchanged.',
  })
  owners?: AgencyOwner[];

  @ApiPropertyOptional({ type: AgencyCapital, description: 'The new paid-up capital; absent when unchanged.' })
  capital?: AgencyCapital;
}

/**
 * A change to an agency's legal identity (legal name, registration number, owners, capital),
 * filed by the agency's admin and approved or rejected by an inspector. Approval applies it.
 */
@Entity({ name: 'agency_amendment' })
@Index('ix_agency_amendment_agency', ['agencyId', 'createdAt'])
@Index('ix_agency_amendment_state', ['state', 'createdAt'])
// One pending amendment per agency: a second one waits until the first is decided.
@Index('uq_agency_amendment_pending', ['agencyId'], { unique: true, where: `state = 'pending'` })
@Check('ck_agency_amendment_state', `state IN ('pending','approved','rejected')`)
export class AgencyAmendment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agency_amendment' })
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_agency_amendment_agency' })
  agency?: Agency;

  @Column({ type: 'text', default: 'pending' })
  state: AmendmentState;

  @Column({ type: 'jsonb' })
  changes: AmendmentChanges;

  /** Why the agency asks (e.g. "new shareholder after capital increase"). */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The inspector's note on the decision (internal). */
  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
