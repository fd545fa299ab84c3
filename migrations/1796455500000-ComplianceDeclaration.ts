import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: an agency declares that it complied with a settlement (a statement, optionally a proof
 * document of the case's evidence), once per settlement; the ministry still confirms with `comply`.
 */
export class ComplianceDeclaration1796455500000 implements MigrationInterface {
  name = 'ComplianceDeclaration1796455500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "complaint_compliance_declaration" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "settlement_seq" bigint NOT NULL, "statement" text NOT NULL, "document_id" uuid, "declared_by" uuid NOT NULL, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_complaint_compliance_declaration" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_complaint_compliance_declaration_complaint" ON "complaint_compliance_declaration" ("complaint_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_complaint_compliance_declaration_settlement" ON "complaint_compliance_declaration" ("settlement_seq") `);
    await queryRunner.query(
      `ALTER TABLE "complaint_compliance_declaration" ADD CONSTRAINT "fk_complaint_compliance_declaration_complaint" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaint_compliance_declaration" ADD CONSTRAINT "fk_complaint_compliance_declaration_settlement" FOREIGN KEY ("settlement_seq") REFERENCES "complaint_event"("seq") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint_compliance_declaration" DROP CONSTRAINT "fk_complaint_compliance_declaration_settlement"`);
    await queryRunner.query(`ALTER TABLE "complaint_compliance_declaration" DROP CONSTRAINT "fk_complaint_compliance_declaration_complaint"`);
    await queryRunner.query(`DROP INDEX "public"."uq_complaint_compliance_declaration_settlement"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_compliance_declaration_complaint"`);
    await queryRunner.query(`DROP TABLE "complaint_compliance_declaration"`);
  }
}
