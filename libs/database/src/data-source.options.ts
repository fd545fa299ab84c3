import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import type { DatabaseEnv } from '@app/common';

/**
 * The one place that says how to reach and map the database. Nest (TypeOrmModule), the
 * migration CLI (data-source.ts), the seed and the tests all build their options here.
 *
 * Entities are found by file name (`*.entity.ts` in any lib), so a domain lib never has to be
 * imported by this one; migrations live in the top-level `migrations/` folder.
 * The paths are relative to this file and hold both in the sources and in `dist/apps/<app>/`.
 */
export const ENTITY_GLOB = join(__dirname, '..', '..', '**', '*.entity.{ts,js}');
export const MIGRATION_GLOB = join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

export function buildDataSourceOptions(
  db: Pick<DatabaseEnv, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_LOG_SQL'>,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.DATABASE_URL,
    entities: [ENTITY_GLOB],
    migrations: [MIGRATION_GLOB],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into Postgres 13+; uuid-ossp would need an extension.
    uuidExtension: 'pgcrypto',
    // Never: the schema changes only through reviewed migrations.
    synchronize: false,
    migrationsRun: false,
    logging: db.DATABASE_LOG_SQL === 'true' ? ['query', 'error'] : ['error'],
    applicationName: 'labour-case-system',
    extra: {
      max: db.DATABASE_POOL_SIZE,
      // Fail fast when the server is unreachable so health checks answer promptly.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      // No JIT compilation for the apps' sessions: their queries are short or period-bounded, and
      // Postgres compiled the SLA report's expressions (55k deadlines in a month at a million
      // cases) for 0.77 s to run them for 0.1 s (docs/benchmarks.md, "scale"). A startup option,
      // so every pooled connection has it from its first query.
      options: '-c jit=off',
    },
    ...overrides,
  } as DataSourceOptions;
}

/**
 * The options for migrating: DATABASE_MIGRATION_URL (the owner role) when set, else DATABASE_URL.
 * Only the migration commands use it; the API and the worker connect with DATABASE_URL.
 */
export function buildMigrationDataSourceOptions(
  db: Pick<DatabaseEnv, 'DATABASE_URL' | 'DATABASE_MIGRATION_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_LOG_SQL'>,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return buildDataSourceOptions({ ...db, DATABASE_URL: db.DATABASE_MIGRATION_URL ?? db.DATABASE_URL }, overrides);
}
