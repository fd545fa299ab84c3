import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the daily lists at a million cases (docs/benchmarks.md, "Queues and lists at scale").
 *
 * The ministry's case queue is sorted urgent first, then oldest first, then by id, and paged by
 * keyset (`cursor`): each filter gets an index in that order, so a page is an index range scan of
 * pageSize + 1 entries whatever the page and however many cases there are. The queue holds open
 * cases by default, so its indexes are partial (`stage <> 'closed'`): at national scale nine
 * cases in ten are closed, and the indexes stay a tenth of the table's size. The rank
 * expression is the one the query sorts by (libs/complaints/src/cases/complaint-cases.service.ts).
 *
 * Placements (newest first, by seq) and welfare claims (newest first, by created_at and id) get
 * the indexes of their filters in their order.
 */
const RANK = `(CASE WHEN priority = 'urgent' THEN 0 ELSE 1 END)`;

export class QueueKeysetIndexes1796454300000 implements MigrationInterface {
  name = 'QueueKeysetIndexes1796454300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_queue" ON "complaint" (${RANK}, "created_at", "id") WHERE stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_assignee_queue" ON "complaint" ("assigned_to", ${RANK}, "created_at", "id") WHERE stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_supervisor_queue" ON "complaint" (${RANK}, "created_at", "id") WHERE in_supervisor_queue AND stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_agency_queue" ON "complaint" ("agency_id", ${RANK}, "created_at", "id") WHERE stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_agency_queue" ON "complaint" ("agency_id", ${RANK}, "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_stage_queue" ON "complaint" ("stage", ${RANK}, "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_placement_destination" ON "placement" ("destination_country", "seq")`);
    await queryRunner.query(`CREATE INDEX "ix_welfare_claim_created" ON "welfare_claim" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_welfare_claim_type_created" ON "welfare_claim" ("claim_type", "created_at", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'ix_welfare_claim_type_created',
      'ix_welfare_claim_created',
      'ix_placement_destination',
      'ix_complaint_stage_queue',
      'ix_complaint_agency_queue',
      'ix_complaint_open_agency_queue',
      'ix_complaint_open_supervisor_queue',
      'ix_complaint_open_assignee_queue',
      'ix_complaint_open_queue',
    ]) {
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
    }
  }
}
