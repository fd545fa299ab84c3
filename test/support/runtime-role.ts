import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A login role of this run's own, member of lcs_runtime (created by the migrations), so that the
 * apps under test have exactly the rights production gives them (docs/audit.md, "Database roles").
 * One per run: runs on one server do not share a password. It can log in for a day at most,
 * should a run die before its teardown drops it.
 */
export async function createRuntimeLoginRole(adminUrl: string): Promise<{ role: string; password: string }> {
  const role = `lcs_e2e_${process.pid}_${Date.now()}`;
  const password = randomBytes(18).toString('base64url');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const until = new Date(Date.now() + 86_400_000).toISOString();
    await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}' VALID UNTIL '${until}' IN ROLE lcs_runtime`);
  } finally {
    await admin.end();
  }
  return { role, password };
}

export async function dropRuntimeLoginRole(adminUrl: string, role: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP ROLE IF EXISTS "${role.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}
