import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public scorecard's deployments kept per agency (docs/fees.md, "Scorecard"):
 * `agency_deployment_counts` holds each agency's placements recorded in 16 shards (`shard` = the
 * last byte of the placement id & 15: an agency recording placements at once updates different
 * rows instead of queueing on one), kept by a trigger on `placement` in the transaction that
 * records one, and filled here from the placements already there. The public license page then
 * sums at most 16 rows per agency instead of counting every placement of the agency.
 *
 * `agency_deployment_counts_recount()` rebuilds the table from `placement` (this migration, and
 * `npm run seed:scale`, which writes with the trigger off), under a SHARE lock on `placement`.
 */
export class AgencyDeploymentCounts1796455810000 implements MigrationInterface {
  name = 'AgencyDeploymentCounts1796455810000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agency_deployment_counts" ("agency_id" uuid NOT NULL, "shard" smallint NOT NULL, "deployments" integer NOT NULL, CONSTRAINT "ck_agency_deployment_counts_shard" CHECK (shard BETWEEN 0 AND 15), CONSTRAINT "ck_agency_deployment_counts_deployments" CHECK (deployments >= 0), CONSTRAINT "pk_agency_deployment_counts" PRIMARY KEY ("agency_id", "shard")) WITH (fillfactor = 50)`,
    );
    // A placement recorded: +1 to its agency's shard; deleted or moved to another agency: -1 there
    // (an UPDATE: the row counted it), in agency-id order.
    await queryRunner.query(
      `CREATE FUNCTION "placement_deployments_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE r record;
       BEGIN
         IF TG_OP = 'UPDATE' AND OLD.agency_id = NEW.agency_id AND OLD.id = NEW.id THEN RETURN NULL; END IF;
         FOR r IN
           SELECT d.agency, d.s, sum(d.n)::int AS n
             FROM (VALUES (OLD.agency_id, (get_byte(uuid_send(OLD.id), 15) & 15)::smallint, -1),
                          (NEW.agency_id, (get_byte(uuid_send(NEW.id), 15) & 15)::smallint, 1)) AS d(agency, s, n)
            WHERE d.agency IS NOT NULL
            GROUP BY d.agency, d.s
           HAVING sum(d.n) <> 0
            ORDER BY d.agency, d.s
         LOOP
           IF r.n < 0 THEN
             UPDATE agency_deployment_counts SET deployments = deployments + r.n WHERE agency_id = r.agency AND shard = r.s;
             IF NOT FOUND THEN RAISE EXCEPTION 'agency_deployment_counts has no row for % shard %', r.agency, r.s; END IF;
           ELSE
             INSERT INTO agency_deployment_counts AS k (agency_id, shard, deployments) VALUES (r.agency, r.s, r.n)
             ON CONFLICT (agency_id, shard) DO UPDATE SET deployments = k.deployments + EXCLUDED.deployments;
           END IF;
         END LOOP;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_placement_deployments" AFTER INSERT OR DELETE OR UPDATE OF "agency_id" ON "placement" FOR EACH ROW EXECUTE FUNCTION "placement_deployments_changed"()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "agency_deployment_counts_recount"() RETURNS bigint LANGUAGE plpgsql AS $$
       DECLARE n bigint;
       BEGIN
         LOCK TABLE placement IN SHARE MODE;
         DELETE FROM agency_deployment_counts;
         INSERT INTO agency_deployment_counts (agency_id, shard, deployments)
         SELECT agency_id, get_byte(uuid_send(id), 15) & 15, count(*)::int FROM placement GROUP BY 1, 2;
         GET DIAGNOSTICS n = ROW_COUNT;
         RETURN n;
       END $$`,
    );
    await queryRunner.query(`SELECT agency_deployment_counts_recount()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_placement_deployments" ON "placement"`);
    await queryRunner.query(`DROP FUNCTION "agency_deployment_counts_recount"()`);
    await queryRunner.query(`DROP FUNCTION "placement_deployments_changed"()`);
    await queryRunner.query(`DROP TABLE "agency_deployment_counts"`);
  }
}
