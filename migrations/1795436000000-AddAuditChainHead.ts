import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recorded head (last seq and hash) of every audit chain, kept by a trigger on each insert
 * into audit_log. Without it, removing the newest entries of a chain would leave a shorter chain
 * that still verifies; with it, `audit:verify` sees that the chain ends before its head.
 * The head only moves forward: a trigger refuses DELETE, TRUNCATE and any UPDATE that does not
 * advance it. (Only a superuser who disables both tables' triggers can rewrite both consistently;
 * anchoring the head outside the database, see docs/audit.md, covers that case.)
 */
export class AddAuditChainHead1795436000000 implements MigrationInterface {
  name = 'AddAuditChainHead1795436000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_chain_head" ("chain" text NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "pk_audit_chain_head" PRIMARY KEY ("chain"))`,
    );
    await queryRunner.query(
      `INSERT INTO "audit_chain_head" (chain, seq, hash) SELECT DISTINCT ON (chain) chain, seq, hash FROM "audit_log" ORDER BY chain, seq DESC`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "audit_chain_head_advance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_chain_head (chain, seq, hash) VALUES (NEW.chain, NEW.seq, NEW.hash)
  ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash;
  RETURN NULL;
END
$$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_audit_log_advance_head" AFTER INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_advance"()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "audit_chain_head_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.seq > OLD.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head only moves forward' USING HINT = 'the head of an audit chain is advanced by appending to audit_log';
END
$$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_audit_chain_head_forward_only" BEFORE UPDATE OR DELETE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_refuse_change"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_chain_head_refuse_change"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_audit_log_advance_head" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_chain_head_advance"()`);
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
    await queryRunner.query(`DROP FUNCTION "audit_chain_head_refuse_change"()`);
  }
}
