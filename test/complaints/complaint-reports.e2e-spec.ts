/**
 * Supervisor reports on complaints, end to end: cases filed at known clock times land in the
 * expected stage and age buckets (boundaries of the buckets and of the period, read in Manila
 * time); a triage met on time, one breached by the worker then met, one met late without a
 * breach, one overdue and one running give the hand-computed compliance; agencies with known
 * complaints and placements give the hand-computed rate per 100, paged by keyset cursor (the pages
 * walked by `next` are the one big page; foreign cursors and limits out of range are 400); CSV parses back (escaping and
 * formula defusing); only supervisors; bad periods are 400 naming the field; and
 * `/complaints/reports/stages` is this controller's, not `/complaints/:id`'s.
 *
 * Each scenario lives in a period of its own (SLA in March-April 2026, agencies in May, stages in
 * June-September), so the reports of one are not disturbed by the cases of another.
 */
import { ComplaintReports } from '@app/complaints/reports';
import { ManualClock, encodeCursor, toCsv } from '@app/common';
import { QueryCursor } from '@app/database';
import { SchedulerService } from '@app/deadlines';
import { Placements, RecordPlacementInput } from '@app/fees';
import { ComplaintReportsController } from '../../apps/api/src/complaints/complaint-reports.controller';
import { ComplaintsHttpModule } from '../../apps/api/src/complaints/complaints-http.module';
import { placementBody, seedFees } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** RFC 4180, strictly: every record ends with CRLF; a bare CR or LF outside quotes is an error. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (ch === '"' && field === '' && !wasQuoted) {
      quoted = wasQuoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (ch === '\r' || ch === '\n' || ch === '"' || wasQuoted) {
      throw new Error(`malformed CSV at ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))}`);
    } else {
      field += ch;
    }
  }
  if (quoted || field !== '' || record.length) throw new Error('the last record is not ended by CRLF');
  return records;
}

/** The CSV's records as objects keyed by the header record. */
const csvObjects = (text: string) => {
  const [header, ...rows] = parseCsv(text);
  for (const r of rows) expect(r).toHaveLength(header.length);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
};

