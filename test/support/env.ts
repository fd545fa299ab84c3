/** Where the e2e tests find Postgres and Redis: the environment, or this machine's defaults. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const TEMPLATE_DB_ENV = 'LCS_TEST_TEMPLATE_DB';
/** The run's runtime login role (a member of lcs_runtime, owning nothing) and its password, set by the global setup. */
export const RUNTIME_ROLE_ENV = 'LCS_TEST_RUNTIME_ROLE';
export const RUNTIME_PASSWORD_ENV = 'LCS_TEST_RUNTIME_PASSWORD';

/** The database `name` as TEST_DATABASE_URL's role: the owner of every table (it ran the migrations). */
export function databaseUrl(name: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The database `name` as the run's runtime role: what the apps under test connect as. */
export function runtimeDatabaseUrl(name: string, base = TEST_DATABASE_URL): string {
  const role = process.env[RUNTIME_ROLE_ENV];
  const password = process.env[RUNTIME_PASSWORD_ENV];
  if (!role || !password) throw new Error('the e2e global setup did not run (no runtime role)');
  const url = new URL(databaseUrl(name, base));
  url.username = role;
  url.password = password;
  return url.toString();
}
