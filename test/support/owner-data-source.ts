import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@app/database';
import type { TestApp } from './test-app';

/**
 * A TypeORM data source connected, initialised, as the test database's owner (the app under test
 * connects as the runtime role): for what only the owner may do, such as running or undoing a
 * migration, or rewriting the audit log to show that verification finds it. With the entities and
 * migrations of the app when `withEntities` (migrations need them), none otherwise. Destroy it
 * in afterAll.
 */
export async function ownerDataSource(t: TestApp, poolSize: number, { withEntities = false }: { withEntities?: boolean } = {}): Promise<DataSource> {
  const options = buildDataSourceOptions({ ...t.config.database, DATABASE_URL: t.db.ownerUrl, DATABASE_POOL_SIZE: poolSize });
  const owner = new DataSource(withEntities ? options : { ...options, entities: [] });
  return owner.initialize();
}

/**
 * Undoes migrations, newest first, down to and including `name` (those that came after it too, so
 * that a test of one migration keeps working as others land); `runMigrations` puts them back.
 */
export async function undoMigrationsThrough(owner: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = (await owner.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`)) as { name: string }[];
    if (!last) throw new Error(`migration ${name} is not applied`);
    await owner.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}
