import { DataSource, DataSourceOptions } from 'typeorm';

type UrlOptions = DataSourceOptions & { url: string };

/** Runs `fn` on a scratch database migrated from zero, then drops the database. */
async function onMigratedScratch<T>(options: UrlOptions, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const scratch = `lcs_drift_${process.pid}_${Date.now()}`;
  const admin = await connectToServer(options.url);
  try {
    await admin.query(`CREATE DATABASE "${scratch}"`);
    const url = new URL(options.url);
    url.pathname = `/${scratch}`;
    const ds = new DataSource({ ...options, url: url.toString(), logging: ['error'] } as DataSourceOptions);
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      return await fn(ds);
    } finally {
      await ds.destroy();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
    await admin.destroy();
  }
}

/**
 * A connection to the server for CREATE/DROP DATABASE. The configured database need not exist
 * yet (a fresh CI machine), so try the server's maintenance database first.
 */
async function connectToServer(configuredUrl: string): Promise<DataSource> {
  const maintenance = new URL(configuredUrl);
  maintenance.pathname = '/postgres';
  for (const url of [maintenance.toString(), configuredUrl]) {
    const ds = new DataSource({ type: 'postgres', url });
    try {
      return await ds.initialize();
    } catch (e) {
      if (url === configuredUrl) throw e;
    }
  }
  throw new Error('unreachable');
}

/** The SQL that would bring the migrated schema to the entities, with its inverse. */
export async function findSchemaDriftWithDown(options: UrlOptions): Promise<{ up: string[]; down: string[] }> {
  return onMigratedScratch(options, async (ds) => {
    const sql = await ds.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query) };
  });
}

/** Empty when the entities and the migrations agree. */
export async function findSchemaDrift(options: UrlOptions): Promise<string[]> {
  return (await findSchemaDriftWithDown(options)).up;
}
