import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which transactions changed what the per-agency report ranks (`GET /complaints/reports/agencies`),
 * so that a ranking the API computed once can be served again, page after page and reader after
 * reader, for exactly as long as nothing it was computed from has changed (issue 23: at a million
 * cases one ranking of a month is some 51,000 index entries grouped into 17,000 agencies, 45 ms in
 * Postgres, and no kept count compresses it: an agency has about one complaint a month).
 *
 * `agency_ranking_change` holds the id (`xid8`) of every transaction that wrote one of the inputs:
 * - `complaint`: a row inserted or deleted, or its `agency_id`, `kind` or `created_at` set;
 * - `placement`: a row inserted or deleted, or its `agency_id` or `created_at` set;
 * - `agency`: a row inserted or deleted, or its `legal_name` set (the ranking's tie-break and rows);
 * - `jurisdiction`: its `time_zone` set, or a row inserted or deleted (the period's instants);
 * - and a `TRUNCATE` of any of them.
 * One statement-level trigger per table writes the row (one per transaction: `ON CONFLICT DO
 * NOTHING`), so a filing adds one small insert and no row any other transaction waits on.
 *
 * A ranking is kept with the snapshot it was read in (`pg_current_snapshot()`, in the same
 * statement). A later reader asks, in its own snapshot, whether any transaction it sees had
 * written here and was not seen by the kept snapshot (`agency_ranking_changed_since`): if none,
 * both snapshots see the same committed inputs and the kept ranking is the answer. A writer still
 * in flight is seen by neither, so neither answer includes it; once it commits, the next reader
 * sees its row and computes afresh.
 *
 * Rows are only needed while a kept ranking older than their commit may still be asked about.
 * A ranking is kept at most 5 minutes (by the database's clock: the same
 * function answers "changed" past it). `agency_ranking_change_prune()` (the worker, every minute)
 * first marks as settled the rows of transactions that are over (`txid` below the oldest running
 * one: committed or rolled back), then deletes rows settled more than 15 minutes ago: any snapshot
 * that did not see such a transaction was taken before it settled, and its ranking has expired.
 */
const INPUTS: { table: string; columns: string }[] = [
  { table: 'complaint', columns: `"agency_id", "kind", "created_at"` },
  { table: 'placement', columns: `"agency_id", "created_at"` },
  { table: 'agency', columns: `"legal_name"` },
  { table: 'jurisdiction', columns: `"time_zone"` },
];

export class AgencyRankingChanges1796456800000 implements MigrationInterface {
  name = 'AgencyRankingChanges1796456800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "agency_ranking_change" (
        "txid" xid8 NOT NULL,
        "settled_at" timestamptz,
        CONSTRAINT "pk_agency_ranking_change" PRIMARY KEY ("txid")
      )`);
    await queryRunner.query(`
      CREATE FUNCTION "agency_ranking_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO agency_ranking_change (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    for (const { table, columns } of INPUTS) {
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_agency_ranking" AFTER INSERT OR DELETE OR UPDATE OF ${columns} ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION agency_ranking_touch()`,
      );
      await queryRunner.query(`CREATE TRIGGER "tr_${table}_agency_ranking_truncate" AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION agency_ranking_touch()`);
    }
    // Whether a transaction seen now, and not by `kept` (a snapshot as text), wrote an input; or
    // the kept ranking, read at `kept_at` (clock_timestamp()), is past its 5 minutes.
    await queryRunner.query(`
      CREATE FUNCTION "agency_ranking_changed_since"(kept pg_snapshot, kept_at timestamptz) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT clock_timestamp() - kept_at >= interval '5 minutes'
            OR EXISTS (SELECT 1 FROM agency_ranking_change c WHERE c.txid >= pg_snapshot_xmin(kept) AND NOT pg_visible_in_snapshot(c.txid, kept))
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION "agency_ranking_change_prune"() RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        gone int;
      BEGIN
        DELETE FROM agency_ranking_change WHERE settled_at < now() - interval '15 minutes';
        GET DIAGNOSTICS gone = ROW_COUNT;
        UPDATE agency_ranking_change SET settled_at = now() WHERE settled_at IS NULL AND txid < pg_snapshot_xmin(pg_current_snapshot());
        RETURN gone;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "agency_ranking_change_prune"()`);
    await queryRunner.query(`DROP FUNCTION "agency_ranking_changed_since"(pg_snapshot, timestamptz)`);
    for (const { table } of INPUTS) {
      await queryRunner.query(`DROP TRIGGER "tr_${table}_agency_ranking_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "tr_${table}_agency_ranking" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "agency_ranking_touch"()`);
    await queryRunner.query(`DROP TABLE "agency_ranking_change"`);
  }
}
