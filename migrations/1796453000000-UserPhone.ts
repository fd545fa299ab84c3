import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, the worker's account page: a phone number the person may give (and remove) on their
 * own account. Personal data: stored only as a field envelope (AAD `app_user:<id>:phone`).
 */
export class UserPhone1796453000000 implements MigrationInterface {
  name = 'UserPhone1796453000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "phone_enc" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "phone_enc"`);
  }
}
