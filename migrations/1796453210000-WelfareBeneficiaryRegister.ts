import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: the register of a member's beneficiaries (docs/welfare.md, "Beneficiary register").
 * Names, identity numbers and account addresses are encrypted by the application (text envelopes);
 * an officer's entry must carry its proof; removal keeps the row with who, when and why.
 */
export class WelfareBeneficiaryRegister1796453210000 implements MigrationInterface {
  name = 'WelfareBeneficiaryRegister1796453210000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"welfare_beneficiary\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"member_passport_number\" text NOT NULL, \"name_enc\" text NOT NULL, \"relationship\" text NOT NULL, \"id_number_enc\" text NOT NULL, \"email_enc\" text, \"registered_via\" text NOT NULL, \"proof_kind\" text, \"proof_reference\" text, \"registered_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"removed_at\" TIMESTAMP WITH TIME ZONE, \"removed_by\" uuid, \"removal_reason\" text, CONSTRAINT \"ck_welfare_beneficiary_removed\" CHECK ((removed_at IS NULL) = (removal_reason IS NULL)), CONSTRAINT \"ck_welfare_beneficiary_proof\" CHECK (registered_via = 'member' OR (proof_kind IS NOT NULL AND proof_reference IS NOT NULL)), CONSTRAINT \"ck_welfare_beneficiary_via\" CHECK (registered_via IN ('member','officer')), CONSTRAINT \"pk_welfare_beneficiary\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_welfare_beneficiary_member\" ON \"welfare_beneficiary\"  (\"member_passport_number\", \"created_at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_welfare_beneficiary_member\"");
    await queryRunner.query("DROP TABLE \"welfare_beneficiary\"");
  }
}