describe('complaint reports', () => {
  const start = new Date('2026-03-02T01:00:00.000Z'); // Monday 2 March 2026, 09:00 in Manila
  const clock = new ManualClock(start);
  let t: TestApp;
  let worker: TestWorker;
  let inspector: TestUser;
  let supervisor: TestUser;
  let agencyAdmin: TestUser;

  const agencies: Record<'p' | 'q' | 'r' | 's' | 't', { id: string; name: string; licenseNumber: string }> = {} as never;

  beforeAll(async () => {
    const env = { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0' };
    // Mounted beside the real modules until ComplaintsHttpModule registers the controller itself (then mounting it twice would register its routes twice).
    const registered = ((Reflect.getMetadata('controllers', ComplaintsHttpModule) ?? []) as unknown[]).includes(ComplaintReportsController);
    t = await createTestApp({ clock, env, ...(registered ? {} : { controllers: [ComplaintReportsController], providers: [ComplaintReports] }) });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...env, REDIS_PREFIX: t.config.redis.REDIS_PREFIX } });
    await seedFees(t);
    [inspector, supervisor] = await Promise.all((['inspector', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
    const names = {
      p: 'Santos, "Golden" Manpower Inc.',
      q: '=HYPERLINK("http://evil.test","Q") Recruiters',
      r: 'Rizal Overseas Agency',
      s: 'Sampaguita Staffing',
      // Harmless with `,` as separator; a formula in its own cell if a spreadsheet splits on `;` an unquoted field.
      t: 'Tala Placement Services;=WEBSERVICE(A1)',
    };
    for (const key of Object.keys(names) as (keyof typeof names)[]) {
      const id = (await createAgency(t, { legalName: names[key] })).id;
      const licenseNumber = (
        await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId: id, type: 'regular' }).expect(201)
      ).body.number;
      agencies[key] = { id, name: names[key], licenseNumber };
    }
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: agencies.p.id });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  /** Files a public complaint at the given instant (no agency unless a license number is given). */
  const fileAt = async (at: Date, over: Record<string, unknown> = {}) => {
    clock.set(at);
    const body = {
      recruiterDescription: 'A sub-agent in Manila who showed no license',
      allegations: [{ category: 'unpaid-wages', facts: 'Two months of salary were never paid.' }],
      language: 'en',
      anonymous: true,
      ...over,
    };
    return (await t.http.post('/public/complaints').send(body).expect(201)).body as { id: string; reference: string };
  };
  const staffView = async (id: string) => (await t.http.get(`/complaints/${id}`).set('Authorization', inspector.bearer).expect(200)).body;
  const actAt = async (at: Date, id: string, action: string, body: Record<string, unknown> = {}) => {
    clock.set(at);
    const { version } = await staffView(id);
    await t.http
      .post(`/complaints/${id}/actions/${action}`)
      .set('Authorization', inspector.bearer)
      .send({ version, ...body })
      .expect(200);
  };
  const report = (path: string, as: TestUser = supervisor) => t.http.get(`/complaints/reports/${path}`).set('Authorization', as.bearer);

  describe('cases by stage and age', () => {
    const now = new Date('2026-10-01T02:00:00.000Z'); // Thursday 1 October 2026, 10:00 in Manila
    const ago = (days: number, plusMs = 0) => new Date(now.getTime() - days * DAY + plusMs);

    beforeAll(async () => {
      // Just outside and just inside the period (1 June - 30 September, Manila time).
      await fileAt(new Date('2026-05-31T15:30:00.000Z')); // 31 May 23:30 in Manila: outside
      await fileAt(new Date('2026-05-31T16:30:00.000Z')); // 1 June 00:30 in Manila: inside, 121 days old
      const a1 = await fileAt(ago(100));
      await fileAt(ago(91)); // over 90
      await fileAt(ago(90)); // 31-90
      const f1 = await fileAt(ago(60));
      await actAt(ago(55), f1.id, 'dismiss', { reason: 'Not within the ministry’s reach' }); // closed in 5 days: 0-7
      const b1 = await fileAt(ago(45));
      await actAt(ago(44), b1.id, 'accept'); // conciliation, 45 days old: 31-90
      const g1 = await fileAt(ago(40));
      await actAt(ago(5), g1.id, 'refer', { referralTarget: 'National Labor Relations Commission' }); // closed in 35 days: 31-90
      await fileAt(ago(30)); // 8-30
      await fileAt(ago(8)); // 8-30
      await fileAt(ago(8, MINUTE)); // 7 days 23 h 59 min: 0-7
      const d2 = await fileAt(ago(2));
      await actAt(ago(1), d2.id, 'accept'); // conciliation, 2 days old: 0-7
      await fileAt(new Date('2026-09-30T15:59:00.000Z')); // 30 September 23:59 in Manila: inside, 0 days
      await fileAt(new Date('2026-09-30T16:00:00.000Z')); // 1 October 00:00 in Manila: outside
      expect(a1.id).toBeDefined();
      clock.set(now);
    });

    const zero = { days0To7: 0, days8To30: 0, days31To90: 0, daysOver90: 0, total: 0 };

    it('counts the period’s cases per stage (closed: per outcome) in age buckets, with totals', async () => {
      clock.set(now);
      const res = await report('stages?from=2026-06-01&to=2026-09-30').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ asOf: now.toISOString(), asOfDate: '2026-10-01', timeZone: 'Asia/Manila', from: '2026-06-01', to: '2026-09-30' });
      expect(res.body.rows).toEqual([
        { stage: 'submitted', outcome: null, days0To7: 2, days8To30: 2, days31To90: 1, daysOver90: 3, total: 8 },
        { stage: 'conciliation', outcome: null, ...zero, days0To7: 1, days31To90: 1, total: 2 },
        { stage: 'settled', outcome: null, ...zero },
        { stage: 'adjudication', outcome: null, ...zero },
        { stage: 'decided', outcome: null, ...zero },
        { stage: 'appealed', outcome: null, ...zero },
        { stage: 'closed', outcome: 'referred', ...zero, days31To90: 1, total: 1 },
        { stage: 'closed', outcome: 'dismissed', ...zero, days0To7: 1, total: 1 },
        { stage: 'closed', outcome: 'settled', ...zero },
        { stage: 'closed', outcome: 'decided', ...zero },
        { stage: 'closed', outcome: 'appeal-decided', ...zero },
        { stage: 'closed', outcome: 'withdrawn', ...zero },
      ]);
      expect(res.body.totals).toEqual({ days0To7: 4, days8To30: 2, days31To90: 3, daysOver90: 3, total: 12 });
    });

    it('ages open cases from now: a week later the buckets move', async () => {
      clock.set(new Date(now.getTime() + 7 * DAY));
      try {
        const res = await report('stages?from=2026-06-01&to=2026-09-30').expect(200);
        // Submitted: 0-7 d (7d23h59m, 0 d) are now 14 and 7 days old; 8-30 (8, 30) are 15 and 37; 90 is 97.
        expect(res.body.rows[0]).toEqual({ stage: 'submitted', outcome: null, days0To7: 1, days8To30: 2, days31To90: 1, daysOver90: 4, total: 8 });
        // Closed cases keep the age they closed at.
        expect(res.body.rows[7]).toEqual({ stage: 'closed', outcome: 'dismissed', ...zero, days0To7: 1, total: 1 });
      } finally {
        clock.set(now);
      }
    });

    it('without a period, every case is counted once', async () => {
      const res = await report('stages').expect(200);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM complaint`);
      expect(res.body).toMatchObject({ from: null, to: null });
      expect(res.body.totals.total).toBe(n);
      expect(res.body.rows.reduce((s: number, r: { total: number }) => s + r.total, 0)).toBe(n);
    });

    it('as CSV: a download named after the report and the day, header, one record per row and the totals', async () => {
      clock.set(now);
      const res = await report('stages?from=2026-06-01&to=2026-09-30&format=csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="complaints-stages-2026-10-01.csv"');
      expect(res.text.endsWith('\r\n')).toBe(true);
      const { header, rows } = csvObjects(res.text);
      expect(header).toEqual(['stage', 'outcome', 'days0To7', 'days8To30', 'days31To90', 'daysOver90', 'total']);
      expect(rows).toHaveLength(13);
      expect(rows[0]).toEqual({ stage: 'submitted', outcome: '', days0To7: '2', days8To30: '2', days31To90: '1', daysOver90: '3', total: '8' });
      expect(rows[6]).toEqual({ stage: 'closed', outcome: 'referred', days0To7: '0', days8To30: '0', days31To90: '1', daysOver90: '0', total: '1' });
      expect(rows[12]).toEqual({ stage: 'total', outcome: '', days0To7: '4', days8To30: '2', days31To90: '3', daysOver90: '3', total: '12' });
    });
  });

  describe('SLA compliance', () => {
    const t2 = new Date('2026-03-09T01:00:00.000Z'); // Monday 9 March, 09:00 in Manila
    const triage = async (id: string) =>
      (await staffView(id)).deadlines.find((d: { kind: string }) => d.kind === 'complaint.triage') as { dueAt: string; state: string };

    beforeAll(async () => {
      // X: triage met within the hour. Y: breached (the worker fires it), then met.
      const x = await fileAt(start);
      const y = await fileAt(start);
      await actAt(new Date(start.getTime() + 60 * MINUTE), x.id, 'accept');
      const dueY = Date.parse((await triage(y.id)).dueAt);
      clock.set(new Date(dueY + MINUTE));
      const scheduler = worker.app.get(SchedulerService, { strict: false });
      await waitFor('the triage breached', async () => {
        await scheduler.scheduleDue();
        return (await triage(y.id)).state === 'breached';
      });
      const t1 = new Date(dueY + 2 * MINUTE);
      await actAt(t1, y.id, 'accept');
      // Z: left open past its due time (nothing fired: the scheduler is not run again). V: met after its due time, never breached.
      await fileAt(t1);
      const v = await fileAt(t1);
      await actAt(t2, v.id, 'accept');
      // W: filed now, due in two business days.
      await fileAt(t2);
      clock.set(t2);
    });

    const zero = { metOnTime: 0, metLate: 0, openOverdue: 0, openOnTime: 0, compliancePct: null };

    it('per kind: met on time, met late (breached, or after the due time), open overdue, open on time; compliance = on time / decided', async () => {
      clock.set(t2);
      const res = await report('sla?from=2026-03-01&to=2026-04-30').expect(200);
      expect(res.body).toMatchObject({ asOf: t2.toISOString(), asOfDate: '2026-03-09', from: '2026-03-01', to: '2026-04-30' });
      // Kinds in the order a case meets them; a kind with nothing in the period has no row.
      expect(res.body.rows).toEqual([
        { kind: 'complaint.triage', metOnTime: 1, metLate: 2, openOverdue: 1, openOnTime: 1, compliancePct: 25 },
        // X, Y and V's conciliations, due in April.
        { kind: 'complaint.conciliation', ...zero, openOnTime: 3 },
      ]);
      expect(res.body.totals).toEqual({ metOnTime: 1, metLate: 2, openOverdue: 1, openOnTime: 4, compliancePct: 25 });
      const [y] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM deadline WHERE subject_type = 'complaint' AND kind = 'complaint.triage' AND state = 'met' AND breached_at IS NOT NULL`,
      );
      expect(y.n).toBe(1);
    });

    it('the period takes met deadlines by the day they were met and open ones by the day they fall due', async () => {
      clock.set(t2);
      // From 5 March: X (met 2 March) and Y (met 4 March) drop out; V (met 9 March), Z (due 6 March) and W (due 11 March) stay.
      const late = await report('sla?from=2026-03-05&to=2026-03-31').expect(200);
      expect(late.body.rows).toEqual([{ kind: 'complaint.triage', metOnTime: 0, metLate: 1, openOverdue: 1, openOnTime: 1, compliancePct: 0 }]);
      const early = await report('sla?from=2026-03-01&to=2026-03-04').expect(200);
      expect(early.body.rows).toEqual([{ kind: 'complaint.triage', metOnTime: 1, metLate: 1, openOverdue: 0, openOnTime: 0, compliancePct: 50 }]);
      const none = await report('sla?from=2020-01-01&to=2020-12-31').expect(200);
      expect(none.body).toMatchObject({ rows: [], totals: { ...zero } });
    });

    it('as CSV, with the totals row', async () => {
      clock.set(t2);
      const res = await report('sla?from=2026-03-01&to=2026-04-30&format=csv').expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="complaints-sla-2026-03-09.csv"');
      const { header, rows } = csvObjects(res.text);
      expect(header).toEqual(['kind', 'metOnTime', 'metLate', 'openOverdue', 'openOnTime', 'compliancePct']);
      expect(rows).toHaveLength(3);
      expect(rows[0]).toEqual({ kind: 'complaint.triage', metOnTime: '1', metLate: '2', openOverdue: '1', openOnTime: '1', compliancePct: '25' });
      expect(rows[1]).toEqual({ kind: 'complaint.conciliation', metOnTime: '0', metLate: '0', openOverdue: '0', openOnTime: '3', compliancePct: '' });
      expect(rows[2]).toEqual({ kind: 'total', metOnTime: '1', metLate: '2', openOverdue: '1', openOnTime: '4', compliancePct: '25' });
    });

    it("a deadline whose breach is its action counts as met on time when it acted; every kind of deadline is covered, not only the cases'", async () => {
      // February 2027, a period nothing else falls in: an appeal window that lapsed (acted: the case closed),
      // a license application review overdue, a refund payment met late, a welfare claim decision met on time.
      const row = (kind: string, subjectType: string, state: string, dueAt: string, extra: { breachedAt?: string; closedAt?: string } = {}) =>
        t.dataSource.query(
          `INSERT INTO deadline (kind, subject_type, subject_id, label, jurisdiction_code, policy_version, started_at, due_fixed, due_at, next_fire_at, next_level, state, breached_at, closed_at)
           VALUES ($1, $2, gen_random_uuid(), 'report test', 'PH', 1, $3::timestamptz - interval '10 days', true, $3, NULL, 2, $4, $5, $6)`,
          [kind, subjectType, dueAt, state, extra.breachedAt ?? null, extra.closedAt ?? null],
        );
      await row('complaint.appeal-window', 'complaint', 'breached', '2027-02-10T02:00:00Z', { breachedAt: '2027-02-10T02:00:05Z' });
      await row('license.application-review', 'license-application', 'breached', '2027-02-11T02:00:00Z', { breachedAt: '2027-02-11T02:00:05Z' });
      await row('fees.refund-payment', 'refund-order', 'met', '2027-02-12T02:00:00Z', { breachedAt: '2027-02-12T02:00:05Z', closedAt: '2027-02-13T02:00:00Z' });
      // A license expiry that acted when its breach fired: the engine closed it as met, the effect row keeps 'acted'.
      await row('license.expiry', 'license', 'met', '2027-02-15T15:59:59.999Z', { breachedAt: '2027-02-15T16:00:02Z', closedAt: '2027-02-15T16:00:02Z' });
      const [expiryRow] = (await t.dataSource.query(
        `SELECT id, version FROM deadline WHERE kind = 'license.expiry' AND label = 'report test' AND due_at = '2027-02-15T15:59:59.999Z'`,
      )) as { id: string; version: number }[];
      await t.dataSource.query(
        `INSERT INTO deadline_effect (deadline_id, version, level, kind, due_to_fire_at, fired_at, via, outcome) VALUES ($1, $2, 1, 'license.expiry', '2027-02-15T15:59:59.999Z', '2027-02-15T16:00:02Z', 'job', 'acted')`,
        [expiryRow.id, expiryRow.version],
      );
      const [claimKind] = (await t.dataSource.query(`SELECT kind FROM sla_policy WHERE kind LIKE 'welfare.%' ORDER BY kind LIMIT 1`)) as { kind: string }[];
      await row(claimKind.kind, 'welfare-claim', 'met', '2027-02-14T02:00:00Z', { closedAt: '2027-02-13T02:00:00Z' });
      clock.set(new Date('2027-03-01T02:00:00Z'));
      try {
        const res = await report('sla?from=2027-02-01&to=2027-02-28').expect(200);
        expect(res.body.rows).toEqual([
          { kind: 'complaint.appeal-window', metOnTime: 1, metLate: 0, openOverdue: 0, openOnTime: 0, compliancePct: 100 },
          { kind: 'fees.refund-payment', metOnTime: 0, metLate: 1, openOverdue: 0, openOnTime: 0, compliancePct: 0 },
          { kind: 'license.application-review', metOnTime: 0, metLate: 0, openOverdue: 1, openOnTime: 0, compliancePct: 0 },
          { kind: 'license.expiry', metOnTime: 1, metLate: 0, openOverdue: 0, openOnTime: 0, compliancePct: 100 },
          { kind: claimKind.kind, metOnTime: 1, metLate: 0, openOverdue: 0, openOnTime: 0, compliancePct: 100 },
        ]);
        expect(res.body.totals).toMatchObject({ metOnTime: 3, metLate: 1, openOverdue: 1, compliancePct: 60 });
      } finally {
        clock.set(t2);
      }
    });
  });

  describe('complaints per 100 deployments', () => {
    beforeAll(async () => {
      const placements = t.app.get(Placements, { strict: false });
      const place = async (key: keyof typeof agencies, at: Date, n: number) => {
        clock.set(at);
        for (let i = 0; i < n; i++) {
          const input = placementBody({
            recruitedOn: '2026-04-01',
            contractStart: '2026-06-01',
            workerPassportNumber: `P${key.toUpperCase()}${i}${at.getTime() % 100000}`,
          }) as unknown as RecordPlacementInput;
          await t.dataSource.transaction((m) =>
            placements.recordIn(m, agencies[key].id, input, { userId: null, roles: ['agency_admin'], agencyId: agencies[key].id, auditActor: 'system' }),
          );
        }
      };
      const complain = async (key: keyof typeof agencies, at: Date, n: number) => {
        for (let i = 0; i < n; i++) await fileAt(at, { licenseNumber: agencies[key].licenseNumber, recruiterDescription: undefined });
      };
      const may4 = new Date('2026-05-04T02:00:00.000Z');
      // P: 2 complaints, 3 placements (a fourth on 1 June, Manila time: outside) → 66.67. An inspection case against P is not a complaint.
      await complain('p', may4, 2);
      const inspection = await fileAt(may4, { licenseNumber: agencies.p.licenseNumber, recruiterDescription: undefined });
      await t.dataSource.query(`UPDATE complaint SET kind = 'inspection', source = 'system' WHERE id = $1`, [inspection.id]);
      await place('p', may4, 3);
      await place('p', new Date('2026-05-31T16:30:00.000Z'), 1);
      // Q: 2 complaints (one at 00:30 on 1 May in Manila; a third at 23:30 on 30 April: outside), 4 placements → 50.
      await complain('q', new Date('2026-04-30T16:30:00.000Z'), 1);
      await complain('q', new Date('2026-04-30T15:30:00.000Z'), 1);
      await complain('q', may4, 1);
      await place('q', may4, 4);
      // T: 1 complaint, 2 placements → 50, after Q (fewer complaints).
      await complain('t', may4, 1);
      await place('t', may4, 2);
      // S: placements, no complaint → 0. R: complaints, no placement → no rate, last.
      await place('s', may4, 2);
      await complain('r', may4, 2);
      clock.set(may4);
    });

    it('counts complaints and placements of the period per agency; highest rate first, then most complaints; no placements last', async () => {
      const res = await report('agencies?from=2026-05-01&to=2026-05-31').expect(200);
      const row = (key: keyof typeof agencies, complaints: number, deployments: number, ratePer100: number | null) => ({
        agencyId: agencies[key].id,
        legalName: agencies[key].name,
        complaints,
        deployments,
        ratePer100,
      });
      expect(res.body.rows).toEqual([row('p', 2, 3, 66.67), row('q', 2, 4, 50), row('t', 1, 2, 50), row('s', 0, 2, 0), row('r', 2, 0, null)]);
    });

    it('pages the ranking by `next`: the pages together are one big page, in the same order; `total` counts the whole ranking', async () => {
      const whole = await report('agencies?from=2026-05-01&to=2026-05-31&limit=500').expect(200);
      expect(whole.body).toMatchObject({ total: 5, next: null, from: '2026-05-01', to: '2026-05-31' });
      expect(whole.body.rows).toHaveLength(5);
      // The default page (50) holds them all too.
      expect((await report('agencies?from=2026-05-01&to=2026-05-31').expect(200)).body).toMatchObject({ rows: whole.body.rows, total: 5, next: null });
      for (const limit of [1, 2, 4, 5]) {
        const walked: unknown[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: { body: { rows: unknown[]; next: string | null } } = await report(
            `agencies?from=2026-05-01&to=2026-05-31&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          ).expect(200);
          expect(res.body).toMatchObject({ total: 5, from: '2026-05-01', to: '2026-05-31', asOfDate: whole.body.asOfDate });
          expect(res.body.rows.length).toBeLessThanOrEqual(limit);
          walked.push(...res.body.rows);
          cursor = res.body.next;
          pages++;
        } while (cursor && pages < 10);
        expect(walked).toEqual(whole.body.rows);
        // A full last page has no `next`: no empty page after it.
        expect(pages).toBe(Math.ceil(5 / limit));
      }
      // The ties are cut by complaints, then name: Q (2 complaints) before T (1) at 50 per 100; R, with no rate, after S's 0.
      const second = await report('agencies?from=2026-05-01&to=2026-05-31&limit=2').expect(200);
      const third = await report(`agencies?from=2026-05-01&to=2026-05-31&limit=2&cursor=${second.body.next}`).expect(200);
      expect(third.body.rows.map((r: { agencyId: string }) => r.agencyId)).toEqual([agencies.t.id, agencies.s.id]);
      // The CSV lists every agency whatever the paging asked.
      const csv = await report('agencies?from=2026-05-01&to=2026-05-31&format=csv&limit=1').expect(200);
      expect(csvObjects(csv.text).rows).toHaveLength(5);
    });

    it('a cursor that is not one of this ranking is 400 naming `cursor`; a limit out of 1-500 is 400 naming `limit`', async () => {
      const unknownAgency = '7d1e2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b';
      const cursors = [
        'not a cursor',
        'WzMwMCw',
        encodeCursor([300, 5000, 2]),
        encodeCursor([300, 5000, 2, 'not-a-uuid']),
        encodeCursor([300, 5000, -2, agencies.p.id]),
        encodeCursor([300, -5, 2, agencies.p.id]),
        // A case queue's cursor (priority order: urgent rank, filed at, id), and one of a number that is no list's.
        encodeCursor([0, 1, '2026-05-04 02:00:00+00', agencies.p.id]),
        encodeCursor([1, 5000, 2, agencies.p.id]),
        // Well formed, but naming no agency.
        encodeCursor([300, 5000, 2, unknownAgency]),
        'x'.repeat(201),
      ];
      for (const cursor of cursors) {
        const res = await report(`agencies?from=2026-05-01&to=2026-05-31&cursor=${encodeURIComponent(cursor)}`).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(['cursor']);
      }
      for (const limit of ['0', '501', '-1', '2.5', 'ten']) {
        const res = await report(`agencies?from=2026-05-01&to=2026-05-31&limit=${limit}`).expect(400);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(['limit']);
      }
      await report('agencies?from=2026-05-01&to=2026-05-31&limit=500').expect(200);
      expect((await report('agencies?from=2026-05-01&to=2026-05-31&limit=1').expect(200)).body.rows).toHaveLength(1);
    });

    it('a period with nothing in it lists no agency', async () => {
      const res = await report('agencies?from=2020-01-01&to=2020-12-31').expect(200);
      expect(res.body).toMatchObject({ from: '2020-01-01', to: '2020-12-31', rows: [] });
      expect(res.body).toMatchObject({ total: 0, next: null });
      const csv = await report('agencies?from=2020-01-01&to=2020-12-31&format=csv').expect(200);
      expect(csv.text).toBe('"agencyId","legalName","complaints","deployments","ratePer100"\r\n');
    });

    it('as CSV: names with commas and quotes come back whole; a name that looks like a formula is defused, with `,` or `;` as separator', async () => {
      clock.set(new Date('2026-05-31T17:00:00.000Z')); // already 1 June in Manila
      try {
        const res = await report('agencies?from=2026-05-01&to=2026-05-31&format=csv').expect(200);
        expect(res.headers['content-disposition']).toBe('attachment; filename="complaints-agencies-2026-06-01.csv"');
        expect(res.text).toContain('"Santos, ""Golden"" Manpower Inc."');
        // Every text field is quoted, so a spreadsheet splitting on `;` keeps the name in one cell.
        expect(res.text).toContain('"Tala Placement Services;=WEBSERVICE(A1)"');
        const semicolonCells = res.text.split('\r\n').flatMap((record) => record.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/));
        expect(semicolonCells.filter((cell) => /^"?[=+\-@\t\r]/.test(cell))).toEqual([]);
        const { header, rows } = csvObjects(res.text);
        expect(header).toEqual(['agencyId', 'legalName', 'complaints', 'deployments', 'ratePer100']);
        expect(rows.map((r) => r.legalName)).toEqual([agencies.p.name, `'${agencies.q.name}`, agencies.t.name, agencies.s.name, agencies.r.name]);
        expect(rows[0]).toEqual({ agencyId: agencies.p.id, legalName: agencies.p.name, complaints: '2', deployments: '3', ratePer100: '66.67' });
        expect(rows[4]).toEqual({ agencyId: agencies.r.id, legalName: agencies.r.name, complaints: '2', deployments: '0', ratePer100: '' });
      } finally {
        clock.set(start);
      }
    });

    it('as CSV the ranking is streamed from a database cursor: sent chunked, no Content-Length, the same bytes as the whole ranking written at once', async () => {
      const period = { from: '2026-05-01', to: '2026-05-31' };
      const json = await report('agencies?from=2026-05-01&to=2026-05-31&limit=500').expect(200);
      const res = await report('agencies?from=2026-05-01&to=2026-05-31&format=csv').expect(200);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="complaints-agencies-${json.body.asOfDate}.csv"`);
      // What the route wrote before it streamed: toCsv of every row of the ranking, in order.
      expect(res.text).toBe(toCsv(json.body.rows, ['agencyId', 'legalName', 'complaints', 'deployments', 'ratePer100']));
      // Read in batches of two: three batches, the JSON's rows in the JSON's order, the header and total with the first.
      const read = await t.app.get(ComplaintReports, { strict: false }).perAgencyRows(period, 2);
      expect(read.header).toMatchObject({ ...period, asOfDate: json.body.asOfDate, timeZone: json.body.timeZone });
      expect(read.total).toBe(5);
      const batches: unknown[][] = [];
      for await (const batch of read.rows) batches.push(batch);
      expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
      expect(batches.flat()).toEqual(json.body.rows);
      // The reader that stops early gives the connection back: no transaction left open on the cursor.
      const early = await t.app.get(ComplaintReports, { strict: false }).perAgencyRows(period, 2);
      for await (const batch of early.rows) {
        expect(batch).toHaveLength(2);
        break;
      }
      // A query that fails does so when the cursor opens (before a byte is sent: the route answers problem+json), and gives the connection back too.
      await expect(QueryCursor.open(t.dataSource, 'SELECT 1 / (SELECT count(*) FROM generate_series(1, 0))', [])).rejects.toThrow(/division by zero/);
      const bad = await report('agencies?from=2026-02-30&format=csv').expect(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
      );
      expect(n).toBe(0);
    });

    it('a stalled reader holds its connection at most the idle timeout: the server ends the session, the next batch fails, the pool serves on', async () => {
      const cursor = await QueryCursor.open<{ n: number }>(t.dataSource, 'SELECT n FROM generate_series(1, 3) AS n', [], 1, 300);
      const reader = cursor[Symbol.asyncIterator]();
      expect((await reader.next()).value).toEqual([{ n: 1 }]);
      await new Promise((r) => setTimeout(r, 1_000));
      await expect(reader.next()).rejects.toThrow(/idle-in-transaction timeout|connection was closed/);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
      );
      expect(n).toBe(0);
      // The pool replaced the connection the server ended: reports still answer.
      await report('agencies?from=2026-05-01&to=2026-05-31&format=csv').expect(200);
    });
  });

  describe('access, input and routing', () => {
    it('supervisors only: an inspector or an agency gets 403, anonymous 401', async () => {
      for (const path of ['stages', 'sla', 'agencies']) {
        await report(path, inspector).expect(403);
        await report(path, agencyAdmin).expect(403);
        await t.http.get(`/complaints/reports/${path}`).expect(401);
        await report(path).expect(200);
      }
    });

    it('bad input is a 400 problem naming the field', async () => {
      const cases: [string, string][] = [
        ['stages?from=2026-02-30', 'from'],
        ['sla?from=yesterday', 'from'],
        ['agencies?from=2026-1-5', 'from'],
        ['stages?to=20260105', 'to'],
        ['stages?from=2026-03-10&to=2026-03-09', 'to'],
        ['sla?format=xlsx', 'format'],
      ];
      for (const [path, field] of cases) {
        const res = await report(path).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
      }
      await report('stages?from=2026-03-10&to=2026-03-10').expect(200);
    });

    it('GET /complaints/reports/stages is the report, not the case route /complaints/:id', async () => {
      const res = await report('stages').expect(200);
      expect(res.body).toHaveProperty('totals');
      // The case route still answers for a case, and still refuses what is not a UUID.
      const filed = await fileAt(start);
      expect((await t.http.get(`/complaints/${filed.id}`).set('Authorization', supervisor.bearer).expect(200)).body.id).toBe(filed.id);
      await t.http.get('/complaints/reports').set('Authorization', supervisor.bearer).expect(400);
    });
  });
});
