import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAgenciesAndIdentity1795434542232 implements MigrationInterface {
  name = 'CreateAgenciesAndIdentity1795434542232';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"agency\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"legal_name\" text NOT NULL, \"registration_number\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_agency\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_agency_registration_number\" ON \"agency\" (\"registration_number\") ");
    await queryRunner.query("CREATE TABLE \"app_user\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"email\" text NOT NULL, \"display_name\" text NOT NULL, \"preferred_language\" text NOT NULL DEFAULT 'en', \"roles\" text array NOT NULL, \"active\" boolean NOT NULL DEFAULT true, \"agency_id\" uuid, \"password_hash\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_app_user_roles_nonempty\" CHECK (cardinality(roles) > 0), CONSTRAINT \"ck_app_user_language\" CHECK (preferred_language IN ('en','fil','id','ne')), CONSTRAINT \"ck_app_user_agency_membership\" CHECK ((agency_id IS NOT NULL) = (roles && ARRAY['agency_admin','agency_staff']::text[])), CONSTRAINT \"pk_app_user\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_app_user_agency\" ON \"app_user\" (\"agency_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_app_user_email\" ON \"app_user\" (\"email\") ");
    await queryRunner.query("CREATE TABLE \"auth_session\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"refresh_hash\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"revoked_reason\" text, CONSTRAINT \"pk_auth_session\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_auth_session_user_open\" ON \"auth_session\" (\"user_id\") WHERE revoked_at IS NULL");
    await queryRunner.query("ALTER TABLE \"app_user\" ADD CONSTRAINT \"fk_app_user_agency\" FOREIGN KEY (\"agency_id\") REFERENCES \"agency\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"auth_session\" ADD CONSTRAINT \"fk_auth_session_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"auth_session\" DROP CONSTRAINT \"fk_auth_session_user\"");
    await queryRunner.query("ALTER TABLE \"app_user\" DROP CONSTRAINT \"fk_app_user_agency\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_auth_session_user_open\"");
    await queryRunner.query("DROP TABLE \"auth_session\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_app_user_email\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_app_user_agency\"");
    await queryRunner.query("DROP TABLE \"app_user\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_agency_registration_number\"");
    await queryRunner.query("DROP TABLE \"agency\"");
  }
}
