import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: inspections with their own lifecycle (docs/complaints.md, "Inspections"): planned,
 * conducted with a checklist, findings, follow-up opening proceedings. Inspection cases the
 * pattern of complaints opened before stay cases (kind `inspection`) as they were.
 */
export class Inspections1796453130000 implements MigrationInterface {
  name = 'Inspections1796453130000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "inspection_serial_seq"`);
    await queryRunner.query(
      `CREATE TABLE "inspection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "agency_id" uuid NOT NULL, "origin" text NOT NULL, "state" text NOT NULL, "reason" text NOT NULL, "planned_for" date NOT NULL, "planned_by" uuid, "conducted_on" date, "inspector_ids" jsonb NOT NULL, "checklist" jsonb NOT NULL, "findings" jsonb, "follow_up_case_id" uuid, "close_reason" text, "agency_notified_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_inspection_state" CHECK (state IN ('planned','conducted','findings','closed','cancelled')), CONSTRAINT "ck_inspection_origin" CHECK (origin IN ('pattern','supervisor','routine')), CONSTRAINT "pk_inspection" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_inspection_reference" ON "inspection" ("reference") `);
    await queryRunner.query(`CREATE INDEX "ix_inspection_agency" ON "inspection" ("agency_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_inspection_state" ON "inspection" ("state", "planned_for") `);
    await queryRunner.query(`ALTER TABLE "inspection" ADD CONSTRAINT "fk_inspection_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inspection" DROP CONSTRAINT "fk_inspection_agency"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inspection_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inspection_agency"`);
    await queryRunner.query(`DROP INDEX "public"."uq_inspection_reference"`);
    await queryRunner.query(`DROP TABLE "inspection"`);
    await queryRunner.query(`DROP SEQUENCE "inspection_serial_seq"`);
  }
}
