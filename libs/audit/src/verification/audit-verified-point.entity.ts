import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far the background verification (AuditVerificationJob) has verified one chain, and what it
 * found: the last entry it verified (`seq`, `hash`), how many entries this pass has verified since
 * the chain's first, when it last looked, and the first break it met, if any. Written by the job
 * only; read by the API (`GET /audit/chains`). Internal to this library.
 */
@Entity({ name: 'audit_verified_point' })
export class AuditVerifiedPoint {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_audit_verified_point' })
  chain: string;

  /** The last entry verified (null: nothing verified yet in this pass). A bigint, read as a decimal string. */
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

  /** Its hash when it was verified: the next run checks the entry still has it. */
  @Column({ type: 'bytea', nullable: true })
  hash: Buffer | null;

  /** Entries verified in this pass, from the chain's first entry to `seq`. */
  @Column({ type: 'bigint', default: 0 })
  entries: string;

  /** When this pass began at the chain's first entry (a restart or a periodic full pass begins a new one). */
  @Column({ type: 'timestamptz' })
  passStartedAt: Date;

  /** When a run last checked the chain (null: not yet). */
  @Column({ type: 'timestamptz', nullable: true })
  checkedAt: Date | null;

  @Column({ type: 'boolean', default: true })
  valid: boolean;

  /** The first entry that does not hold (ChainBreak), when `valid` is false. */
  @Column({ type: 'bigint', nullable: true })
  brokenSeq: string | null;

  @Column({ type: 'text', nullable: true })
  brokenReason: string | null;

  @Column({ type: 'text', nullable: true })
  brokenExpected: string | null;

  @Column({ type: 'text', nullable: true })
  brokenFound: string | null;

  /** When the break was found. */
  @Column({ type: 'timestamptz', nullable: true })
  brokenAt: Date | null;
}
