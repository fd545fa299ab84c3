import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Complaint } from './complaint.entity';
import { ComplaintEvent } from './complaint-event.entity';

/**
 * An agency's declaration that it complied with a settlement (issue 22): its statement and the
 * proof it attached (a document of the case's evidence), once per settlement (`settlementSeq`, the
 * timeline entry that settled the case, is unique). A declaration moves nothing: the ministry
 * confirms compliance with `comply` or records a breach. Its shared timeline entry is
 * `compliance-declared`. Never updated.
 */
@Entity({ name: 'complaint_compliance_declaration' })
@Index('ix_complaint_compliance_declaration_complaint', ['complaintId'])
@Index('uq_complaint_compliance_declaration_settlement', ['settlementSeq'], { unique: true })
export class ComplianceDeclaration {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_complaint_compliance_declaration' })
  id: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_complaint_compliance_declaration_complaint' })
  complaint?: Complaint;

  /** The timeline entry of the move into `settled` this declaration answers. */
  @Column({ type: 'bigint' })
  settlementSeq: string;

  @ManyToOne(() => ComplaintEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'settlement_seq', foreignKeyConstraintName: 'fk_complaint_compliance_declaration_settlement' })
  settlement?: ComplaintEvent;

  @Column({ type: 'text' })
  statement: string;

  /** The proof, stored as the case's evidence (the agency's, shared); null when none was attached. */
  @Column({ type: 'uuid', nullable: true })
  documentId: string | null;

  @Column({ type: 'uuid' })
  declaredBy: string;

  @Column({ type: 'timestamptz' })
  declaredAt: Date;
}
