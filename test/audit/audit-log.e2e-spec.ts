import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuditSecretError, ChainVerification, restartVerification, verifyChain, verifyIncrementally } from '@app/audit';
import { buildDataSourceOptions } from '@app/database';
import { createUser } from '../support/identity';
import { ownerDataSource } from '../support/owner-data-source';
import { TestApp, createTestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** `npm run audit:verify`'s command, against this file's database. */
async function auditVerifyCli(databaseUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/cli.ts', 'audit:verify'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' }, timeout: 60_000 },
    );
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('audit log', () => {
  let t: TestApp;
  /** The owner of the tables: the app itself connects as the runtime role, which may not alter them. */
  let owner: DataSource;
  let audit: AuditLog;
  let seqs: string[];

  const verify = (): Promise<ChainVerification> => verifyChain(t.dataSource);
  /** Tampering as the table owner (or a superuser) could: with the append-only triggers switched off. */
  const tamper = async (sql: string, params: unknown[] = []) => {
    await owner.transaction(async (m) => {
      await m.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await m.query(sql, params);
      await m.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
  };
  const row = async (seq: string) => (await t.dataSource.query('SELECT * FROM audit_log WHERE seq = $1', [seq]))[0];
  const reinsert = (r: Record<string, unknown>) =>
    tamper(
      `INSERT INTO audit_log (seq, chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash)
       OVERRIDING SYSTEM VALUE VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [r.seq, r.chain, r.occurred_at, r.actor_id, r.actor_role, r.action, r.subject_type, r.subject_id, r.changes, r.correlation_id, r.prev_hash, r.hash],
    );

  beforeAll(async () => {
    t = await createTestApp();
    owner = await ownerDataSource(t, 2);
    audit = t.app.get(AuditLog);
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < 1000; i++) {
        await audit.append(m, {
          actor: i % 7 === 0 ? 'system' : { id: '6f1c2d3e-4b5a-4c6d-8e7f-90123456789a', role: 'inspector' },
          action: i % 2 ? 'case.note.added' : 'case.stage.changed',
          subjectType: 'case',
          subjectId: `CASE-${i % 40}`,
          changes: { n: i, stage: { from: 'triaged', to: 'conciliation' }, text: `naïve ☕ entry ${i}` },
          correlationId: `req-${i}`,
        });
      }
    });
    seqs = (await t.dataSource.query(`SELECT seq FROM audit_log WHERE chain = 'main' ORDER BY seq`)).map((r: { seq: string }) => String(r.seq));
  });
  afterAll(async () => {
    await owner?.destroy();
    await t?.close();
  });

  afterEach(async () => {
    // Every test leaves the chain intact for the next one.
    expect((await verify()).valid).toBe(true);
  });

  it('builds an intact 1,000-entry chain whose head is recorded', async () => {
    const v = await verify();
    expect(v).toMatchObject({ chain: 'main', entries: 1000, valid: true, head: { seq: seqs[999] } });
    const cli = await auditVerifyCli(t.db.url);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('audit chain main: 1000 entries, intact');
  });

  it.each([
    ['UPDATE audit_log SET changes = \'{"n": 0}\' WHERE seq = (SELECT max(seq) FROM audit_log)'],
    ['DELETE FROM audit_log WHERE seq = (SELECT min(seq) FROM audit_log)'],
    ['TRUNCATE audit_log'],
    ['DELETE FROM audit_chain_head'],
    ['UPDATE audit_chain_head SET seq = 1'],
  ])("the database refuses: %s (to the app's role: no right to; to the owner: the triggers)", async (sql) => {
    await expect(t.dataSource.query(sql)).rejects.toThrow(/permission denied/);
    await expect(owner.query(sql)).rejects.toThrow(/append-only|only moves forward/);
  });

  describe('tampering is detected and the entry named', () => {
    it.each([0, 499, 999])('a changed entry (position %i)', async (i) => {
      const seq = seqs[i];
      const original = await row(seq);
      await tamper(`UPDATE audit_log SET changes = jsonb_set(changes, '{n}', '12345') WHERE seq = $1`, [seq]);
      expect((await verify()).firstBroken).toMatchObject({ seq, reason: 'hash-mismatch' });
      if (i === 499) {
        const cli = await auditVerifyCli(t.db.url);
        expect(cli.code).toBe(1);
        expect(cli.out).toContain(`BROKEN at entry seq ${seq} (hash-mismatch)`);
      }
      await tamper('UPDATE audit_log SET changes = $2 WHERE seq = $1', [seq, original.changes]);
    });

    it('a changed entry whose hash was recomputed to match (the next entry no longer links to it)', async () => {
      const seq = seqs[500];
      const original = await row(seq);
      await tamper(`UPDATE audit_log SET action = 'case.closed', hash = decode(repeat('a', 64), 'hex') WHERE seq = $1`, [seq]);
      expect((await verify()).firstBroken).toMatchObject({ seq, reason: 'hash-mismatch' });
      await tamper('UPDATE audit_log SET action = $2, hash = $3 WHERE seq = $1', [seq, original.action, original.hash]);
    });

    it.each([
      [0, (seqs) => seqs[1], 'not-genesis'],
      [499, (seqs) => seqs[500], 'prev-hash-mismatch'],
      [999, (seqs) => seqs[999], 'head-mismatch'],
    ] as [number, (s: string[]) => string, string][])('a deleted entry (position %i)', async (i, named, reason) => {
      const original = await row(seqs[i]);
      await tamper('DELETE FROM audit_log WHERE seq = $1', [seqs[i]]);
      const v = await verify();
      expect(v.entries).toBe(999);
      expect(v.firstBroken).toMatchObject({ seq: named(seqs), reason });
      const cli = await auditVerifyCli(t.db.url);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain(`BROKEN at entry seq ${named(seqs)} (${reason})`);
      await reinsert(original);
    });

    it.each([
      [0, 1],
      [300, 700],
      [998, 999],
    ])('two entries swapped (positions %i and %i)', async (i, j) => {
      const a = await row(seqs[i]);
      const b = await row(seqs[j]);
      const cols = ['chain', 'occurred_at', 'actor_id', 'actor_role', 'action', 'subject_type', 'subject_id', 'changes', 'correlation_id', 'prev_hash', 'hash'];
      const set = cols.map((c, k) => `${c} = $${k + 2}`).join(', ');
      await tamper(`UPDATE audit_log SET ${set} WHERE seq = $1`, [seqs[j], ...cols.map((c) => a[c])]);
      await tamper(`UPDATE audit_log SET ${set} WHERE seq = $1`, [seqs[i], ...cols.map((c) => b[c])]);
      const broken = (await verify()).firstBroken;
      expect(broken?.seq).toBe(seqs[i]);
      expect(broken?.reason).toBe(i === 0 ? 'not-genesis' : 'prev-hash-mismatch');
      await tamper(`UPDATE audit_log SET ${set} WHERE seq = $1`, [seqs[j], ...cols.map((c) => b[c])]);
      await tamper(`UPDATE audit_log SET ${set} WHERE seq = $1`, [seqs[i], ...cols.map((c) => a[c])]);
    });
  });

  it('50 concurrent writers, each in its own transaction, leave one valid chain', async () => {
    const before = (await verify()).entries;
    // A pool large enough for all 50 to be in flight at once.
    const ds = new DataSource({ ...buildDataSourceOptions({ ...t.config.database, DATABASE_POOL_SIZE: 60 }) });
    await ds.initialize();
    try {
      const writer = new AuditLog(ds);
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          ds.transaction(async (m: EntityManager) => {
            await m.query('SELECT pg_sleep(0.01)');
            return writer.append(m, { actor: 'system', action: 'test.concurrent', subjectType: 'probe', subjectId: String(i) });
          }),
        ),
      );
    } finally {
      await ds.destroy();
    }
    const v = await verify();
    expect(v.valid).toBe(true);
    expect(v.entries).toBe(before + 50);
    const [{ forks }] = await t.dataSource.query(`SELECT count(*) - count(DISTINCT prev_hash) AS forks FROM audit_log WHERE chain = 'main'`);
    expect(Number(forks)).toBe(0);
  });

  it('an append rolls back with the transaction it belongs to, and the chain stays valid', async () => {
    const before = (await verify()).entries;
    await expect(
      t.dataSource.transaction(async (m) => {
        await audit.append(m, { actor: 'system', action: 'test.rolled-back', subjectType: 'probe' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect((await verify()).entries).toBe(before);
    await t.dataSource.transaction((m) => audit.append(m, { actor: 'system', action: 'test.after-rollback', subjectType: 'probe' }));
    expect((await verify()).entries).toBe(before + 1);
  });

  it('refuses secrets in changes before writing anything', async () => {
    const before = (await verify()).entries;
    await expect(
      t.dataSource.transaction((m) => audit.append(m, { actor: 'system', action: 'user.created', subjectType: 'user', changes: { password: 'hunter22' } })),
    ).rejects.toBeInstanceOf(AuditSecretError);
    expect((await verify()).entries).toBe(before);
  });

  describe('supervisor API', () => {
    it('returns the history of one subject, newest first, paginated', async () => {
      const supervisor = await createUser(t, { roles: ['supervisor'] });
      const first = await t.http.get('/audit/subjects/case/CASE-7').query({ limit: 10 }).set('Authorization', supervisor.bearer).expect(200);
      expect(first.body.items).toHaveLength(10);
      expect(first.body.items.every((e: { subjectId: string }) => e.subjectId === 'CASE-7')).toBe(true);
      const seqsSeen = first.body.items.map((e: { seq: string }) => Number(e.seq));
      expect([...seqsSeen].sort((a, b) => b - a)).toEqual(seqsSeen);
      const second = await t.http
        .get('/audit/subjects/case/CASE-7')
        .query({ limit: 10, before: first.body.nextBefore })
        .set('Authorization', supervisor.bearer)
        .expect(200);
      expect(Number(second.body.items[0].seq)).toBeLessThan(seqsSeen[9]);
      await t.http.get('/audit/subjects/case/CASE-7').query({ limit: 0 }).set('Authorization', supervisor.bearer).expect(400);
      await t.http.get('/audit/subjects/case/CASE-7').query({ before: 'abc' }).set('Authorization', supervisor.bearer).expect(400);
    });

    it("reports the background verification's result per chain, and the broken entry once a run has found it", async () => {
      const supervisor = await createUser(t, { roles: ['supervisor'] });
      const runOnce = () => verifyIncrementally(t.dataSource, { batchSize: 5000, fullPassEveryMs: null, now: () => new Date() });
      await runOnce();
      const ok = await t.http.get('/audit/chains').set('Authorization', supervisor.bearer).expect(200);
      expect(ok.body.valid).toBe(true);
      expect(ok.body.chains.find((c: { chain: string }) => c.chain === 'main')).toMatchObject({ chain: 'main', valid: true, upToDate: true });
      const seq = seqs[10];
      const original = await row(seq);
      await tamper(`UPDATE audit_log SET actor_role = 'admin' WHERE seq = $1`, [seq]);
      // Entry 10 was verified already: an incremental run does not read it again; a new pass does.
      await runOnce();
      expect((await t.http.get('/audit/chains').set('Authorization', supervisor.bearer).expect(200)).body.valid).toBe(true);
      await restartVerification(t.dataSource, new Date(), 'main');
      await runOnce();
      const bad = await t.http.get('/audit/chains').set('Authorization', supervisor.bearer).expect(200);
      expect(bad.body.valid).toBe(false);
      expect(bad.body.chains.find((c: { chain: string }) => c.chain === 'main').firstBroken).toMatchObject({ seq, reason: 'hash-mismatch' });
      await tamper('UPDATE audit_log SET actor_role = $2 WHERE seq = $1', [seq, original.actor_role]);
      await restartVerification(t.dataSource, new Date(), 'main');
    });
  });
});
