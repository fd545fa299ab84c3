import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One balanced entry of the welfare fund's double-entry ledger. Never updated. */
@Entity({ name: 'fund_entry' })
@Index('uq_fund_entry_idempotency', ['idempotencyKey'], { unique: true })
@Index('ix_fund_entry_claim', ['claimId'])
@Check('ck_fund_entry_kind', `kind IN ('contribution','approval','disbursement','income')`)
export class FundEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_fund_entry' })
  seq: string;

  @Column({ type: 'text' })
  kind: 'contribution' | 'approval' | 'disbursement' | 'income';

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'uuid', nullable: true })
  claimId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contributionId: string | null;

  /** An income entry's record (appropriation or other income; issue 20). */
  @Column({ type: 'uuid', nullable: true })
  incomeId: string | null;

  /** `disburse:<Idempotency-Key>`, `contribution:<id>`, `approval:<claimId>`, `income:<user>:<Idempotency-Key>`: an entry is written once. */
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

/**
 * Money the fund received other than a contribution (issue 20): an appropriation from the budget
 * or other income (interest, donations, recoveries), recorded by a finance officer or the admin
 * with its reference. Each is one balanced entry (debit fund-cash, credit its revenue account).
 * Never updated: a mistake is corrected by the finance office outside this record (there is no
 * reversal route yet).
 */
@Entity({ name: 'fund_income' })
@Index('uq_fund_income_reference', ['reference'], { unique: true })
@Index('ix_fund_income_received', ['receivedOn'])
@Check('ck_fund_income_kind', `kind IN ('appropriation','other-income')`)
@Check('ck_fund_income_amount', `amount_minor > 0`)
export class FundIncome {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_fund_income' })
  id: string;

  @Column({ type: 'text' })
  kind: 'appropriation' | 'other-income';

  @Column({ type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'date' })
  receivedOn: string;

  /** The appropriation's warrant or the bank's reference: unique. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
