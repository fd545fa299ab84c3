import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A beneficiary named on a member's register (issue 20): by the member from their own account, or
 * by a welfare officer on the member's behalf with proof of the relationship. The name, identity
 * number and account address are encrypted envelopes (AAD welfare_beneficiary:<id>:<field>).
 * Never deleted: removal stamps `removed_at` with who and why, and the entry stops counting.
 */
@Entity({ name: 'welfare_beneficiary' })
@Index('ix_welfare_beneficiary_member', ['memberPassportNumber', 'createdAt'])
@Check('ck_welfare_beneficiary_via', `registered_via IN ('member','officer')`)
@Check('ck_welfare_beneficiary_proof', `registered_via = 'member' OR (proof_kind IS NOT NULL AND proof_reference IS NOT NULL)`)
@Check('ck_welfare_beneficiary_removed', `(removed_at IS NULL) = (removal_reason IS NULL)`)
export class WelfareBeneficiary {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_welfare_beneficiary' })
  id: string;

  /** The member whose register it is, by passport number (membership is keyed by it). */
  @Column({ type: 'text' })
  memberPassportNumber: string;

  @Column({ type: 'text' })
  nameEnc: string;

  @Column({ type: 'text' })
  relationship: string;

  @Column({ type: 'text' })
  idNumberEnc: string;

  /** The beneficiary's own account address: only then may they file from an account. */
  @Column({ type: 'text', nullable: true })
  emailEnc: string | null;

  @Column({ type: 'text' })
  registeredVia: 'member' | 'officer';

  /** An officer's entry: the document that proves the relationship, and its number. */
  @Column({ type: 'text', nullable: true })
  proofKind: string | null;

  @Column({ type: 'text', nullable: true })
  proofReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  registeredBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  removedBy: string | null;

  @Column({ type: 'text', nullable: true })
  removalReason: string | null;
}
