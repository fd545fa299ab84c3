import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runtime role: a NOLOGIN group role, `lcs_runtime`, with exactly the rights the API and the
 * worker need and no more (docs/audit.md, "Database roles"). The processes log in as a role that
 * is a member of it (`lcs_app` under `npm start`) and owns nothing; migrations keep running as the
 * owner (DATABASE_MIGRATION_URL). Only an owner (or a superuser) may ALTER a table, so the runtime
 * role can neither disable audit_log's triggers nor change the table.
 *
 * - every table: SELECT, INSERT, UPDATE, DELETE (no TRUNCATE, REFERENCES, TRIGGER); sequences: USAGE, SELECT;
 * - audit_log: SELECT, and INSERT of every column but `seq` (so no OVERRIDING SYSTEM VALUE);
 * - audit_chain_head: SELECT, and UPDATE of `hash` only, which `SELECT ... FOR UPDATE` (the chain
 *   lock of AuditLog.append) requires. Every update it allows is refused by the forward-only
 *   trigger: the head moves only when `seq` grows, and this role cannot write `seq`. The head is
 *   advanced by audit_chain_head_advance(), which from now on runs with its owner's rights;
 * - schema_migrations: SELECT;
 * - tables and sequences the same owner creates later: the same as the first item (ALTER DEFAULT
 *   PRIVILEGES); a later append-only table must revoke what it does not want, as this one does.
 *
 * The grants are one function, lcs_grant_runtime(), run here and runnable again by the owner.
 * Creating the role needs CREATEROLE: when the migrating user lacks it and nobody created the role
 * beforehand, this migration creates nothing but the function and says so (NOTICE); the system then
 * runs as before, with one role. An administrator can later `CREATE ROLE lcs_runtime NOLOGIN`
 * and the owner `SELECT lcs_grant_runtime()`. Roles belong to the whole server: every database of
 * this system on one server shares `lcs_runtime`, and copies of a database (CREATE DATABASE ...
 * TEMPLATE) keep its grants.
 */
export class CreateRuntimeRole1796451976789 implements MigrationInterface {
  name = 'CreateRuntimeRole1796451976789';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lcs_runtime') THEN
          CREATE ROLE lcs_runtime NOLOGIN;
        END IF;
      EXCEPTION
        -- Another database of this server created it meanwhile.
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE NOTICE 'role lcs_runtime not created: % lacks CREATEROLE. The processes keep the rights of DATABASE_URL''s role; see docs/audit.md (Database roles) to separate them.', current_user;
      END
      $$`);
    // The head trigger writes audit_chain_head as its owner: the runtime role has no right to.
    await queryRunner.query(`ALTER FUNCTION "audit_chain_head_advance"() SECURITY DEFINER SET search_path = public, pg_temp`);
    await queryRunner.query(`
      CREATE FUNCTION "lcs_grant_runtime"() RETURNS text LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lcs_runtime') THEN
          RETURN 'role lcs_runtime does not exist: nothing granted';
        END IF;
        GRANT USAGE ON SCHEMA public TO lcs_runtime;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lcs_runtime;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lcs_runtime;
        REVOKE ALL ON audit_log, audit_chain_head, schema_migrations FROM lcs_runtime;
        GRANT SELECT ON audit_log, audit_chain_head, schema_migrations TO lcs_runtime;
        GRANT INSERT (chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash)
          ON audit_log TO lcs_runtime;
        GRANT UPDATE (hash) ON audit_chain_head TO lcs_runtime;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lcs_runtime;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lcs_runtime;
        RETURN 'granted to lcs_runtime';
      END
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "lcs_grant_runtime"() FROM PUBLIC`);
    await queryRunner.query(`SELECT "lcs_grant_runtime"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lcs_runtime') THEN
          ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM lcs_runtime;
          ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM lcs_runtime;
          REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM lcs_runtime;
          REVOKE ALL ON ALL TABLES IN SCHEMA public FROM lcs_runtime;
          REVOKE ALL ON SCHEMA public FROM lcs_runtime;
        END IF;
      END
      $$`);
    await queryRunner.query(`DROP FUNCTION "lcs_grant_runtime"()`);
    await queryRunner.query(`ALTER FUNCTION "audit_chain_head_advance"() SECURITY INVOKER RESET search_path`);
    // The role itself stays: it belongs to the server, and other databases may use it.
  }
}
