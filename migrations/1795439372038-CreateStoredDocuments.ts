import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files' metadata (libs/documents): the bytes live under DOCUMENTS_DIR at `storage_key`.
 * No foreign keys: owners live in other libraries' tables (see stored-document.entity.ts).
 */
export class CreateStoredDocuments1795439372038 implements MigrationInterface {
  name = 'CreateStoredDocuments1795439372038';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"stored_document\" (\"id\" uuid NOT NULL, \"owner_type\" text NOT NULL, \"owner_id\" uuid NOT NULL, \"agency_id\" uuid, \"owner_user_id\" uuid, \"kind\" text NOT NULL, \"original_name\" text NOT NULL, \"content_type\" text NOT NULL, \"size_bytes\" integer NOT NULL, \"sha256\" text NOT NULL, \"storage_key\" text NOT NULL, \"uploaded_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_stored_document_sha256\" CHECK (sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT \"ck_stored_document_size\" CHECK (size_bytes >= 0), CONSTRAINT \"ck_stored_document_content_type\" CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')), CONSTRAINT \"pk_stored_document\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_stored_document_agency\" ON \"stored_document\" (\"agency_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_stored_document_owner\" ON \"stored_document\" (\"owner_type\", \"owner_id\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_stored_document_storage_key\" ON \"stored_document\" (\"storage_key\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"uq_stored_document_storage_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_stored_document_owner\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_stored_document_agency\"");
    await queryRunner.query("DROP TABLE \"stored_document\"");
  }
}
