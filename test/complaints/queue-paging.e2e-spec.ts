/**
 * Keyset paging of the daily lists (issue 23): the ministry's case queue, the placements and the
 * welfare claims answer a `next` cursor; walking a list by it gives every matching item once, in
 * the list's order (ties on the time broken by id, times to the microsecond), with the filters
 * applied, and items added before the cursor's place after a page was read do not shift the next
 * page. The case queues also answer a `previous` cursor (null on the first page): walking back by it
 * meets the same pages as walking forward, in every order. The queue holds open cases unless a stage or `includeClosed` is asked for; `total` is the
 * exact count under the cap (1,000; beyond it `totalCapped` is true); `page` still pages as before. A
 * cursor that is not one of the list's is 400 problem+json naming `cursor`.
 *
 * The rows are written straight into the tables (fixtures), with times and ids chosen to make
 * ties, so the order is known without filing hundreds of cases through the API.
 */
import { randomUUID } from 'node:crypto';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

interface CaseRow {
  id: string;
  urgent: boolean;
  createdAt: string;
  stage: string;
  agencyId: string | null;
  assignedTo: string;
  supervisor: boolean;
}

/** The queue's order: urgent first, then oldest first, then by id (as text: Postgres compares uuids bytewise, as their hex). */
const queueOrder = (a: CaseRow, b: CaseRow) =>
  Number(!a.urgent) - Number(!b.urgent) || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('keyset paging of the queues (e2e)', () => {
  let t: TestApp;
  let inspector: TestUser;
  let other: TestUser;
  let supervisor: TestUser;
  let officer: TestUser;
  let agencyA: string;
  let agencyB: string;
  const cases: CaseRow[] = [];
  let serial = 0;

  async function insertCase(c: CaseRow): Promise<void> {
    serial++;
    await t.dataSource.query(
      `INSERT INTO complaint (id, reference, source, kind, channel, stage, outcome, priority, urgent_reasons, agency_id, recruiter_given, jurisdiction_code, language,
                              anonymous, identity_protected, worker_abroad, assigned_to, in_supervisor_queue, conciliation_extended, refund_order_ids, version,
                              created_at, updated_at, closed_at)
       VALUES ($1, $2, 'public', 'complaint', 'web', $3, $4, $5, '[]', $6, CASE WHEN $6::uuid IS NULL THEN 'someone' END, 'PH', 'en',
               true, false, false, $7, $8, false, '[]', 1, $9::timestamptz, $9::timestamptz, CASE WHEN $3 = 'closed' THEN $9::timestamptz END)`,
      [
        c.id,
        `CMP-2026-9${String(serial).padStart(4, '0')}-0`,
        c.stage,
        c.stage === 'closed' ? 'dismissed' : null,
        c.urgent ? 'urgent' : 'normal',
        c.agencyId,
        c.assignedTo,
        c.supervisor,
        c.createdAt,
      ],
    );
    cases.push(c);
  }

  /** Every item of a list, walked by `next` with the given page size: ids in the order served, and how many pages. */
  async function walk(path: string, who: TestUser, pageSize: number): Promise<{ ids: string[]; pages: number; totals: number[] }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    const sep = path.includes('?') ? '&' : '?';
    do {
      const res: { body: { items: { id: string }[]; total: number; totalCapped: boolean; next: string | null } } = await t.http
        .get(`${path}${sep}pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', who.bearer)
        .expect(200);
      pages++;
      ids.push(...res.body.items.map((i) => i.id));
      totals.push(res.body.total);
      expect(res.body.totalCapped).toBe(false);
      expect(res.body.items.length).toBeLessThanOrEqual(pageSize);
      cursor = res.body.next;
      if (cursor) expect(res.body.items.length).toBe(pageSize);
      if (pages > 100) throw new Error('the walk does not end');
    } while (cursor);
    return { ids, pages, totals };
  }

  interface PageSeen {
    ids: string[];
    next: string | null;
    previous: string | null;
  }
  const get = async (path: string, who: TestUser): Promise<PageSeen> => {
    const body = (await t.http.get(path).set('Authorization', who.bearer).expect(200)).body as {
      items: { id: string }[];
      next: string | null;
      previous: string | null;
    };
    return { ids: body.items.map((i) => i.id), next: body.next, previous: body.previous };
  };

  /**
   * Walks a list forward by `next` to its last page, then back by `previous` to its first: the pages
   * met going back are the pages met going forward (items, `next` and `previous` alike), and only
   * the first page has no `previous`. Answers the ids in the order served.
   */
  async function walkBothWays(path: string, who: TestUser, pageSize: number): Promise<string[]> {
    const sep = path.includes('?') ? '&' : '?';
    const forward: PageSeen[] = [await get(`${path}${sep}pageSize=${pageSize}`, who)];
    expect(forward[0].previous).toBeNull();
    while (forward[forward.length - 1].next) {
      forward.push(await get(`${path}${sep}pageSize=${pageSize}&cursor=${forward[forward.length - 1].next}`, who));
      expect(forward[forward.length - 1].previous).toEqual(expect.any(String));
      if (forward.length > 100) throw new Error('the walk does not end');
    }
    const back: PageSeen[] = [forward[forward.length - 1]];
    while (back[0].previous) {
      back.unshift(await get(`${path}${sep}pageSize=${pageSize}&cursor=${back[0].previous}`, who));
      if (back.length > forward.length) throw new Error('the walk back does not end at the first page');
    }
    expect(back).toEqual(forward);
    return forward.flatMap((p) => p.ids);
  }

  const expected = (keep: (c: CaseRow) => boolean) =>
    cases
      .filter(keep)
      .sort(queueOrder)
      .map((c) => c.id);

  beforeAll(async () => {
    t = await createTestApp();
    [inspector, other, supervisor, officer] = await Promise.all(
      (['inspector', 'inspector', 'supervisor', 'welfare_officer'] as const).map((role) => createUser(t, { roles: [role] })),
    );
    agencyA = (await createAgency(t)).id;
    agencyB = (await createAgency(t)).id;
    // 48 cases: every fourth pair shares a creation time to the microsecond (ties broken by id);
    // a third urgent, a sixth closed, a fifth in the supervisors' queue, two agencies and none, two inspectors.
    const stages = ['submitted', 'conciliation', 'adjudication', 'settled', 'decided', 'closed'];
    for (let i = 0; i < 48; i++) {
      const micro = String(100000 + Math.floor(i / 2) * 7).padStart(6, '0');
      const createdAt = `2026-03-${String(1 + (i % 20)).padStart(2, '0')} 08:00:00.${i % 4 < 2 ? '123456' : micro}+00`;
      await insertCase({
        id: randomUUID(),
        urgent: i % 3 === 0,
        createdAt,
        stage: stages[i % 6],
        agencyId: i % 5 === 0 ? null : i % 2 ? agencyA : agencyB,
        assignedTo: i % 4 === 0 ? other.id : inspector.id,
        supervisor: i % 5 === 1,
      });
    }
    // Postgres writes the times back in its own form: keep that form for comparing.
    const rows = (await t.dataSource.query(
      `SELECT id::text AS id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS at FROM complaint`,
    )) as { id: string; at: string }[];
    for (const r of rows) cases.find((c) => c.id === r.id)!.createdAt = r.at;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('walks the open cases once each, urgent first then oldest first, ties by id, with the exact total', async () => {
    const open = expected((c) => c.stage !== 'closed');
    expect(open.length).toBe(40);
    const { ids, pages, totals } = await walk('/complaints', inspector, 7);
    expect(ids).toEqual(open);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(open.length / 7));
    expect(new Set(totals)).toEqual(new Set([40]));
  });

  it('applies every filter on every page', async () => {
    expect((await walk('/complaints?assignedToMe=true', inspector, 5)).ids).toEqual(expected((c) => c.stage !== 'closed' && c.assignedTo === inspector.id));
    expect((await walk('/complaints?priority=urgent', inspector, 4)).ids).toEqual(expected((c) => c.stage !== 'closed' && c.urgent));
    expect((await walk('/complaints?priority=normal', inspector, 9)).ids).toEqual(expected((c) => c.stage !== 'closed' && !c.urgent));
    expect((await walk(`/complaints?agencyId=${agencyA}`, inspector, 3)).ids).toEqual(expected((c) => c.stage !== 'closed' && c.agencyId === agencyA));
    expect((await walk('/complaints?supervisorQueue=true', supervisor, 2)).ids).toEqual(expected((c) => c.stage !== 'closed' && c.supervisor));
    expect((await walk('/complaints?stage=conciliation', inspector, 3)).ids).toEqual(expected((c) => c.stage === 'conciliation'));
    expect((await walk('/complaints?stage=closed', inspector, 3)).ids).toEqual(expected((c) => c.stage === 'closed'));
    const all = await walk('/complaints?includeClosed=true', inspector, 11);
    expect(all.ids).toEqual(expected(() => true));
    expect(all.totals[0]).toBe(48);
  });

  it('pages by `page` as before, in the same order, with a `next` that continues after it', async () => {
    const open = expected((c) => c.stage !== 'closed');
    const second = (await t.http.get('/complaints?page=2&pageSize=10').set('Authorization', inspector.bearer).expect(200)).body;
    expect(second.items.map((i: { id: string }) => i.id)).toEqual(open.slice(10, 20));
    expect(second.page).toBe(2);
    const third = (await t.http.get(`/complaints?pageSize=10&cursor=${second.next}`).set('Authorization', inspector.bearer).expect(200)).body;
    expect(third.items.map((i: { id: string }) => i.id)).toEqual(open.slice(20, 30));
  });

  it('neither repeats nor skips a case when one sorting before the cursor arrives between two pages', async () => {
    const first = (await t.http.get('/complaints?pageSize=10').set('Authorization', inspector.bearer).expect(200)).body;
    const before = expected((c) => c.stage !== 'closed');
    // Urgent and older than every case: it sorts first, before the cursor's place.
    await insertCase({
      id: randomUUID(),
      urgent: true,
      createdAt: '2026-01-01 00:00:00.000001',
      stage: 'submitted',
      agencyId: null,
      assignedTo: inspector.id,
      supervisor: false,
    });
    const second = (await t.http.get(`/complaints?pageSize=10&cursor=${first.next}`).set('Authorization', inspector.bearer).expect(200)).body;
    expect([...first.items, ...second.items].map((i: { id: string }) => i.id)).toEqual(before.slice(0, 20));
    expect(second.total).toBe(41);
  });

  it('answers 400 naming `cursor` for a cursor that is not one of the list', async () => {
    const placementCursor = Buffer.from(JSON.stringify(['12'])).toString('base64url');
    const wrongTime = Buffer.from(JSON.stringify([0, '2026-13-45 99:00:00+00', randomUUID()])).toString('base64url');
    for (const cursor of ['not a cursor', 'e30', placementCursor, wrongTime, 'x'.repeat(201)]) {
      const res = await t.http
        .get(`/complaints?cursor=${encodeURIComponent(cursor)}`)
        .set('Authorization', inspector.bearer)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('cursor');
    }
    const onClaims = await t.http.get(`/welfare/claims?cursor=${placementCursor}`).set('Authorization', officer.bearer).expect(400);
    expect(onClaims.body.errors[0].field).toBe('cursor');
    const onPlacements = await t.http.get('/placements?cursor=W10').set('Authorization', inspector.bearer).expect(400);
    expect(onPlacements.body.errors[0].field).toBe('cursor');
  });

  describe('the other orders (sort, order)', () => {
    const STAGE_ORDER = ['submitted', 'conciliation', 'settled', 'adjudication', 'decided', 'appealed', 'closed'];
    const byTime = (a: CaseRow, b: CaseRow) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const byId = (a: CaseRow, b: CaseRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const due = new Map<string, string>();
    const names = new Map<string, string>();
    const dueOf = (c: CaseRow) => due.get(c.id) ?? '9999';
    const nameOf = (c: CaseRow) => (c.agencyId ? names.get(c.agencyId)! : '');
    const ORDERS: Record<string, (a: CaseRow, b: CaseRow) => number> = {
      priority: queueOrder,
      filed: byTime,
      stage: (a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage) || byTime(a, b),
      deadline: (a, b) => (dueOf(a) < dueOf(b) ? -1 : dueOf(a) > dueOf(b) ? 1 : 0) || byId(a, b),
      // Postgres compares the names by the database's collation: the fixtures' names differ in a way every collation orders alike.
      agency: (a, b) =>
        (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0) ||
        ((a.agencyId ?? '') < (b.agencyId ?? '') ? -1 : (a.agencyId ?? '') > (b.agencyId ?? '') ? 1 : 0) ||
        byTime(a, b),
    };
    const sorted = (keep: (c: CaseRow) => boolean, sort: string, order: 'asc' | 'desc') => {
      const ids = cases
        .filter(keep)
        .sort(ORDERS[sort])
        .map((c) => c.id);
      return order === 'desc' ? ids.reverse() : ids;
    };

    beforeAll(async () => {
      // Names every collation orders alike (B's before A's).
      await t.dataSource.query(
        `UPDATE agency SET legal_name = CASE WHEN id = $1 THEN 'Zamboanga Overseas Recruiters' ELSE 'Bayanihan Manpower Services' END WHERE id IN ($1, $2)`,
        [agencyA, agencyB],
      );
      for (const { id, legal_name } of (await t.dataSource.query(`SELECT id::text AS id, legal_name FROM agency WHERE id = ANY($1)`, [[agencyA, agencyB]])) as {
        id: string;
        legal_name: string;
      }[])
        names.set(id, legal_name);
      // Open deadlines on some cases (two sharing a due time: ties by id), a met one that must not count,
      // and one moved later: the case's next_due_at follows the deadlines (triggers), never written by the app.
      const open = cases.filter((c) => c.stage !== 'closed');
      const put = async (c: CaseRow, dueAt: string, state = 'pending') =>
        (
          (await t.dataSource.query(
            `INSERT INTO deadline (subject_type, subject_id, kind, jurisdiction_code, policy_version, label, started_at, due_at, state)
             VALUES ('complaint', $1, $2, 'PH', 1, 'fixture', now(), $3::timestamptz, $4) RETURNING id`,
            [c.id, `complaint.fixture-${randomUUID().slice(0, 8)}`, dueAt, state],
          )) as { id: string }[]
        )[0].id;
      for (let i = 0; i < open.length; i += 3) {
        const at = `2026-04-${String(10 + (i % 9)).padStart(2, '0')} 09:00:00.000000+00`;
        await put(open[i], at);
        due.set(open[i].id, at);
      }
      await put(open[1], '2026-01-01 00:00:00+00', 'met');
      const moved = await put(open[2], '2026-04-01 00:00:00+00');
      await t.dataSource.query(`UPDATE deadline SET due_at = '2026-05-30 00:00:00+00' WHERE id = $1`, [moved]);
      due.set(open[2].id, '2026-05-30 00:00:00.000000+00');
      const cancelled = await put(open[4], '2026-03-01 00:00:00+00');
      await t.dataSource.query(`UPDATE deadline SET state = 'cancelled' WHERE id = $1`, [cancelled]);
    });

    for (const sort of ['priority', 'deadline', 'filed', 'stage', 'agency']) {
      for (const order of ['asc', 'desc'] as const) {
        it(`walks the open cases by ${sort} ${order}, each once, in that order, by cursor`, async () => {
          const { ids } = await walk(`/complaints?sort=${sort}&order=${order}`, inspector, 6);
          expect(ids).toEqual(sorted((c) => c.stage !== 'closed', sort, order));
        });

        it(`walks the open cases by ${sort} ${order} forward to the end and back to the start by \`previous\`, the same pages both ways`, async () => {
          // 6 a page: the last page is short; 5: it is full (no page after it); 7 with a filter.
          expect(await walkBothWays(`/complaints?sort=${sort}&order=${order}`, inspector, 6)).toEqual(sorted((c) => c.stage !== 'closed', sort, order));
          expect(await walkBothWays(`/complaints?sort=${sort}&order=${order}`, inspector, 5)).toEqual(sorted((c) => c.stage !== 'closed', sort, order));
          expect(await walkBothWays(`/complaints?sort=${sort}&order=${order}&includeClosed=true&assignedToMe=true`, inspector, 7)).toEqual(
            sorted((c) => c.assignedTo === inspector.id, sort, order),
          );
        });
      }
    }

    it('answers a `previous` from a page read by `page`, and a full first page when less than a page is left before a `previous`', async () => {
      const all = sorted((c) => c.stage !== 'closed', 'deadline', 'desc');
      const third = await get('/complaints?sort=deadline&order=desc&page=3&pageSize=5', inspector);
      expect(third.ids).toEqual(all.slice(10, 15));
      const second = await get(`/complaints?sort=deadline&order=desc&pageSize=5&cursor=${third.previous}`, inspector);
      expect(second.ids).toEqual(all.slice(5, 10));
      // Two cases of the first page close: the two cases before the second page's first are the first page now;
      // its first 5 (and no `previous`) are answered rather than a short page.
      const closing = all.slice(0, 2);
      await t.dataSource.query(`UPDATE complaint SET stage = 'closed', outcome = 'dismissed', closed_at = now() WHERE id = ANY($1)`, [closing]);
      try {
        const first = await get(`/complaints?sort=deadline&order=desc&pageSize=5&cursor=${second.previous}`, inspector);
        expect(first).toEqual({ ids: all.slice(2, 7), next: expect.any(String), previous: null });
      } finally {
        for (const id of closing)
          await t.dataSource.query(`UPDATE complaint SET stage = $2, outcome = NULL, closed_at = NULL WHERE id = $1`, [
            id,
            cases.find((c) => c.id === id)!.stage,
          ]);
      }
    });

    it('keeps the filters and pages by `page` in every order; the next_due_at the order uses is the one the list shows', async () => {
      expect((await walk('/complaints?sort=deadline&assignedToMe=true', inspector, 4)).ids).toEqual(
        sorted((c) => c.stage !== 'closed' && c.assignedTo === inspector.id, 'deadline', 'asc'),
      );
      expect((await walk('/complaints?sort=agency&order=desc&supervisorQueue=true', supervisor, 2)).ids).toEqual(
        sorted((c) => c.stage !== 'closed' && c.supervisor, 'agency', 'desc'),
      );
      expect((await walk('/complaints?sort=stage&includeClosed=true', inspector, 9)).ids).toEqual(sorted(() => true, 'stage', 'asc'));
      const second = (await t.http.get('/complaints?sort=agency&page=2&pageSize=10').set('Authorization', inspector.bearer).expect(200)).body;
      expect(second.items.map((i: { id: string }) => i.id)).toEqual(sorted((c) => c.stage !== 'closed', 'agency', 'asc').slice(10, 20));
      const third = (await t.http.get(`/complaints?sort=agency&pageSize=10&cursor=${second.next}`).set('Authorization', inspector.bearer).expect(200)).body;
      expect(third.items.map((i: { id: string }) => i.id)).toEqual(sorted((c) => c.stage !== 'closed', 'agency', 'asc').slice(20, 30));
      const first = (await t.http.get('/complaints?sort=deadline&pageSize=40').set('Authorization', inspector.bearer).expect(200)).body;
      for (const item of first.items as { id: string; nextDueAt: string | null }[]) {
        expect(item.nextDueAt ? new Date(item.nextDueAt).toISOString() : null).toBe(
          due.has(item.id) ? new Date(due.get(item.id)!.replace(' ', 'T').replace('+00', 'Z')).toISOString() : null,
        );
      }
    });

    it('answers 400 naming `cursor` for a cursor of another order, and naming `sort` or `order` for a value it does not know', async () => {
      const byDeadline = (await t.http.get('/complaints?sort=deadline&pageSize=3').set('Authorization', inspector.bearer).expect(200)).body.next;
      const byFiled = (await t.http.get('/complaints?sort=filed&pageSize=3').set('Authorization', inspector.bearer).expect(200)).body.next;
      const byFiledBack = (await t.http.get(`/complaints?sort=filed&pageSize=3&cursor=${byFiled}`).set('Authorization', inspector.bearer).expect(200)).body
        .previous;
      expect(byFiledBack).toEqual(expect.any(String));
      // A `previous` edited (its key changed, or its sort's number) is refused like any cursor not the list's.
      const [tag, ...key] = JSON.parse(Buffer.from(byFiledBack, 'base64url').toString()) as [number, ...string[]];
      const edited = Buffer.from(JSON.stringify([tag, 'not a time', ...key.slice(1)])).toString('base64url');
      const renumbered = Buffer.from(JSON.stringify([tag + 1, ...key])).toString('base64url');
      for (const path of [
        `/complaints?sort=deadline&cursor=${byFiledBack}`,
        `/complaints?sort=filed&order=desc&cursor=${byFiledBack}`,
        `/complaints?sort=filed&cursor=${edited}`,
        `/complaints?sort=filed&cursor=${renumbered}`,
        `/complaints?sort=agency&cursor=${byFiledBack}`,
        `/complaints?sort=filed&cursor=${byDeadline}`,
        `/complaints?sort=filed&order=desc&cursor=${byFiled}`,
        `/complaints?cursor=${byFiled}`,
        `/complaints?sort=agency&cursor=${byFiled}`,
      ]) {
        const res = await t.http.get(path).set('Authorization', inspector.bearer).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('cursor');
      }
      expect((await t.http.get('/complaints?sort=reference').set('Authorization', inspector.bearer).expect(400)).body.errors[0].field).toBe('sort');
      expect((await t.http.get('/complaints?order=up').set('Authorization', inspector.bearer).expect(400)).body.errors[0].field).toBe('order');
    });
  });

  it("walks the agency's own list (closed cases included) by cursor", async () => {
    const admin = await createUser(t, { roles: ['agency_admin'], agencyId: agencyB });
    expect((await walk('/agency/complaints', admin, 4)).ids).toEqual(expected((c) => c.agencyId === agencyB));
    expect(await walkBothWays('/agency/complaints', admin, 4)).toEqual(expected((c) => c.agencyId === agencyB));
  });

  it('walks the placements newest first and the welfare claims newest first, ties by id, each once, filters kept', async () => {
    await t.dataSource.query(
      `INSERT INTO placement (agency_id, license_number, worker_name, worker_passport_number, employer_name, origin_country, destination_country, occupation_category,
                              monthly_salary_minor, salary_currency, recruited_on, contract_start, contract_months, fees, revision, created_at, updated_at)
       SELECT CASE WHEN i % 2 = 0 THEN $1::uuid ELSE $2::uuid END, 'PH-LRA-2026-00001-0', 'Worker ' || i, 'P' || i, 'Employer', 'PH',
              CASE WHEN i % 3 = 0 THEN 'HK' ELSE 'SG' END, 'domestic-work', 150000, 'USD', DATE '2026-01-01', DATE '2026-02-01', 24, '[]', 1, now(), now()
         FROM generate_series(1, 23) AS i`,
      [agencyA, agencyB],
    );
    const seqs = (await t.dataSource.query(`SELECT id, destination_country AS d FROM placement ORDER BY seq DESC`)) as { id: string; d: string }[];
    expect((await walk('/placements', inspector, 5)).ids).toEqual(seqs.map((s) => s.id));
    expect((await walk('/placements?destinationCountry=HK', inspector, 2)).ids).toEqual(seqs.filter((s) => s.d === 'HK').map((s) => s.id));

    await t.dataSource.query(
      `INSERT INTO welfare_claim (reference, claim_type, state, worker_passport_number, worker_name, claimant_kind, filed_by, incident_date, filed_on, facts, currency,
                                  eligibility, requested_documents, language, version, created_at, updated_at)
       SELECT 'WC-2026-' || lpad(i::text, 5, '0') || '-0', CASE WHEN i % 2 = 0 THEN 'medical' ELSE 'repatriation' END, CASE WHEN i % 4 = 0 THEN 'under_review' ELSE 'submitted' END,
              'P' || i, 'Worker ' || i, 'officer', $1, DATE '2026-01-01', DATE '2026-01-05', 'facts', 'PHP', '{"eligible": true, "checks": []}', '[]', 'en', 1,
              TIMESTAMPTZ '2026-01-05 08:00:00.123456+00' + (i / 3) * interval '1 microsecond', now()
         FROM generate_series(1, 17) AS i`,
      [officer.id],
    );
    const claims = (await t.dataSource.query(`SELECT id, claim_type AS t, reference FROM welfare_claim ORDER BY created_at DESC, id DESC`)) as {
      id: string;
      t: string;
      reference: string;
    }[];
    // One open decision deadline: the list shows when it is due (one query for the page, not one per claim).
    await t.dataSource.query(
      `INSERT INTO deadline (subject_type, subject_id, kind, jurisdiction_code, policy_version, label, started_at, due_at, state)
       VALUES ('welfare_claim', $1, 'welfare.decision', 'PH', 1, 'decision', now(), TIMESTAMPTZ '2026-02-04 09:00Z', 'pending')`,
      [claims[3].id],
    );
    expect((await walk('/welfare/claims', officer, 4)).ids).toEqual(claims.map((c) => c.id));
    expect((await walk('/welfare/claims?claimType=medical', officer, 3)).ids).toEqual(claims.filter((c) => c.t === 'medical').map((c) => c.id));
    const page = (await t.http.get('/welfare/claims?pageSize=5').set('Authorization', officer.bearer).expect(200)).body;
    expect(page.items.map((c: { decisionDue: string | null }) => c.decisionDue)).toEqual([null, null, null, '2026-02-04T09:00:00.000Z', null]);
  });
  it('counts the total up to 1,000 and says when it stopped there', async () => {
    await t.dataSource.query(
      `INSERT INTO complaint (reference, source, kind, channel, stage, priority, urgent_reasons, recruiter_given, jurisdiction_code, language, anonymous, identity_protected,
                              worker_abroad, assigned_to, in_supervisor_queue, conciliation_extended, refund_order_ids, version, created_at, updated_at)
       SELECT 'CMP-2027-' || lpad(i::text, 5, '0') || '-0', 'public', 'complaint', 'web', 'submitted', 'normal', '[]', 'someone', 'PH', 'en', true, false,
              false, $1, false, false, '[]', 1, TIMESTAMPTZ '2026-06-01 00:00Z' + i * interval '1 second', now()
         FROM generate_series(1, 1000) AS i`,
      [inspector.id],
    );
    const open = (await t.http.get('/complaints?pageSize=100').set('Authorization', inspector.bearer).expect(200)).body;
    expect([open.total, open.totalCapped]).toEqual([1000, true]);
    expect(open.next).toEqual(expect.any(String));
    const closed = (await t.http.get('/complaints?stage=closed').set('Authorization', inspector.bearer).expect(200)).body;
    expect([closed.total, closed.totalCapped]).toEqual([cases.filter((c) => c.stage === 'closed').length, false]);
  });
});
