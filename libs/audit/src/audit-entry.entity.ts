import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row of the append-only, hash-chained audit log. Rows are only ever inserted, by
 * `AuditLog.append`; a trigger refuses UPDATE, DELETE and TRUNCATE (see the migration).
 * Internal to this library: other code reads the log through `AuditLog`, never this table.
 *
 * The table is partitioned by `occurredAt`, one partition per UTC month and a default one
 * (migration AuditLogPartitionedByMonth; the partitions are not entities). A unique index must
 * hold the partition key, hence the primary key (seq, occurredAt): `seq` alone is unique by its
 * identity sequence. At most one successor per entry is kept by the trigger that advances the
 * chain's head, which refuses an entry that does not link to the head (docs/audit.md).
 */
@Entity({ name: 'audit_log' })
// The hashes are SHA-256 stored as their 32 bytes (the API and the CLI print them in hex).
@Check('ck_audit_log_hash_length', `octet_length("hash") = 32 AND octet_length("prev_hash") = 32`)
@Index('ix_audit_log_chain_seq', ['chain', 'seq'])
@Index('ix_audit_log_subject', ['subjectType', 'subjectId', 'seq'])
// The audit trail's search by who acted and by what was done (AuditLog.search).
@Index('ix_audit_log_actor', ['actorId', 'seq'])
@Index('ix_audit_log_action', ['action', 'seq'])
export class AuditEntry {
  /** The chain order. A bigint, so TypeORM reads it as a decimal string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_audit_log' })
  seq: string;

  @Column({ type: 'text', default: 'main' })
  chain: string;

  /** The partition key. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_audit_log' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text', nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ type: 'bytea' })
  prevHash: Buffer;

  @Column({ type: 'bytea' })
  hash: Buffer;
}
