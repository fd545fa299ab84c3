import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos as phones save them (issue 15; docs/documents.md): the documents library now accepts
 * WEBP and HEIC/HEIF besides PDF, JPEG and PNG, stored as sent, so the stored type may be one of
 * those too. Going down fails while documents of the new types exist (the check cannot be
 * narrowed over them): remove or convert those first.
 */
export class AcceptPhoneImageDocuments1795450500000 implements MigrationInterface {
  name = 'AcceptPhoneImageDocuments1795450500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stored_document" DROP CONSTRAINT "ck_stored_document_content_type"`);
    await queryRunner.query(
      `ALTER TABLE "stored_document" ADD CONSTRAINT "ck_stored_document_content_type" CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stored_document" DROP CONSTRAINT "ck_stored_document_content_type"`);
    await queryRunner.query(`ALTER TABLE "stored_document" ADD CONSTRAINT "ck_stored_document_content_type" CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png'))`);
  }
}
