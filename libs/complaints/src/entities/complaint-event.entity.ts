import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Complaint } from './complaint.entity';

export type NoteVisibility = 'internal' | 'shared';

/**
 * The case's timeline: every move (with from and to stage, who, why) and every note. `internal`
 * entries are for ministry staff only; `shared` ones are shown to the complainant and the agency.
 * Never updated.
 */
@Entity({ name: 'complaint_event' })
@Index('ix_complaint_event_complaint', ['complaintId', 'seq'])
export class ComplaintEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_complaint_event' })
  seq: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_complaint_event_complaint' })
  complaint?: Complaint;

  /** A transition's action, or 'note', 'assign', 'link'. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  fromStage: string | null;

  @Column({ type: 'text', nullable: true })
  toStage: string | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'text' })
  visibility: NoteVisibility;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
