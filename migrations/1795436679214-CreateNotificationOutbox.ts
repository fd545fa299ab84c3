import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of outgoing mail (libs/notifications): rows are written in the
 * transaction of the change they report and sent by the relay in the worker. The partial index
 * ix_notification_outbox_due is what the relay's claim query scans.
 */
export class CreateNotificationOutbox1795436679214 implements MigrationInterface {
  name = 'CreateNotificationOutbox1795436679214';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"notification_outbox\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"recipient\" text NOT NULL, \"recipient_user_id\" uuid, \"template\" text NOT NULL, \"language\" text NOT NULL, \"data\" jsonb NOT NULL, \"dedup_key\" text NOT NULL, \"state\" text NOT NULL DEFAULT 'pending', \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"sent_at\" TIMESTAMP WITH TIME ZONE, \"failed_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"message_id\" text, CONSTRAINT \"uq_notification_outbox_dedup_key\" UNIQUE (\"dedup_key\"), CONSTRAINT \"ck_notification_outbox_attempts\" CHECK (attempts >= 0), CONSTRAINT \"ck_notification_outbox_language\" CHECK (language IN ('en','fil','id','ne')), CONSTRAINT \"ck_notification_outbox_state\" CHECK (state IN ('pending','sent','failed')), CONSTRAINT \"pk_notification_outbox\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_notification_outbox_sent_at\" ON \"notification_outbox\" (\"sent_at\") WHERE sent_at IS NOT NULL");
    await queryRunner.query("CREATE INDEX \"ix_notification_outbox_state_created\" ON \"notification_outbox\" (\"state\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_notification_outbox_due\" ON \"notification_outbox\" (\"state\", \"next_attempt_at\") WHERE state = 'pending'");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_notification_outbox_due\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_notification_outbox_state_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_notification_outbox_sent_at\"");
    await queryRunner.query("DROP TABLE \"notification_outbox\"");
  }
}
