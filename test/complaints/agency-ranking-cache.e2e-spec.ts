/**
 * The per-agency report's kept ranking (AgencyRankingCache, migration AgencyRankingChanges): the
 * head of a period's ranking is read once and served again while nothing it was read from has
 * changed, and read again as soon as something has, whoever wrote it (the app, or SQL that passes
 * every service). The oracle is the report's CSV, which is never kept: read from Postgres each
 * time, in the same order.
 */
import { Client } from 'pg';
import { AgencyRankingCache } from '@app/complaints/reports';
import { ManualClock } from '@app/common';
import { Placements, RecordPlacementInput } from '@app/fees';
import { placementBody, seedFees } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const PERIOD = 'from=2026-05-01&to=2026-05-31';
const MAY_4 = new Date('2026-05-04T02:00:00.000Z');

interface Row {
  agencyId: string;
  legalName: string;
  complaints: number;
  deployments: number;
  ratePer100: number | null;
}

describe('the per-agency ranking kept between requests', () => {
  const clock = new ManualClock(MAY_4);
  let t: TestApp;
  let supervisor: TestUser;
  let rankings: AgencyRankingCache;
  const agencies: { id: string; licenseNumber: string }[] = [];
  /** The statements that read a ranking's head to keep it. */
  let reads = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedFees(t);
    supervisor = await createUser(t, { roles: ['supervisor'] });
    rankings = t.app.get(AgencyRankingCache, { strict: false });
    for (let i = 0; i < 6; i++) {
      const id = (await createAgency(t, { legalName: `Kept Ranking Agency ${i}` })).id;
      const licenseNumber = (
        await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId: id, type: 'regular' }).expect(201)
      ).body.number;
      agencies.push({ id, licenseNumber });
    }
    for (const [i, a] of agencies.entries()) {
      for (let n = 0; n <= i % 3; n++) await file(a.licenseNumber);
      await place(a.id, i % 4);
    }
    const query = t.dataSource.query.bind(t.dataSource);
    jest.spyOn(t.dataSource, 'query').mockImplementation((sql, ...rest) => {
      if (sql.includes('pg_current_snapshot()')) reads++;
      return query(sql, ...rest);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  const file = async (licenseNumber: string) =>
    (
      await t.http
        .post('/public/complaints')
        .send({ licenseNumber, allegations: [{ category: 'unpaid-wages', facts: 'Two months of salary were never paid.' }], language: 'en', anonymous: true })
        .expect(201)
    ).body as { id: string };
  const place = async (agencyId: string, n: number) => {
    const placements = t.app.get(Placements, { strict: false });
    for (let i = 0; i < n; i++) {
      const input = placementBody({
        recruitedOn: '2026-04-01',
        contractStart: '2026-06-01',
        workerPassportNumber: `PK${agencyId.slice(0, 6)}${i}${Date.now() % 100000}`,
      });
      await t.dataSource.transaction((m) =>
        placements.recordIn(m, agencyId, input as unknown as RecordPlacementInput, { userId: null, roles: ['agency_admin'], agencyId, auditActor: 'system' }),
      );
    }
  };
  const page = async (query = '') =>
    (await t.http.get(`/complaints/reports/agencies?${PERIOD}${query}`).set('Authorization', supervisor.bearer).expect(200)).body as {
      rows: Row[];
      total: number;
      next: string | null;
    };
  /** Every page of the ranking, walked by `next`. */
  const walk = async (limit: number) => {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(`&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      rows.push(...p.rows);
      cursor = p.next;
    } while (cursor);
    return rows;
  };
  /** The ranking as the CSV (never kept) lists it. */
  const oracle = async (): Promise<Row[]> => {
    const text = (await t.http.get(`/complaints/reports/agencies?${PERIOD}&format=csv`).set('Authorization', supervisor.bearer).expect(200)).text;
    return text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => {
        const [agencyId, legalName, complaints, deployments, rate] = JSON.parse(`[${line.replace(/,(?=,|$)/g, ',null')}]`) as [
          string,
          string,
          number,
          number,
          number | null,
        ];
        return { agencyId, legalName, complaints, deployments, ratePer100: rate };
      });
  };
  /** The first page now, and how many ranking reads it took. */
  const firstPage = async () => {
    const before = reads;
    const rows = (await page()).rows;
    return { rows, read: reads - before };
  };

  it('reads the ranking once and answers every page of its head from it while nothing changes; the pages equal the CSV', async () => {
    const first = await firstPage();
    expect(first.rows).toEqual(await oracle());
    expect(first.rows.length).toBeGreaterThan(3);
    const before = reads;
    expect(await walk(2)).toEqual(await oracle());
    expect(await walk(1)).toEqual(await oracle());
    expect((await firstPage()).rows).toEqual(first.rows);
    expect(reads - before).toBe(0);
  });

  it('reads it again after any change to what it ranks, made through the app or by SQL; each answer equals the CSV', async () => {
    const [a0, a1, a2] = agencies;
    const complaintOf = async (agencyId: string) =>
      ((await t.dataSource.query(`SELECT id FROM complaint WHERE agency_id = $1 AND kind = 'complaint' LIMIT 1`, [agencyId])) as { id: string }[])[0].id;
    const changes: [string, () => Promise<unknown>][] = [
      ['a complaint filed', () => file(a0.licenseNumber)],
      ['a placement recorded', () => place(a1.id, 1)],
      ['a case made an inspection', async () => t.dataSource.query(`UPDATE complaint SET kind = 'inspection' WHERE id = $1`, [await complaintOf(a2.id)])],
      [
        'a complaint moved to another agency',
        async () => t.dataSource.query(`UPDATE complaint SET agency_id = $2 WHERE id = $1`, [await complaintOf(a0.id), a1.id]),
      ],
      [
        'a complaint moved out of the period',
        async () => t.dataSource.query(`UPDATE complaint SET created_at = '2026-04-01' WHERE id = $1`, [await complaintOf(a1.id)]),
      ],
      [
        'a placement moved out of the period',
        () => t.dataSource.query(`UPDATE placement SET created_at = '2026-04-01' WHERE id = (SELECT id FROM placement WHERE agency_id = $1 LIMIT 1)`, [a1.id]),
      ],
      ['an agency renamed', () => t.dataSource.query(`UPDATE agency SET legal_name = 'Renamed Agency' WHERE id = $1`, [a2.id])],
      ['the home time zone changed', () => t.dataSource.query(`UPDATE jurisdiction SET time_zone = 'Pacific/Kiritimati' WHERE code = 'PH'`)],
    ];
    for (const [what, change] of changes) {
      const kept = await firstPage();
      expect({ what, read: (await firstPage()).read }).toEqual({ what, read: 0 });
      await change();
      const after = await firstPage();
      expect({ what, read: after.read }).toEqual({ what, read: 1 });
      expect({ what, rows: after.rows }).toEqual({ what, rows: await oracle() });
      // Each change but the time zone's (every row here is filed mid-period) moves the ranking.
      if (what !== 'the home time zone changed') expect({ what, rows: after.rows }).not.toEqual({ what, rows: kept.rows });
    }
    await t.dataSource.query(`UPDATE jurisdiction SET time_zone = 'Asia/Manila' WHERE code = 'PH'`);
  });

  it('a writer in flight while the ranking is read: not in that answer; in the next one once it commits; a rollback keeps the ranking', async () => {
    const writer = new Client({ connectionString: t.db.url });
    await writer.connect();
    try {
      await firstPage();
      await writer.query('BEGIN');
      await writer.query(`UPDATE agency SET legal_name = 'Written In Flight' WHERE id = $1`, [agencies[3].id]);
      // Read while the writer holds its change: nothing new is seen, so the kept ranking stands.
      const during = await firstPage();
      expect(during.read).toBe(0);
      expect(during.rows.some((r) => r.legalName === 'Written In Flight')).toBe(false);
      await writer.query('COMMIT');
      const after = await firstPage();
      expect(after.read).toBe(1);
      expect(after.rows.find((r) => r.agencyId === agencies[3].id)?.legalName).toBe('Written In Flight');

      await writer.query('BEGIN');
      await writer.query(`UPDATE agency SET legal_name = 'Rolled Back' WHERE id = $1`, [agencies[4].id]);
      await writer.query('ROLLBACK');
      const afterRollback = await firstPage();
      expect(afterRollback.read).toBe(0);
      expect(afterRollback.rows).toEqual(await oracle());
    } finally {
      await writer.end();
    }
  });

  it('a ranking kept for 5 minutes (by the database clock) is read again', async () => {
    await firstPage();
    const kept = rankings.get(`PH|2026-05-01|2026-05-31`)!;
    expect(kept).toBeDefined();
    kept.keptAt = new Date(Date.now() - 4 * 60_000).toISOString();
    expect((await firstPage()).read).toBe(0);
    kept.keptAt = new Date(Date.now() - 5 * 60_000 - 1_000).toISOString();
    expect((await firstPage()).read).toBe(1);
  });

  it('prune: settles the rows of finished transactions, deletes them 15 minutes after, and leaves a writer in flight alone', async () => {
    await t.dataSource.query(`DELETE FROM agency_ranking_change`);
    await t.dataSource.query(`UPDATE agency SET legal_name = legal_name WHERE id = $1`, [agencies[5].id]);
    const writer = new Client({ connectionString: t.db.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE agency SET legal_name = legal_name WHERE id = $1`, [agencies[5].id]);
      const [{ txid }] = (await writer.query(`SELECT pg_current_xact_id()::text AS txid`)).rows as { txid: string }[];
      const rowsNow = async () =>
        (await t.dataSource.query(`SELECT txid::text AS txid, settled_at IS NOT NULL AS settled FROM agency_ranking_change ORDER BY txid`)) as {
          txid: string;
          settled: boolean;
        }[];
      // Settled once no transaction older than it runs (xids are the cluster's: other tests' transactions can hold that back a moment).
      const settled = async () => {
        expect(await rankings.prune()).toBe(0);
        return (await rowsNow()).every((r) => r.settled);
      };
      await waitFor('the committed row settled', settled);
      expect(await rowsNow()).toEqual([expect.objectContaining({ settled: true })]);
      // Settled 16 minutes ago: deleted.
      await t.dataSource.query(`UPDATE agency_ranking_change SET settled_at = now() - interval '16 minutes'`);
      expect(await rankings.prune()).toBe(1);
      expect(await rowsNow()).toEqual([]);
      // The writer's row appears at its commit, unsettled; the next prune settles it and keeps it.
      await writer.query('COMMIT');
      expect(await rowsNow()).toEqual([{ txid, settled: false }]);
      await waitFor("the writer's row settled", settled);
      expect(await rowsNow()).toEqual([{ txid, settled: true }]);
    } finally {
      await writer.end();
    }
  });
});
