import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the supervisors' reports over a period read that period only. Cases and placements
 * are counted by the local date they were filed or recorded (created_at), the case deadlines by
 * the date they were met or fall due (coalesce(closed_at, due_at), cancelled ones left out): an
 * index on each, so that a month of a million cases reads a month
 * (libs/complaints/src/reports/complaint-reports.service.ts). The INCLUDE columns are not
 * declarable in TypeORM: the entities name these indexes with `synchronize: false`.
 */
export class ReportPeriodIndexes1796454300001 implements MigrationInterface {
  name = 'ReportPeriodIndexes1796454300001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Carrying what the reports read of each row, so a period is read from the index alone.
    await queryRunner.query(`CREATE INDEX "ix_complaint_created" ON "complaint" ("created_at") INCLUDE ("agency_id", "kind", "stage", "outcome", "closed_at")`);
    await queryRunner.query(`CREATE INDEX "ix_placement_created" ON "placement" ("created_at") INCLUDE ("agency_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_period" ON "deadline" ((coalesce(closed_at, due_at))) INCLUDE ("kind", "state", "breached_at", "closed_at", "due_at") WHERE state IN ('pending','paused','breached','met')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_placement_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_created"`);
  }
}
