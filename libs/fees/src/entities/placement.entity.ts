import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '@app/agencies';

/** A fee line as stored (JSON has no bigint: amounts are decimal strings of minor units). */
export interface StoredFeeLine {
  item: string;
  amountMinor: string;
  currency: string;
  /** The day the fee was charged (YYYY-MM-DD). */
  date: string;
  receiptNumber: string;
}

/** The terms of a placement that an amendment may correct (everything but the fees). */
export interface PlacementTermsRecord {
  workerName: string;
  workerPassportNumber: string;
  workerEmail: string | null;
  employerName: string;
  destinationCountry: string;
  occupationCategory: string;
  monthlySalaryMinor: string;
  salaryCurrency: string;
  recruitedOn: string;
  contractStart: string;
  contractMonths: number;
}

/**
 * A worker placed abroad by an agency, with the fees it declares it charged. Changed only by an
 * amendment (placement_revision keeps every earlier version); `revision` is also the optimistic
 * lock: an amendment names the revision it corrects.
 */
@Entity({ name: 'placement' })
@Index('uq_placement_seq', ['seq'], { unique: true })
@Index('ix_placement_agency', ['agencyId', 'seq'])
@Index('ix_placement_worker_user', ['workerUserId'])
@Index('ix_placement_destination', ['destinationCountry', 'seq'])
// The reports' period (created_at INCLUDE agency_id): migration ReportPeriodIndexes, left alone by schema sync.
@Index('ix_placement_created', { synchronize: false })
@Check('ck_placement_salary_positive', `monthly_salary_minor > 0`)
@Check('ck_placement_contract', `contract_months BETWEEN 1 AND 120 AND contract_start >= recruited_on`)
export class Placement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_placement' })
  id: string;

  /** Order of recording; the reference `PLC-<seq>` is built from it. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_placement_agency' })
  agency?: Agency;

  /** The license number under which the worker was placed (from "may place workers"). */
  @Column({ type: 'text' })
  licenseNumber: string;

  @Column({ type: 'text' })
  workerName: string;

  @Column({ type: 'text' })
  workerPassportNumber: string;

  @Column({ type: 'text', nullable: true })
  workerEmail: string | null;

  /** The worker's own account, when one exists with the email the agency gave: they may then state what they paid. */
  @Column({ type: 'uuid', nullable: true })
  workerUserId: string | null;

  @Column({ type: 'text' })
  employerName: string;

  /** The installation's origin country (FEES_ORIGIN_COUNTRY) when recorded. */
  @Column({ type: 'text' })
  originCountry: string;

  @Column({ type: 'text' })
  destinationCountry: string;

  @Column({ type: 'text' })
  occupationCategory: string;

  @Column({ type: 'bigint' })
  monthlySalaryMinor: string;

  @Column({ type: 'char', length: 3 })
  salaryCurrency: string;

  /** When the agency recruited the worker: no fee may be dated earlier. */
  @Column({ type: 'date' })
  recruitedOn: string;

  @Column({ type: 'date' })
  contractStart: string;

  @Column({ type: 'int' })
  contractMonths: number;

  @Column({ type: 'jsonb' })
  fees: StoredFeeLine[];

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
