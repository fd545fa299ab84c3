/**
 * The fund's obligations per claim type kept as it posts (issue 23): `fund_obligation` (per claim
 * type and shard: the claims whose payable balance is not zero and what is owed on them) is moved by
 * the ledger's trigger in the posting's transaction. After every step of a story (approvals of
 * several claim types, partial and full disbursements, a refused disbursement and a replayed key,
 * postings made at the same time), the kept rows equal a recount from `fund_balance` joined to the
 * claims, and the fund position's obligations, today and at the end of every earlier day, equal
 * what the report's former SQL (kept here as the oracle: every claim owed, one by one) answers.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ManualClock } from '@app/common';
import { CLAIM_TYPES, FundLedger } from '@app/welfare';
import { WelfareReports } from '@app/welfare/reports';
import { TestUser, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';
import { insertClaimRow } from '../support/welfare-fixtures';

const at = (iso: string) => new Date(`2026-${iso}Z`);
const nextDay = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86400_000).toISOString().slice(0, 10);

/** The fund position's obligations as the report computed them before issue 23's kept totals: every claim owed read. */
const ORACLE = `
  WITH d AS (SELECT (($1::date + 1)::timestamp AT TIME ZONE $2) AS hi),
  pay AS (
    SELECT b.account, b.credit_minor - b.debit_minor AS owed_now, b.last_moved_at FROM fund_balance b
     WHERE b.account LIKE 'claim-payable:%' AND b.debit_minor <> b.credit_minor AND b.first_moved_at < (SELECT hi FROM d)
    UNION
    SELECT b.account, b.credit_minor - b.debit_minor, b.last_moved_at FROM fund_balance b
     WHERE b.last_moved_at >= (SELECT hi FROM d) AND b.account LIKE 'claim-payable:%' AND b.first_moved_at < (SELECT hi FROM d)
  ),
  owed AS (
    SELECT substr(p.account, length('claim-payable:') + 1) AS claim_id,
           CASE WHEN p.last_moved_at < (SELECT hi FROM d) THEN p.owed_now
                ELSE (SELECT sum(l.credit_minor - l.debit_minor) FROM fund_line l JOIN fund_entry e ON e.seq = l.entry_seq
                       WHERE l.account = p.account AND e.created_at < (SELECT hi FROM d)) END AS owed
      FROM pay p
  ),
  ob AS (SELECT w.claim_type, count(*)::int AS claims, sum(o.owed) AS owed FROM owed o JOIN welfare_claim w ON w.id = o.claim_id::uuid WHERE o.owed <> 0 GROUP BY w.claim_type)
  SELECT ob.claim_type, ob.claims, ob.owed::text AS owed FROM ob ORDER BY array_position($3::text[], ob.claim_type) NULLS LAST, ob.claim_type`;

