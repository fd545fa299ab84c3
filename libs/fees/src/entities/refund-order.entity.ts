import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '@app/agencies';
import { FeeAssessment } from './fee-assessment.entity';
import { Placement } from './placement.entity';

export const REFUND_ORDER_STATES = ['open', 'payment-declared', 'paid', 'garnished', 'cancelled'] as const;
export type RefundOrderState = (typeof REFUND_ORDER_STATES)[number];

/**
 * An order that the agency pay a worker back, by a deadline (`fees.refund-payment`): the excess a
 * fee assessment found (placement and assessment set), or an amount a complaint's decision
 * ordered (complaint set; garnished from the agency's escrow when unpaid past the deadline). Its
 * state changes only through refund-order-transitions.ts.
 */
@Entity({ name: 'refund_order' })
@Index('uq_refund_order_seq', ['seq'], { unique: true })
@Index('ix_refund_order_agency_state', ['agencyId', 'state'])
@Index('ix_refund_order_placement', ['placementId'])
@Check('ck_refund_order_state', `state IN ('open','payment-declared','paid','garnished','cancelled')`)
@Check(
  'ck_refund_order_declared',
  `state <> 'payment-declared' OR (declared_reference IS NOT NULL AND declared_document_id IS NOT NULL AND declared_at IS NOT NULL)`,
)
@Check('ck_refund_order_origin', `(placement_id IS NOT NULL AND assessment_id IS NOT NULL) OR complaint_id IS NOT NULL`)
@Check('ck_refund_order_amount', `amount_minor > 0`)
@Check('ck_refund_order_paid', `(state IN ('paid','garnished')) = (paid_reference IS NOT NULL)`)
@Index('ix_refund_order_complaint', ['complaintId'])
export class RefundOrder {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_refund_order' })
  id: string;

  /** From the sequence refund_order_serial_seq, taken before the insert (the reference is built from it). */
  @Column({ type: 'bigint' })
  seq: string;

  /** RO-<year>-<serial>, readable over the phone. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_refund_order_agency' })
  agency?: Agency;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @ManyToOne(() => Placement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'fk_refund_order_placement' })
  placement?: Placement;

  @Column({ type: 'uuid', nullable: true })
  assessmentId: string | null;

  /** The complaint whose decision ordered it (no foreign key: fees does not know complaints). */
  @Column({ type: 'uuid', nullable: true })
  complaintId: string | null;

  /** For a decision's order: the case reference, for people and for the escrow garnishment. */
  @Column({ type: 'text', nullable: true })
  caseReference: string | null;

  @ManyToOne(() => FeeAssessment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'fk_refund_order_assessment' })
  assessment?: FeeAssessment;

  @Column({ type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text' })
  state: RefundOrderState;

  @Column({ type: 'boolean' })
  serious: boolean;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'uuid', nullable: true })
  deadlineId: string | null;

  @Column({ type: 'text', nullable: true })
  paidReference: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt: Date | null;

  /**
   * The agency's own declaration of its payment (issue 22): its payment reference, the proof it
   * uploaded (a stored document owned by the order) and when. Set while payment-declared, and
   * kept after the ministry confirms (paid) or rejects it (open again, with the reason).
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

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
