import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22 (agency portal): a new agency registers itself. Like a worker's registration, nothing
 * exists until the first admin confirms the address: the link row (purpose `agency-registration`)
 * holds the admin's chosen password hash and name, and in `payload` the agency's legal identity,
 * owners, officers and address; the agency, its profile and the admin account are created when
 * the link is opened (docs/web-agency.md, docs/auth.md).
 */
const OLD_SHAPE =
  "(purpose = 'reset-password' AND user_id IS NOT NULL) OR (purpose = 'verify-email' AND email IS NOT NULL AND password_hash IS NOT NULL AND display_name IS NOT NULL) OR (purpose = 'staff-invitation' AND email IS NOT NULL AND agency_id IS NOT NULL AND roles IS NOT NULL AND display_name IS NOT NULL)";
const NEW_SHAPE = `${OLD_SHAPE} OR (purpose = 'agency-registration' AND email IS NOT NULL AND password_hash IS NOT NULL AND display_name IS NOT NULL AND payload IS NOT NULL)`;

export class AgencyRegistrationLinks1796454200000 implements MigrationInterface {
  name = 'AgencyRegistrationLinks1796454200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "account_link" ADD "payload" jsonb');
    await queryRunner.query('ALTER TABLE "account_link" DROP CONSTRAINT "ck_account_link_purpose"');
    await queryRunner.query('ALTER TABLE "account_link" DROP CONSTRAINT "ck_account_link_shape"');
    await queryRunner.query(`ALTER TABLE "account_link" ADD CONSTRAINT "ck_account_link_purpose" CHECK (purpose IN ('verify-email','reset-password','staff-invitation','agency-registration'))`);
    await queryRunner.query(`ALTER TABLE "account_link" ADD CONSTRAINT "ck_account_link_shape" CHECK (${NEW_SHAPE})`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "account_link" WHERE purpose = 'agency-registration'`);
    await queryRunner.query('ALTER TABLE "account_link" DROP CONSTRAINT "ck_account_link_shape"');
    await queryRunner.query('ALTER TABLE "account_link" DROP CONSTRAINT "ck_account_link_purpose"');
    await queryRunner.query(`ALTER TABLE "account_link" ADD CONSTRAINT "ck_account_link_purpose" CHECK (purpose IN ('verify-email','reset-password','staff-invitation'))`);
    await queryRunner.query(`ALTER TABLE "account_link" ADD CONSTRAINT "ck_account_link_shape" CHECK (${OLD_SHAPE})`);
    await queryRunner.query('ALTER TABLE "account_link" DROP COLUMN "payload"');
  }
}
