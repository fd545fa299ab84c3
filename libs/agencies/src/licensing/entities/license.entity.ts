import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Agency } from '../../agency.entity';

export const LICENSE_TYPES = ['provisional', 'regular'] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

export const LICENSE_STATES = ['active', 'suspended', 'expired', 'revoked', 'surrendered'] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

/**
 * A recruitment agency's license. Its state changes only through the transition table
 * (license-transitions.ts), by LicensingService, with an event and an audit entry each time.
 */
@Entity({ name: 'license' })
// The public lookup by number is an exact match on this index.
@Index('uq_license_number', ['number'], { unique: true })
@Index('ix_license_agency', ['agencyId', 'issuedOn'])
// At most one live license per agency.
@Index('uq_license_agency_live', ['agencyId'], { unique: true, where: `state IN ('active','suspended')` })
@Index('ix_license_state_expires', ['state', 'expiresOn'])
@Check('ck_license_type', `type IN ('provisional','regular')`)
@Check('ck_license_state', `state IN ('active','suspended','expired','revoked','surrendered')`)
@Check('ck_license_suspended_until', `(state = 'suspended') = (suspended_until IS NOT NULL)`)
@Check('ck_license_validity', `expires_on >= issued_on`)
export class License {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_license' })
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_license_agency' })
  agency?: Agency;

  /** PH-LRA-2026-00042-7: prefix, year of issue, serial, Damm check digit (docs/licensing.md). */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  type: LicenseType;

  @Column({ type: 'text', default: 'active' })
  state: LicenseState;

  /** First day of validity, in the jurisdiction's calendar. */
  @Column({ type: 'date' })
  issuedOn: string;

  /** Last day of validity: the license expires at the end of this local day. */
  @Column({ type: 'date' })
  expiresOn: string;

  /** While suspended: when the suspension lifts by itself. */
  @Column({ type: 'timestamptz', nullable: true })
  suspendedUntil: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
