import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLicenseApplications1795440919540 implements MigrationInterface {
  name = 'CreateLicenseApplications1795440919540';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"license_application\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"type\" text NOT NULL, \"license_id\" uuid, \"state\" text NOT NULL DEFAULT 'draft', \"reviewer_id\" uuid, \"correction_items\" jsonb NOT NULL DEFAULT '[]', \"decision_reasons\" text, \"submitted_at\" TIMESTAMP WITH TIME ZONE, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"created_by\" uuid, \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_license_application_renewal_license\" CHECK (type = 'new' OR license_id IS NOT NULL), CONSTRAINT \"ck_license_application_state\" CHECK (state IN ('draft','submitted','under_review','returned_for_correction','recommended','approved','rejected')), CONSTRAINT \"ck_license_application_type\" CHECK (type IN ('new','renewal')), CONSTRAINT \"pk_license_application\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_license_application_open_renewal\" ON \"license_application\" (\"license_id\") WHERE type = 'renewal' AND state IN ('draft','submitted','under_review','returned_for_correction','recommended')");
    await queryRunner.query("CREATE INDEX \"ix_license_application_state\" ON \"license_application\" (\"state\", \"updated_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_license_application_agency\" ON \"license_application\" (\"agency_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"license_application_event\" (\"id\" BIGSERIAL NOT NULL, \"application_id\" uuid NOT NULL, \"action\" text NOT NULL, \"from_state\" text, \"to_state\" text NOT NULL, \"actor_id\" uuid, \"actor_role\" text NOT NULL, \"details\" jsonb, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_license_application_event\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_license_application_event_application\" ON \"license_application_event\" (\"application_id\", \"id\") ");
    await queryRunner.query("ALTER TABLE \"license_application\" ADD CONSTRAINT \"fk_license_application_agency\" FOREIGN KEY (\"agency_id\") REFERENCES \"agency\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"license_application\" ADD CONSTRAINT \"fk_license_application_license\" FOREIGN KEY (\"license_id\") REFERENCES \"license\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"license_application_event\" ADD CONSTRAINT \"fk_license_application_event_application\" FOREIGN KEY (\"application_id\") REFERENCES \"license_application\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"license_application_event\" DROP CONSTRAINT \"fk_license_application_event_application\"");
    await queryRunner.query("ALTER TABLE \"license_application\" DROP CONSTRAINT \"fk_license_application_license\"");
    await queryRunner.query("ALTER TABLE \"license_application\" DROP CONSTRAINT \"fk_license_application_agency\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_license_application_event_application\"");
    await queryRunner.query("DROP TABLE \"license_application_event\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_license_application_agency\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_license_application_state\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_license_application_open_renewal\"");
    await queryRunner.query("DROP TABLE \"license_application\"");
  }
}
