import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditLog, AuditVerificationJob, IncrementalRun, restartVerification, verifyIncrementally } from '@app/audit';
import { createUser } from '../support/identity';
import { ownerDataSource } from '../support/owner-data-source';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

/**
 * The background verification (docs/audit.md, "Verifying"): each chain verified from its last
 * verified point forward, in short batches, the result kept per chain and answered by
 * GET /audit/chains.
 */
describe('audit verification from the last verified point', () => {
  let t: TestApp;
  let owner: DataSource;
  let audit: AuditLog;
  let bearer: string;

  const BATCH = 100;
  const run = (options: { stopping?: () => boolean } = {}): Promise<IncrementalRun> =>
    verifyIncrementally(t.dataSource, { batchSize: BATCH, fullPassEveryMs: null, now: () => new Date(), ...options });
  const append = async (n: number, chain = 'main'): Promise<string[]> => {
    const seqs: string[] = [];
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < n; i++) {
        const e = await audit.append(m, { actor: 'system', action: 'test.verified', subjectType: 'probe', subjectId: `P-${i}`, changes: { i }, chain });
        seqs.push(e.seq);
      }
    });
    return seqs;
  };
  /** As the table owner could: with the append-only triggers switched off. */
  const tamper = (sql: string, params: unknown[] = []) =>
    owner.transaction(async (m) => {
      await m.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await m.query(sql, params);
      await m.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
  const point = async (chain = 'main') =>
    (
      await t.dataSource.query(
        `SELECT seq::text AS seq, entries::text AS entries, valid, broken_seq::text AS broken_seq, broken_reason FROM audit_verified_point WHERE chain = $1`,
        [chain],
      )
    )[0];
  const chains = async () => (await t.http.get('/audit/chains').set('Authorization', bearer).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await ownerDataSource(t, 2);
    audit = t.app.get(AuditLog);
    bearer = (await createUser(t, { roles: ['supervisor'] })).bearer;
  });
  afterAll(async () => {
    await owner?.destroy();
    await t?.close();
  });

  it('verifies every chain to its head in batches, and the route answers the result per chain', async () => {
    await restartVerification(t.dataSource, new Date());
    const before = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n);
    const main = await append(250);
    const intake = await append(30, 'complaints-intake-3');
    const first = await run();
    expect(first.broken).toEqual([]);
    expect(first.read).toBe(before + 280);
    expect(await point()).toMatchObject({ seq: main[249], valid: true });
    expect(await point('complaints-intake-3')).toMatchObject({ seq: intake[29], entries: '30', valid: true });

    const body = await chains();
    expect(body).toMatchObject({ valid: true, upToDate: true });
    const mainStatus = body.chains.find((c: { chain: string }) => c.chain === 'main');
    expect(mainStatus).toMatchObject({ chain: 'main', valid: true, upToDate: true, verifiedUpTo: { seq: main[249] }, head: { seq: main[249] } });
    expect(mainStatus.verifiedUpTo.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(mainStatus.verifiedUpTo.hash).toBe(mainStatus.head.hash);
    expect(new Date(mainStatus.checkedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(mainStatus.firstBroken).toBeUndefined();
  });

  it('a later run reads only the entries written since, and the point advances', async () => {
    await run();
    expect((await run()).read).toBe(0);
    const seqs = await append(10);
    const body = await chains();
    expect(body.upToDate).toBe(false);
    const again = await run();
    expect(again.read).toBe(10);
    expect(await point()).toMatchObject({ seq: seqs[9], valid: true });
    expect((await chains()).upToDate).toBe(true);
  });

  it('a run that is told to stop ends between two batches, and the next resumes where it ended', async () => {
    await run();
    // A chain whose name sorts first: `stopping` is asked before the chain, then before each batch.
    const seqs = await append(2 * BATCH + 5, 'a-first');
    let asked = 0;
    const stopped = await run({ stopping: () => asked++ >= 2 });
    expect(stopped.read).toBe(BATCH);
    expect(stopped.chains).toBe(1);
    expect((await point('a-first')).seq).toBe(seqs[BATCH - 1]);
    expect((await run()).read).toBe(BATCH + 5);
    expect((await point('a-first')).seq).toBe(seqs[2 * BATCH + 4]);
  });

  it('an entry changed after the verified point is found by the next run, named, and the break stays until restarted', async () => {
    await run();
    const seqs = await append(5);
    await tamper(`UPDATE audit_log SET changes = '{"i": 99}' WHERE seq = $1`, [seqs[2]]);
    const found = await run();
    expect(found.broken).toEqual(['main']);
    expect(await point()).toMatchObject({ seq: seqs[1], valid: false, broken_seq: seqs[2], broken_reason: 'hash-mismatch' });
    const body = await chains();
    expect(body.valid).toBe(false);
    const main = body.chains.find((c: { chain: string }) => c.chain === 'main');
    expect(main).toMatchObject({ valid: false, firstBroken: { seq: seqs[2], reason: 'hash-mismatch' }, verifiedUpTo: { seq: seqs[1] } });
    expect(main.brokenAt).toEqual(expect.any(String));
    // Repaired: the break stays recorded until a new pass is started, which finds the chain intact.
    await tamper(`UPDATE audit_log SET changes = '{"i": 2}' WHERE seq = $1`, [seqs[2]]);
    expect((await run()).read).toBe(0);
    expect((await point()).valid).toBe(false);
    await restartVerification(t.dataSource, new Date(), 'main');
    expect((await run()).broken).toEqual([]);
    expect(await point()).toMatchObject({ seq: seqs[4], valid: true });
  });

  it('the verified entry itself is checked again on every run: changed contents, a replaced hash', async () => {
    await run();
    const { seq } = await point();
    const [original] = await t.dataSource.query(`SELECT changes, hash FROM audit_log WHERE seq = $1`, [seq]);
    await tamper(`UPDATE audit_log SET changes = '{"i": 12345}' WHERE seq = $1`, [seq]);
    await run();
    expect(await point()).toMatchObject({ valid: false, broken_seq: seq, broken_reason: 'hash-mismatch' });
    await tamper(`UPDATE audit_log SET changes = $2 WHERE seq = $1`, [seq, original.changes]);
    await restartVerification(t.dataSource, new Date(), 'main');
    await run();

    await tamper(`UPDATE audit_log SET hash = decode(repeat('b', 64), 'hex') WHERE seq = $1`, [seq]);
    await run();
    expect(await point()).toMatchObject({ valid: false, broken_seq: seq, broken_reason: 'verified-point-changed' });
    await tamper(`UPDATE audit_log SET hash = $2 WHERE seq = $1`, [seq, original.hash]);
    await restartVerification(t.dataSource, new Date(), 'main');
    expect((await run()).broken).toEqual([]);
  });

  it('newest entries removed after the verified point are a head-mismatch', async () => {
    await run();
    const seqs = await append(3);
    const [last] = await t.dataSource.query(`SELECT * FROM audit_log WHERE seq = $1`, [seqs[2]]);
    await tamper(`DELETE FROM audit_log WHERE seq = $1`, [seqs[2]]);
    await run();
    expect(await point()).toMatchObject({ seq: seqs[1], valid: false, broken_seq: seqs[2], broken_reason: 'head-mismatch' });
    await tamper(
      `INSERT INTO audit_log (seq, chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash)
       OVERRIDING SYSTEM VALUE VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [
        last.seq,
        last.chain,
        last.occurred_at,
        last.actor_id,
        last.actor_role,
        last.action,
        last.subject_type,
        last.subject_id,
        last.changes,
        last.correlation_id,
        last.prev_hash,
        last.hash,
      ],
    );
    await restartVerification(t.dataSource, new Date(), 'main');
    expect((await run()).broken).toEqual([]);
  });

  it('an entry before the verified point is not read again by an incremental run, but a new pass finds it (docs/audit.md)', async () => {
    await run();
    const [{ seq: early }] = await t.dataSource.query(`SELECT seq::text AS seq FROM audit_log WHERE chain = 'main' ORDER BY seq LIMIT 1 OFFSET 3`);
    const [original] = await t.dataSource.query(`SELECT action FROM audit_log WHERE seq = $1`, [early]);
    await tamper(`UPDATE audit_log SET action = 'rewritten' WHERE seq = $1`, [early]);
    expect((await run()).broken).toEqual([]);
    const pass = await verifyIncrementally(t.dataSource, { batchSize: BATCH, fullPassEveryMs: 0, now: () => new Date() });
    expect(pass.restarted).toContain('main');
    expect(await point()).toMatchObject({ valid: false, broken_seq: early, broken_reason: 'hash-mismatch' });
    await tamper(`UPDATE audit_log SET action = $2 WHERE seq = $1`, [early, original.action]);
    await restartVerification(t.dataSource, new Date());
    expect((await run()).broken).toEqual([]);
  });

  it('`audit:verify --restart=<chain>` verifies everything in full, then the next run starts that chain from its first entry', async () => {
    await run();
    const entries = Number((await point()).entries);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/cli.ts', 'audit:verify', '--restart=main'],
      { cwd: join(__dirname, '..', '..'), env: { ...process.env, DATABASE_URL: t.db.url, NODE_ENV: 'test' }, timeout: 150_000 },
    );
    expect(stdout).toContain('audit chain main:');
    expect(stdout).toContain('audit verification: a new pass from the first entry of 1 chain(s)');
    expect(await point()).toMatchObject({ seq: null, entries: '0', valid: true });
    expect((await point('complaints-intake-3')).seq).not.toBeNull();
    const again = await run();
    expect(again.read).toBe(entries);
    expect(Number((await point()).entries)).toBe(entries);
  }, 240_000);

  it('the worker runs the verification as a periodic job', async () => {
    const seqs = await append(7);
    const worker: TestWorker = await createTestWorker({
      databaseUrl: t.db.url,
      env: { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0', REDIS_PREFIX: t.config.redis.REDIS_PREFIX, AUDIT_VERIFY_BATCH_SIZE: '100' },
    });
    try {
      const job = worker.app.get(AuditVerificationJob, { strict: false });
      await job.runNow();
      expect(await point()).toMatchObject({ seq: seqs[6], valid: true });
      expect((await job.runNow()).read).toBe(0);
    } finally {
      await worker.close();
    }
  });
});
