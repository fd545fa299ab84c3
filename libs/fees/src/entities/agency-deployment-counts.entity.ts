import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The public scorecard's deployments per agency, kept by a trigger on `placement` (migration
 * 1796455810000-AgencyDeploymentCounts) in the transaction that records a placement, so that the
 * public license page reads a few rows instead of counting every placement of the agency. An
 * agency's count is the sum over its rows (at most 16: `shard` = the last byte of the placement id
 * & 15). Written only by the trigger (and `agency_deployment_counts_recount()`); read by
 * Placements.deployments.
 */
@Entity({ name: 'agency_deployment_counts' })
@Check('ck_agency_deployment_counts_deployments', `deployments >= 0`)
@Check('ck_agency_deployment_counts_shard', `shard BETWEEN 0 AND 15`)
export class AgencyDeploymentCounts {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_agency_deployment_counts' })
  agencyId: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_agency_deployment_counts' })
  shard: number;

  /** Placements of this shard recorded by the agency. */
  @Column({ type: 'int' })
  deployments: number;
}
