import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public scorecard's complaint counts kept per agency (docs/complaints.md, "Scorecard"):
 * `agency_complaint_counts` holds each agency's open complaints (accepted at triage, not closed)
 * and decided violations (violation findings of cases closed as decided or appeal-decided) in 16
 * shards (`shard` = the last byte of the case id & 15, as `inspector_workload`), kept by triggers
 * on `complaint` and `allegation` in the transaction that changes them, and filled here from the
 * rows already there. The public license page then sums at most 16 rows per agency instead of
 * joining every case of the agency with every allegation.
 *
 * `agency_complaint_counts_recount()` rebuilds the table from `complaint` and `allegation` (this
 * migration, and `npm run seed:scale`, which writes with the triggers off). It takes SHARE locks
 * on both tables first: writes wait for the caller's commit, so the counts match what committed.
 */
const OPEN = `'conciliation','settled','adjudication','decided','appealed'`; // ACCEPTED_OPEN_STAGES
const DECIDED = `'decided','appeal-decided'`;

export class AgencyComplaintCounts1796455800000 implements MigrationInterface {
  name = 'AgencyComplaintCounts1796455800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agency_complaint_counts" ("agency_id" uuid NOT NULL, "shard" smallint NOT NULL, "open_complaints" integer NOT NULL, "decided_violations" integer NOT NULL, CONSTRAINT "ck_agency_complaint_counts_shard" CHECK (shard BETWEEN 0 AND 15), CONSTRAINT "ck_agency_complaint_counts_open" CHECK (open_complaints >= 0), CONSTRAINT "ck_agency_complaint_counts_violations" CHECK (decided_violations >= 0), CONSTRAINT "pk_agency_complaint_counts" PRIMARY KEY ("agency_id", "shard")) WITH (fillfactor = 50)`,
    );
    // One shard row moved by (open, violations). A decrease is an UPDATE of a row that must exist
    // (what is taken away was counted there); an increase inserts the row or adds to it.
    await queryRunner.query(
      `CREATE FUNCTION "agency_complaint_counts_add"(agency uuid, s smallint, d_open integer, d_violations integer) RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         IF agency IS NULL OR (d_open = 0 AND d_violations = 0) THEN RETURN; END IF;
         IF d_open < 0 OR d_violations < 0 THEN
           UPDATE agency_complaint_counts SET open_complaints = open_complaints + d_open, decided_violations = decided_violations + d_violations
            WHERE agency_id = agency AND shard = s;
           IF NOT FOUND THEN RAISE EXCEPTION 'agency_complaint_counts has no row for % shard %', agency, s; END IF;
         ELSE
           INSERT INTO agency_complaint_counts AS k (agency_id, shard, open_complaints, decided_violations) VALUES (agency, s, d_open, d_violations)
           ON CONFLICT (agency_id, shard) DO UPDATE
             SET open_complaints = k.open_complaints + EXCLUDED.open_complaints, decided_violations = k.decided_violations + EXCLUDED.decided_violations;
         END IF;
       END $$`,
    );
    // A case counts for its agency as open (a complaint in an accepted open stage) and with its
    // violation findings once closed as decided. A change of stage, outcome, kind or agency moves
    // what it counted from the old agency to the new one, in agency-id order (a case moved between
    // two agencies never deadlocks with one moved the other way). The findings are read only
    // when the case enters or leaves the decided-and-closed state (or changes agency in it).
    await queryRunner.query(
      `CREATE FUNCTION "complaint_scorecard_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         old_agency uuid; new_agency uuid;
         old_s smallint; new_s smallint;
         old_open integer := 0; new_open integer := 0;
         old_decided boolean := false; new_decided boolean := false;
         violations integer := 0;
         r record;
       BEGIN
         IF TG_OP <> 'INSERT' THEN
           old_agency := OLD.agency_id;
           old_s := get_byte(uuid_send(OLD.id), 15) & 15;
           old_open := (OLD.kind = 'complaint' AND OLD.stage IN (${OPEN}))::int;
           old_decided := OLD.stage = 'closed' AND OLD.outcome IS NOT NULL AND OLD.outcome IN (${DECIDED});
         END IF;
         IF TG_OP <> 'DELETE' THEN
           new_agency := NEW.agency_id;
           new_s := get_byte(uuid_send(NEW.id), 15) & 15;
           new_open := (NEW.kind = 'complaint' AND NEW.stage IN (${OPEN}))::int;
           new_decided := NEW.stage = 'closed' AND NEW.outcome IS NOT NULL AND NEW.outcome IN (${DECIDED});
         END IF;
         -- Nothing counted before or after (a filing, a move between stages that do not count), or the same counted the same way.
         IF old_open = 0 AND new_open = 0 AND NOT old_decided AND NOT new_decided THEN RETURN NULL; END IF;
         IF old_agency IS NOT DISTINCT FROM new_agency AND old_s IS NOT DISTINCT FROM new_s AND old_open = new_open AND old_decided = new_decided THEN
           RETURN NULL;
         END IF;
         IF old_decided OR new_decided THEN
           SELECT count(*) INTO violations FROM allegation WHERE complaint_id = coalesce(NEW.id, OLD.id) AND finding = 'violation';
         END IF;
         FOR r IN
           SELECT d.agency, d.s, sum(d.o)::int AS o, sum(d.v)::int AS v
             FROM (VALUES (old_agency, old_s, -old_open, CASE WHEN old_decided THEN -violations ELSE 0 END),
                          (new_agency, new_s, new_open, CASE WHEN new_decided THEN violations ELSE 0 END)) AS d(agency, s, o, v)
            WHERE d.agency IS NOT NULL
            GROUP BY d.agency, d.s
            ORDER BY d.agency, d.s
         LOOP
           PERFORM agency_complaint_counts_add(r.agency, r.s, r.o, r.v);
         END LOOP;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_complaint_scorecard" AFTER INSERT OR DELETE OR UPDATE OF "stage", "outcome", "kind", "agency_id" ON "complaint" FOR EACH ROW EXECUTE FUNCTION "complaint_scorecard_changed"()`,
    );
    // An allegation counts when its finding is a violation and its case is closed as decided. Only
    // a change into or out of `violation` reads the case, FOR SHARE: a move of the case (which
    // locks it FOR UPDATE first, as every move does) waits for this transaction, or this one for
    // the move, so the case trigger's count of findings and this one never miss each other. A
    // move that records findings holds the case already: the share lock costs nothing there.
    await queryRunner.query(
      `CREATE FUNCTION "allegation_scorecard_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         was boolean := TG_OP <> 'INSERT' AND OLD.finding IS NOT DISTINCT FROM 'violation';
         now_is boolean := TG_OP <> 'DELETE' AND NEW.finding IS NOT DISTINCT FROM 'violation';
         c record;
       BEGIN
         IF TG_OP = 'UPDATE' AND was = now_is AND OLD.complaint_id = NEW.complaint_id THEN RETURN NULL; END IF;
         IF was THEN
           SELECT id, agency_id, stage, outcome INTO c FROM complaint WHERE id = OLD.complaint_id FOR SHARE;
           IF FOUND AND c.stage = 'closed' AND c.outcome IN (${DECIDED}) THEN
             PERFORM agency_complaint_counts_add(c.agency_id, (get_byte(uuid_send(c.id), 15) & 15)::smallint, 0, -1);
           END IF;
         END IF;
         IF now_is THEN
           SELECT id, agency_id, stage, outcome INTO c FROM complaint WHERE id = NEW.complaint_id FOR SHARE;
           IF FOUND AND c.stage = 'closed' AND c.outcome IN (${DECIDED}) THEN
             PERFORM agency_complaint_counts_add(c.agency_id, (get_byte(uuid_send(c.id), 15) & 15)::smallint, 0, 1);
           END IF;
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_allegation_scorecard" AFTER INSERT OR DELETE OR UPDATE OF "finding", "complaint_id" ON "allegation" FOR EACH ROW EXECUTE FUNCTION "allegation_scorecard_changed"()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "agency_complaint_counts_recount"() RETURNS bigint LANGUAGE plpgsql AS $$
       DECLARE n bigint;
       BEGIN
         LOCK TABLE complaint, allegation IN SHARE MODE;
         DELETE FROM agency_complaint_counts;
         INSERT INTO agency_complaint_counts (agency_id, shard, open_complaints, decided_violations)
         SELECT c.agency_id, get_byte(uuid_send(c.id), 15) & 15,
                count(*) FILTER (WHERE c.kind = 'complaint' AND c.stage IN (${OPEN}))::int,
                coalesce(sum(v.n) FILTER (WHERE c.stage = 'closed' AND c.outcome IN (${DECIDED})), 0)::int
           FROM complaint c
           LEFT JOIN (SELECT complaint_id, count(*) AS n FROM allegation WHERE finding = 'violation' GROUP BY complaint_id) v ON v.complaint_id = c.id
          WHERE c.agency_id IS NOT NULL
          GROUP BY 1, 2
         HAVING count(*) FILTER (WHERE c.kind = 'complaint' AND c.stage IN (${OPEN})) > 0
             OR coalesce(sum(v.n) FILTER (WHERE c.stage = 'closed' AND c.outcome IN (${DECIDED})), 0) > 0;
         GET DIAGNOSTICS n = ROW_COUNT;
         RETURN n;
       END $$`,
    );
    await queryRunner.query(`SELECT agency_complaint_counts_recount()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_allegation_scorecard" ON "allegation"`);
    await queryRunner.query(`DROP TRIGGER "trg_complaint_scorecard" ON "complaint"`);
    await queryRunner.query(`DROP FUNCTION "agency_complaint_counts_recount"()`);
    await queryRunner.query(`DROP FUNCTION "allegation_scorecard_changed"()`);
    await queryRunner.query(`DROP FUNCTION "complaint_scorecard_changed"()`);
    await queryRunner.query(`DROP FUNCTION "agency_complaint_counts_add"(uuid, smallint, integer, integer)`);
    await queryRunner.query(`DROP TABLE "agency_complaint_counts"`);
  }
}
