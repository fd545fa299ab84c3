import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: an agency declares its own payment of a refund order, with a reference and a proof
 * document; the ministry confirms it (paid) or rejects it (open again, with a reason). A new
 * state `payment-declared` and the declaration's columns.
 */
export class RefundPaymentDeclaration1796454500000 implements MigrationInterface {
  name = 'RefundPaymentDeclaration1796454500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refund_order" ADD "declared_reference" text`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD "declared_document_id" uuid`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD "declared_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD "declaration_rejected_reason" text`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP CONSTRAINT "ck_refund_order_state"`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD CONSTRAINT "ck_refund_order_state" CHECK (state IN ('open','payment-declared','paid','garnished','cancelled'))`);
    await queryRunner.query(
      `ALTER TABLE "refund_order" ADD CONSTRAINT "ck_refund_order_declared" CHECK (state <> 'payment-declared' OR (declared_reference IS NOT NULL AND declared_document_id IS NOT NULL AND declared_at IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refund_order" DROP CONSTRAINT "ck_refund_order_declared"`);
    await queryRunner.query(`UPDATE "refund_order" SET state = 'open' WHERE state = 'payment-declared'`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP CONSTRAINT "ck_refund_order_state"`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD CONSTRAINT "ck_refund_order_state" CHECK (state IN ('open','paid','garnished','cancelled'))`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP COLUMN "declaration_rejected_reason"`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP COLUMN "declared_at"`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP COLUMN "declared_document_id"`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP COLUMN "declared_reference"`);
  }
}
