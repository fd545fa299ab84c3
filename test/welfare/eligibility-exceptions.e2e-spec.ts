/**
 * The eligibility-exceptions report at any size (issue 23): its JSON is a page (keyset on the
 * approval's time, then the reference) whose totals are the whole period's, its CSV streams every
 * row of the period, and the streamed CSVs of the process are capped (DATABASE_EXPORT_STREAMS, 1
 * here): a download past the cap is 503 with Retry-After until one ends or its client goes away.
 */
import { ClientRequest, IncomingMessage, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock, encodeCursor, toCsv } from '@app/common';
import { seedBenefitSchedule } from '@app/welfare';
import { EXCEPTION_COLUMNS } from '../../apps/api/src/welfare/welfare-reports.controller';
import { seedFees } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { contributingMember } from '../support/welfare-fixtures';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const PASSPORT = 'P7654321E';
const MARCH = 'from=2026-03-01&to=2026-03-31';
/** Rows copied in SQL into 2025, enough that their CSV (some 40 MB) cannot sit whole in the sockets' buffers: a client that does not read holds the stream open. */
const BULK = 25_000;
const YEAR_2025 = 'from=2025-01-01&to=2025-12-31';
const REASONS = ['late-filing-good-cause', 'contribution-paid-unrecorded', 'agency-failed-to-remit', 'record-error', 'humanitarian'] as const;

interface Page {
  rows: { reference: string; exceptionReason: string; decidedOn: string }[];
  totals: { approvals: number; byReason: Record<string, number> };
  next: string | null;
}