describe('welfare fund obligations kept per claim type', () => {
  const clock = new ManualClock(at('03-01T00:00:00'));
  let t: TestApp;
  let ledger: FundLedger;
  let reports: WelfareReports;
  let officer: TestUser;
  const claims: Record<string, { id: string; type: string }> = {};
  let checked = 0;

  const post = <T>(f: (m: EntityManager) => Promise<T>) => t.dataSource.transaction((m) => f(m));
  const approve = (key: string, amount: bigint) => post((m) => ledger.approval(m, claims[key].id, amount, officer.id));
  const disburse = (key: string, amount: bigint, idem = randomUUID()) => post((m) => ledger.disbursement(m, claims[key].id, amount, idem, officer.id));

  const claim = async (key: string, type: string) => {
    const id = await insertClaimRow(t, { reference: `WC-OBLIG-${key}-${randomUUID().slice(0, 8)}`, type, filedBy: officer.id });
    claims[key] = { id, type };
  };

  /** The kept rows equal a recount of the balances; the position, today and every day since the story began, equals the oracle. */
  const keptEqualsRecount = async () => {
    const kept = await t.dataSource.query(
      `SELECT claim_type, shard, claims, owed_minor::text AS owed FROM fund_obligation WHERE claims <> 0 OR owed_minor <> 0 ORDER BY claim_type, shard`,
    );
    const recount = await t.dataSource.query(
      `SELECT w.claim_type, (get_byte(uuid_send(w.id), 15) & 15)::smallint AS shard, count(*)::int AS claims, sum(b.credit_minor - b.debit_minor)::text AS owed
         FROM fund_balance b JOIN welfare_claim w ON w.id = substr(b.account, 15)::uuid
        WHERE b.account LIKE 'claim-payable:%' AND b.debit_minor <> b.credit_minor
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(kept).toEqual(recount);
    const today = await reports.fundPosition({});
    const days: (string | undefined)[] = [undefined];
    for (let d = '2026-03-01'; d <= today.asOfDay; d = nextDay(d)) days.push(d);
    for (const to of days) {
      const report = await reports.fundPosition({ to });
      const oracle = (await t.dataSource.query(ORACLE, [report.asOfDay, report.timeZone, [...CLAIM_TYPES]])) as {
        claim_type: string;
        claims: number;
        owed: string;
      }[];
      const rows = oracle.map((r) => ({ claimType: r.claim_type, claims: r.claims, obligationsMinor: r.owed }));
      const obligations = rows.reduce((s, r) => s + BigInt(r.obligationsMinor), 0n);
      expect({ to, json: JSON.stringify({ rows: report.rows, totals: report.totals }) }).toEqual({
        to,
        json: JSON.stringify({
          rows,
          totals: {
            claims: rows.reduce((s, r) => s + r.claims, 0),
            obligationsMinor: obligations.toString(),
            uncommittedMinor: (BigInt(report.cashMinor) - obligations).toString(),
          },
        }),
      });
    }
    checked++;
    return kept as { claim_type: string; shard: number; claims: number; owed: string }[];
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST } });
    ledger = t.app.get(FundLedger, { strict: false });
    reports = t.app.get(WelfareReports, { strict: false });
    officer = await createUser(t, { roles: ['welfare_officer'] });
    for (const [key, type] of [
      ['med1', 'medical'],
      ['med2', 'medical'],
      ['med3', 'medical'],
      ['rep', 'repatriation'],
      ['death', 'death:natural'],
      ['legal', 'legal-assistance'],
      ['edu1', 'education-grant'],
      ['edu2', 'education-grant'],
      ['live', 'livelihood-grant'],
    ])
      await claim(key, type);
    clock.set(at('03-01T02:00:00'));
    await post((m) => ledger.income(m, randomUUID(), 'appropriation', 50_000_000n, 'k-oblig', { key: 'k-oblig' }, null));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('approvals, partial and full disbursements: after each, the kept totals equal the recount and the position the oracle', async () => {
    expect(await keptEqualsRecount()).toEqual([]);
    clock.set(at('03-02T03:00:00'));
    await approve('med1', 300_000n);
    await keptEqualsRecount();
    await approve('med2', 120_000n);
    await approve('rep', 800_000n);
    await keptEqualsRecount();
    clock.set(at('03-03T15:30:00')); // Manila 3 March 23:30
    await approve('death', 2_000_000n);
    await disburse('rep', 300_000n); // partly
    await keptEqualsRecount();
    clock.set(at('03-04T16:30:00')); // Manila 5 March 00:30
    await disburse('med1', 300_000n); // in full: med1 no longer counted
    const kept = await keptEqualsRecount();
    expect(kept.filter((r) => r.claim_type === 'medical').reduce((s, r) => s + r.claims, 0)).toBe(1);
    clock.set(at('03-06T01:00:00'));
    await disburse('rep', 500_000n); // the rest: repatriation leaves the report
    await approve('med3', 70_000n);
    await keptEqualsRecount();
    expect((await reports.fundPosition({})).rows.map((r) => r.claimType)).toEqual(['death:natural', 'medical']);
    expect((await reports.fundPosition({ to: '2026-03-05' })).rows.find((r) => r.claimType === 'repatriation')?.obligationsMinor).toBe('500000');
  });

  it('a replayed key and a refused disbursement change nothing', async () => {
    clock.set(at('03-06T05:00:00'));
    const before = await t.dataSource.query(`SELECT * FROM fund_obligation ORDER BY claim_type, shard`);
    expect((await approve('med3', 70_000n)).replayed).toBe(true);
    await expect(disburse('med2', 120_001n)).rejects.toThrow(/nothing \(or less\) left/);
    expect(await t.dataSource.query(`SELECT * FROM fund_obligation ORDER BY claim_type, shard`)).toEqual(before);
    await keptEqualsRecount();
  });

  it('postings made at the same time each count once', async () => {
    clock.set(at('03-07T04:00:00'));
    await Promise.all([
      approve('legal', 150_000n),
      approve('edu1', 40_000n),
      approve('edu2', 45_000n),
      approve('live', 90_000n),
      disburse('death', 500_000n),
      disburse('med2', 20_000n),
    ]);
    await keptEqualsRecount();
    clock.set(at('03-08T04:00:00'));
    await Promise.all([
      disburse('edu1', 40_000n),
      disburse('edu2', 5_000n),
      disburse('death', 1_500_000n),
      disburse('med2', 100_000n),
      disburse('live', 90_000n),
      disburse('legal', 50_000n),
    ]);
    const kept = await keptEqualsRecount();
    expect(kept.map((r) => [r.claim_type, r.claims, r.owed]).sort()).toEqual(
      [
        ['education-grant', 1, '40000'],
        ['legal-assistance', 1, '100000'],
        ['medical', 1, '70000'],
      ].sort(),
    );
    const today = await reports.fundPosition({});
    expect(today.rows).toEqual([
      { claimType: 'medical', claims: 1, obligationsMinor: '70000' },
      { claimType: 'legal-assistance', claims: 1, obligationsMinor: '100000' },
      { claimType: 'education-grant', claims: 1, obligationsMinor: '40000' },
    ]);
    expect(checked).toBeGreaterThanOrEqual(9);
  });

  it('a claim with a payable keeps its type and is not deleted', async () => {
    await expect(t.dataSource.query(`UPDATE welfare_claim SET claim_type = 'repatriation' WHERE id = $1`, [claims.med3.id])).rejects.toThrow(/fixed/);
    await expect(t.dataSource.query(`DELETE FROM welfare_claim WHERE id = $1`, [claims.med3.id])).rejects.toThrow(/fixed/);
    // Other columns change as before.
    await t.dataSource.query(`UPDATE welfare_claim SET state = 'approved' WHERE id = $1`, [claims.med3.id]);
    await keptEqualsRecount();
  });
});
