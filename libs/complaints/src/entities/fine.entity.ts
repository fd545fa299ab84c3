import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '@app/agencies';
import { Complaint } from './complaint.entity';

export const FINE_STATES = ['open', 'payment-declared', 'paid', 'cancelled'] as const;
export type FineState = (typeof FINE_STATES)[number];

/**
 * A fine a decision imposed on an agency, payable by a deadline (complaint.fine-payment). Open
 * fines block the agency's license clearance, as do fines whose payment the agency declared
 * (payment-declared, issue 22) until the ministry confirms the declaration (paid) or rejects it
 * (open again, with the reason). Paid or cancelled by the ministry.
 */
@Entity({ name: 'fine' })
@Index('uq_fine_reference', ['reference'], { unique: true })
@Index('ix_fine_agency_state', ['agencyId', 'state'])
@Index('uq_fine_complaint_allegation', ['complaintId', 'allegationId'], { unique: true })
@Check('ck_fine_state', `state IN ('open','payment-declared','paid','cancelled')`)
@Check('ck_fine_declared', `state <> 'payment-declared' OR (declared_reference IS NOT NULL AND declared_document_id IS NOT NULL AND declared_at IS NOT NULL)`)
@Check('ck_fine_amount', `amount_minor > 0`)
export class Fine {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_fine' })
  id: string;

  /** FN-<year>-<serial>. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_fine_agency' })
  agency?: Agency;

  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_fine_complaint' })
  complaint?: Complaint;

  @Column({ type: 'uuid' })
  allegationId: string;

  @Column({ type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text' })
  state: FineState;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text', nullable: true })
  paidReference: string | null;

  /**
   * The agency's own declaration of its payment (issue 22): its payment reference, the proof it
   * uploaded (a stored document owned by the fine) and when. Set while payment-declared, and kept
   * after the ministry confirms (paid) or rejects it (open again, with the reason).
   */
  @Column({ type: 'text', nullable: true })
  declaredReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  declaredDocumentId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  declaredAt: Date | null;

  /** Why the ministry rejected the latest declaration; cleared by the next declaration. */
  @Column({ type: 'text', nullable: true })
  declarationRejectedReason: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
