import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: deadline handlers answer an outcome (acted, escalated, nothing) and the engine alone
 * writes the deadline row from it. Each fired level's outcome is kept on its effect row (the SLA
 * report tells a deadline that acted from one met by the subject). Levels fired before have none.
 */
export class DeadlineEffectOutcome1796455300000 implements MigrationInterface {
  name = 'DeadlineEffectOutcome1796455300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deadline_effect" ADD "outcome" text`);
    await queryRunner.query(`ALTER TABLE "deadline_effect" ADD CONSTRAINT "ck_deadline_effect_outcome" CHECK (outcome IN ('acted','escalated','nothing'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deadline_effect" DROP CONSTRAINT "ck_deadline_effect_outcome"`);
    await queryRunner.query(`ALTER TABLE "deadline_effect" DROP COLUMN "outcome"`);
  }
}
