import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
// Relative: Jest's module mapper does not apply to global setup.
import { buildDataSourceOptions } from '../../libs/database/src/data-source.options';
import { RUNTIME_PASSWORD_ENV, RUNTIME_ROLE_ENV, TEMPLATE_DB_ENV, TEST_DATABASE_URL, databaseUrl } from './env';
import { createRuntimeLoginRole } from './runtime-role';

/**
 * Migrates one template database per run; each test file then copies it (CREATE DATABASE ...
 * TEMPLATE), which takes milliseconds and gives every file a clean, fully migrated database.
 * The migrations run as TEST_DATABASE_URL's role, which owns the tables; the copies keep the
 * grants to lcs_runtime, and the apps under test connect as a login role of this run's own in it.
 */
export default async function globalSetup(): Promise<void> {
  const name = `lcs_e2e_template_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  // Migrations only: no entities, whose files import other libs through path aliases that
  // Jest does not map for its global setup.
  const ds = new DataSource({
    ...buildDataSourceOptions({ DATABASE_URL: databaseUrl(name), DATABASE_POOL_SIZE: 2, DATABASE_LOG_SQL: 'false' }),
    entities: [],
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  process.env[TEMPLATE_DB_ENV] = name;
  const runtime = await createRuntimeLoginRole(TEST_DATABASE_URL);
  process.env[RUNTIME_ROLE_ENV] = runtime.role;
  process.env[RUNTIME_PASSWORD_ENV] = runtime.password;
}
