import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agency.entity';
import type { EscrowEntryKind } from './escrow-ledger';

/**
 * One line of an agency's escrow ledger, never updated or deleted. The amount is positive; the
 * kind says whether it adds (deposit, top-up) or takes (garnishment, release). The balance is the
 * signed sum of the entries; `balance_after_minor` records what it was right after this entry
 * (a fact of history, so a retried request can answer exactly what the first one did).
 */
@Entity({ name: 'escrow_entry' })
@Check('ck_escrow_entry_kind', `kind IN ('deposit','top-up','garnishment','release')`)
@Check('ck_escrow_entry_amount_positive', `amount_minor > 0`)
@Check('ck_escrow_entry_balance_after', `balance_after_minor >= 0`)
@Check('ck_escrow_entry_currency', `currency ~ '^[A-Z]{3}$'`)
@Index('uq_escrow_entry_idempotency', ['agencyId', 'idempotencyKey'], { unique: true })
@Index('ix_escrow_entry_agency_seq', ['agencyId', 'seq'])
export class EscrowEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_escrow_entry' })
  id: string;

  /** Order of recording (the clock may stand still between two entries): pages read newest first by it. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_escrow_entry_agency' })
  agency?: Agency;

  @Column({ type: 'text' })
  kind: EscrowEntryKind;

  /** Integer minor units (centavos), always > 0. A decimal string: the column is a bigint. */
  @Column({ type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** The bank reference of a deposit, the case reference of a garnishment. */
  @Column({ type: 'text' })
  reference: string;

  /** The balance right after this entry (decimal string). */
  @Column({ type: 'bigint' })
  balanceAfterMinor: string;

  /** `req:<Idempotency-Key header>` for HTTP requests, `case:<reference>` for garnishments. Unique per agency. */
  @Column({ type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of what was asked: the same key with a different request is refused (422). */
  @Column({ type: 'text' })
  requestHash: string;

  /** Who recorded it: a user, or null with role 'system' for another module's call without a user. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
