import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A welfare-fund contribution for one placement, recorded by the agency or at a ministry counter
 * with its receipt number. Membership periods are derived from these rows, never typed in.
 * Never updated.
 */
@Entity({ name: 'welfare_contribution' })
@Index('uq_welfare_contribution_placement', ['placementId'], { unique: true })
@Index('uq_welfare_contribution_receipt', ['receiptNumber'], { unique: true })
@Index('ix_welfare_contribution_worker', ['workerPassportNumber'])
@Check('ck_welfare_contribution_amount', `amount_minor > 0`)
@Check('ck_welfare_contribution_channel', `channel IN ('agency','counter')`)
export class WelfareContribution {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_welfare_contribution' })
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  /** Copied from the placement: the member is found by passport number (and account, when linked). */
  @Column({ type: 'text' })
  workerPassportNumber: string;

  @Column({ type: 'uuid', nullable: true })
  workerUserId: string | null;

  @Column({ type: 'date' })
  paidOn: string;

  @Column({ type: 'date' })
  coverFrom: string;

  @Column({ type: 'date' })
  coverTo: string;

  @Column({ type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text' })
  receiptNumber: string;

  @Column({ type: 'text' })
  channel: 'agency' | 'counter';

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
