import { Check, Column, Entity, Exclusion, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { FarePayer } from '../contracts/contract-terms';

/**
 * The standard (model) employment contract of a corridor and occupation (issue 20, SPEC section
 * 9), admin-maintained and effective-dated like fee rules: never edited, ended and followed by a
 * new one; two for one key whose days overlap are refused by the exclusion constraint. It sets the
 * floor every placement's contract is checked against when recorded.
 */
@Entity({ name: 'model_contract' })
@Exclusion(
  'ex_model_contract_overlap',
  `USING gist (destination_country WITH =, occupation_category WITH =, origin_country WITH =, daterange(valid_from, valid_to, '[]') WITH &&)`,
)
@Index('ix_model_contract_key', ['destinationCountry', 'occupationCategory', 'originCountry', 'validFrom'])
@Check('ck_model_contract_validity', `valid_to IS NULL OR valid_to >= valid_from`)
@Check('ck_model_contract_destination', `destination_country ~ '^[A-Z]{2}$'`)
@Check('ck_model_contract_origin', `origin_country ~ '^([A-Z]{2}|\\*)$'`)
@Check(
  'ck_model_contract_figures',
  `min_monthly_salary_minor > 0 AND (max_hours_per_week IS NULL OR max_hours_per_week BETWEEN 1 AND 168) AND min_rest_days_per_week BETWEEN 0 AND 7 AND min_paid_leave_days_per_year BETWEEN 0 AND 366 AND contract_months BETWEEN 1 AND 120`,
)
@Check('ck_model_contract_fare', `fare_paid_by IN ('employer','shared','worker')`)
export class ModelContractRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_model_contract' })
  id: string;

  @Column({ type: 'text' })
  destinationCountry: string;

  @Column({ type: 'text' })
  occupationCategory: string;

  /** ISO 3166 alpha-2 of the origin, or '*' for every origin without a model of its own. */
  @Column({ type: 'text' })
  originCountry: string;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'bigint' })
  minMonthlySalaryMinor: string;

  @Column({ type: 'char', length: 3 })
  salaryCurrency: string;

  /** null: the model sets no limit on hours. */
  @Column({ type: 'int', nullable: true })
  maxHoursPerWeek: number | null;

  @Column({ type: 'int' })
  minRestDaysPerWeek: number;

  @Column({ type: 'int' })
  minPaidLeaveDaysPerYear: number;

  /** The standard duration: a shorter contract is below the model. */
  @Column({ type: 'int' })
  contractMonths: number;

  /** Who pays the fare to the job and back: `employer` means the worker pays none of it. */
  @Column({ type: 'text' })
  farePaidBy: FarePayer;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

/** A finding of the check, as stored (the pure core's BelowModel). */
export interface StoredModelCheck {
  outcome: 'meets-model' | 'below-model' | 'no-model';
  findings: { term: string; model: string; contract: string }[];
  unchecked: { term: string; reason: string }[];
}

/**
 * The contract terms registered with a placement (besides its salary, start and length, which the
 * placement holds) and their check against the model in force on the recruitment date, as recorded.
 * Never updated.
 */
@Entity({ name: 'placement_contract' })
@Check('ck_placement_contract_fare', `fare_paid_by IS NULL OR fare_paid_by IN ('employer','shared','worker')`)
@Check('ck_placement_contract_outcome', `outcome IN ('meets-model','below-model','no-model')`)
export class PlacementContract {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_placement_contract' })
  placementId: string;

  @Column({ type: 'int', nullable: true })
  hoursPerWeek: number | null;

  @Column({ type: 'int', nullable: true })
  restDaysPerWeek: number | null;

  @Column({ type: 'int', nullable: true })
  paidLeaveDaysPerYear: number | null;

  @Column({ type: 'text', nullable: true })
  farePaidBy: FarePayer | null;

  @Column({ type: 'uuid', nullable: true })
  modelContractId: string | null;

  @Column({ type: 'text' })
  outcome: StoredModelCheck['outcome'];

  @Column({ type: 'jsonb' })
  findings: StoredModelCheck['findings'];

  @Column({ type: 'jsonb' })
  unchecked: StoredModelCheck['unchecked'];

  @Column({ type: 'timestamptz' })
  checkedAt: Date;
}
