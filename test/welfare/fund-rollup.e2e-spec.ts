/**
 * The fund's balances kept as it posts (issue 23): `fund_balance` (per account) and `fund_movement`
 * (per account, entry kind and quarter hour) are kept by a trigger on `fund_line` in the posting's
 * transaction. After postings of every kind the ledger has (contributions, appropriations, other
 * income, approvals, full and partial disbursements; a replayed key, a refused disbursement), the
 * rollups equal a recount of the lines, and the fund-position and fund-balance reports, which now
 * read the rollups, equal the figures recounted here from the lines for every day of the story
 * (by Manila day, UTC+8), with and without a start, by day and by month.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ManualClock } from '@app/common';
import { FundLedger } from '@app/welfare';
import { WelfareReports } from '@app/welfare/reports';
import { TestUser, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';
import { insertClaimRow } from '../support/welfare-fixtures';

const at = (iso: string) => new Date(`2026-${iso}Z`);
/** The Manila date of an instant (UTC+8, no daylight saving). */
const manilaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
/** The first instant of a Manila date. */
const manilaStart = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() - 8 * 3600_000);
const nextDay = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86400_000).toISOString().slice(0, 10);
const daysFrom = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) out.push(d);
  return out;
};

interface Line {
  account: string;
  debit: bigint;
  credit: bigint;
  kind: string;
  createdAt: Date;
}

