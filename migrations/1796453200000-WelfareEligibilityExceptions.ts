import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: a claim approved outside eligibility keeps the supervisor's reason from the list
 * (`eligibility_exception`); every decision keeps who made it and when (`decided_by`,
 * `decided_at`), which the eligibility-exceptions report reads. Claims decided earlier keep nulls.
 */
export class WelfareEligibilityExceptions1796453200000 implements MigrationInterface {
  name = 'WelfareEligibilityExceptions1796453200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"welfare_claim\" ADD \"eligibility_exception\" text");
    await queryRunner.query("ALTER TABLE \"welfare_claim\" ADD \"decided_by\" uuid");
    await queryRunner.query("ALTER TABLE \"welfare_claim\" ADD \"decided_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("CREATE INDEX \"ix_welfare_claim_eligibility_exception\" ON \"welfare_claim\"  (\"decided_at\") WHERE eligibility_exception IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"welfare_claim\" ADD CONSTRAINT \"ck_welfare_claim_eligibility_exception\" CHECK (eligibility_exception IS NULL OR eligibility_exception IN ('late-filing-good-cause','contribution-paid-unrecorded','agency-failed-to-remit','record-error','humanitarian'))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"welfare_claim\" DROP CONSTRAINT \"ck_welfare_claim_eligibility_exception\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_welfare_claim_eligibility_exception\"");
    await queryRunner.query("ALTER TABLE \"welfare_claim\" DROP COLUMN \"decided_at\"");
    await queryRunner.query("ALTER TABLE \"welfare_claim\" DROP COLUMN \"decided_by\"");
    await queryRunner.query("ALTER TABLE \"welfare_claim\" DROP COLUMN \"eligibility_exception\"");
  }
}
