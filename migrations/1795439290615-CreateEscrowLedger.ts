import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEscrowLedger1795439290615 implements MigrationInterface {
  name = 'CreateEscrowLedger1795439290615';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"agency_hold\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"agency_id\" uuid NOT NULL, \"reason\" text NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"lifted_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"pk_agency_hold\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_agency_hold_agency\" ON \"agency_hold\" (\"agency_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_agency_hold_active\" ON \"agency_hold\" (\"agency_id\", \"reason\") WHERE lifted_at IS NULL");
    await queryRunner.query("CREATE TABLE \"escrow_account\" (\"agency_id\" uuid NOT NULL, \"license_type\" text NOT NULL, \"currency\" character(3) NOT NULL, \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_escrow_account_currency\" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT \"ck_escrow_account_license_type\" CHECK (license_type IN ('provisional','regular')), CONSTRAINT \"pk_escrow_account\" PRIMARY KEY (\"agency_id\"))");
    await queryRunner.query("CREATE TABLE \"escrow_entry\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"seq\" BIGSERIAL NOT NULL, \"agency_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"amount_minor\" bigint NOT NULL, \"currency\" character(3) NOT NULL, \"reference\" text NOT NULL, \"balance_after_minor\" bigint NOT NULL, \"idempotency_key\" text NOT NULL, \"request_hash\" text NOT NULL, \"actor_id\" uuid, \"actor_role\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_escrow_entry_currency\" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT \"ck_escrow_entry_balance_after\" CHECK (balance_after_minor >= 0), CONSTRAINT \"ck_escrow_entry_amount_positive\" CHECK (amount_minor > 0), CONSTRAINT \"ck_escrow_entry_kind\" CHECK (kind IN ('deposit','top-up','garnishment','release')), CONSTRAINT \"pk_escrow_entry\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_escrow_entry_agency_seq\" ON \"escrow_entry\" (\"agency_id\", \"seq\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_escrow_entry_idempotency\" ON \"escrow_entry\" (\"agency_id\", \"idempotency_key\") ");
    await queryRunner.query("ALTER TABLE \"agency_hold\" ADD CONSTRAINT \"fk_agency_hold_agency\" FOREIGN KEY (\"agency_id\") REFERENCES \"agency\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"escrow_account\" ADD CONSTRAINT \"fk_escrow_account_agency\" FOREIGN KEY (\"agency_id\") REFERENCES \"agency\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"escrow_entry\" ADD CONSTRAINT \"fk_escrow_entry_agency\" FOREIGN KEY (\"agency_id\") REFERENCES \"agency\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"escrow_entry\" DROP CONSTRAINT \"fk_escrow_entry_agency\"");
    await queryRunner.query("ALTER TABLE \"escrow_account\" DROP CONSTRAINT \"fk_escrow_account_agency\"");
    await queryRunner.query("ALTER TABLE \"agency_hold\" DROP CONSTRAINT \"fk_agency_hold_agency\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_escrow_entry_idempotency\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_escrow_entry_agency_seq\"");
    await queryRunner.query("DROP TABLE \"escrow_entry\"");
    await queryRunner.query("DROP TABLE \"escrow_account\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_agency_hold_active\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_agency_hold_agency\"");
    await queryRunner.query("DROP TABLE \"agency_hold\"");
  }
}
