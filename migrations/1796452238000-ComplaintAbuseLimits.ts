import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, abuse of the public complaint path (docs/complaints.md):
 * - `complaint_assignment_notice`: cases whose inspector has not been told yet, taken by the
 *   worker's periodic assignment digest (one mail per inspector, not one per case);
 * - `ix_complaint_contact_email_index`: the acknowledgement cap counts an address's recent public
 *   filings by its blind index.
 * Cases already filed were mailed to their inspectors one by one: none is pending.
 */
export class ComplaintAbuseLimits1796452238000 implements MigrationInterface {
  name = 'ComplaintAbuseLimits1796452238000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "complaint_assignment_notice" ("complaint_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_complaint_assignment_notice" PRIMARY KEY ("complaint_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_complaint_assignment_notice_created" ON "complaint_assignment_notice" ("created_at") `);
    await queryRunner.query(
      `ALTER TABLE "complaint_assignment_notice" ADD CONSTRAINT "fk_complaint_assignment_notice_complaint" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE INDEX "ix_complaint_contact_email_index" ON "complaint" ("contact_email_index", "created_at") WHERE contact_email_index IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_contact_email_index"`);
    await queryRunner.query(`ALTER TABLE "complaint_assignment_notice" DROP CONSTRAINT "fk_complaint_assignment_notice_complaint"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_assignment_notice_created"`);
    await queryRunner.query(`DROP TABLE "complaint_assignment_notice"`);
  }
}
