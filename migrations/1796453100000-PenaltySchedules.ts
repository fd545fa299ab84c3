import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: the penalty schedule, admin-maintained and effective-dated (docs/complaints.md,
 * "Penalties"). Seeded with the schedule in force until now (the SPEC's defaults) from 2000-01-01,
 * so every decision keeps the proposal it had.
 */
export class PenaltySchedules1796453100000 implements MigrationInterface {
  name = 'PenaltySchedules1796453100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "penalty_schedule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "effective_from" date NOT NULL, "less_serious_ladder" jsonb NOT NULL, "serious_categories" jsonb NOT NULL, "serious_fine_minor" bigint NOT NULL, "serious_fine_currency" character(3) NOT NULL, "cumulative_threshold_months" integer NOT NULL, "proposed_months" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_penalty_schedule_proposed_months" CHECK (proposed_months IN ('minimum','midpoint','maximum')), CONSTRAINT "ck_penalty_schedule_threshold" CHECK (cumulative_threshold_months >= 1), CONSTRAINT "ck_penalty_schedule_fine" CHECK (serious_fine_minor > 0), CONSTRAINT "pk_penalty_schedule" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_penalty_schedule_effective_from" ON "penalty_schedule" ("effective_from") `);
    await queryRunner.query(
      `INSERT INTO "penalty_schedule" ("effective_from", "less_serious_ladder", "serious_categories", "serious_fine_minor", "serious_fine_currency", "cumulative_threshold_months", "proposed_months", "created_by", "created_at")
       VALUES ('2000-01-01', '[{"minMonths":2,"maxMonths":6},{"minMonths":6,"maxMonths":12},{"minMonths":12,"maxMonths":24}]', '["retained-documents"]', 50000000, 'PHP', 12, 'minimum', NULL, now())`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_penalty_schedule_effective_from"`);
    await queryRunner.query(`DROP TABLE "penalty_schedule"`);
  }
}
