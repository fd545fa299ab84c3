import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `complaint.next_due_at` (QueueSortIndexes1796455200000) is kept by triggers on `deadline`. But
 * filing starts the triage deadline before it inserts the case row (the row's insert takes a shard
 * of the inspector's workload row, held to the commit: libs/complaints/src/intake), so the
 * deadline's trigger found no case to update and every case filed since was stored with
 * 'infinity': last in the deadline order, and in no deadline-state filter, until its deadline
 * changed. A case row now takes its nearest open deadline when it is inserted (a read, no lock),
 * and the rows written meanwhile are put right.
 */
const NEAREST = (subject: string) =>
  `coalesce((SELECT min(d.due_at) FROM deadline d WHERE d.subject_type = 'complaint' AND d.subject_id = ${subject} AND d.state IN ('pending','paused','breached')), 'infinity'::timestamptz)`;

export class ComplaintNextDueOnInsert1796455600000 implements MigrationInterface {
  name = 'ComplaintNextDueOnInsert1796455600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "complaint_next_due_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.next_due_at := ${NEAREST('NEW.id::text')};
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tr_complaint_next_due_on_insert" BEFORE INSERT ON "complaint" FOR EACH ROW EXECUTE FUNCTION "complaint_next_due_on_insert"()`);
    await queryRunner.query(`UPDATE "complaint" c SET "next_due_at" = ${NEAREST('c.id::text')} WHERE "next_due_at" IS DISTINCT FROM ${NEAREST('c.id::text')}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_complaint_next_due_on_insert" ON "complaint"`);
    await queryRunner.query(`DROP FUNCTION "complaint_next_due_on_insert"()`);
  }
}
