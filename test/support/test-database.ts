import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEMPLATE_DB_ENV, TEST_DATABASE_URL, databaseUrl, runtimeDatabaseUrl } from './env';

export interface TestDatabase {
  name: string;
  /** As the runtime role (a member of lcs_runtime that owns nothing): what the apps connect with. */
  url: string;
  /** As the owner of the tables (the role that migrated them): for what the runtime role may not do. */
  ownerUrl: string;
  /** Runs one statement as the owner. */
  asOwner<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function connected<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const admin = <T>(fn: (c: Client) => Promise<T>): Promise<T> => connected(TEST_DATABASE_URL, fn);

/** A fresh, migrated database of this test file's own, copied from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_DB_ENV];
  if (!template) throw new Error('the e2e global setup did not run (no template database)');
  const name = `lcs_e2e_${randomBytes(6).toString('hex')}`;
  await admin(async (c) => {
    await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    // A copy does not take its template's settings. A test database need not survive a crash of
    // Postgres: commits return without waiting for the WAL to reach the disk (~5 ms each on CI's machine).
    await c.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  });
  const ownerUrl = databaseUrl(name);
  return {
    name,
    url: runtimeDatabaseUrl(name),
    ownerUrl,
    asOwner: <T>(sql: string, params: unknown[] = []) => connected(ownerUrl, async (c) => (await c.query(sql, params)).rows as T[]),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
