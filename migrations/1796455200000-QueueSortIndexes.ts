import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: the case queues sortable by deadline, filed date, stage and agency besides the
 * default (urgent first, oldest first), each order paged by keyset (`cursor`) and served by an
 * index, so a page stays an index range scan of pageSize + 1 entries at a million cases
 * (libs/complaints/src/cases/queue-order.ts; EXPLAIN evidence in docs/web-staff.md).
 *
 * - `complaint.next_due_at`: the earliest due time of the case's open deadlines ('infinity' when
 *   none is open, so the key is never null and sorts after every time). The deadlines are written
 *   by the deadline engine (libs/deadlines) in many places (start, meet, cancel, pause, resume,
 *   SLA and calendar recomputation), so the column is kept by triggers on `deadline`, in the same
 *   transaction as the deadline's change, and only when the state or the due time changed. The
 *   update is skipped when the nearest time did not move.
 * - Partial indexes on open cases (the queue's default set, as QueueKeysetIndexes): filed
 *   (created_at, id); deadline (next_due_at, id) for the team queue, the assignee's and the
 *   supervisors'; stage in the lifecycle's order (the expression queue-order.ts sorts by).
 * - sort=agency reads the open cases naming no licensed agency (created_at, id; partial), then walks
 *   `agency (legal_name, id)` in name order and, for each agency, its open cases on
 *   ix_complaint_open_agency_queue (an incremental sort by time within each agency).
 */
const STAGE_RANK = `(CASE stage WHEN 'submitted' THEN 0 WHEN 'conciliation' THEN 1 WHEN 'settled' THEN 2 WHEN 'adjudication' THEN 3 WHEN 'decided' THEN 4 WHEN 'appealed' THEN 5 WHEN 'closed' THEN 6 END)`;
const NEAREST = (subject: string) =>
  `coalesce((SELECT min(d.due_at) FROM deadline d WHERE d.subject_type = 'complaint' AND d.subject_id = ${subject} AND d.state IN ('pending','paused','breached')), 'infinity'::timestamptz)`;

export class QueueSortIndexes1796455200000 implements MigrationInterface {
  name = 'QueueSortIndexes1796455200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint" ADD "next_due_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT 'infinity'`);
    await queryRunner.query(`UPDATE "complaint" c SET "next_due_at" = ${NEAREST('c.id::text')} WHERE EXISTS (SELECT 1 FROM deadline d WHERE d.subject_type = 'complaint' AND d.subject_id = c.id::text)`);
    await queryRunner.query(`
      CREATE FUNCTION "complaint_next_due_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        subject text := CASE WHEN TG_OP = 'DELETE' THEN OLD.subject_id ELSE NEW.subject_id END;
        nearest timestamptz;
      BEGIN
        nearest := ${NEAREST('subject')};
        UPDATE complaint SET next_due_at = nearest WHERE id = subject::uuid AND next_due_at IS DISTINCT FROM nearest;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tr_deadline_complaint_next_due_insert" AFTER INSERT ON "deadline" FOR EACH ROW WHEN (NEW.subject_type = 'complaint') EXECUTE FUNCTION "complaint_next_due_refresh"()`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_deadline_complaint_next_due_update" AFTER UPDATE OF state, due_at ON "deadline" FOR EACH ROW ` +
        `WHEN (NEW.subject_type = 'complaint' AND (OLD.state IS DISTINCT FROM NEW.state OR OLD.due_at IS DISTINCT FROM NEW.due_at)) EXECUTE FUNCTION "complaint_next_due_refresh"()`,
    );
    await queryRunner.query(`CREATE TRIGGER "tr_deadline_complaint_next_due_delete" AFTER DELETE ON "deadline" FOR EACH ROW WHEN (OLD.subject_type = 'complaint') EXECUTE FUNCTION "complaint_next_due_refresh"()`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_filed" ON "complaint" ("created_at", "id") WHERE stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_due" ON "complaint" ("next_due_at", "id") WHERE stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_assignee_due" ON "complaint" ("assigned_to", "next_due_at", "id") WHERE stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_supervisor_due" ON "complaint" ("next_due_at", "id") WHERE in_supervisor_queue AND stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_stage_order" ON "complaint" (${STAGE_RANK}, "created_at", "id") WHERE stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_no_agency_filed" ON "complaint" ("created_at", "id") WHERE agency_id IS NULL AND stage <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "ix_agency_legal_name" ON "agency" ("legal_name", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['ix_agency_legal_name', 'ix_complaint_open_no_agency_filed', 'ix_complaint_open_stage_order', 'ix_complaint_open_supervisor_due', 'ix_complaint_open_assignee_due', 'ix_complaint_open_due', 'ix_complaint_open_filed']) {
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
    }
    for (const op of ['delete', 'update', 'insert']) await queryRunner.query(`DROP TRIGGER "tr_deadline_complaint_next_due_${op}" ON "deadline"`);
    await queryRunner.query(`DROP FUNCTION "complaint_next_due_refresh"()`);
    await queryRunner.query(`ALTER TABLE "complaint" DROP COLUMN "next_due_at"`);
  }
}
