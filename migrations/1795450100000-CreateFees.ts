import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fee-structure enforcement (docs/fees.md): effective-dated fee rules (overlap refused by an
 * exclusion constraint, hence btree_gist), dated exchange rates, placements with their revisions,
 * worker statements, assessments and refund orders. Revisions, statements and assessments are
 * history: triggers refuse to change or delete them.
 */
export class CreateFees1795450100000 implements MigrationInterface {
  name = 'CreateFees1795450100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    // Refund order numbers: taken before the insert, so the reference (RO-<year>-<serial>) is written with the row.
    await queryRunner.query(`CREATE SEQUENCE "refund_order_serial_seq"`);
    await queryRunner.query("CREATE TABLE \"placement\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"seq\" BIGSERIAL NOT NULL, \"agency_id\" uuid NOT NULL, \"license_number\" text NOT NULL, \"worker_name\" text NOT NULL, \"worker_passport_number\" text NOT NULL, \"worker_email\" text, \"worker_user_id\" uuid, \"employer_name\" text NOT NULL, \"origin_country\" text NOT NULL, \"destination_country\" text NOT NULL, \"occupation_category\" text NOT NULL, \"monthly_salary_minor\" bigint NOT NULL, \"salary_currency\" character(3) NOT NULL, \"recruited_on\" date NOT NULL, \"contract_start\" date NOT NULL, \"contract_months\" integer NOT NULL, \"fees\" jsonb NOT NULL, \"revision\" integer NOT NULL, \"recorded_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_placement_contract\" CHECK (contract_months BETWEEN 1 AND 120 AND contract_start >= recruited_on), CONSTRAINT \"ck_placement_salary_positive\" CHECK (monthly_salary_minor > 0), CONSTRAINT \"pk_placement\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_placement_worker_user\" ON \"placement\" (\"worker_user_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_placement_agency\" ON \"placement\" (\"agency_id\", \"seq\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_placement_seq\" ON \"placement\" (\"seq\") ");
    await queryRunner.query("CREATE TABLE \"fee_assessment\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"seq\" BIGSERIAL NOT NULL, \"placement_id\" uuid NOT NULL, \"basis\" text NOT NULL, \"revision\" integer NOT NULL, \"statement_id\" uuid, \"outcome\" text NOT NULL, \"serious\" boolean NOT NULL, \"violations\" jsonb NOT NULL, \"problems\" jsonb NOT NULL, \"rule_ids\" jsonb NOT NULL, \"discrepancies\" jsonb, \"assessed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_fee_assessment_basis\" CHECK (basis IN ('declared','worker-statement') AND ((basis = 'worker-statement') = (statement_id IS NOT NULL))), CONSTRAINT \"ck_fee_assessment_outcome\" CHECK (outcome IN ('compliant','violations','incomplete')), CONSTRAINT \"pk_fee_assessment\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_fee_assessment_placement\" ON \"fee_assessment\" (\"placement_id\", \"seq\") ");
    await queryRunner.query("CREATE TABLE \"refund_order\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"seq\" bigint NOT NULL, \"reference\" text NOT NULL, \"agency_id\" uuid NOT NULL, \"placement_id\" uuid NOT NULL, \"assessment_id\" uuid NOT NULL, \"amount_minor\" bigint NOT NULL, \"currency\" character(3) NOT NULL, \"state\" text NOT NULL, \"serious\" boolean NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"deadline_id\" uuid, \"paid_reference\" text, \"settled_at\" TIMESTAMP WITH TIME ZONE, \"cancel_reason\" text, \"version\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_refund_order_paid\" CHECK ((state = 'paid') = (paid_reference IS NOT NULL)), CONSTRAINT \"ck_refund_order_amount\" CHECK (amount_minor > 0), CONSTRAINT \"ck_refund_order_state\" CHECK (state IN ('open','paid','cancelled')), CONSTRAINT \"pk_refund_order\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_refund_order_placement\" ON \"refund_order\" (\"placement_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_refund_order_agency_state\" ON \"refund_order\" (\"agency_id\", \"state\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_refund_order_seq\" ON \"refund_order\" (\"seq\") ");
    await queryRunner.query("CREATE TABLE \"placement_revision\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"placement_id\" uuid NOT NULL, \"revision\" integer NOT NULL, \"terms\" jsonb NOT NULL, \"fees\" jsonb NOT NULL, \"reason\" text, \"actor_id\" uuid, \"actor_role\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_placement_revision\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_placement_revision\" ON \"placement_revision\" (\"placement_id\", \"revision\") ");
    await queryRunner.query("CREATE TABLE \"fee_statement\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"placement_id\" uuid NOT NULL, \"lines\" jsonb NOT NULL, \"note\" text, \"stated_by\" uuid, \"stated_by_role\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_fee_statement\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_fee_statement_placement\" ON \"fee_statement\" (\"placement_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"exchange_rate\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"base\" character(3) NOT NULL, \"quote\" character(3) NOT NULL, \"rate_date\" date NOT NULL, \"rate\" numeric(24,12) NOT NULL, \"source\" text NOT NULL, \"recorded_by\" uuid, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_exchange_rate_positive\" CHECK (rate > 0), CONSTRAINT \"ck_exchange_rate_pair\" CHECK (base ~ '^[A-Z]{3}$' AND quote ~ '^[A-Z]{3}$' AND base <> quote), CONSTRAINT \"pk_exchange_rate\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_exchange_rate_pair_date\" ON \"exchange_rate\" (\"base\", \"quote\", \"rate_date\") ");
    await queryRunner.query("CREATE TABLE \"fee_rule\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"destination_country\" text NOT NULL, \"occupation_category\" text NOT NULL, \"origin_country\" text NOT NULL, \"valid_from\" date NOT NULL, \"valid_to\" date, \"placement_fee_cap\" jsonb NOT NULL, \"allowed_items\" jsonb NOT NULL, \"prohibited_items\" jsonb NOT NULL, \"protected\" boolean NOT NULL, \"source\" text NOT NULL, \"created_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_fee_rule_origin\" CHECK (origin_country ~ '^([A-Z]{2}|\\*)$'), CONSTRAINT \"ck_fee_rule_destination\" CHECK (destination_country ~ '^[A-Z]{2}$'), CONSTRAINT \"ck_fee_rule_validity\" CHECK (valid_to IS NULL OR valid_to >= valid_from), CONSTRAINT \"ex_fee_rule_overlap\" EXCLUDE USING gist (destination_country WITH =, occupation_category WITH =, origin_country WITH =, daterange(valid_from, valid_to, '[]') WITH &&), CONSTRAINT \"pk_fee_rule\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_fee_rule_key\" ON \"fee_rule\" (\"destination_country\", \"occupation_category\", \"origin_country\", \"valid_from\") ");
    await queryRunner.query("ALTER TABLE \"placement\" ADD CONSTRAINT \"fk_placement_agency\" FOREIGN KEY (\"agency_id\") REFERENCES \"agency\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"fee_assessment\" ADD CONSTRAINT \"fk_fee_assessment_placement\" FOREIGN KEY (\"placement_id\") REFERENCES \"placement\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD CONSTRAINT \"fk_refund_order_agency\" FOREIGN KEY (\"agency_id\") REFERENCES \"agency\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD CONSTRAINT \"fk_refund_order_placement\" FOREIGN KEY (\"placement_id\") REFERENCES \"placement\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD CONSTRAINT \"fk_refund_order_assessment\" FOREIGN KEY (\"assessment_id\") REFERENCES \"fee_assessment\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"placement_revision\" ADD CONSTRAINT \"fk_placement_revision_placement\" FOREIGN KEY (\"placement_id\") REFERENCES \"placement\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"fee_statement\" ADD CONSTRAINT \"fk_fee_statement_placement\" FOREIGN KEY (\"placement_id\") REFERENCES \"placement\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query(
      `CREATE FUNCTION "fees_history_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% is history: rows are never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
       END $$`,
    );
    for (const table of ['placement_revision', 'fee_statement', 'fee_assessment']) {
      await queryRunner.query(`CREATE TRIGGER "trg_${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "fees_history_refuse_change"()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['placement_revision', 'fee_statement', 'fee_assessment']) await queryRunner.query(`DROP TRIGGER "trg_${table}_append_only" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION "fees_history_refuse_change"()`);
    await queryRunner.query("ALTER TABLE \"fee_statement\" DROP CONSTRAINT \"fk_fee_statement_placement\"");
    await queryRunner.query("ALTER TABLE \"placement_revision\" DROP CONSTRAINT \"fk_placement_revision_placement\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP CONSTRAINT \"fk_refund_order_assessment\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP CONSTRAINT \"fk_refund_order_placement\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP CONSTRAINT \"fk_refund_order_agency\"");
    await queryRunner.query("ALTER TABLE \"fee_assessment\" DROP CONSTRAINT \"fk_fee_assessment_placement\"");
    await queryRunner.query("ALTER TABLE \"placement\" DROP CONSTRAINT \"fk_placement_agency\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_fee_rule_key\"");
    await queryRunner.query("DROP TABLE \"fee_rule\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_exchange_rate_pair_date\"");
    await queryRunner.query("DROP TABLE \"exchange_rate\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_fee_statement_placement\"");
    await queryRunner.query("DROP TABLE \"fee_statement\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_placement_revision\"");
    await queryRunner.query("DROP TABLE \"placement_revision\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_refund_order_seq\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_refund_order_agency_state\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_refund_order_placement\"");
    await queryRunner.query("DROP TABLE \"refund_order\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_fee_assessment_placement\"");
    await queryRunner.query("DROP TABLE \"fee_assessment\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_placement_seq\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_placement_agency\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_placement_worker_user\"");
    await queryRunner.query("DROP TABLE \"placement\"");
    await queryRunner.query(`DROP SEQUENCE "refund_order_serial_seq"`);
  }
}
