import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import {
  AuditCheckpointWriter,
  AuditLog,
  computeEntryHash,
  generateCheckpointKeys,
  loadCheckpointSigningKey,
  signCheckpoint,
  verifyAllChains,
} from '@app/audit';
import { ownerDataSource } from '../support/owner-data-source';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const ROOT = join(__dirname, '..', '..');
// Each test starts the CLI (ts-node): slow on a busy machine.
const CLI_TEST_TIMEOUT_MS = 240_000;
const run = promisify(execFile);

/** `npm run audit:verify`'s command, with the given environment on top of this file's database. */
async function auditVerifyCli(env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/cli.ts', 'audit:verify'],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', ...env }, timeout: 150_000 },
    );
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/**
 * Signed checkpoints (docs/audit.md): the worker signs the chains' heads into a directory outside
 * the database, and audit:verify compares the log with them. Someone with the owner's rights can
 * rewrite an entry and recompute every hash after it and the head, so that the chain alone looks
 * intact; the checkpoint taken before still names the old hash.
 */
describe('audit checkpoints', () => {
  const keys = generateCheckpointKeys();
  const dir = mkdtempSync(join(tmpdir(), 'lcs-checkpoints-'));
  let t: TestApp;
  let worker: TestWorker;
  let owner: DataSource;
  let cliEnv: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker({
      databaseUrl: t.db.url,
      env: {
        ...DEADLINES_DRIVEN_BY_TEST,
        EVENTS_POLL_MS: '0',
        REDIS_PREFIX: t.config.redis.REDIS_PREFIX,
        AUDIT_CHECKPOINT_DIR: dir,
        AUDIT_CHECKPOINT_SIGNING_KEY: keys.signingKey,
      },
    });
    owner = await ownerDataSource(t, 2);
    cliEnv = { DATABASE_URL: t.db.url, AUDIT_CHECKPOINT_DIR: dir, AUDIT_CHECKPOINT_PUBLIC_KEY: keys.publicKey };
  });
  afterAll(async () => {
    await owner?.destroy();
    await worker?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const appendSome = async (n: number, label: string) => {
    const audit = t.app.get(AuditLog);
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < n; i++)
        await audit.append(m, { actor: 'system', action: 'test.recorded', subjectType: 'probe', subjectId: `${label}-${i}`, changes: { i } });
    });
  };
  const writer = () => worker.app.get(AuditCheckpointWriter, { strict: false });
  const files = () => readdirSync(dir).filter((f) => f.startsWith('audit-checkpoints-'));

  it(
    'the worker signs the head of each chain that moved, into the directory, and audit:verify accepts them',
    async () => {
      await appendSome(20, 'a');
      expect(await writer().writeNow()).toBe(1);
      expect(await writer().writeNow()).toBe(0); // nothing moved since
      expect(files()).toHaveLength(1);
      const [line] = readFileSync(join(dir, files()[0]), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>);
      const [head] = await t.dataSource.query(`SELECT seq::text AS seq, encode(hash, 'hex') AS hash FROM audit_chain_head WHERE chain = 'main'`);
      expect(line).toMatchObject({ v: 1, chain: 'main', seq: head.seq, hash: head.hash });
      expect(line.sig).toMatch(/^[A-Za-z0-9_-]{86}$/);

      await appendSome(5, 'b'); // entries after the checkpoint are fine
      const cli = await auditVerifyCli(cliEnv);
      expect(cli.out).toContain('audit chain main: 25 entries, intact');
      expect(cli.out).toContain(`audit checkpoints main: 1 signed checkpoint match; latest seq ${head.seq}`);
      expect(cli.code).toBe(0);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "detects an entry rewritten with the owner's rights, every later hash and the head recomputed",
    async () => {
      const rows = (await owner.query(`SELECT * FROM audit_log WHERE chain = 'main' ORDER BY seq`)) as Record<string, unknown>[];
      const target = rows[3];
      // The rewrite: triggers off (only an owner can), the entry changed, the chain and head recomputed.
      await owner.transaction(async (m) => {
        await m.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
        await m.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
        let prev = (rows[2].hash as Buffer).toString('hex');
        for (const r of rows.slice(3)) {
          const changes = r === target ? { i: 999, rewritten: true } : (r.changes as Record<string, unknown>);
          const hash = computeEntryHash(prev, {
            chain: String(r.chain),
            occurredAt: (r.occurred_at as Date).toISOString(),
            actorId: r.actor_id as string | null,
            actorRole: r.actor_role as string | null,
            action: String(r.action),
            subjectType: String(r.subject_type),
            subjectId: r.subject_id as string | null,
            changes,
            correlationId: r.correlation_id as string | null,
          });
          await m.query(`UPDATE audit_log SET changes = $2, prev_hash = decode($3, 'hex'), hash = decode($4, 'hex') WHERE seq = $1`, [
            r.seq,
            changes,
            prev,
            hash,
          ]);
          prev = hash;
        }
        await m.query(`UPDATE audit_chain_head SET hash = decode($1, 'hex') WHERE chain = 'main'`, [prev]);
        await m.query('ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
        await m.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      });

      // The chain alone cannot tell.
      const chains = await verifyAllChains(t.dataSource);
      expect(chains.find((c) => c.chain === 'main')).toMatchObject({ valid: true, entries: 25 });

      // The checkpoint can.
      const checkpoint = JSON.parse(readFileSync(join(dir, files()[0]), 'utf8').trim().split('\n')[0]) as { seq: string; hash: string };
      const cli = await auditVerifyCli(cliEnv);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain('audit chain main: 25 entries, intact');
      expect(cli.out).toContain(`audit checkpoints main: BROKEN at entry seq ${checkpoint.seq} (checkpoint-mismatch)`);
      expect(cli.out).toContain(`says hash ${checkpoint.hash}`);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "refuses a checkpoint line it cannot trust (not signed with the worker's key), naming file and line",
    async () => {
      const forger = loadCheckpointSigningKey(generateCheckpointKeys().signingKey);
      const [head] = await t.dataSource.query(`SELECT seq::text AS seq, encode(hash, 'hex') AS hash FROM audit_chain_head WHERE chain = 'main'`);
      const file = files()[0];
      appendFileSync(join(dir, file), `${signCheckpoint({ v: 1, chain: 'main', seq: head.seq, hash: head.hash, at: new Date().toISOString() }, forger)}\n`);
      const cli = await auditVerifyCli(cliEnv);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain(`audit checkpoints: ${file} line 2 is refused (bad-signature)`);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'needs the public key to check a checkpoint directory',
    async () => {
      const cli = await auditVerifyCli({ DATABASE_URL: t.db.url, AUDIT_CHECKPOINT_DIR: dir });
      expect(cli.code).toBe(1);
      expect(cli.out).toContain('AUDIT_CHECKPOINT_PUBLIC_KEY: must be set');
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
