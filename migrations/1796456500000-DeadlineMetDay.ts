import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the SLA report counted every deadline of its period at each request (at a million
 * cases, 55,000 rows for 30 days, p95 264 ms with 4 clients). The met ones, nearly all of them,
 * are now counted as they are written, per kind and UTC day, in `deadline_met_day`; the report
 * reads the period's whole UTC days there, and from `deadline` only the met ones of the partial
 * days at its two ends and the open ones (docs/deadlines.md, "The SLA report's kept counts").
 *
 * - A met deadline counts once, on the UTC day of `coalesce(closed_at, due_at)`, late when it was
 *   not acted and breached or closed after its due time, else on time: the report's own rule, with
 *   `acted` read from its level-1 effect (`deadline_met_late`).
 * - `trg_deadline_met_day` on `deadline` takes back what the old row counted and adds what the new
 *   one counts; its WHEN clause lets through only rows met before or after whose state, kind, due,
 *   closed or breached time changed (every other write, pending ones above all, never calls it).
 * - `trg_deadline_effect_met_day` on `deadline_effect`: when a level-1 effect turns into or out of
 *   `acted` while its deadline is met after a breach, it moves the deadline between late and on
 *   time. The engine writes the outcome in a statement of its own before the deadline row
 *   (FiringService): a row trigger sees only its own row's old values, so a single statement that
 *   changed both would be counted twice.
 * - Each writing transaction claims a shard for itself (`deadline_met_shard`: the lowest of 16 it
 *   can lock, transaction-scoped advisory locks), so writers never wait for each other's rows and
 *   cannot deadlock on them, whatever order a batch of firings meets its deadlines in.
 *
 * The indexes the report reads the rest with: `ix_deadline_period` (every period deadline) is split
 * into `ix_deadline_period_met` (the ends) and `ix_deadline_period_open`, so neither read walks
 * the other's rows.
 */
const DAY_OF = (r: string) => `((coalesce(${r}.closed_at, ${r}.due_at) AT TIME ZONE 'UTC')::date)`;
const SHARDS = 16;

