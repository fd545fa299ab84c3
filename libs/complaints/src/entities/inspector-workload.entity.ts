import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each inspector's open cases, kept by a trigger on `complaint` (migration
 * 1795450400000-InspectorWorkload) so that automatic assignment reads a few rows instead of
 * counting every open case at every filing. An inspector's count is the sum over their 16 rows
 * (`shard` = the last byte of the case id & 15): filings at once update different rows instead of
 * queueing on one. Written only by the trigger; read by LEAST_LOADED_INSPECTOR.
 */
@Entity({ name: 'inspector_workload' })
@Check('ck_inspector_workload_open_cases', `open_cases >= 0`)
@Check('ck_inspector_workload_shard', `shard BETWEEN 0 AND 15`)
export class InspectorWorkload {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_inspector_workload' })
  userId: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_inspector_workload' })
  shard: number;

  /** Cases assigned to the inspector in this shard that are not closed. */
  @Column({ type: 'int' })
  openCases: number;

  /** When a case of this shard was last assigned to them (the tie-break: longest without a new case first). */
  @Column({ type: 'timestamptz', nullable: true })
  lastAssignedAt: Date | null;
}
