import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: the welfare fund's income other than contributions (docs/welfare.md, "Fund income").
 * `fund_income` holds each appropriation or other income with its unique reference; its ledger
 * entry is a `fund_entry` of kind `income` pointing at it (`income_id`). Like the ledger, the
 * records are append-only (the ledger's trigger function refuses UPDATE and DELETE).
 */
export class WelfareFundIncome1796453220000 implements MigrationInterface {
  name = 'WelfareFundIncome1796453220000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE \"fund_income\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"kind\" text NOT NULL, \"amount_minor\" bigint NOT NULL, \"currency\" character(3) NOT NULL, \"received_on\" date NOT NULL, \"reference\" text NOT NULL, \"description\" text NOT NULL, \"recorded_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_fund_income_amount\" CHECK (amount_minor > 0), CONSTRAINT \"ck_fund_income_kind\" CHECK (kind IN ('appropriation','other-income')), CONSTRAINT \"pk_fund_income\" PRIMARY KEY (\"id\"))",
    );
    await queryRunner.query('CREATE INDEX "ix_fund_income_received" ON "fund_income"  ("received_on") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_fund_income_reference" ON "fund_income"  ("reference") ');
    await queryRunner.query('ALTER TABLE "fund_entry" ADD "income_id" uuid');
    await queryRunner.query('ALTER TABLE "fund_entry" DROP CONSTRAINT "ck_fund_entry_kind"');
    await queryRunner.query(`ALTER TABLE "fund_entry" ADD CONSTRAINT "ck_fund_entry_kind" CHECK (kind IN ('contribution','approval','disbursement','income'))`);
    await queryRunner.query(`CREATE TRIGGER "trg_fund_income_append_only" BEFORE UPDATE OR DELETE ON "fund_income" FOR EACH ROW EXECUTE FUNCTION "fund_ledger_refuse_change"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "trg_fund_income_append_only" ON "fund_income"');
    await queryRunner.query('ALTER TABLE "fund_entry" DROP CONSTRAINT "ck_fund_entry_kind"');
    await queryRunner.query(`ALTER TABLE "fund_entry" ADD CONSTRAINT "ck_fund_entry_kind" CHECK (kind IN ('contribution','approval','disbursement'))`);
    await queryRunner.query('ALTER TABLE "fund_entry" DROP COLUMN "income_id"');
    await queryRunner.query('DROP INDEX "public"."uq_fund_income_reference"');
    await queryRunner.query('DROP INDEX "public"."ix_fund_income_received"');
    await queryRunner.query('DROP TABLE "fund_income"');
  }
}
