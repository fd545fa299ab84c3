import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the eligibility-exceptions report's JSON is paged by keyset on (decided_at, reference)
 * (libs/welfare/src/reports/eligibility-exception-page.ts), so a page must be a range of an index
 * in that order: the approvals outside eligibility by time, then reference, carrying the reason so
 * that the period's totals per reason are read from the index alone. It replaces
 * ix_welfare_claim_eligibility_exception (decided_at only), which it serves in every use. The
 * INCLUDE column is not declarable in TypeORM: the entity names the index with `synchronize: false`.
 */
export class EligibilityExceptionPageIndex1796456400000 implements MigrationInterface {
  name = 'EligibilityExceptionPageIndex1796456400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_welfare_claim_exception_page" ON "welfare_claim" ("decided_at", "reference") INCLUDE ("eligibility_exception") WHERE eligibility_exception IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_welfare_claim_eligibility_exception"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_welfare_claim_eligibility_exception" ON "welfare_claim" ("decided_at") WHERE eligibility_exception IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_welfare_claim_exception_page"`);
  }
}
