import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Agency } from '../agency.entity';
import type { EscrowLicenseType } from './escrow-ledger';

/**
 * An agency's escrow account: which license type's requirement applies and in which currency.
 * It holds no balance (that is the sum of the entries); writers of an agency's ledger lock this
 * row (`SELECT … FOR UPDATE`), so they take turns and the balance can never go negative.
 */
@Entity({ name: 'escrow_account' })
@Check('ck_escrow_account_license_type', `license_type IN ('provisional','regular')`)
@Check('ck_escrow_account_currency', `currency ~ '^[A-Z]{3}$'`)
export class EscrowAccount {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_escrow_account' })
  agencyId: string;

  @OneToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_escrow_account_agency' })
  agency?: Agency;

  /** The license type whose requirement applies (set by licensing through `openAccount`). */
  @Column({ type: 'text' })
  licenseType: EscrowLicenseType;

  /** ISO 4217; every entry of the account is in it. */
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
