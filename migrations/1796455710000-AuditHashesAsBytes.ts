import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the audit hashes as the 32 bytes of the SHA-256 they are, not 64 hex characters
 * (audit_log was 4.9 GB at national scale, 1.56 GB of it two unique indexes on the hex text).
 * The hash itself is unchanged (SHA-256 over the previous hash written in lowercase hex, then the
 * canonical JSON: docs/audit.md), so every chain verifies as before; only its storage changes,
 * and the API and the CLI still print hex.
 *
 * `uq_audit_log_hash` (every hash unique across the log) is dropped, not rebuilt: what the chain
 * needs is at most one successor per entry, `uq_audit_log_chain_prev_hash`, rebuilt on bytes. An
 * entry's hash covers its chain and its predecessor's hash, so two equal hashes would take a
 * SHA-256 collision; nothing looks an entry up by its hash.
 *
 * The columns are rewritten in place (ALTER ... TYPE rewrites the table; row triggers do not fire),
 * under an ACCESS EXCLUSIVE lock on audit_log for the time of the rewrite: run it in a quiet hour
 * (about a minute per million entries on a small machine; docs/benchmarks.md).
 */
export class AuditHashesAsBytes1796455710000 implements MigrationInterface {
  name = 'AuditHashesAsBytes1796455710000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "uq_audit_log_hash"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "uq_audit_log_chain_prev_hash"`);
    await queryRunner.query(
      `ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" TYPE bytea USING decode("prev_hash", 'hex'), ALTER COLUMN "hash" TYPE bytea USING decode("hash", 'hex')`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_log" ADD CONSTRAINT "ck_audit_log_hash_length" CHECK (octet_length("hash") = 32 AND octet_length("prev_hash") = 32)`,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "uq_audit_log_chain_prev_hash" UNIQUE ("chain", "prev_hash")`);
    await queryRunner.query(`ALTER TABLE "audit_chain_head" ALTER COLUMN "hash" TYPE bytea USING decode("hash", 'hex')`);
    await queryRunner.query(`ALTER TABLE "audit_verified_point" ALTER COLUMN "hash" TYPE bytea USING decode("hash", 'hex')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_verified_point" ALTER COLUMN "hash" TYPE character(64) USING encode("hash", 'hex')`);
    await queryRunner.query(`ALTER TABLE "audit_chain_head" ALTER COLUMN "hash" TYPE character(64) USING encode("hash", 'hex')`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "uq_audit_log_chain_prev_hash"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "ck_audit_log_hash_length"`);
    await queryRunner.query(
      `ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" TYPE character(64) USING encode("prev_hash", 'hex'), ALTER COLUMN "hash" TYPE character(64) USING encode("hash", 'hex')`,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "uq_audit_log_chain_prev_hash" UNIQUE ("chain", "prev_hash")`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "uq_audit_log_hash" UNIQUE ("hash")`);
  }
}
