/**
 * `cli.js seed`, the command `npm start` runs for the demo data, as a process of its own against
 * this file's database as the runtime role: it boots its own small Nest context (no HTTP, no
 * worker), so a provider a seeded lib comes to need (e.g. FieldEncryption for the outbox) must be
 * in that context too. Twice: the second run changes nothing.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestApp, createTestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

async function seedCli(databaseUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/cli.ts', 'seed'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' }, timeout: 120_000 },
    );
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('the demo seed command (cli.js seed)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const counts = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM app_user WHERE email LIKE '%@demo.lcs') AS users, (SELECT count(*)::int FROM agency) AS agencies, (SELECT count(*)::int FROM notification_outbox) AS mails`,
      )
    )[0] as { users: number; agencies: number; mails: number };

  it('seeds the demo users and agencies as the runtime role, and a second run changes nothing', async () => {
    const first = await seedCli(t.db.url);
    expect([first.code, first.out.slice(-2000)]).toEqual([0, expect.any(String)]);
    const after = await counts();
    expect(after.users).toBeGreaterThanOrEqual(5);
    expect(after.agencies).toBeGreaterThanOrEqual(1);
    // Issue 20: a standard contract for each seeded corridor, and one placement whose terms fall below it.
    const corridors = (await t.dataSource.query(
      `SELECT DISTINCT destination_country || '/' || occupation_category || '/' || origin_country AS k FROM fee_rule ORDER BY 1`,
    )) as { k: string }[];
    const models = (await t.dataSource.query(
      `SELECT destination_country || '/' || occupation_category || '/' || origin_country AS k FROM model_contract WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date) ORDER BY 1`,
    )) as { k: string }[];
    expect(corridors.length).toBeGreaterThan(0);
    expect(models.map((r) => r.k)).toEqual(corridors.map((r) => r.k));
    const checks = (await t.dataSource.query(`SELECT outcome, findings FROM placement_contract`)) as { outcome: string; findings: { term: string }[] }[];
    expect(checks.filter((c) => c.outcome === 'below-model')).toEqual([
      { outcome: 'below-model', findings: expect.arrayContaining([expect.objectContaining({ term: 'monthly-salary' })]) },
    ]);
    expect(checks.filter((c) => c.outcome === 'meets-model').length).toBeGreaterThan(0);
    const again = await seedCli(t.db.url);
    expect([again.code, again.out.slice(-2000)]).toEqual([0, expect.any(String)]);
    expect(await counts()).toEqual(after);
  }, 300_000);
});
