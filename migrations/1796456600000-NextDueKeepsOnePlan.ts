import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `complaint.next_due_at` (the earliest due time of the case's open deadlines) costs less to keep
 * at a filing, where it was most of the filing's time in Postgres.
 *
 * What it cost: NextDueReadsTheSubjectsDeadlines1796456100000 made the two trigger functions plan
 * their statements afresh at every call (`plan_cache_mode = force_custom_plan`), because the
 * generic plan PL/pgSQL keeps after five calls could answer `min(d.due_at)` by walking
 * `ix_deadline_open_due (subject_type, due_at)` past every other case's open deadline on tables
 * never analyzed. Logged per statement (`log_min_duration_statement = 0`, 2 clients), a filing's
 * triage deadline `INSERT` took 1.0 ms in Postgres where the bench's minimal one takes 0.14 ms:
 * the trigger planned the `min()` (eight indexes on `deadline`, most partial, each weighed as a
 * path to the minimum) and the case's `UPDATE` (24 indexes on `complaint`) at every call, to find
 * no case row (filing inserts the deadline before the case).
 *
 * Now:
 * - **A deadline inserted** can only bring the case's nearest due time forward: its trigger sets
 *   `next_due_at` to the new deadline's due time where that is earlier, and reads nothing
 *   (`complaint_next_due_on_deadline_insert`: one `UPDATE` by primary key, whose generic plan is
 *   right whatever the statistics say, so PL/pgSQL keeps it). A deadline is inserted open
 *   (pending), so a closed one inserted is skipped, as the minimum over open ones would.
 * - **A deadline updated or deleted** (met, cancelled, paused, moved) can move it either way: the
 *   minimum is read again, planned per call as before, but of `due_at + interval '0'`, an
 *   expression no index's order serves, so the planner no longer weighs a walk of each index in
 *   due-time order to find it (2,000 plans of the read: 0.30 → 0.13 ms each on this machine).
 * - **A case inserted** reads the minimum the same way (the deadlines filed with it come first).
 *
 * The answers are the same: `least()` of the kept minimum and a new open deadline's due time is
 * the minimum over the set with it; adding a zero interval to a timestamptz leaves it as it was.
 */
const OPEN = `('pending','paused','breached')`;
const NEAREST = (subject: string, due: string) =>
  `coalesce((SELECT min(${due}) FROM deadline d WHERE d.subject_type = 'complaint' AND d.subject_id = ${subject} AND d.state IN ${OPEN}), 'infinity'::timestamptz)`;

const refresh = (due: string) => `
  CREATE OR REPLACE FUNCTION "complaint_next_due_refresh"() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
  DECLARE
    subject text := CASE WHEN TG_OP = 'DELETE' THEN OLD.subject_id ELSE NEW.subject_id END;
    nearest timestamptz;
  BEGIN
    nearest := ${NEAREST('subject', due)};
    UPDATE complaint SET next_due_at = nearest WHERE id = subject::uuid AND next_due_at IS DISTINCT FROM nearest;
    RETURN NULL;
  END $$`;

const onInsert = (due: string) => `
  CREATE OR REPLACE FUNCTION "complaint_next_due_on_insert"() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
  BEGIN
    NEW.next_due_at := ${NEAREST('NEW.id::text', due)};
    RETURN NEW;
  END $$`;

const INSERT_TRIGGER = (fn: string, when: string) =>
  `CREATE TRIGGER "tr_deadline_complaint_next_due_insert" AFTER INSERT ON "deadline" FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION "${fn}"()`;

export class NextDueKeepsOnePlan1796456600000 implements MigrationInterface {
  name = 'NextDueKeepsOnePlan1796456600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "complaint_next_due_on_deadline_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE complaint SET next_due_at = NEW.due_at WHERE id = NEW.subject_id::uuid AND next_due_at > NEW.due_at;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`DROP TRIGGER "tr_deadline_complaint_next_due_insert" ON "deadline"`);
    await queryRunner.query(INSERT_TRIGGER('complaint_next_due_on_deadline_insert', `NEW.subject_type = 'complaint' AND NEW.state IN ${OPEN}`));
    await queryRunner.query(refresh(`d.due_at + interval '0'`));
    await queryRunner.query(onInsert(`d.due_at + interval '0'`));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(onInsert('d.due_at'));
    await queryRunner.query(refresh('d.due_at'));
    await queryRunner.query(`DROP TRIGGER "tr_deadline_complaint_next_due_insert" ON "deadline"`);
    await queryRunner.query(INSERT_TRIGGER('complaint_next_due_refresh', `NEW.subject_type = 'complaint'`));
    await queryRunner.query(`DROP FUNCTION "complaint_next_due_on_deadline_insert"()`);
  }
}
