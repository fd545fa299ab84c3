import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '@app/agencies';
import type { InspectionOrigin, InspectionState } from '../inspections/inspection-transitions';

/** One item of an inspection's checklist, as found. */
export interface ChecklistResult {
  item: string;
  result: 'compliant' | 'non-compliant' | 'not-applicable';
  note: string | null;
}

/** A finding of an inspection: a violation (an allegation category and the facts) or none. */
export interface InspectionFinding {
  category: string;
  facts: string;
}

/**
 * An inspection of an agency, with its own lifecycle (inspections/inspection-transitions.ts):
 * planned (from a pattern of complaints, by a supervisor, or on a routine schedule), conducted
 * (date, inspectors, the checklist), findings, and follow-up (a violation found opens proceedings
 * against the agency, a case like a complaint's). The agency sees it once the ministry notified it.
 */
@Entity({ name: 'inspection' })
@Index('uq_inspection_reference', ['reference'], { unique: true })
@Index('ix_inspection_agency', ['agencyId', 'createdAt'])
@Index('ix_inspection_state', ['state', 'plannedFor'])
@Check('ck_inspection_state', `state IN ('planned','conducted','findings','closed','cancelled')`)
@Check('ck_inspection_origin', `origin IN ('pattern','supervisor','routine')`)
export class Inspection {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inspection' })
  id: string;

  /** INS-<year>-<serial>. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_inspection_agency' })
  agency?: Agency;

  @Column({ type: 'text' })
  origin: InspectionOrigin;

  @Column({ type: 'text' })
  state: InspectionState;

  /** Why it is planned (the pattern's complaints, the supervisor's reason, the routine). Internal. */
  @Column({ type: 'text' })
  reason: string;

  /** The day it is planned for (local date). */
  @Column({ type: 'date' })
  plannedFor: string;

  @Column({ type: 'uuid', nullable: true })
  plannedBy: string | null;

  @Column({ type: 'date', nullable: true })
  conductedOn: string | null;

  /** The inspectors who conducted it (user ids). */
  @Column({ type: 'jsonb' })
  inspectorIds: string[];

  @Column({ type: 'jsonb' })
  checklist: ChecklistResult[];

  @Column({ type: 'jsonb', nullable: true })
  findings: InspectionFinding[] | null;

  /** The proceedings the follow-up opened (a case), when a violation was found. */
  @Column({ type: 'uuid', nullable: true })
  followUpCaseId: string | null;

  @Column({ type: 'text', nullable: true })
  closeReason: string | null;

  /** When the ministry notified the agency; until then the agency sees nothing of it. */
  @Column({ type: 'timestamptz', nullable: true })
  agencyNotifiedAt: Date | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
