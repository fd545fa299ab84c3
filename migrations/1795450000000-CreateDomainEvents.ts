import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable domain events (libs/events): `domain_event` is a transactional outbox written in the
 * transaction of the change it reports; `domain_event_delivery` records each subscriber's
 * progress on each event (its primary key is what makes a subscriber's effect happen once).
 * ix_domain_event_type_id is what the relay scans per subscriber, probing
 * pk_domain_event_delivery for each event.
 */
export class CreateDomainEvents1795450000000 implements MigrationInterface {
  name = 'CreateDomainEvents1795450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"domain_event\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"type\" text NOT NULL, \"aggregate_type\" text NOT NULL, \"aggregate_id\" text NOT NULL, \"payload\" jsonb NOT NULL, \"correlation_id\" text, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_domain_event_payload_object\" CHECK (jsonb_typeof(payload) = 'object'), CONSTRAINT \"ck_domain_event_type\" CHECK (type ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+$'), CONSTRAINT \"pk_domain_event\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_domain_event_aggregate\" ON \"domain_event\" (\"aggregate_type\", \"aggregate_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_domain_event_type_id\" ON \"domain_event\" (\"type\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"domain_event_delivery\" (\"event_id\" bigint NOT NULL, \"subscriber\" text NOT NULL, \"state\" text NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"next_attempt_at\" TIMESTAMP WITH TIME ZONE, \"processed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"ck_domain_event_delivery_attempts\" CHECK (attempts >= 0), CONSTRAINT \"ck_domain_event_delivery_state\" CHECK (state IN ('retrying','done','failed')), CONSTRAINT \"pk_domain_event_delivery\" PRIMARY KEY (\"event_id\", \"subscriber\"))");
    await queryRunner.query("CREATE INDEX \"ix_domain_event_delivery_unsettled\" ON \"domain_event_delivery\" (\"subscriber\", \"state\", \"next_attempt_at\") WHERE state <> 'done'");
    await queryRunner.query("ALTER TABLE \"domain_event_delivery\" ADD CONSTRAINT \"fk_domain_event_delivery_event\" FOREIGN KEY (\"event_id\") REFERENCES \"domain_event\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"domain_event_delivery\" DROP CONSTRAINT \"fk_domain_event_delivery_event\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_domain_event_delivery_unsettled\"");
    await queryRunner.query("DROP TABLE \"domain_event_delivery\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_domain_event_type_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_domain_event_aggregate\"");
    await queryRunner.query("DROP TABLE \"domain_event\"");
  }
}
