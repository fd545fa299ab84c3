import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One balanced entry of the welfare fund's double-entry ledger. Never updated. */
@Entity({ name: 'fund_entry' })
@Index('uq_fund_entry_idempotency', ['idempotencyKey'], { unique: true })
@Index('ix_fund_entry_claim', ['claimId'])
@Check('ck_fund_entry_kind', `kind IN ('contribution','approval','disbursement')`)
export class FundEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_fund_entry' })
  seq: string;

  @Column({ type: 'text' })
  kind: 'contribution' | 'approval' | 'disbursement';

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'uuid', nullable: true })
  claimId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contributionId: string | null;

  /** `disburse:<Idempotency-Key>`, `contribution:<id>`, `approval:<claimId>`: an entry is written once. */
  @Column({ type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of what was asked (the same key with another request is refused). */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

/** A line of an entry: one account, debit or credit. */
@Entity({ name: 'fund_line' })
@Index('ix_fund_line_account', ['account'])
@Check('ck_fund_line_one_side', `(debit_minor > 0 AND credit_minor = 0) OR (credit_minor > 0 AND debit_minor = 0)`)
export class FundLine {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_fund_line' })
  id: string;

  @Column({ type: 'bigint' })
  entrySeq: string;

  @ManyToOne(() => FundEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_seq', foreignKeyConstraintName: 'fk_fund_line_entry' })
  entry?: FundEntry;

  @Column({ type: 'text' })
  account: string;

  @Column({ type: 'bigint' })
  debitMinor: string;

  @Column({ type: 'bigint' })
  creditMinor: string;
}