describe('welfare fund rollups', () => {
  const clock = new ManualClock(at('03-01T00:00:00'));
  const now = at('03-12T02:00:00'); // 12 March, 10:00 in Manila
  let t: TestApp;
  let ledger: FundLedger;
  let reports: WelfareReports;
  let officer: TestUser;
  const claims: Record<string, { id: string; type: string }> = {};

  const post = <T>(when: Date, f: (m: EntityManager) => Promise<T>) => {
    clock.set(when);
    return t.dataSource.transaction((m) => f(m));
  };

  /** A claim row as the claims service writes it (the position joins a claim for its type). */
  const claim = async (key: string, type: string) => {
    const id = await insertClaimRow(t, { reference: `WC-ROLLUP-${key}-${randomUUID().slice(0, 8)}`, type, filedBy: officer.id });
    claims[key] = { id, type };
  };

  const lines = async (): Promise<Line[]> =>
    (
      (await t.dataSource.query(
        `SELECT l.account, l.debit_minor, l.credit_minor, e.kind, e.created_at FROM fund_line l JOIN fund_entry e ON e.seq = l.entry_seq ORDER BY l.id`,
      )) as { account: string; debit_minor: string; credit_minor: string; kind: string; created_at: Date }[]
    ).map((r) => ({ account: r.account, debit: BigInt(r.debit_minor), credit: BigInt(r.credit_minor), kind: r.kind, createdAt: new Date(r.created_at) }));

  const rollupsMatchTheLines = async () => {
    const balance = await t.dataSource.query(`SELECT account, debit_minor, credit_minor, first_moved_at, last_moved_at FROM fund_balance ORDER BY account`);
    const recount = await t.dataSource.query(
      `SELECT l.account, sum(l.debit_minor)::bigint AS debit_minor, sum(l.credit_minor)::bigint AS credit_minor, min(e.created_at) AS first_moved_at, max(e.created_at) AS last_moved_at
         FROM fund_line l JOIN fund_entry e ON e.seq = l.entry_seq GROUP BY l.account ORDER BY l.account`,
    );
    expect(balance).toEqual(recount);
    const movement = await t.dataSource.query(`SELECT account, slot, kind, debit_minor, credit_minor FROM fund_movement ORDER BY account, slot, kind`);
    const recountMovement = await t.dataSource.query(
      `SELECT l.account, date_bin('15 minutes', e.created_at, timestamptz '2000-01-01 00:00:00+00') AS slot, e.kind,
              sum(l.debit_minor)::bigint AS debit_minor, sum(l.credit_minor)::bigint AS credit_minor
         FROM fund_line l JOIN fund_entry e ON e.seq = l.entry_seq
        WHERE l.account NOT LIKE 'claim-payable:%'
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(movement).toEqual(recountMovement);
    const days = await t.dataSource.query(
      `SELECT account, day::text AS day, kind, debit_minor, credit_minor FROM fund_movement_day ORDER BY account, day, kind`,
    );
    const recountDays = await t.dataSource.query(
      `SELECT l.account, (e.created_at AT TIME ZONE 'UTC')::date::text AS day, e.kind, sum(l.debit_minor)::bigint AS debit_minor, sum(l.credit_minor)::bigint AS credit_minor
         FROM fund_line l JOIN fund_entry e ON e.seq = l.entry_seq
        WHERE l.account NOT LIKE 'claim-payable:%'
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(days).toEqual(recountDays);
    return balance.length;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST } });
    ledger = t.app.get(FundLedger, { strict: false });
    reports = t.app.get(WelfareReports, { strict: false });
    officer = await createUser(t, { roles: ['welfare_officer'] });
    await claim('med', 'medical');
    await claim('rep', 'repatriation');
    await claim('death', 'death:natural');
    await claim('legal', 'legal-assistance');

    const contribution = (when: string, amount: bigint) => post(at(when), (m) => ledger.contribution(m, randomUUID(), amount, null));
    const income = (when: string, kind: 'appropriation' | 'other-income', amount: bigint, key: string) =>
      post(at(when), (m) => ledger.income(m, randomUUID(), kind, amount, key, { key }, null));
    const approve = (when: string, key: string, amount: bigint) => post(at(when), (m) => ledger.approval(m, claims[key].id, amount, officer.id));
    const disburse = (when: string, key: string, amount: bigint, idem: string) =>
      post(at(when), (m) => ledger.disbursement(m, claims[key].id, amount, idem, officer.id));

    await contribution('01-15T10:00:00', 120_000n);
    await income('01-31T16:30:00', 'appropriation', 3_000_000n, 'k-appropriation-jan'); // Manila 1 February
    await contribution('02-27T20:00:00', 90_000n); // Manila 28 February
    await contribution('03-02T01:00:00', 500_000n);
    await contribution('03-02T01:14:59', 250_000n); // the same quarter hour
    await contribution('03-02T15:59:59', 100_000n); // Manila 2 March 23:59:59
    await contribution('03-02T16:00:00', 200_000n); // Manila 3 March 00:00
    await income('03-03T03:00:00', 'appropriation', 5_000_000n, 'k-appropriation');
    await income('03-03T03:20:00', 'other-income', 75_000n, 'k-interest');
    await approve('03-04T02:00:00', 'med', 300_000n);
    await approve('03-04T02:00:00', 'rep', 800_000n);
    await approve('03-05T09:00:00', 'death', 2_000_000n);
    await approve('03-06T01:00:00', 'legal', 150_000n);
    await disburse('03-05T03:00:00', 'med', 300_000n, 'med-1'); // paid in full
    await disburse('03-06T23:30:00', 'rep', 300_000n, 'rep-1'); // partly (Manila 7 March)
    await disburse('03-09T02:00:00', 'rep', 500_000n, 'rep-2'); // the rest
    await disburse('03-10T05:00:00', 'death', 1_000_000n, 'death-1'); // half; the other half still owed
    await contribution('03-11T16:10:00', 400_000n); // Manila 12 March
    clock.set(now);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('after postings of every kind, the rollups equal a recount of the lines; a replay and a refused posting change nothing', async () => {
    expect(await rollupsMatchTheLines()).toBe(9); // five accounts and four claims' payables
    const before = await t.dataSource.query(`SELECT * FROM fund_balance ORDER BY account`);
    const movementBefore = await t.dataSource.query(`SELECT * FROM fund_movement ORDER BY account, slot, kind`);
    const daysBefore = await t.dataSource.query(`SELECT * FROM fund_movement_day ORDER BY account, day, kind`);
    // The same Idempotency-Key: the first entry answered, nothing written.
    expect((await post(now, (m) => ledger.disbursement(m, claims.med.id, 300_000n, 'med-1', officer.id))).replayed).toBe(true);
    // More than the fund holds: refused, the transaction rolled back with the rollups.
    const cash = BigInt((await ledger.position()).cashMinor);
    await expect(post(now, (m) => ledger.disbursement(m, claims.death.id, cash + 1n, 'death-too-much', officer.id))).rejects.toThrow(/holds/);
    // Approved twice: the same entry.
    expect((await post(now, (m) => ledger.approval(m, claims.legal.id, 150_000n, officer.id))).replayed).toBe(true);
    expect(await t.dataSource.query(`SELECT * FROM fund_balance ORDER BY account`)).toEqual(before);
    expect(await t.dataSource.query(`SELECT * FROM fund_movement ORDER BY account, slot, kind`)).toEqual(movementBefore);
    expect(await t.dataSource.query(`SELECT * FROM fund_movement_day ORDER BY account, day, kind`)).toEqual(daysBefore);
  });

  it('GET /welfare/fund reads the kept balances: the same figures as the lines summed', async () => {
    const all = await lines();
    const bal = (account: string) => all.filter((l) => l.account === account).reduce((s, l) => s + l.debit - l.credit, 0n);
    const payables = all.filter((l) => l.account.startsWith('claim-payable:')).reduce((s, l) => s + l.credit - l.debit, 0n);
    const position = await ledger.position();
    expect(position).toEqual({
      currency: 'PHP',
      cashMinor: bal('fund-cash').toString(),
      contributionsReceivedMinor: (-bal('contributions-received')).toString(),
      appropriationsReceivedMinor: (-bal('appropriations-received')).toString(),
      otherIncomeMinor: (-bal('other-income')).toString(),
      benefitsApprovedMinor: bal('benefits-paid').toString(),
      payablesMinor: payables.toString(),
      uncommittedMinor: (bal('fund-cash') - payables).toString(),
    });
    expect(payables).toBe(150_000n + 1_000_000n);
  });

  it('the fund position at the end of every day of the story equals the lines recounted, with and without a start', async () => {
    const all = await lines();
    const typeOf = new Map(Object.values(claims).map((c) => [`claim-payable:${c.id}`, c.type]));
    const sum = (ls: Line[], f: (l: Line) => bigint) => ls.reduce((s, l) => s + f(l), 0n).toString();
    for (const from of [undefined, '2026-01-16', '2026-03-03', '2026-03-06'])
      for (const day of [...daysFrom('2026-01-14', '2026-01-16'), ...daysFrom('2026-01-31', '2026-02-01'), ...daysFrom('2026-02-26', '2026-03-13')]) {
        if (from && from > day) continue;
        const hi = manilaStart(nextDay(day));
        const lo = from ? manilaStart(from) : new Date(0);
        const upTo = all.filter((l) => l.createdAt < hi);
        const inPeriod = upTo.filter((l) => l.createdAt >= lo);
        const owed = new Map<string, bigint>();
        for (const l of upTo) if (l.account.startsWith('claim-payable:')) owed.set(l.account, (owed.get(l.account) ?? 0n) + l.credit - l.debit);
        const byType = new Map<string, { claims: number; owed: bigint }>();
        for (const [account, o] of owed) {
          if (o === 0n) continue;
          const r = byType.get(typeOf.get(account)!) ?? { claims: 0, owed: 0n };
          byType.set(typeOf.get(account)!, { claims: r.claims + 1, owed: r.owed + o });
        }
        const obligations = [...byType.values()].reduce((s, r) => s + r.owed, 0n);
        const cash = upTo.filter((l) => l.account === 'fund-cash').reduce((s, l) => s + l.debit - l.credit, 0n);
        const report = await reports.fundPosition({ from, to: day });
        expect({ from, day, report }).toEqual({
          from,
          day,
          report: expect.objectContaining({
            asOfDay: day,
            cashMinor: cash.toString(),
            income: {
              contributionsMinor: sum(inPeriod, (l) => (l.account === 'contributions-received' ? l.credit - l.debit : 0n)),
              appropriationsMinor: sum(inPeriod, (l) => (l.account === 'appropriations-received' ? l.credit - l.debit : 0n)),
              otherIncomeMinor: sum(inPeriod, (l) => (l.account === 'other-income' ? l.credit - l.debit : 0n)),
            },
            disbursedMinor: sum(inPeriod, (l) => (l.account === 'fund-cash' ? l.credit : 0n)),
            rows: ['death:natural', 'medical', 'repatriation', 'legal-assistance']
              .filter((type) => byType.has(type))
              .map((type) => ({ claimType: type, claims: byType.get(type)!.claims, obligationsMinor: byType.get(type)!.owed.toString() })),
            totals: {
              claims: [...byType.values()].reduce((s, r) => s + r.claims, 0),
              obligationsMinor: obligations.toString(),
              uncommittedMinor: (cash - obligations).toString(),
            },
          }),
        });
      }
    // The partly paid repatriation: 800,000 owed on 6 March, 500,000 on 7 March, nothing from 9 March.
    const owedOn = async (day: string) => (await reports.fundPosition({ to: day })).rows.find((r) => r.claimType === 'repatriation')?.obligationsMinor;
    expect([await owedOn('2026-03-06'), await owedOn('2026-03-07'), await owedOn('2026-03-09')]).toEqual(['800000', '500000', undefined]);
  });

  it('the fund balance by day and by month equals the lines recounted per Manila day', async () => {
    const cash = (await lines()).filter((l) => l.account === 'fund-cash');
    for (const [from, to] of [
      ['2026-01-10', '2026-02-05'],
      ['2026-02-27', '2026-03-13'],
      ['2026-03-03', '2026-03-05'],
      ['2026-03-07', '2026-03-12'],
      ['2026-03-13', '2026-03-20'],
    ]) {
      const opening = cash.filter((l) => l.createdAt < manilaStart(from)).reduce((s, l) => s + l.debit - l.credit, 0n);
      let closing = opening;
      const rows = daysFrom(from, to).map((day) => {
        const ls = cash.filter((l) => manilaDay(l.createdAt) === day);
        const cin = ls.filter((l) => l.kind === 'contribution').reduce((s, l) => s + l.debit, 0n);
        const iin = ls.filter((l) => l.kind === 'income').reduce((s, l) => s + l.debit, 0n);
        const cout = ls.filter((l) => l.kind === 'disbursement').reduce((s, l) => s + l.credit, 0n);
        closing += cin + iin - cout;
        return {
          bucket: day,
          firstDay: day,
          lastDay: day,
          contributionsInMinor: cin.toString(),
          incomeInMinor: iin.toString(),
          disbursementsOutMinor: cout.toString(),
          netMinor: (cin + iin - cout).toString(),
          closingBalanceMinor: closing.toString(),
        };
      });
      const report = await reports.fundBalance({ from, to });
      expect({ from, to, opening: report.openingBalanceMinor, rows: report.rows }).toEqual({ from, to, opening: opening.toString(), rows });
    }
    // Open: from the first day with a movement (Manila 15 January) to today; by month, ending at the cash now.
    const open = await reports.fundBalance({});
    expect([open.firstDay, open.lastDay, open.openingBalanceMinor]).toEqual(['2026-01-15', '2026-03-12', '0']);
    const month = await reports.fundBalance({ bucket: 'month' });
    expect(month.rows.map((r) => r.bucket)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(month.rows.at(-1)!.closingBalanceMinor).toBe((await ledger.position()).cashMinor);
    expect(month.totals.netMinor).toBe(cash.reduce((s, l) => s + l.debit - l.credit, 0n).toString());
    // By month, each cut at the period's ends: whole UTC days and the quarter hours of the partial ones, recounted per Manila month.
    for (const [from, to] of [
      ['2026-01-01', '2026-03-31'],
      ['2026-01-16', '2026-03-05'],
      ['2026-02-01', '2026-02-28'],
      ['2025-12-01', '2026-01-15'],
    ]) {
      const opening = cash.filter((l) => l.createdAt < manilaStart(from)).reduce((s, l) => s + l.debit - l.credit, 0n);
      let closing = opening;
      const months = [...new Set(daysFrom(from, to).map((d) => d.slice(0, 7)))];
      const rows = months.map((m) => {
        const days = daysFrom(from, to).filter((d) => d.startsWith(m));
        const ls = cash.filter((l) => days.includes(manilaDay(l.createdAt)));
        const cin = ls.filter((l) => l.kind === 'contribution').reduce((s, l) => s + l.debit, 0n);
        const iin = ls.filter((l) => l.kind === 'income').reduce((s, l) => s + l.debit, 0n);
        const cout = ls.filter((l) => l.kind === 'disbursement').reduce((s, l) => s + l.credit, 0n);
        closing += cin + iin - cout;
        return {
          bucket: m,
          firstDay: days[0],
          lastDay: days.at(-1),
          contributionsInMinor: cin.toString(),
          incomeInMinor: iin.toString(),
          disbursementsOutMinor: cout.toString(),
          netMinor: (cin + iin - cout).toString(),
          closingBalanceMinor: closing.toString(),
        };
      });
      const report = await reports.fundBalance({ from, to, bucket: 'month' });
      expect({ from, to, opening: report.openingBalanceMinor, rows: report.rows }).toEqual({ from, to, opening: opening.toString(), rows });
    }
  });
});
