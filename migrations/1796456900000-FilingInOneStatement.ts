import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Filing a complaint writes everything in one statement (docs/benchmarks.md, "Filing in one
 * statement"): the triage deadline, the acknowledgement, the case and its audit entry. Two
 * functions let that one statement do what took statements of their own:
 *
 * - `audit_chain_lock(chain)`: the chain's head locked FOR UPDATE and its hash returned, as the
 *   audit log's append did in a CTE; for a chain with no head yet (its first entry), the
 *   transaction-scoped advisory lock on the chain's name that stood in for it, then the head read
 *   again (a writer that got there first has committed its row by then), else the genesis hash. It
 *   was two or three statements in the app (lockChain). VOLATILE and PL/pgSQL: under READ
 *   COMMITTED each of its reads takes its own snapshot, so the head read after the advisory lock
 *   sees a first entry committed while it waited.
 * - `complaint_ack_room(email_index, since, cap, filing)`: the acknowledgement cap's lock and count
 *   (complaint_ack_recent's, the same lock key) and the verdict, so that the outbox row can be
 *   written or not in the filing's own statement; the count leaves out the case being filed, which
 *   the same statement may have written before the count runs. It replaces complaint_ack_recent,
 *   which only the registration read called.
 *
 * And the case row's insert trigger (complaint_next_due_on_insert: the earliest due time of the
 * case's open deadlines, read and planned at every call) now runs only for a row written without
 * its `next_due_at` ('infinity', the column's default). The filing statement writes the case with
 * the due time of the triage deadline it inserts in the same statement, for a case id no deadline
 * can name yet: the value the read would find. The deadline triggers keep it from then on (that
 * deadline's own insert trigger runs at the statement's end and finds it already there). On a
 * database whose statistics are stale (autovacuum off, as on the benchmark machine) that read's
 * plan walked every open complaint deadline (docs/benchmarks.md, "Filing in one statement").
 */
export class FilingInOneStatement1796456900000 implements MigrationInterface {
  name = 'FilingInOneStatement1796456900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "audit_chain_lock"(chain_name text) RETURNS bytea LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        head bytea;
      BEGIN
        SELECT h.hash INTO head FROM audit_chain_head h WHERE h.chain = chain_name FOR UPDATE;
        IF FOUND THEN RETURN head; END IF;
        PERFORM pg_advisory_xact_lock(hashtext('audit:' || chain_name));
        SELECT h.hash INTO head FROM audit_chain_head h WHERE h.chain = chain_name FOR UPDATE;
        RETURN coalesce(head, decode(repeat('0', 64), 'hex'));
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "complaint_ack_room"(email_index text, since timestamptz, cap int, filing uuid) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('complaint-ack:' || email_index, 0));
        RETURN (SELECT count(*) FROM complaint
                 WHERE contact_email_index = email_index AND created_at > since AND source = 'public' AND id <> filing) < cap;
      END $$`);
    await queryRunner.query(`DROP FUNCTION "complaint_ack_recent"(text, timestamptz)`);
    await queryRunner.query(`DROP TRIGGER "tr_complaint_next_due_on_insert" ON "complaint"`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_complaint_next_due_on_insert" BEFORE INSERT ON "complaint" FOR EACH ROW WHEN (NEW.next_due_at = 'infinity') EXECUTE FUNCTION "complaint_next_due_on_insert"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_complaint_next_due_on_insert" ON "complaint"`);
    await queryRunner.query(`CREATE TRIGGER "tr_complaint_next_due_on_insert" BEFORE INSERT ON "complaint" FOR EACH ROW EXECUTE FUNCTION "complaint_next_due_on_insert"()`);
    await queryRunner.query(`
      CREATE FUNCTION "complaint_ack_recent"(email_index text, since timestamptz) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('complaint-ack:' || email_index, 0));
        RETURN (SELECT count(*)::int FROM complaint WHERE contact_email_index = email_index AND created_at > since AND source = 'public');
      END $$`);
    await queryRunner.query(`DROP FUNCTION "complaint_ack_room"(text, timestamptz, int, uuid)`);
    await queryRunner.query(`DROP FUNCTION "audit_chain_lock"(text)`);
  }
}
