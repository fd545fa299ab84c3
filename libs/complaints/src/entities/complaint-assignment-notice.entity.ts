import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Complaint } from './complaint.entity';

/**
 * A case whose assignee has not yet been told of it: written by filing in the case's transaction,
 * taken (and deleted) by the worker's assignment digest, which mails each inspector one list of
 * their new cases every COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES instead of one mail per case
 * (docs/complaints.md, "Assignment"). Holds no complainant data; the digest reads the case's
 * current assignee, so a case reassigned meanwhile is listed for whoever holds it then.
 */
@Entity({ name: 'complaint_assignment_notice' })
@Index('ix_complaint_assignment_notice_created', ['createdAt'])
export class ComplaintAssignmentNotice {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_complaint_assignment_notice' })
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_complaint_assignment_notice_complaint' })
  complaint?: Complaint;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
