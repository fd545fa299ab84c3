import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox holds no plaintext contact data (issue 17): the address and the template data of a
 * message are sealed with the field-encryption keys by `Notifications.enqueue` (new columns
 * `recipient_enc`, `data_enc`), and a sent message's are purged after
 * NOTIFICATION_BODY_RETENTION_DAYS (`body_purged_at`).
 *
 * The keys are not in the database, so SQL cannot seal the rows already there. Instead:
 * - sent rows (delivered: nothing needs their address or data any more) are redacted here, now;
 * - pending and failed rows keep their plaintext in the old columns, now nullable, until the
 *   worker's outbox maintenance seals them (at its start-up, then hourly). The relay still sends
 *   such a row meanwhile.
 * The partial index ix_notification_outbox_plain finds what is left to seal.
 */
export class SealNotificationOutbox1796451948908 implements MigrationInterface {
  name = 'SealNotificationOutbox1796451948908';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "recipient_enc" text`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "data_enc" text`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "body_purged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ALTER COLUMN "recipient" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ALTER COLUMN "data" DROP NOT NULL`);
    await queryRunner.query(`UPDATE "notification_outbox" SET "recipient" = NULL, "data" = NULL, "body_purged_at" = now() WHERE state = 'sent'`);
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_sealed_or_plain" CHECK ((recipient_enc IS NULL OR recipient IS NULL) AND (data_enc IS NULL OR data IS NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_addressed" CHECK (state = 'sent' OR recipient_enc IS NOT NULL OR recipient IS NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "ix_notification_outbox_plain" ON "notification_outbox" ("id") WHERE recipient IS NOT NULL OR data IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The previous version reads only plaintext. Sent rows without it are done and go; a waiting
    // message that is sealed cannot be turned back without the keys, so reverting stops there.
    const [{ n }] = (await queryRunner.query(`SELECT count(*)::int AS n FROM "notification_outbox" WHERE state <> 'sent' AND (recipient IS NULL OR data IS NULL)`)) as { n: number }[];
    if (n > 0) throw new Error(`SealNotificationOutbox: ${n} pending or failed messages are sealed; the previous version cannot send them. Let them be sent (or delete them) first.`);
    await queryRunner.query(`DELETE FROM "notification_outbox" WHERE recipient IS NULL OR data IS NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_plain"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_addressed"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_sealed_or_plain"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ALTER COLUMN "data" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ALTER COLUMN "recipient" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "body_purged_at"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "data_enc"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "recipient_enc"`);
  }
}
