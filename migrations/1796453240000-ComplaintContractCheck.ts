import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 20: the worker's stated contract beside the registered one, on the case (docs/complaints.md). */
export class ComplaintContractCheck1796453240000 implements MigrationInterface {
  name = 'ComplaintContractCheck1796453240000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"complaint\" ADD \"contract_check\" jsonb");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"complaint\" DROP COLUMN \"contract_check\"");
  }
}
