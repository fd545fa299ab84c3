import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: an inspection case opened by the pattern of complaints is hidden from the agency until
 * the ministry notifies it (docs/complaints.md, "Linked cases and inspections"). The moment is kept
 * on the case. Inspections already accepted (their agency was mailed then) count as notified at
 * their acceptance, so what agencies already saw stays visible; the others become hidden.
 */
export class InspectionAgencyNotice1796452200000 implements MigrationInterface {
  name = 'InspectionAgencyNotice1796452200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint" ADD "agency_notified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE complaint c SET agency_notified_at = e.at
         FROM (SELECT complaint_id, min(at) AS at FROM complaint_event WHERE kind = 'accept' GROUP BY complaint_id) e
        WHERE e.complaint_id = c.id AND c.kind = 'inspection'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint" DROP COLUMN "agency_notified_at"`);
  }
}
