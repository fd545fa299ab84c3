import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: the supervisors' audit trail is searched by who acted and by what was done
 * (GET /audit/entries), newest first: an index per criterion, ending in `seq` for the order and
 * the keyset paging.
 */
export class AuditSearchIndexes1796454000000 implements MigrationInterface {
  name = 'AuditSearchIndexes1796454000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_audit_log_actor" ON "audit_log" ("actor_id", "seq") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_action" ON "audit_log" ("action", "seq") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_action"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_actor"`);
  }
}
