import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the audit chains are verified by the worker from their last verified point forward
 * (AuditVerificationJob), and `GET /audit/chains` reads the result from here instead of walking
 * the whole log in one snapshot. One row per chain (docs/audit.md, "Verifying").
 */
export class AuditVerifiedPoint1796455700000 implements MigrationInterface {
  name = 'AuditVerifiedPoint1796455700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_verified_point" ("chain" text NOT NULL, "seq" bigint, "hash" character(64), "entries" bigint NOT NULL DEFAULT '0', "pass_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE, "valid" boolean NOT NULL DEFAULT true, "broken_seq" bigint, "broken_reason" text, "broken_expected" text, "broken_found" text, "broken_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_audit_verified_point" PRIMARY KEY ("chain"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_verified_point"`);
  }
}
