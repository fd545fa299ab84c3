import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: public verification answers kept by an API process must not outlive the change that
 * makes them wrong, whoever makes it (another API instance, the worker lifting a suspension, the
 * CLI). After every statement that writes the registry's tables, Postgres notifies the channel
 * `lcs_public_registry` (at commit, once per transaction and table); each process that keeps
 * answers listens there and drops them (libs/agencies/src/licensing/public-registry-changes.ts).
 */
const TABLES = ['agency', 'agency_branch', 'license', 'license_event'];

export class PublicRegistryNotify1796453400000 implements MigrationInterface {
  name = 'PublicRegistryNotify1796453400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION public_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('lcs_public_registry', TG_TABLE_NAME);
         RETURN NULL;
       END $$`,
    );
    for (const table of TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "trg_${table}_public_registry_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION public_registry_changed()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TRIGGER "trg_${table}_public_registry_changed" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION public_registry_changed()`);
  }
}
