import { Check, Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Agency } from '../../agency.entity';

/** A natural or legal person owning part of the agency (legal identity: changed by amendment). */
export interface AgencyOwner {
  name: string;
  /** ISO 3166 alpha-2, e.g. PH. */
  nationality: string;
  /** Share of ownership in percent, up to two decimals. */
  sharePercent: number;
}

/** An officer of the agency (contact details are personal data: never shown publicly). */
export interface AgencyOfficer {
  name: string;
  position: string;
  email?: string | null;
  phone?: string | null;
}

/**
 * The registry profile of an agency, 1:1 with `agency`: address, contact, officers, owners and
 * capital. Contact, address and officers are edited by the agency's admins; owners and capital
 * (like the legal name and registration number on `agency`) only through an approved amendment.
 */
@Entity({ name: 'agency_profile' })
@Check('ck_agency_profile_capital_currency', `capital_currency ~ '^[A-Z]{3}$'`)
@Check('ck_agency_profile_capital_nonnegative', `capital_minor >= 0`)
export class AgencyProfile {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_agency_profile' })
  agencyId: string;

  @OneToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_agency_profile_agency' })
  agency?: Agency;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  officers: AgencyOfficer[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  owners: AgencyOwner[];

  /** Paid-up capital in minor units (centavos); a string, as bigint columns come back. */
  @Column({ type: 'bigint', default: 0 })
  capitalMinor: string;

  @Column({ type: 'char', length: 3, default: 'PHP' })
  capitalCurrency: string;

  /** Bumped by every change; writers send the version they read (UPDATE … WHERE version = $n). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
