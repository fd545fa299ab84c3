import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only, hash-chained audit log (libs/audit). Besides the table, a trigger refuses
 * UPDATE and DELETE of any row and TRUNCATE of the table, for every role including the owner;
 * only a superuser or the table owner can switch it off (ALTER TABLE ... DISABLE TRIGGER), and
 * the hash chain is what detects that (docs/audit.md).
 */
export class CreateAuditLog1795433768885 implements MigrationInterface {
  name = 'CreateAuditLog1795433768885';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "chain" text NOT NULL DEFAULT 'main', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_role" text, "action" text NOT NULL, "subject_type" text NOT NULL, "subject_id" text, "changes" jsonb NOT NULL DEFAULT '{}', "correlation_id" text, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "uq_audit_log_chain_prev_hash" UNIQUE ("chain", "prev_hash"), CONSTRAINT "uq_audit_log_hash" UNIQUE ("hash"), CONSTRAINT "pk_audit_log" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_subject" ON "audit_log" ("subject_type", "subject_id", "seq") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_chain_seq" ON "audit_log" ("chain", "seq") `);
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING HINT = 'audit entries are never changed or removed; append a correcting entry instead';
END
$$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_audit_log_no_truncate" ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER "trg_audit_log_append_only" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_refuse_change"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_chain_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_subject"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
