import { Client } from 'pg';

/**
 * The scratch databases of the benchmarks that run the app's own code (`deadlines`, `audit-verify`,
 * `mail-relay`): each creates a database of its own on the server of `DATABASE_URL`, and drops it
 * at the end.
 */
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `db` on the same server. */
export function urlFor(db: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Runs one statement (CREATE / DROP DATABASE) on the server's `postgres` database. */
export async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: urlFor('postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
