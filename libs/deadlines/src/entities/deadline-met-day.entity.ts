import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The met deadlines counted per kind and UTC day (issue 23), for the SLA report: a period reads
 * its whole UTC days here and only the partial days at its two ends (and the open deadlines) from
 * `deadline` (libs/deadlines/src/reports/sla-compliance.ts). A met deadline counts once, on the
 * UTC day of `coalesce(closed_at, due_at)`, as on time or late exactly as the report classifies
 * it. Kept by triggers on `deadline` and `deadline_effect` in the transaction that writes them
 * (migration 1796456500000-DeadlineMetDay); written by nothing else but
 * `deadline_met_day_recount()`.
 *
 * `shard`: each writing transaction claims a shard of its own for as long as it runs (the lowest
 * free of 16, by a transaction-scoped advisory lock), so two transactions never write the same
 * row: no waits between writers, and no deadlock whatever order a statement meets its deadlines
 * in. A row is one transaction-shard's part of a day: it may be negative (a deadline counted in
 * one shard and taken back by a transaction holding another); the sum over the shards is the count.
 */
@Entity({ name: 'deadline_met_day' })
export class DeadlineMetDay {
  /** The UTC date of the deadline's `coalesce(closed_at, due_at)`. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_deadline_met_day' })
  day: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_deadline_met_day' })
  kind: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_deadline_met_day' })
  shard: number;

  /** Met on time (by the due time and never breached, or acted at the breach). */
  @Column({ type: 'int' })
  onTime: number;

  /** Met late (after the due time, or after the breach fired, without acting). */
  @Column({ type: 'int' })
  late: number;
}
