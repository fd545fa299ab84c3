import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Agency } from '../../agency.entity';

/** A natural or legal person owning part of the agency (legal identity: changed by amendment). */
export class AgencyOwner {
  @ApiProperty({ example: 'Rogelio Panganiban', description: "The owner's name (a person or a company)." })
  name: string;

  /** ISO 3166 alpha-2, e.g. PH. */
  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'PH', description: "ISO 3166-1 alpha-2 country code of the owner's nationality." })
  nationality: string;

  /** Share of ownership in percent, up to two decimals. */
  @ApiProperty({
    type: Number,
    minimum: 0.01,
    maximum: 100,
    example: 50,
    description: "Share of ownership in percent, up to two decimals; the owners' shares add up to 100.",
  })
  sharePercent: number;
}

/** An officer of the agency (contact details are personal data: never shown publicly). */
export class AgencyOfficer {
  @ApiProperty({ example: 'Marisol Dimaculangan' })
  name: string;

  @ApiProperty({ example: 'President', description: "The officer's position in the agency." })
  position: string;

  @ApiProperty({
    type: String,
    format: 'email',
    nullable: true,
    example: 'marisol.d@kalayaan.example',
    description: 'Null when none was given. Personal data: never shown publicly.',
  })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+63 917 555 0101', description: 'Null when none was given. Personal data: never shown publicly.' })
  phone: string | null;
}

/** Paid-up capital: minor units as a string of digits (amounts may exceed 2^53) and the currency. */
export class AgencyCapital {
  @ApiProperty({
    pattern: '^(0|[1-9][0-9]*)$',
    example: '500000000',
    description: 'Paid-up capital in minor units (centavos for PHP), as a string of digits: amounts may exceed 2^53.',
  })
  amountMinor: string;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'PHP', description: 'ISO 4217 currency code.' })
  currency: string;
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