describe('welfare: the eligibility-exceptions report at any size', () => {
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  let officer: TestUser;
  let supervisor: TestUser;
  /** The claims approved outside eligibility, by key: their references. */
  const ref: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let port = 0;

  const report = (query: string) => t.http.get(`/welfare/reports/eligibility-exceptions?${query}`).set('Authorization', supervisor.bearer);
  const act = async (key: string, action: string, body: Record<string, unknown>, as: TestUser) => {
    const { version } = (await t.http.get(`/welfare/claims/${ids[key]}`).set('Authorization', officer.bearer).expect(200)).body;
    await t.http
      .post(`/welfare/claims/${ids[key]}/actions/${action}`)
      .set('Authorization', as.bearer)
      .send({ version, ...body })
      .expect(200);
  };
  const approveOutside = async (when: string, key: string, exceptionReason: string) => {
    clock.set(new Date(when));
    await act(key, 'approve', { exceptionReason, reason: `Approved outside eligibility: ${key}` }, supervisor);
  };
  /** Every page of the report for `query`, `limit` rows a page, following `next`. */
  const walk = async (query: string, limit: number): Promise<Page[]> => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (await report(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body;
      pages.push(page);
      cursor = page.next;
    } while (cursor && pages.length < 1_000);
    return pages;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, WELFARE_CONTRIBUTION_MINOR: '500000', DATABASE_EXPORT_STREAMS: '1' } });
    await seedFees(t);
    await t.dataSource.transaction((m) => seedBenefitSchedule(m));
    [officer, supervisor] = await Promise.all((['welfare_officer', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
    const agencyId = (await createAgency(t)).id;
    await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201);
    const agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    await contributingMember(t, agencyAdmin, { passport: PASSPORT, receipt: 'OWWA-EX-1' });
    // Seven claims for incidents before the membership began (1 February): none is eligible.
    for (const key of ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7']) {
      const filed = await t.http
        .post('/welfare/claims')
        .set('Authorization', officer.bearer)
        .send({
          workerPassportNumber: PASSPORT,
          workerName: 'Rodel Santos',
          claimType: 'medical',
          claimedMinor: '100000',
          currency: 'PHP',
          incidentDate: '2026-01-20',
          facts: 'Treated before departure.',
          payout: 'BDO 0012-3456-78',
          language: 'en',
        })
        .expect(201);
      expect(filed.body.eligibility.eligible).toBe(false);
      [ids[key], ref[key]] = [filed.body.id, filed.body.reference];
      await act(key, 'take', {}, officer);
    }
    // Approved at the same instant in the reverse order of their references: the report orders them by reference.
    await approveOutside('2026-03-05T01:00:00.000Z', 'E2', 'humanitarian');
    await approveOutside('2026-03-05T01:00:00.000Z', 'E1', 'record-error');
    await approveOutside('2026-03-10T02:00:00.000Z', 'E3', 'humanitarian');
    await approveOutside('2026-03-20T03:00:00.000Z', 'E6', 'late-filing-good-cause');
    await approveOutside('2026-03-20T03:00:00.000Z', 'E4', 'humanitarian');
    await approveOutside('2026-03-20T03:00:00.000Z', 'E5', 'agency-failed-to-remit');
    // 1 April in Manila (31 March 17:00 UTC): outside March.
    await approveOutside('2026-03-31T17:00:00.000Z', 'E7', 'record-error');
    clock.set(new Date('2026-04-02T02:00:00.000Z'));
    // The bulk of 2025: copies of E7, three at each instant (ties across page boundaries), each with a long reason.
    await t.dataSource.query(
      `INSERT INTO welfare_claim
       SELECT r.*
         FROM welfare_claim c CROSS JOIN generate_series(1, $2::int) AS i
        CROSS JOIN LATERAL jsonb_populate_record(NULL::welfare_claim, to_jsonb(c) || jsonb_build_object(
                 'id', gen_random_uuid(),
                 'reference', 'WC-2025-' || lpad(i::text, 6, '0') || '-0',
                 'decided_at', timestamptz '2025-01-01 00:00:00+00' + (i / 3) * interval '17 minutes',
                 'eligibility_exception', (ARRAY['late-filing-good-cause','contribution-paid-unrecorded','agency-failed-to-remit','record-error','humanitarian'])[1 + i % 5],
                 'decision_reason', repeat('Approved on the record of the regional office, which the member could not reach in time. ', 17))) AS r
        WHERE c.id = $1`,
      [ids.E7, BULK],
    );
    await t.dataSource.query('VACUUM ANALYZE welfare_claim');
    // Listening on a port of its own, so that a download can be held open by a client that does not read.
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the JSON: a page, with the totals of the whole period', () => {
    const MARCH_ORDER = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];
    const MARCH_TOTALS = {
      approvals: 6,
      byReason: { 'late-filing-good-cause': 1, 'contribution-paid-unrecorded': 0, 'agency-failed-to-remit': 1, 'record-error': 1, humanitarian: 3 },
    };

    it('walks every exception of the period exactly once, in order (time, then reference), with the whole period’s totals on every page', async () => {
      for (const limit of [1, 2, 4, 5, 6, 50]) {
        const pages = await walk(MARCH, limit);
        expect(pages.map((p) => p.rows.length)).toEqual(limit >= 6 ? [6] : [...Array(Math.floor(6 / limit)).fill(limit), ...(6 % limit ? [6 % limit] : [])]);
        expect(pages.flatMap((p) => p.rows.map((r) => r.reference))).toEqual(MARCH_ORDER.map((k) => ref[k]));
        for (const page of pages) expect(page.totals).toEqual(MARCH_TOTALS);
        expect(pages.at(-1)!.next).toBeNull();
        expect(pages.slice(0, -1).every((p) => typeof p.next === 'string')).toBe(true);
      }
      const first = (await report(`${MARCH}&limit=2`).expect(200)).body;
      expect(first.rows[0]).toMatchObject({ reference: ref.E1, exceptionReason: 'record-error', decidedOn: '2026-03-05' });
      expect(first.rows[0].failedChecks).toContain('membership-active');
      // The default page is 50: the whole of March, no next page.
      expect((await report(MARCH).expect(200)).body).toMatchObject({ next: null, totals: MARCH_TOTALS });
      // April alone: E7 (approved on 1 April, Manila time).
      const april = (await report('from=2026-04-01&to=2026-04-30').expect(200)).body;
      expect(april).toMatchObject({ rows: [expect.objectContaining({ reference: ref.E7 })], next: null, totals: { approvals: 1 } });
      // A period with nothing in it: no rows, zero totals.
      expect((await report('from=2020-01-01&to=2020-12-31').expect(200)).body).toMatchObject({
        rows: [],
        next: null,
        totals: { approvals: 0, byReason: Object.fromEntries(REASONS.map((r) => [r, 0])) },
      });
    });

    it('walks a period of 25,000 in pages of 500: each once, in the database’s order, ties split across pages kept whole', async () => {
      const pages = await walk(YEAR_2025, 500);
      expect(pages).toHaveLength(BULK / 500);
      const refs = pages.flatMap((p) => p.rows.map((r) => r.reference));
      const expected = (
        (await t.dataSource.query(
          `SELECT reference FROM welfare_claim WHERE eligibility_exception IS NOT NULL AND decided_at < '2026-01-01' ORDER BY decided_at, reference`,
        )) as { reference: string }[]
      ).map((r) => r.reference);
      expect(new Set(refs).size).toBe(BULK);
      expect(refs).toEqual(expected);
      const byReason = Object.fromEntries(REASONS.map((r) => [r, BULK / 5]));
      for (const page of pages) expect(page.totals).toEqual({ approvals: BULK, byReason });
      expect(pages.at(-1)!.next).toBeNull();
    });

    it('a page is an index range: the keyset plan reads the page’s rows, not the period', async () => {
      const [{ 'QUERY PLAN': plan }] = await t.dataSource.query(
        `EXPLAIN (FORMAT JSON) SELECT reference FROM welfare_claim w
          WHERE w.eligibility_exception IS NOT NULL AND w.decided_at >= '2025-01-01' AND w.decided_at < '2026-01-01'
            AND (w.decided_at, w.reference) > ('2025-03-01 00:00:00+00'::timestamptz, 'WC-2025-000001-0'::text)
          ORDER BY w.decided_at, w.reference LIMIT 51`,
      );
      const text = JSON.stringify(plan);
      expect(text).toContain('ix_welfare_claim_exception_page');
      expect(text).not.toContain('"Sort"');
    });

    it('a bad, foreign or edited cursor is 400 naming `cursor`; a bad limit names `limit`', async () => {
      const second = (await report(`${MARCH}&limit=2`).expect(200)).body.next as string;
      const claimsNext = (await t.http.get('/welfare/claims?pageSize=1').set('Authorization', officer.bearer).expect(200)).body.next as string;
      expect(claimsNext).toEqual(expect.any(String));
      const [tag, at, reference] = JSON.parse(Buffer.from(second, 'base64url').toString()) as [number, string, string];
      for (const bad of [
        'not a cursor',
        'WzMwMSwx',
        claimsNext, // the welfare claims list's
        encodeCursor([300, 6667, 2, '0b9f3c8e-3a5d-4f64-9d7e-2f1c8a6b4e21']), // the per-agency report's
        encodeCursor([302, at, reference]),
        encodeCursor([tag, 'yesterday', reference]),
        encodeCursor([tag, at, 'wc-2026; drop table']),
        encodeCursor([tag, at]),
        'A'.repeat(201),
      ]) {
        const res = await report(`${MARCH}&cursor=${encodeURIComponent(bad)}`).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(['cursor']);
      }
      for (const limit of ['0', '501', '-1', '2.5', 'ten']) {
        const res = await report(`${MARCH}&limit=${limit}`).expect(400);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(['limit']);
      }
      expect((await report(`${MARCH}&limit=500`).expect(200)).body.rows).toHaveLength(6);
      expect((await report(`${MARCH}&cursor=${second}`).expect(200)).body.rows.map((r: { reference: string }) => r.reference)).toEqual(
        ['E3', 'E4', 'E5', 'E6'].map((k) => ref[k]),
      );
    });
  });

  describe('the CSV: every row of the period, streamed, a few downloads at once', () => {
    /** The downloads held open, ended after each test whatever happened in it (a held one would keep the app from closing). */
    const heldOpen: ClientRequest[] = [];
    afterEach(() => {
      for (const req of heldOpen.splice(0)) req.destroy();
    });
    /** A download whose client reads nothing until told: the server holds its stream (and its cursor's connection) open. */
    const hold = (query: string) =>
      new Promise<{ req: ClientRequest; res: IncomingMessage }>((resolve, reject) => {
        const req = get(
          { host: '127.0.0.1', port, path: `/welfare/reports/eligibility-exceptions?${query}`, headers: { authorization: supervisor.bearer }, agent: false },
          (res) => {
            res.pause();
            resolve({ req, res });
          },
        );
        req.on('error', reject);
        heldOpen.push(req);
      });
    const readAll = (res: IncomingMessage) =>
      new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
        res.resume();
      });
    const lines = (csv: string) => csv.split('\r\n').filter((l) => l.startsWith('"WC-'));
    /** Database sessions holding a download's cursor open, waiting for its reader. */
    const cursorsHeld = async () =>
      Number(
        (
          await t.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%' AND query LIKE 'FETCH%'`,
          )
        )[0].n,
      );

    it('has every row of the period, whatever the page size, in the JSON’s order', async () => {
      const march = await report(`${MARCH}&format=csv&limit=1`).expect(200);
      const rows = (await walk(MARCH, 2)).flatMap((p) => p.rows);
      expect(march.text).toBe(toCsv(rows as never[], EXCEPTION_COLUMNS));
      expect(lines(march.text)).toHaveLength(6);
      expect(lines((await report('format=csv').expect(200)).text)).toHaveLength(7 + BULK);
    });

    it('past DATABASE_EXPORT_STREAMS (1) a download is 503 with Retry-After while one streams; after it ends, or its client goes away, the next one streams', async () => {
      const held = await hold(`${YEAR_2025}&format=csv`);
      expect(held.res.statusCode).toBe(200);
      // Its client reads nothing: the stream, and its cursor, stay open.
      await new Promise((r) => setTimeout(r, 300));
      expect(await cursorsHeld()).toBe(1);
      // A second download of either streamed CSV is refused at once, as the API's other 503s: problem+json and Retry-After.
      for (const path of [`/welfare/reports/eligibility-exceptions?${MARCH}&format=csv`, '/complaints/reports/agencies?format=csv']) {
        const busy = await t.http.get(path).set('Authorization', supervisor.bearer).expect(503);
        expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(busy.headers['retry-after']).toBe('5');
        expect(busy.body).toMatchObject({ code: 'service-unavailable', status: 503, retryAfter: 5 });
      }
      // The JSON holds no connection past its answer: not capped.
      await report(`${MARCH}&limit=2`).expect(200);
      // The held download, read now, is whole; then the next download streams.
      const whole = await readAll(held.res);
      expect(lines(whole)).toHaveLength(BULK);
      expect(await cursorsHeld()).toBe(0);
      expect(lines((await report(`${MARCH}&format=csv`).expect(200)).text)).toHaveLength(6);

      // A client that goes away mid-download gives its slot back (and its cursor's connection).
      const gone = await hold(`${YEAR_2025}&format=csv`);
      await new Promise((r) => setTimeout(r, 300));
      expect(await cursorsHeld()).toBe(1);
      await report(`${MARCH}&format=csv`).expect(503);
      gone.req.destroy();
      const next = await waitFor(
        'a download after the client went away',
        async () => {
          const res = await report(`${MARCH}&format=csv`);
          return res.status === 200 ? res : null;
        },
        5_000,
      );
      expect(lines(next.text)).toHaveLength(6);
      expect(await cursorsHeld()).toBe(0);
    });
  });
});
