import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The public scorecard's complaint counts per agency, kept by triggers on `complaint` and
 * `allegation` (migration 1796455800000-AgencyComplaintCounts) in the transaction that changes
 * them, so that the public license page reads a few rows instead of joining every case of the
 * agency with every allegation. An agency's count is the sum over its rows (at most 16: `shard` =
 * the last byte of the case id & 15, as `inspector_workload`). Written only by the triggers (and
 * `agency_complaint_counts_recount()`); read by ComplaintsContributions.forAgencies.
 */
@Entity({ name: 'agency_complaint_counts' })
@Check('ck_agency_complaint_counts_open', `open_complaints >= 0`)
@Check('ck_agency_complaint_counts_violations', `decided_violations >= 0`)
@Check('ck_agency_complaint_counts_shard', `shard BETWEEN 0 AND 15`)
export class AgencyComplaintCounts {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_agency_complaint_counts' })
  agencyId: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_agency_complaint_counts' })
  shard: number;

  /** Complaints of this shard accepted at triage and not closed (kind `complaint`, a stage of ACCEPTED_OPEN_STAGES). */
  @Column({ type: 'int' })
  openComplaints: number;

  /** Violation findings of this shard's cases closed as decided or appeal-decided. */
  @Column({ type: 'int' })
  decidedViolations: number;
}
