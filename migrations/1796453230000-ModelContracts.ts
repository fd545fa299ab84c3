import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, model contracts (docs/fees.md, "Model contracts"): `model_contract`, effective-dated
 * per corridor and occupation (overlaps refused by an exclusion constraint, btree_gist as for
 * fee rules), and `placement_contract`, the terms registered with each placement and their check
 * against the model, as recorded. Placements recorded earlier have no row (their contract: null).
 * The check rows are history: append-only (the fees history trigger refuses changes).
 */
export class ModelContracts1796453230000 implements MigrationInterface {
  name = 'ModelContracts1796453230000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"model_contract\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"destination_country\" text NOT NULL, \"occupation_category\" text NOT NULL, \"origin_country\" text NOT NULL, \"valid_from\" date NOT NULL, \"valid_to\" date, \"min_monthly_salary_minor\" bigint NOT NULL, \"salary_currency\" character(3) NOT NULL, \"max_hours_per_week\" integer, \"min_rest_days_per_week\" integer NOT NULL, \"min_paid_leave_days_per_year\" integer NOT NULL, \"contract_months\" integer NOT NULL, \"fare_paid_by\" text NOT NULL, \"source\" text NOT NULL, \"created_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_model_contract_fare\" CHECK (fare_paid_by IN ('employer','shared','worker')), CONSTRAINT \"ck_model_contract_figures\" CHECK (min_monthly_salary_minor > 0 AND (max_hours_per_week IS NULL OR max_hours_per_week BETWEEN 1 AND 168) AND min_rest_days_per_week BETWEEN 0 AND 7 AND min_paid_leave_days_per_year BETWEEN 0 AND 366 AND contract_months BETWEEN 1 AND 120), CONSTRAINT \"ck_model_contract_origin\" CHECK (origin_country ~ '^([A-Z]{2}|\\*)$'), CONSTRAINT \"ck_model_contract_destination\" CHECK (destination_country ~ '^[A-Z]{2}$'), CONSTRAINT \"ck_model_contract_validity\" CHECK (valid_to IS NULL OR valid_to >= valid_from), CONSTRAINT \"ex_model_contract_overlap\" EXCLUDE USING gist (destination_country WITH =, occupation_category WITH =, origin_country WITH =, daterange(valid_from, valid_to, '[]') WITH &&), CONSTRAINT \"pk_model_contract\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_model_contract_key\" ON \"model_contract\"  (\"destination_country\", \"occupation_category\", \"origin_country\", \"valid_from\") ");
    await queryRunner.query("CREATE TABLE \"placement_contract\" (\"placement_id\" uuid NOT NULL, \"hours_per_week\" integer, \"rest_days_per_week\" integer, \"paid_leave_days_per_year\" integer, \"fare_paid_by\" text, \"model_contract_id\" uuid, \"outcome\" text NOT NULL, \"findings\" jsonb NOT NULL, \"unchecked\" jsonb NOT NULL, \"checked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_placement_contract_outcome\" CHECK (outcome IN ('meets-model','below-model','no-model')), CONSTRAINT \"ck_placement_contract_fare\" CHECK (fare_paid_by IS NULL OR fare_paid_by IN ('employer','shared','worker')), CONSTRAINT \"pk_placement_contract\" PRIMARY KEY (\"placement_id\"))");
    await queryRunner.query('CREATE TRIGGER "trg_placement_contract_append_only" BEFORE UPDATE OR DELETE ON "placement_contract" FOR EACH ROW EXECUTE FUNCTION "fees_history_refuse_change"()');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "trg_placement_contract_append_only" ON "placement_contract"');
    await queryRunner.query("DROP TABLE \"placement_contract\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_model_contract_key\"");
    await queryRunner.query("DROP TABLE \"model_contract\"");
  }
}
