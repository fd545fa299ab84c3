import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

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
 * The ledger's lines rolled up per account, entry kind and quarter hour (UTC) of the entry
 * (issue 23): what a report of a period reads instead of every line ever. Kept by the trigger
 * `trg_fund_line_roll_up` in the transaction that inserts the lines (whoever inserts them), filled
 * from the lines by the migration that made it. A quarter hour, not a day: a local day of any
 * jurisdiction (offsets are whole quarter hours: +05:45, -09:30...) is a whole number of them,
 * whatever the home jurisdiction is now. The claims' payable accounts are not rolled up here (one
 * account per claim): their balances are in fund_balance.
 */
@Entity({ name: 'fund_movement' })
@Check('ck_fund_movement_sides', `debit_minor >= 0 AND credit_minor >= 0`)
export class FundMovement {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_fund_movement' })
  account: string;

  /** The start of the quarter hour (UTC) in which the entries were written (`fund_entry.created_at`). */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_fund_movement' })
  slot: Date;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_fund_movement' })
  kind: FundEntry['kind'];

  @Column({ type: 'bigint' })
  debitMinor: string;

  @Column({ type: 'bigint' })
  creditMinor: string;
}

/**
 * The same movements per UTC day (issue 23): a long period (a month, ten years) is whole UTC days
 * and a partial day at each end, so it reads one row a day and the quarter hours of its two ends,
 * not 96 a day. Kept by the same trigger.
 */
@Entity({ name: 'fund_movement_day' })
@Check('ck_fund_movement_day_sides', `debit_minor >= 0 AND credit_minor >= 0`)
export class FundMovementDay {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_fund_movement_day' })
  account: string;

  /** The UTC date of the entries. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_fund_movement_day' })
  day: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_fund_movement_day' })
  kind: FundEntry['kind'];

  @Column({ type: 'bigint' })
  debitMinor: string;

  @Column({ type: 'bigint' })
  creditMinor: string;
}

/**
 * Every account's debits and credits since the first entry (issue 23): the fund's balances, kept
 * as it posts by the same trigger as fund_movement. A claim's payable account has its row (what
 * is owed on it: credit minus debit) with when it first and last moved, so the obligations at the
 * end of a day read the claims owed now and those that moved since, not every line.
 */
@Entity({ name: 'fund_balance' })
@Index('ix_fund_balance_owed', ['firstMovedAt'], { where: `account LIKE 'claim-payable:%' AND debit_minor <> credit_minor` })
@Index('ix_fund_balance_moved', ['lastMovedAt'])
@Check('ck_fund_balance_sides', `debit_minor >= 0 AND credit_minor >= 0`)
export class FundBalance {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_fund_balance' })
  account: string;

  @Column({ type: 'bigint' })
  debitMinor: string;

  @Column({ type: 'bigint' })
  creditMinor: string;

  /** The `created_at` of the account's first entry. */
  @Column({ type: 'timestamptz' })
  firstMovedAt: Date;

  /** The `created_at` of its last entry. */
  @Column({ type: 'timestamptz' })
  lastMovedAt: Date;
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

/**
 * The projected obligations per claim type (issue 23): the claims whose payable account holds a
 * balance (`claims`) and what is owed on them (`owedMinor`, credit minus debit), in 16 shards per
 * type (`shard` = the last byte of the claim id & 15, as inspector_workload): a type's figure is
 * the sum of its rows. Kept by the fund ledger's trigger (`fund_line_roll_up`, right after it moves
 * `fund_balance`) in the transaction that posts, whoever posts (the app, the scale seed); filled
 * from the balances by its migration; `fund_obligation_recount()` rebuilds it. A claim's type never
 * changes once it has a payable (a trigger on welfare_claim refuses it). The fund position reads
 * these rows instead of every claim owed.
 */
@Entity({ name: 'fund_obligation' })
@Check('ck_fund_obligation_shard', `shard BETWEEN 0 AND 15`)
@Check('ck_fund_obligation_claims', `claims >= 0`)
export class FundObligation {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_fund_obligation' })
  claimType: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_fund_obligation' })
  shard: number;

  /** The claims of this type and shard whose payable balance is not zero. */
  @Column({ type: 'int' })
  claims: number;

  /** The sum of their payable balances (credit minus debit). */
  @Column({ type: 'bigint' })
  owedMinor: string;
}
