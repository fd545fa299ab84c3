import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links mailed to an address (issue 17, identity; docs/auth.md "Links by mail"): email
 * verification before a worker account exists, password reset, staff invitations. Holds only
 * the SHA-256 of each link's token. Existing accounts need nothing: every account in app_user is
 * one whose address was confirmed or that an admin created (demo and seeded users included).
 */

export class AccountLinks1796451961845 implements MigrationInterface {
  name = 'AccountLinks1796451961845';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"account_link\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"purpose\" text NOT NULL, \"token_hash\" text NOT NULL, \"user_id\" uuid, \"email\" text, \"password_hash\" text, \"display_name\" text, \"preferred_language\" text, \"roles\" text array, \"agency_id\" uuid, \"created_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"used_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"ck_account_link_shape\" CHECK ((purpose = 'reset-password' AND user_id IS NOT NULL) OR (purpose = 'verify-email' AND email IS NOT NULL AND password_hash IS NOT NULL AND display_name IS NOT NULL) OR (purpose = 'staff-invitation' AND email IS NOT NULL AND agency_id IS NOT NULL AND roles IS NOT NULL AND display_name IS NOT NULL)), CONSTRAINT \"ck_account_link_language\" CHECK (preferred_language IS NULL OR preferred_language IN ('en','fil','id','ne')), CONSTRAINT \"ck_account_link_purpose\" CHECK (purpose IN ('verify-email','reset-password','staff-invitation')), CONSTRAINT \"pk_account_link\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_account_link_user_open\" ON \"account_link\"  (\"user_id\") WHERE used_at IS NULL");
    await queryRunner.query("CREATE INDEX \"ix_account_link_email_open\" ON \"account_link\"  (\"email\") WHERE used_at IS NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_account_link_token_hash\" ON \"account_link\"  (\"token_hash\") ");
    await queryRunner.query("ALTER TABLE \"account_link\" ADD CONSTRAINT \"fk_account_link_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"account_link\" DROP CONSTRAINT \"fk_account_link_user\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_account_link_token_hash\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_account_link_email_open\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_account_link_user_open\"");
    await queryRunner.query("DROP TABLE \"account_link\"");
  }
}
