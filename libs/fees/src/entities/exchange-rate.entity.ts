import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A dated exchange rate: one unit of `base` buys `rate` units of `quote` from `rate_date` until the
 * next rate of the pair (at most FEES_RATE_MAX_AGE_DAYS). Kept as the decimal text it was given in,
 * so conversion stays exact. A correction replaces the rate of that date (audited).
 */
@Entity({ name: 'exchange_rate' })
@Index('uq_exchange_rate_pair_date', ['base', 'quote', 'rateDate'], { unique: true })
@Check('ck_exchange_rate_pair', `base ~ '^[A-Z]{3}$' AND quote ~ '^[A-Z]{3}$' AND base <> quote`)
@Check('ck_exchange_rate_positive', `rate > 0`)
export class ExchangeRate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_exchange_rate' })
  id: string;

  @Column({ type: 'char', length: 3 })
  base: string;

  @Column({ type: 'char', length: 3 })
  quote: string;

  @Column({ type: 'date' })
  rateDate: string;

  @Column({ type: 'numeric', precision: 24, scale: 12 })
  rate: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
