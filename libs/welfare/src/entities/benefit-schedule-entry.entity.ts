import { Check, Column, Entity, Exclusion, PrimaryGeneratedColumn } from 'typeorm';

/** One effective-dated benefit rule for a claim type (admin-maintained; overlaps refused by the database). */
@Entity({ name: 'benefit_schedule_entry' })
@Exclusion('ex_benefit_schedule_overlap', `USING gist (claim_type WITH =, daterange(valid_from, valid_to, '[]') WITH &&)`)
@Check('ck_benefit_schedule_validity', `valid_to IS NULL OR valid_to >= valid_from`)
export class BenefitScheduleEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_benefit_schedule_entry' })
  id: string;

  @Column({ type: 'text' })
  claimType: string;

  /** The rule as the pure core reads it (amounts as decimal strings). */
  @Column({ type: 'jsonb' })
  rule: Record<string, unknown>;

  @Column({ type: 'boolean' })
  oneTime: boolean;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
