import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigService } from '@app/common';

export interface RuntimeRoleStanding {
  role: string;
  superuser: boolean;
  /** Tables of the current schema this role owns, or may act as the owner of (a member of the owner role). */
  ownedTables: number;
}

/** What the connected role may do beyond its grants: be a superuser, or own tables (and so alter them and disable their triggers). */
export async function runtimeRoleStanding(dataSource: DataSource): Promise<RuntimeRoleStanding> {
  const [row] = (await dataSource.query(`
    SELECT current_user AS role,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER'))::int AS owned`)) as {
    role: string;
    superuser: boolean;
    owned: number;
  }[];
  return { role: row.role, superuser: row.superuser, ownedTables: row.owned };
}

/**
 * In production, warns at start-up when the process connects as a superuser or as the owner of
 * tables: with such credentials one can disable audit_log's triggers and rewrite it. Run the
 * processes as a member of `lcs_runtime` and migrate with DATABASE_MIGRATION_URL (docs/audit.md).
 * A warning, not a refusal, so that single-role set-ups keep running.
 */
@Injectable()
export class RuntimeRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('app').NODE_ENV !== 'production') return;
    try {
      const s = await runtimeRoleStanding(this.dataSource);
      if (!s.superuser && !s.ownedTables) return;
      this.logger.warn(
        `DATABASE_URL connects as ${s.superuser ? 'a superuser' : `the owner of ${s.ownedTables} tables`} (${s.role}): ` +
          'with these credentials the audit log can be altered. Connect as a member of lcs_runtime and migrate with DATABASE_MIGRATION_URL (docs/audit.md).',
      );
    } catch (e) {
      this.logger.warn(`could not check the database role: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
