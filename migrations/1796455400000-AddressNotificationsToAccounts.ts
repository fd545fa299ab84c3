import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail is addressed to people, not addresses (issue 16): a message to an account keeps only the
 * account's id (`recipient_user_id`) and no address; the relay reads the account's current
 * address from the recipient directory (libs/auth) when it sends. Only someone without an account
 * (a complainant who gave an address, an invitee) is stored with an address, sealed in
 * `recipient_enc` as before. A waiting message must name one or the other.
 *
 * Rows already in the outbox are not rewritten: they keep the address they were enqueued with
 * (sealed, or legacy plaintext until the worker seals it) and the relay sends them to it, as
 * before. SQL could not tell an account's own address from a contact address given for a case
 * (a complainant with an account may have given another), and the keys are not in the database;
 * those rows drain within minutes. Both shapes are read until then, and after.
 */
export class AddressNotificationsToAccounts1796455400000 implements MigrationInterface {
  name = 'AddressNotificationsToAccounts1796455400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_addressed"`);
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_addressed" CHECK (state = 'sent' OR recipient_enc IS NOT NULL OR recipient IS NOT NULL OR recipient_user_id IS NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The previous version sends only to an address the row holds: a waiting message addressed to
    // an account would never be sent by it, so reverting stops there.
    const [{ n }] = (await queryRunner.query(`SELECT count(*)::int AS n FROM "notification_outbox" WHERE state <> 'sent' AND recipient_enc IS NULL AND recipient IS NULL`)) as { n: number }[];
    if (n > 0) throw new Error(`AddressNotificationsToAccounts: ${n} pending or failed messages are addressed to accounts; the previous version cannot send them. Let them be sent (or delete them) first.`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_addressed"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_addressed" CHECK (state = 'sent' OR recipient_enc IS NOT NULL OR recipient IS NOT NULL)`);
  }
}
