import { Client } from 'pg';
import { RUNTIME_ROLE_ENV, TEMPLATE_DB_ENV, TEST_DATABASE_URL } from './env';
import { dropRuntimeLoginRole } from './runtime-role';

export default async function globalTeardown(): Promise<void> {
  const name = process.env[TEMPLATE_DB_ENV];
  if (name) {
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  const role = process.env[RUNTIME_ROLE_ENV];
  if (role) await dropRuntimeLoginRole(TEST_DATABASE_URL, role);
}
