import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two triggers that keep `complaint.next_due_at` (QueueSortIndexes1796455200000,
 * ComplaintNextDueOnInsert1796455600000) ask for `min(d.due_at)` of one subject's open deadlines.
 * After five calls PL/pgSQL keeps a generic plan, chosen once, without the subject's id; on tables
 * whose statistics still say "empty" (created by a migration and not yet analyzed: on a server
 * without autovacuum, never) that plan answered the `min()` by walking
 * `ix_deadline_open_due (subject_type, due_at)` in due-time order until an entry of the subject
 * passed the filter: every open complaint deadline due before the subject's (Heap Fetches: 7,836
 * and 3.6–23 ms for one filing at 7,800 open cases, growing with each case filed). Filing runs
 * both triggers (its triage deadline, then its case row): filing slowed down with every case
 * (docs/benchmarks.md, "Filing a complaint").
 *
 * Both functions now plan the read for the subject at hand at every call (`plan_cache_mode =
 * force_custom_plan`: a fraction of a millisecond of planning), which reads the subject's own
 * entries of ix_deadline_open_subject_due (subject_type, subject_id, due_at) whatever the
 * statistics say: two buffers, however many cases there are.
 */
const FUNCTIONS = ['complaint_next_due_refresh', 'complaint_next_due_on_insert'];

export class NextDueReadsTheSubjectsDeadlines1796456100000 implements MigrationInterface {
  name = 'NextDueReadsTheSubjectsDeadlines1796456100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const f of FUNCTIONS) await queryRunner.query(`ALTER FUNCTION "${f}"() SET plan_cache_mode = force_custom_plan`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const f of FUNCTIONS) await queryRunner.query(`ALTER FUNCTION "${f}"() RESET plan_cache_mode`);
  }
}
