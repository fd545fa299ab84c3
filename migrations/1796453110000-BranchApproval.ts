import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: branches wait for the ministry's approval before they are public (docs/licensing.md,
 * "Registry profile"). New statuses `pending` and `rejected`, and who decided when, with a note.
 * Branches registered before stay `active`.
 */
export class BranchApproval1796453110000 implements MigrationInterface {
  name = 'BranchApproval1796453110000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency_branch" DROP CONSTRAINT "ck_agency_branch_status"`);
    await queryRunner.query(`ALTER TABLE "agency_branch" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "agency_branch" ADD "decided_by" uuid`);
    await queryRunner.query(`ALTER TABLE "agency_branch" ADD "decision_note" text`);
    await queryRunner.query(`ALTER TABLE "agency_branch" ADD CONSTRAINT "ck_agency_branch_status" CHECK (status IN ('pending','active','rejected','closed'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency_branch" DROP CONSTRAINT "ck_agency_branch_status"`);
    await queryRunner.query(`DELETE FROM "agency_branch" WHERE status IN ('pending','rejected')`);
    await queryRunner.query(`ALTER TABLE "agency_branch" DROP COLUMN "decision_note"`);
    await queryRunner.query(`ALTER TABLE "agency_branch" DROP COLUMN "decided_by"`);
    await queryRunner.query(`ALTER TABLE "agency_branch" DROP COLUMN "decided_at"`);
    await queryRunner.query(`ALTER TABLE "agency_branch" ADD CONSTRAINT "ck_agency_branch_status" CHECK (status IN ('active','closed'))`);
  }
}
