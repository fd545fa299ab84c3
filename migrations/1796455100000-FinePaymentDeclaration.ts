import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: an agency declares its own payment of a fine, with a reference and a proof document;
 * the ministry confirms it (paid) or rejects it (open again, with a reason). A new state
 * `payment-declared` and the declaration's columns, as refund orders have
 * (1796454500000-RefundPaymentDeclaration).
 */
export class FinePaymentDeclaration1796455100000 implements MigrationInterface {
  name = 'FinePaymentDeclaration1796455100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fine" ADD "declared_reference" text`);
    await queryRunner.query(`ALTER TABLE "fine" ADD "declared_document_id" uuid`);
    await queryRunner.query(`ALTER TABLE "fine" ADD "declared_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "fine" ADD "declaration_rejected_reason" text`);
    await queryRunner.query(`ALTER TABLE "fine" DROP CONSTRAINT "ck_fine_state"`);
    await queryRunner.query(`ALTER TABLE "fine" ADD CONSTRAINT "ck_fine_state" CHECK (state IN ('open','payment-declared','paid','cancelled'))`);
    await queryRunner.query(
      `ALTER TABLE "fine" ADD CONSTRAINT "ck_fine_declared" CHECK (state <> 'payment-declared' OR (declared_reference IS NOT NULL AND declared_document_id IS NOT NULL AND declared_at IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fine" DROP CONSTRAINT "ck_fine_declared"`);
    await queryRunner.query(`UPDATE "fine" SET state = 'open' WHERE state = 'payment-declared'`);
    await queryRunner.query(`ALTER TABLE "fine" DROP CONSTRAINT "ck_fine_state"`);
    await queryRunner.query(`ALTER TABLE "fine" ADD CONSTRAINT "ck_fine_state" CHECK (state IN ('open','paid','cancelled'))`);
    await queryRunner.query(`ALTER TABLE "fine" DROP COLUMN "declaration_rejected_reason"`);
    await queryRunner.query(`ALTER TABLE "fine" DROP COLUMN "declared_at"`);
    await queryRunner.query(`ALTER TABLE "fine" DROP COLUMN "declared_document_id"`);
    await queryRunner.query(`ALTER TABLE "fine" DROP COLUMN "declared_reference"`);
  }
}
