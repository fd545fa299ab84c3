import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic assignment without counting every open case at each filing (docs/complaints.md,
 * "Assignment"; docs/benchmarks.md, file-complaint): `inspector_workload` holds each inspector's
 * open cases in 16 shards, kept by a trigger on `complaint` in the same transaction as the change
 * (a case filed, reassigned, closed or reopened), and filled here from the cases already open.
 */
export class InspectorWorkload1795450400000 implements MigrationInterface {
  name = 'InspectorWorkload1795450400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inspector_workload" ("user_id" uuid NOT NULL, "shard" smallint NOT NULL, "open_cases" integer NOT NULL, "last_assigned_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_inspector_workload_shard" CHECK (shard BETWEEN 0 AND 15), CONSTRAINT "ck_inspector_workload_open_cases" CHECK (open_cases >= 0), CONSTRAINT "pk_inspector_workload" PRIMARY KEY ("user_id", "shard")) WITH (fillfactor = 50)`,
    );
    // Each change of a case's assignee or of whether it is open moves the counts: the inspector
    // it leaves -1, the one it goes to +1 (and their last assignment), in user-id order, so two
    // reassignments crossing never deadlock on these rows. A decrement is an UPDATE (an INSERT of
    // -1 would fail the check before ON CONFLICT could turn it into an update).
    await queryRunner.query(
      `CREATE FUNCTION "complaint_workload_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         s smallint := get_byte(uuid_send(NEW.id), 15) & 15;
         was_open_for uuid := CASE WHEN TG_OP = 'UPDATE' AND OLD.stage <> 'closed' THEN OLD.assigned_to END;
         open_for uuid := CASE WHEN NEW.stage <> 'closed' THEN NEW.assigned_to END;
         assigned boolean := NEW.assigned_to IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.assigned_to IS DISTINCT FROM OLD.assigned_to);
         r record;
       BEGIN
         IF was_open_for IS NOT DISTINCT FROM open_for AND NOT assigned THEN RETURN NULL; END IF;
         FOR r IN
           SELECT d.user_id, sum(d.delta)::int AS delta, max(d.at) AS at
             FROM (VALUES (was_open_for, -1, NULL::timestamptz),
                          (NEW.assigned_to, CASE WHEN open_for IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN assigned THEN NEW.updated_at END)) AS d(user_id, delta, at)
            WHERE d.user_id IS NOT NULL
            GROUP BY d.user_id
           HAVING sum(d.delta) <> 0 OR max(d.at) IS NOT NULL
            ORDER BY d.user_id
         LOOP
           IF r.delta < 0 THEN
             UPDATE inspector_workload SET open_cases = open_cases + r.delta WHERE user_id = r.user_id AND shard = s;
             IF NOT FOUND THEN RAISE EXCEPTION 'inspector_workload has no row for % shard %', r.user_id, s; END IF;
           ELSE
             INSERT INTO inspector_workload AS w (user_id, shard, open_cases, last_assigned_at) VALUES (r.user_id, s, r.delta, r.at)
             ON CONFLICT (user_id, shard) DO UPDATE
               SET open_cases = w.open_cases + EXCLUDED.open_cases,
                   last_assigned_at = greatest(w.last_assigned_at, EXCLUDED.last_assigned_at);
           END IF;
         END LOOP;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_complaint_workload" AFTER INSERT OR UPDATE OF "stage", "assigned_to" ON "complaint" FOR EACH ROW EXECUTE FUNCTION "complaint_workload_changed"()`,
    );
    await queryRunner.query(
      `INSERT INTO inspector_workload (user_id, shard, open_cases, last_assigned_at)
       SELECT assigned_to, get_byte(uuid_send(id), 15) & 15, count(*) FILTER (WHERE stage <> 'closed'), max(created_at)
         FROM complaint WHERE assigned_to IS NOT NULL
        GROUP BY 1, 2`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_complaint_workload" ON "complaint"`);
    await queryRunner.query(`DROP FUNCTION "complaint_workload_changed"()`);
    await queryRunner.query(`DROP TABLE "inspector_workload"`);
  }
}
