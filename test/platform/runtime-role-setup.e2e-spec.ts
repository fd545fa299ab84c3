/**
 * `npm start` runs the apps as a login role in lcs_runtime (scripts/lib/services.mjs,
 * ensureRuntimeRole), made through the superuser connection it found or started. Plain node runs
 * the ES module, as npm start does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '../support/env';

const ROOT = join(__dirname, '..', '..');
const services = JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'lib', 'services.mjs')).href);

function ensureRole(dataDir: string, role: string): Promise<string | null> {
  const code = `import { ensureRuntimeRole, adminUrlFor } from ${services};
    const url = process.env.URL;
    console.log(JSON.stringify(await ensureRuntimeRole(adminUrlFor(url), url, { dataDir: process.env.DIR, role: process.env.ROLE })));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', URL: TEST_DATABASE_URL, DIR: dataDir, ROLE: role },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (c) => (c === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as string | null) : reject(new Error(`exit ${c}: ${out}`))));
  });
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

describe('npm start: the login role the apps run as', () => {
  const role = `lcs_app_probe_${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'lcs-role-'));
  afterAll(async () => {
    await query(TEST_DATABASE_URL, `DROP ROLE IF EXISTS ${role}`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes a login role in lcs_runtime, with a password kept closed in the data directory, and finds it again', async () => {
    const url = await ensureRole(dataDir, role);
    expect(url).not.toBeNull();
    const parsed = new URL(url!);
    expect(parsed.username).toBe(role);
    expect(parsed.password.length).toBeGreaterThanOrEqual(20);
    expect(statSync(join(dataDir, 'runtime-db-password')).mode & 0o777).toBe(0o600);
    const [me] = await query<{ user: string; member: boolean; superuser: boolean }>(
      url!,
      `SELECT current_user AS user, pg_has_role(current_user, 'lcs_runtime', 'MEMBER') AS member, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
    );
    expect(me).toEqual({ user: role, member: true, superuser: false });
    // A second start: the same role and password, nothing to change.
    expect(await ensureRole(dataDir, role)).toBe(url);
  });
});
