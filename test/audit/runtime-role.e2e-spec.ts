import { Logger } from '@nestjs/common';
import { AuditLog, verifyChain } from '@app/audit';
import { ConfigService } from '@app/common';
import { RuntimeRoleCheck, runtimeRoleStanding } from '@app/database';
import { partitionOf } from '../support/audit-dated';
import { createUser } from '../support/identity';
import { ownerDataSource } from '../support/owner-data-source';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * The app connects as a role that owns nothing (a member of lcs_runtime, migration
 * CreateRuntimeRole): whoever holds its credentials can append to the audit log but neither
 * change it nor switch off what protects it. Every other e2e file runs its app as such a role too.
 */
/** This month's partition of audit_log (migration AuditLogPartitionedByMonth). */
const PARTITION = partitionOf(new Date());

describe('the runtime database role', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('is what the app connects as: no superuser, owner of no table, a member of lcs_runtime', async () => {
    const standing = await runtimeRoleStanding(t.dataSource);
    expect(standing).toMatchObject({ superuser: false, ownedTables: 0 });
    const [{ member }] = await t.dataSource.query(`SELECT pg_has_role(current_user, 'lcs_runtime', 'MEMBER') AS member`);
    expect(member).toBe(true);
    // …while the tables do have an owner: the role that migrated them.
    const [{ owner }] = await t.db.asOwner<{ owner: string }>(`SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'audit_log'`);
    expect(owner).not.toBe(standing.role);
  });

  it('starts every session without JIT compilation (it cost the SLA report 0.77 s at a million cases: docs/benchmarks.md)', async () => {
    const [{ jit }] = await t.dataSource.query(`SHOW jit`);
    expect(jit).toBe('off');
  });

  it.each([
    ['ALTER TABLE audit_log DISABLE TRIGGER ALL', /must be owner of table audit_log/],
    ['ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only', /must be owner of table audit_log/],
    ['ALTER TABLE audit_chain_head DISABLE TRIGGER USER', /must be owner of table audit_chain_head/],
    ['ALTER TABLE audit_log ADD COLUMN note text', /must be owner of table audit_log/],
    ['ALTER TABLE audit_log OWNER TO CURRENT_USER', /must be owner of table audit_log/],
    ['DROP TRIGGER trg_audit_log_append_only ON audit_log', /must be owner of (table|relation) audit_log/],
    ['DROP TABLE audit_log', /must be owner of table audit_log/],
    [
      `CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      /permission denied for schema public|must be owner of function/,
    ],
    ["UPDATE audit_log SET action = 'rewritten'", /permission denied for table audit_log/],
    ['DELETE FROM audit_log', /permission denied for table audit_log/],
    ['TRUNCATE audit_log', /permission denied for table audit_log/],
    [
      `INSERT INTO audit_log (seq, chain, occurred_at, action, subject_type, prev_hash, hash) OVERRIDING SYSTEM VALUE
       VALUES (1, 'main', now(), 'forged', 'probe', decode(repeat('0', 64), 'hex'), decode(repeat('1', 64), 'hex'))`,
      /permission denied for table audit_log/,
    ],
    ['UPDATE audit_chain_head SET seq = seq + 1', /permission denied for table audit_chain_head/],
    ["INSERT INTO audit_chain_head (chain, seq, hash) VALUES ('forged', 1, decode(repeat('1', 64), 'hex'))", /permission denied for table audit_chain_head/],
    ['DELETE FROM audit_chain_head', /permission denied for table audit_chain_head/],
    ['SET session_replication_role = replica', /permission denied to set parameter/],
    ['CREATE TABLE audit_log_copy (seq bigint)', /permission denied for schema public/],
    ['ALTER TABLE app_user DISABLE TRIGGER ALL', /must be owner of table app_user/],
    ['SELECT lcs_grant_runtime()', /permission denied for function lcs_grant_runtime/],
    // audit_log's partitions, each addressed directly: readable, nothing else.
    [`UPDATE ${PARTITION} SET action = 'rewritten'`, new RegExp(`permission denied for table ${PARTITION}`)],
    [`DELETE FROM ${PARTITION}`, new RegExp(`permission denied for table ${PARTITION}`)],
    [`TRUNCATE ${PARTITION}`, new RegExp(`permission denied for table ${PARTITION}`)],
    [
      `INSERT INTO ${PARTITION} (seq, chain, occurred_at, action, subject_type, prev_hash, hash)
       VALUES (1, 'main', now(), 'forged', 'probe', decode(repeat('0', 64), 'hex'), decode(repeat('1', 64), 'hex'))`,
      new RegExp(`permission denied for table ${PARTITION}`),
    ],
    ["UPDATE audit_log_default SET action = 'rewritten'", /permission denied for table audit_log_default/],
    ['DELETE FROM audit_log_default', /permission denied for table audit_log_default/],
    ['TRUNCATE audit_log_default', /permission denied for table audit_log_default/],
    [`ALTER TABLE ${PARTITION} DISABLE TRIGGER ALL`, new RegExp(`must be owner of table ${PARTITION}`)],
    [`ALTER TABLE audit_log DETACH PARTITION ${PARTITION}`, /must be owner of table audit_log/],
    [`DROP TABLE ${PARTITION}`, new RegExp(`must be owner of table ${PARTITION}`)],
    ["SELECT audit_log_add_partition('2031-01-01')", /permission denied for function audit_log_add_partition/],
  ])('refuses: %s', async (sql, error) => {
    await expect(t.dataSource.query(sql)).rejects.toThrow(error);
  });

  it("lets it lock the chain's head, and the head's trigger refuses the one update that allows", async () => {
    await t.dataSource.transaction((m) => t.app.get(AuditLog).append(m, { actor: 'system', action: 'test.probe', subjectType: 'probe' }));
    await expect(t.dataSource.query(`UPDATE audit_chain_head SET hash = decode(repeat('2', 64), 'hex')`)).rejects.toThrow(/only moves forward/);
  });

  it('runs the journeys that write the audit log: appends link up and the head follows', async () => {
    const audit = t.app.get(AuditLog);
    for (let i = 0; i < 3; i++) {
      await t.dataSource.transaction((m) => audit.append(m, { actor: 'system', action: 'test.appended', subjectType: 'probe', subjectId: String(i) }));
    }
    const admin = await createUser(t, { roles: ['supervisor'] });
    const chains = await t.http.get('/audit/chains').set('Authorization', admin.bearer).expect(200);
    expect(chains.body.valid).toBe(true);
    const v = await verifyChain(t.dataSource);
    expect(v).toMatchObject({ valid: true, entries: 4 });
  });

  it('in production, warns at start-up when the role it connects as could alter the tables, and not otherwise', async () => {
    const production = { get: (ns: string) => (ns === 'app' ? { NODE_ENV: 'production' } : t.config[ns as keyof typeof t.config]) } as unknown as ConfigService;
    const owner = await ownerDataSource(t, 1);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await new RuntimeRoleCheck(owner, production).onApplicationBootstrap();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/DATABASE_URL connects as (a superuser|the owner of \d+ tables).*audit log can be altered/));
      warn.mockClear();
      await new RuntimeRoleCheck(t.dataSource, production).onApplicationBootstrap();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await owner.destroy();
    }
  });
});
