import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: a complaint naming an agency by anything but its license number or exact legal name
 * is matched by trigram word similarity on legal names (ix_agency_legal_name_trgm, since
 * CreateLicensing) and on branch names (this index). pg_trgm was created by CreateLicensing; the
 * IF NOT EXISTS keeps this migration whole on a database restored without it (the migration role
 * owns the schema; the runtime role only uses the operators, docs/security.md).
 */
export class BranchNameTrigram1796453120000 implements MigrationInterface {
  name = 'BranchNameTrigram1796453120000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query('CREATE INDEX "ix_agency_branch_name_trgm" ON "agency_branch" USING gin (lower("name") gin_trgm_ops)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_agency_branch_name_trgm"');
  }
}
