import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23, continued: the overdue queue and the applications list at national scale.
 *
 * - The open deadlines past due, by subject type and due time, carrying the subject's id: the
 *   overdue filter of the case queue reads the overdue ones from this index alone (a hash of a
 *   few tens of thousands of ids) rather than visiting each of the open deadlines' rows, scattered
 *   among millions of closed ones.
 * - The open deadlines by subject with their due time: the queue's "next due" and the overdue
 *   probe of one case, from the index alone.
 * - License applications in their list's order (most recently changed first, then id).
 * - An agency's decided cases and their violations, for the sanction the schedule proposes on a
 *   case (its prior offences: libs/complaints/src/cases/sanction-effects.ts), read from indexes
 *   alone rather than from every case of the agency and each one's allegations.
 */
export class OpenDeadlineAndApplicationIndexes1796454300002 implements MigrationInterface {
  name = 'OpenDeadlineAndApplicationIndexes1796454300002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_deadline_open_due" ON "deadline" ("subject_type", "due_at") INCLUDE ("subject_id") WHERE state IN ('pending','paused','breached')`);
    await queryRunner.query(`CREATE INDEX "ix_deadline_open_subject_due" ON "deadline" ("subject_type", "subject_id", "due_at") WHERE state IN ('pending','paused','breached')`);
    await queryRunner.query(`CREATE INDEX "ix_license_application_updated" ON "license_application" ("updated_at" DESC, "id")`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_agency_decided" ON "complaint" ("agency_id", "closed_at", "id") WHERE stage = 'closed' AND outcome IN ('decided','appeal-decided')`);
    await queryRunner.query(
      `CREATE INDEX "ix_allegation_violation" ON "allegation" ("complaint_id", "position") INCLUDE ("category", "trafficking_indicators", "protected_category_fee", "sanction") WHERE finding = 'violation'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_allegation_violation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_agency_decided"`);
    await queryRunner.query(`DROP INDEX "public"."ix_license_application_updated"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_open_subject_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_open_due"`);
  }
}