export class DeadlineMetDay1796456500000 implements MigrationInterface {
  name = 'DeadlineMetDay1796456500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deadline_met_day" ("day" date NOT NULL, "kind" text NOT NULL, "shard" smallint NOT NULL, "on_time" integer NOT NULL, "late" integer NOT NULL, CONSTRAINT "pk_deadline_met_day" PRIMARY KEY ("day", "kind", "shard"))`,
    );
    // The shard this transaction writes: claimed once (the lowest free, so a quiet system writes
    // one row a kind and day) and remembered in a transaction-local setting. When all are taken it
    // waits for one: the only case where two writers could queue on each other's rows.
    await queryRunner.query(
      `CREATE FUNCTION "deadline_met_shard"() RETURNS smallint LANGUAGE plpgsql AS $$
       DECLARE s int := nullif(current_setting('lcs.deadline_met_shard', true), '')::int;
       BEGIN
         IF s IS NOT NULL THEN RETURN s; END IF;
         FOR i IN 0..${SHARDS - 1} LOOP
           IF pg_try_advisory_xact_lock(hashtext('lcs:deadline-met-shard'), i) THEN s := i; EXIT; END IF;
         END LOOP;
         IF s IS NULL THEN
           s := (txid_current() % ${SHARDS})::int;
           PERFORM pg_advisory_xact_lock(hashtext('lcs:deadline-met-shard'), s);
         END IF;
         PERFORM set_config('lcs.deadline_met_shard', s::text, true);
         RETURN s;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "deadline_met_day_add"(k text, d date, d_on_time integer, d_late integer) RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         IF d_on_time = 0 AND d_late = 0 THEN RETURN; END IF;
         INSERT INTO deadline_met_day AS m (day, kind, shard, on_time, late) VALUES (d, k, deadline_met_shard(), d_on_time, d_late)
         ON CONFLICT (day, kind, shard) DO UPDATE SET on_time = m.on_time + EXCLUDED.on_time, late = m.late + EXCLUDED.late;
       END $$`,
    );
    // The SLA report's rule for a met deadline (libs/deadlines/src/reports/sla-compliance.ts): late
    // unless it acted at its breach (level 1 answered 'acted'), when it breached or closed after
    // its due time.
    await queryRunner.query(
      `CREATE FUNCTION "deadline_met_late"(uuid, timestamptz, timestamptz, timestamptz) RETURNS boolean LANGUAGE sql STABLE AS $$
         -- $1 the deadline's id, $2 breached_at, $3 closed_at, $4 due_at
         SELECT coalesce(
           NOT ($2 IS NOT NULL AND EXISTS (SELECT 1 FROM deadline_effect e WHERE e.deadline_id = $1 AND e.level = 1 AND e.outcome = 'acted'))
           AND ($2 IS NOT NULL OR $3 > $4), false)
       $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "deadline_met_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE old_late boolean; new_late boolean;
       BEGIN
         IF TG_OP <> 'INSERT' AND OLD.state = 'met' THEN old_late := deadline_met_late(OLD.id, OLD.breached_at, OLD.closed_at, OLD.due_at); END IF;
         IF TG_OP <> 'DELETE' AND NEW.state = 'met' THEN new_late := deadline_met_late(NEW.id, NEW.breached_at, NEW.closed_at, NEW.due_at); END IF;
         IF old_late IS NOT NULL AND new_late IS NOT NULL AND old_late = new_late AND OLD.kind = NEW.kind AND ${DAY_OF('OLD')} = ${DAY_OF('NEW')} THEN
           RETURN NULL;
         END IF;
         IF old_late IS NOT NULL THEN PERFORM deadline_met_day_add(OLD.kind, ${DAY_OF('OLD')}, -(NOT old_late)::int, -(old_late)::int); END IF;
         IF new_late IS NOT NULL THEN PERFORM deadline_met_day_add(NEW.kind, ${DAY_OF('NEW')}, (NOT new_late)::int, (new_late)::int); END IF;
         RETURN NULL;
       END $$`,
    );
    // A level-1 effect turning into or out of 'acted' (inserted, its outcome, level or deadline
    // changed, deleted): a deadline met after its breach moves between late and on time. The
    // deadline is read FOR SHARE: a transaction meeting it meanwhile waits for this one (and its
    // trigger then sees this effect), or this one for it (and sees it met).
    await queryRunner.query(
      `CREATE FUNCTION "deadline_effect_met_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         old_acted boolean := TG_OP <> 'INSERT' AND OLD.level = 1 AND OLD.outcome IS NOT DISTINCT FROM 'acted';
         new_id bigint := CASE WHEN TG_OP <> 'DELETE' THEN NEW.id END;
         did uuid;
         d record;
         was boolean;
         now_is boolean;
       BEGIN
         FOR did IN SELECT DISTINCT x FROM unnest(ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.deadline_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.deadline_id END]) x WHERE x IS NOT NULL LOOP
           SELECT id, kind, state, breached_at, closed_at, due_at INTO d FROM deadline WHERE id = did FOR SHARE;
           CONTINUE WHEN NOT FOUND OR d.state <> 'met' OR d.breached_at IS NULL;
           now_is := EXISTS (SELECT 1 FROM deadline_effect e WHERE e.deadline_id = did AND e.level = 1 AND e.outcome = 'acted');
           was := EXISTS (SELECT 1 FROM deadline_effect e WHERE e.deadline_id = did AND e.level = 1 AND e.outcome = 'acted' AND e.id IS DISTINCT FROM new_id)
                  OR (old_acted AND OLD.deadline_id = did);
           IF was <> now_is THEN
             PERFORM deadline_met_day_add(d.kind, ${DAY_OF('d')}, CASE WHEN now_is THEN 1 ELSE -1 END, CASE WHEN now_is THEN -1 ELSE 1 END);
           END IF;
         END LOOP;
         RETURN NULL;
       END $$`,
    );
    // Rebuilt from the base tables (this migration; npm run seed:scale, which inserts with the
    // trigger off; an operator after a restore or bulk SQL without triggers). SHARE locks: writes
    // wait for the caller's commit, so the counts match what committed.
    await queryRunner.query(
      `CREATE FUNCTION "deadline_met_day_recount"() RETURNS bigint LANGUAGE plpgsql AS $$
       DECLARE n bigint;
       BEGIN
         LOCK TABLE deadline, deadline_effect IN SHARE MODE;
         DELETE FROM deadline_met_day;
         INSERT INTO deadline_met_day (day, kind, shard, on_time, late)
         SELECT ${DAY_OF('dl')}, dl.kind, 0,
                count(*) FILTER (WHERE NOT deadline_met_late(dl.id, dl.breached_at, dl.closed_at, dl.due_at))::int,
                count(*) FILTER (WHERE deadline_met_late(dl.id, dl.breached_at, dl.closed_at, dl.due_at))::int
           FROM deadline dl
          WHERE dl.state = 'met'
          GROUP BY 1, 2;
         GET DIAGNOSTICS n = ROW_COUNT;
         RETURN n;
       END $$`,
    );
    await queryRunner.query('LOCK TABLE "deadline", "deadline_effect" IN SHARE ROW EXCLUSIVE MODE');
    await queryRunner.query(
      `CREATE TRIGGER "trg_deadline_met_day_insert" AFTER INSERT ON "deadline" FOR EACH ROW WHEN (NEW.state = 'met') EXECUTE FUNCTION "deadline_met_changed"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_deadline_met_day_update" AFTER UPDATE OF "id", "state", "kind", "closed_at", "due_at", "breached_at" ON "deadline" FOR EACH ROW
       WHEN ((OLD.state = 'met' OR NEW.state = 'met')
             AND (OLD.id, OLD.state, OLD.kind, OLD.closed_at, OLD.due_at, OLD.breached_at) IS DISTINCT FROM (NEW.id, NEW.state, NEW.kind, NEW.closed_at, NEW.due_at, NEW.breached_at))
       EXECUTE FUNCTION "deadline_met_changed"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_deadline_met_day_delete" AFTER DELETE ON "deadline" FOR EACH ROW WHEN (OLD.state = 'met') EXECUTE FUNCTION "deadline_met_changed"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_deadline_effect_met_day_insert" AFTER INSERT ON "deadline_effect" FOR EACH ROW WHEN (NEW.level = 1 AND NEW.outcome = 'acted')
       EXECUTE FUNCTION "deadline_effect_met_changed"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_deadline_effect_met_day_update" AFTER UPDATE OF "deadline_id", "level", "outcome" ON "deadline_effect" FOR EACH ROW
       WHEN ((coalesce(OLD.level = 1 AND OLD.outcome = 'acted', false) OR coalesce(NEW.level = 1 AND NEW.outcome = 'acted', false))
             AND (OLD.deadline_id, OLD.level, OLD.outcome) IS DISTINCT FROM (NEW.deadline_id, NEW.level, NEW.outcome))
       EXECUTE FUNCTION "deadline_effect_met_changed"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_deadline_effect_met_day_delete" AFTER DELETE ON "deadline_effect" FOR EACH ROW WHEN (OLD.level = 1 AND OLD.outcome = 'acted')
       EXECUTE FUNCTION "deadline_effect_met_changed"()`,
    );
    await queryRunner.query(`SELECT deadline_met_day_recount()`);

    await queryRunner.query(`DROP INDEX "public"."ix_deadline_period"`);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_period_met" ON "deadline" ((coalesce(closed_at, due_at))) INCLUDE ("kind", "breached_at", "closed_at", "due_at", "id") WHERE state = 'met'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_period_open" ON "deadline" ((coalesce(closed_at, due_at))) INCLUDE ("kind", "state", "breached_at", "closed_at", "due_at") WHERE state IN ('pending','paused','breached')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_period_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_period_met"`);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_period" ON "deadline" ((coalesce(closed_at, due_at))) INCLUDE ("kind", "state", "breached_at", "closed_at", "due_at", "id") WHERE state IN ('pending','paused','breached','met')`,
    );
    await queryRunner.query(`DROP TRIGGER "trg_deadline_effect_met_day_delete" ON "deadline_effect"`);
    await queryRunner.query(`DROP TRIGGER "trg_deadline_effect_met_day_update" ON "deadline_effect"`);
    await queryRunner.query(`DROP TRIGGER "trg_deadline_effect_met_day_insert" ON "deadline_effect"`);
    await queryRunner.query(`DROP TRIGGER "trg_deadline_met_day_delete" ON "deadline"`);
    await queryRunner.query(`DROP TRIGGER "trg_deadline_met_day_update" ON "deadline"`);
    await queryRunner.query(`DROP TRIGGER "trg_deadline_met_day_insert" ON "deadline"`);
    await queryRunner.query(`DROP FUNCTION "deadline_met_day_recount"()`);
    await queryRunner.query(`DROP FUNCTION "deadline_effect_met_changed"()`);
    await queryRunner.query(`DROP FUNCTION "deadline_met_changed"()`);
    await queryRunner.query(`DROP FUNCTION "deadline_met_late"(uuid, timestamptz, timestamptz, timestamptz)`);
    await queryRunner.query(`DROP FUNCTION "deadline_met_day_add"(text, date, integer, integer)`);
    await queryRunner.query(`DROP FUNCTION "deadline_met_shard"()`);
    await queryRunner.query(`DROP TABLE "deadline_met_day"`);
  }
}
