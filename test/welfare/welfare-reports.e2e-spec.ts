/**
 * Welfare reports, end to end: contributions, claims and decisions made through the real routes at
 * known clock times (read in Manila time, UTC+8) give the hand-computed claims per type and state,
 * median days from filing to decision, and fund-cash per day and per month; CSV parses back;
 * supervisors and welfare officers only; bad input is a 400 naming the field; and
 * `/welfare/reports/claims` is this controller's, not the claim routes'.
 *
 * Contributions are PHP 5,000.00 (500000 minor) each, in the fund's own currency, so no exchange
 * rate enters the figures. The story, in UTC (Manila is eight hours ahead):
 *
 *   03-02 01:00  contribution 1 (+500000, Manila 2 March)
 *   03-02 16:30  contribution 2 (+500000, Manila 3 March 00:30: the UTC date is still 2 March)
 *   03-03 01:00  claims A (medical 3,000), B (repatriation 8,000), C (medical 2,000) filed, taken
 *   03-04 01:00  B: documents requested (its decision clock pauses)
 *   03-04 07:00  C rejected                      1.25 days after filing
 *   03-04 15:30  contribution 3 (+500000, Manila 4 March 23:30)
 *   03-05 01:00  A approved                      2 days
 *   03-05 03:00  A disbursed (−300000, Manila 5 March)
 *   03-06 01:00  A paid; D (medical 1,000), E (livelihood grant), F (repatriation 1,000), K (medical 500) filed; D, F, K taken; K: documents requested
 *   03-08 01:00  B: documents received
 *   03-10 01:00  D approved                      4 days
 *   03-13 13:00  B approved                      10.5 days (the documents' wait included)
 *   03-20 04:30  H (legal assistance 1,500) filed, taken
 *   03-31 15:59  I (education grant) filed      (Manila 31 March 23:59)
 *   03-31 16:00  J (education grant) filed      (Manila 1 April 00:00)
 *   03-31 16:30  H approved (11.5 days) and B disbursed (−800000), both Manila 1 April
 *   04-01 01:00  contribution 4 (+500000, Manila 1 April)
 *   now: 04-02 02:00 (Manila 2 April 10:00)
 */
import { ManualClock } from '@app/common';
import { seedBenefitSchedule } from '@app/welfare';
import { WelfareReports } from '@app/welfare/reports';
import { WelfareHttpModule } from '../../apps/api/src/welfare/welfare-http.module';
import { WelfareReportsController } from '../../apps/api/src/welfare/welfare-reports.controller';
import { placementBody, seedFees } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

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

const at = (iso: string) => new Date(`2026-${iso}:00.000Z`);

describe('welfare reports', () => {
  const start = at('03-02T01:00');
  const now = at('04-02T02:00'); // Thursday 2 April 2026, 10:00 in Manila
  const clock = new ManualClock(start);
  let t: TestApp;
  let officer: TestUser;
  let supervisor: TestUser;
  let agencyAdmin: TestUser;
  let worker: TestUser;
  const placements: string[] = [];
  const claims: Record<string, string> = {};

  const contribute = async (when: Date, i: number, paidOn: string) => {
    clock.set(when);
    await t.http
      .post('/welfare/contributions')
      .set('Authorization', agencyAdmin.bearer)
      .send({ placementId: placements[i], paidOn, receiptNumber: `OWWA-R-${i}` })
      .expect(201);
  };
  const file = async (when: Date, key: string, body: Record<string, unknown>) => {
    clock.set(when);
    const res = await t.http
      .post('/welfare/claims')
      .set('Authorization', officer.bearer)
      .send({
        workerPassportNumber: 'P1000001R',
        workerName: 'Maria Santos',
        facts: 'What happened, in words.',
        payout: 'BDO 0012-3456-78',
        language: 'en',
        ...body,
      })
      .expect(201);
    expect(res.body.eligibility.eligible).toBe(true);
    claims[key] = res.body.id;
  };
  const act = async (when: Date, key: string, action: string, body: Record<string, unknown> = {}) => {
    clock.set(when);
    const id = claims[key];
    const { version } = (await t.http.get(`/welfare/claims/${id}`).set('Authorization', officer.bearer).expect(200)).body;
    const req = t.http.post(`/welfare/claims/${id}/actions/${action}`).set('Authorization', officer.bearer);
    await (action === 'disburse' ? req.set('Idempotency-Key', `report-${key}`) : req).send({ version, ...body }).expect(200);
  };
  const report = (path: string, as: TestUser = supervisor) => t.http.get(`/welfare/reports/${path}`).set('Authorization', as.bearer);

  beforeAll(async () => {
    // Mounted beside the real modules until WelfareHttpModule registers the controller itself (then mounting it twice would register its routes twice).
    const registered = ((Reflect.getMetadata('controllers', WelfareHttpModule) ?? []) as unknown[]).includes(WelfareReportsController);
    const env = { ...DEADLINES_DRIVEN_BY_TEST, WELFARE_CONTRIBUTION_MINOR: '500000', WELFARE_CONTRIBUTION_CURRENCY: 'PHP' };
    t = await createTestApp({ clock, env, ...(registered ? {} : { controllers: [WelfareReportsController], providers: [WelfareReports] }) });
    await seedFees(t);
    await t.dataSource.transaction((m) => seedBenefitSchedule(m));
    [officer, supervisor, worker] = await Promise.all((['welfare_officer', 'supervisor', 'worker'] as const).map((role) => createUser(t, { roles: [role] })));
    const agencyId = (await createAgency(t)).id;
    await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201);
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    for (let i = 1; i <= 4; i++) {
      const p = await t.http
        .post('/placements')
        .set('Authorization', agencyAdmin.bearer)
        .send(placementBody({ workerPassportNumber: `P100000${i}R`, recruitedOn: '2026-01-10', contractStart: '2026-02-01', contractMonths: 24 }))
        .expect(201);
      placements[i] = p.body.id;
    }

    await contribute(at('03-02T01:00'), 1, '2026-03-02');
    await contribute(at('03-02T16:30'), 2, '2026-03-03');
    const medical = (claimedMinor: string, incidentDate: string) => ({ claimType: 'medical', claimedMinor, currency: 'PHP', incidentDate });
    await file(at('03-03T01:00'), 'A', medical('300000', '2026-03-02'));
    await file(at('03-03T01:00'), 'B', { claimType: 'repatriation', claimedMinor: '800000', currency: 'PHP', incidentDate: '2026-03-02' });
    await file(at('03-03T01:00'), 'C', medical('200000', '2026-03-03'));
    for (const k of ['A', 'B', 'C']) await act(at('03-03T01:00'), k, 'take');
    await act(at('03-04T01:00'), 'B', 'request-documents', { documents: ['travel-receipts'] });
    await act(at('03-04T07:00'), 'C', 'reject', { reason: 'The treatment was not for a covered illness' });
    await contribute(at('03-04T15:30'), 3, '2026-03-04');
    await act(at('03-05T01:00'), 'A', 'approve');
    await act(at('03-05T03:00'), 'A', 'disburse');
    await act(at('03-06T01:00'), 'A', 'confirm-payment', { paidReference: 'BDO-TRX-1' });
    await file(at('03-06T01:00'), 'D', medical('100000', '2026-03-05'));
    await file(at('03-06T01:00'), 'E', { claimType: 'livelihood-grant', incidentDate: '2026-03-05' });
    await file(at('03-06T01:00'), 'F', { claimType: 'repatriation', claimedMinor: '100000', currency: 'PHP', incidentDate: '2026-03-04' });
    await file(at('03-06T01:00'), 'K', medical('50000', '2026-03-06'));
    for (const k of ['D', 'F', 'K']) await act(at('03-06T01:00'), k, 'take');
    await act(at('03-06T01:00'), 'K', 'request-documents', { documents: ['medical-receipts'] });
    await act(at('03-08T01:00'), 'B', 'documents-received');
    await act(at('03-10T01:00'), 'D', 'approve');
    await act(at('03-13T13:00'), 'B', 'approve');
    await file(at('03-20T04:30'), 'H', { claimType: 'legal-assistance', claimedMinor: '150000', currency: 'PHP', incidentDate: '2026-03-15' });
    await act(at('03-20T04:30'), 'H', 'take');
    await file(at('03-31T15:59'), 'I', { claimType: 'education-grant', incidentDate: '2026-03-30' });
    await file(at('03-31T16:00'), 'J', { claimType: 'education-grant', incidentDate: '2026-03-31' });
    await act(at('03-31T16:30'), 'H', 'approve');
    await act(at('03-31T16:30'), 'B', 'disburse');
    await contribute(at('04-01T01:00'), 4, '2026-04-01');
    clock.set(now);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => clock.set(now));

  describe('claims by type and state', () => {
    const zero = { submitted: 0, underReview: 0, documentsRequested: 0, approved: 0, rejected: 0, disbursed: 0, paid: 0, total: 0 };
    const TYPES = [
      'death:natural',
      'death:accidental',
      'death:burial',
      'disability:partial',
      'disability:total',
      'medical',
      'repatriation',
      'legal-assistance',
      'education-grant',
      'livelihood-grant',
    ];

    it('counts the claims filed in the period (Manila filing date) per type and current state, every type listed, with totals', async () => {
      const res = await report('claims?from=2026-03-01&to=2026-03-31').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ asOf: now.toISOString(), asOfDate: '2026-04-02', timeZone: 'Asia/Manila', from: '2026-03-01', to: '2026-03-31' });
      expect(res.body.rows.map((r: { claimType: string }) => r.claimType)).toEqual(TYPES);
      const row = (type: string) => res.body.rows.find((r: { claimType: string }) => r.claimType === type);
      expect(row('death:natural')).toEqual({ claimType: 'death:natural', ...zero });
      // A paid, C rejected, D approved, K waiting for documents.
      expect(row('medical')).toEqual({ claimType: 'medical', ...zero, paid: 1, rejected: 1, approved: 1, documentsRequested: 1, total: 4 });
      // B disbursed, F under review.
      expect(row('repatriation')).toEqual({ claimType: 'repatriation', ...zero, disbursed: 1, underReview: 1, total: 2 });
      expect(row('legal-assistance')).toEqual({ claimType: 'legal-assistance', ...zero, approved: 1, total: 1 });
      // I (31 March 23:59 in Manila) is in; J (1 April 00:00 in Manila, still 31 March in UTC) is not.
      expect(row('education-grant')).toEqual({ claimType: 'education-grant', ...zero, submitted: 1, total: 1 });
      expect(row('livelihood-grant')).toEqual({ claimType: 'livelihood-grant', ...zero, submitted: 1, total: 1 });
      expect(res.body.totals).toEqual({ submitted: 2, underReview: 1, documentsRequested: 1, approved: 2, rejected: 1, disbursed: 1, paid: 1, total: 9 });
    });

    it('without a period every claim counts; from 1 April only J', async () => {
      const all = await report('claims').expect(200);
      expect(all.body).toMatchObject({ from: null, to: null });
      expect(all.body.totals).toEqual({ submitted: 3, underReview: 1, documentsRequested: 1, approved: 2, rejected: 1, disbursed: 1, paid: 1, total: 10 });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM welfare_claim`);
      expect(all.body.totals.total).toBe(n);
      const april = await report('claims?from=2026-04-01').expect(200);
      expect(april.body.totals).toEqual({ ...zero, submitted: 1, total: 1 });
      expect(april.body.rows.find((r: { claimType: string }) => r.claimType === 'education-grant')).toEqual({
        claimType: 'education-grant',
        ...zero,
        submitted: 1,
        total: 1,
      });
    });

    it('as CSV: a download named after the report and the day, one record per type and the totals', async () => {
      const res = await report('claims?from=2026-03-01&to=2026-03-31&format=csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="welfare-claims-2026-04-02.csv"');
      const { header, rows } = csvObjects(res.text);
      expect(header).toEqual(['claimType', 'submitted', 'underReview', 'documentsRequested', 'approved', 'rejected', 'disbursed', 'paid', 'total']);
      expect(rows).toHaveLength(TYPES.length + 1);
      expect(rows[5]).toEqual({
        claimType: 'medical',
        submitted: '0',
        underReview: '0',
        documentsRequested: '1',
        approved: '1',
        rejected: '1',
        disbursed: '0',
        paid: '1',
        total: '4',
      });
      expect(rows[TYPES.length]).toEqual({
        claimType: 'total',
        submitted: '2',
        underReview: '1',
        documentsRequested: '1',
        approved: '2',
        rejected: '1',
        disbursed: '1',
        paid: '1',
        total: '9',
      });
    });
  });

  describe('decision times', () => {
    it('March (by the Manila date of the decision): median days from filing to decision per type, and over all', async () => {
      const res = await report('decision-times?from=2026-03-01&to=2026-03-31').expect(200);
      expect(res.body).toMatchObject({ asOfDate: '2026-04-02', timeZone: 'Asia/Manila', from: '2026-03-01', to: '2026-03-31' });
      // Medical: C 1.25 (rejected), A 2, D 4 → 2. Repatriation: B 10.5, the 4 days waiting for documents included.
      // H (decided 1 April 00:30 in Manila, 31 March in UTC) is not in March.
      expect(res.body.rows).toEqual([
        { claimType: 'medical', decided: 3, approved: 2, rejected: 1, medianDays: 2 },
        { claimType: 'repatriation', decided: 1, approved: 1, rejected: 0, medianDays: 10.5 },
      ]);
      // 1.25, 2, 4, 10.5: an even count, the mean of the middle two.
      expect(res.body.totals).toEqual({ decided: 4, approved: 3, rejected: 1, medianDays: 3 });
    });

    it('every decision without a period; April alone; nothing in an empty period', async () => {
      const all = await report('decision-times').expect(200);
      expect(all.body.rows).toEqual([
        { claimType: 'medical', decided: 3, approved: 2, rejected: 1, medianDays: 2 },
        { claimType: 'repatriation', decided: 1, approved: 1, rejected: 0, medianDays: 10.5 },
        { claimType: 'legal-assistance', decided: 1, approved: 1, rejected: 0, medianDays: 11.5 },
      ]);
      expect(all.body.totals).toEqual({ decided: 5, approved: 4, rejected: 1, medianDays: 4 });
      const april = await report('decision-times?from=2026-04-01&to=2026-04-30').expect(200);
      expect(april.body.rows).toEqual([{ claimType: 'legal-assistance', decided: 1, approved: 1, rejected: 0, medianDays: 11.5 }]);
      expect(april.body.totals).toEqual({ decided: 1, approved: 1, rejected: 0, medianDays: 11.5 });
      const none = await report('decision-times?from=2020-01-01&to=2020-12-31').expect(200);
      expect(none.body).toMatchObject({ rows: [], totals: { decided: 0, approved: 0, rejected: 0, medianDays: null } });
    });

    it('as CSV, with the totals row (no median: an empty field)', async () => {
      const res = await report('decision-times?from=2026-03-01&to=2026-03-31&format=csv').expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="welfare-decision-times-2026-04-02.csv"');
      const { header, rows } = csvObjects(res.text);
      expect(header).toEqual(['claimType', 'decided', 'approved', 'rejected', 'medianDays']);
      expect(rows).toEqual([
        { claimType: 'medical', decided: '3', approved: '2', rejected: '1', medianDays: '2' },
        { claimType: 'repatriation', decided: '1', approved: '1', rejected: '0', medianDays: '10.5' },
        { claimType: 'total', decided: '4', approved: '3', rejected: '1', medianDays: '3' },
      ]);
      const none = await report('decision-times?from=2020-01-01&to=2020-12-31&format=csv').expect(200);
      expect(none.text).toBe('"claimType","decided","approved","rejected","medianDays"\r\n"total",0,0,0,\r\n');
    });
  });

  describe('fund balance', () => {
    const day = (d: string, inM: number, outM: number, close: number) => ({
      bucket: d,
      firstDay: d,
      lastDay: d,
      contributionsInMinor: String(inM),
      incomeInMinor: '0',
      disbursementsOutMinor: String(outM),
      netMinor: String(inM - outM),
      closingBalanceMinor: String(close),
    });

    it('per Manila day: contributions in, disbursements out, balance at the end of the day (approvals move no cash)', async () => {
      const res = await report('fund-balance?from=2026-03-01&to=2026-03-06').expect(200);
      expect(res.body).toMatchObject({
        asOfDate: '2026-04-02',
        timeZone: 'Asia/Manila',
        currency: 'PHP',
        bucket: 'day',
        firstDay: '2026-03-01',
        lastDay: '2026-03-06',
        openingBalanceMinor: '0',
      });
      expect(res.body.rows).toEqual([
        day('2026-03-01', 0, 0, 0),
        day('2026-03-02', 500000, 0, 500000),
        day('2026-03-03', 500000, 0, 1000000), // contribution 2: 2 March in UTC, 3 March in Manila
        day('2026-03-04', 500000, 0, 1500000),
        day('2026-03-05', 0, 300000, 1200000), // A disbursed (its approval the same day moved no cash)
        day('2026-03-06', 0, 0, 1200000),
      ]);
      expect(res.body.totals).toEqual({
        contributionsInMinor: '1500000',
        incomeInMinor: '0',
        disbursementsOutMinor: '300000',
        netMinor: '1200000',
        closingBalanceMinor: '1200000',
      });
    });

    it('a period starting later opens with the balance before it', async () => {
      const res = await report('fund-balance?from=2026-03-04&to=2026-03-05').expect(200);
      expect(res.body.openingBalanceMinor).toBe('1000000');
      expect(res.body.rows).toEqual([day('2026-03-04', 500000, 0, 1500000), day('2026-03-05', 0, 300000, 1200000)]);
    });

    it('per month: the buckets cut at the period’s ends; a month can go down', async () => {
      const res = await report('fund-balance?bucket=month&from=2026-03-01&to=2026-04-30').expect(200);
      expect(res.body).toMatchObject({ bucket: 'month', openingBalanceMinor: '0' });
      expect(res.body.rows).toEqual([
        {
          bucket: '2026-03',
          firstDay: '2026-03-01',
          lastDay: '2026-03-31',
          contributionsInMinor: '1500000',
          incomeInMinor: '0',
          disbursementsOutMinor: '300000',
          netMinor: '1200000',
          closingBalanceMinor: '1200000',
        },
        // B's disbursement (31 March 16:30 UTC) is 1 April in Manila.
        {
          bucket: '2026-04',
          firstDay: '2026-04-01',
          lastDay: '2026-04-30',
          contributionsInMinor: '500000',
          incomeInMinor: '0',
          disbursementsOutMinor: '800000',
          netMinor: '-300000',
          closingBalanceMinor: '900000',
        },
      ]);
      const cut = await report('fund-balance?bucket=month&from=2026-03-04&to=2026-04-01').expect(200);
      expect(cut.body.openingBalanceMinor).toBe('1000000');
      expect(cut.body.rows).toEqual([
        {
          bucket: '2026-03',
          firstDay: '2026-03-04',
          lastDay: '2026-03-31',
          contributionsInMinor: '500000',
          incomeInMinor: '0',
          disbursementsOutMinor: '300000',
          netMinor: '200000',
          closingBalanceMinor: '1200000',
        },
        {
          bucket: '2026-04',
          firstDay: '2026-04-01',
          lastDay: '2026-04-01',
          contributionsInMinor: '500000',
          incomeInMinor: '0',
          disbursementsOutMinor: '800000',
          netMinor: '-300000',
          closingBalanceMinor: '900000',
        },
      ]);
    });

    it('without a period: from the first day with a movement to today, ending at the fund’s position', async () => {
      const res = await report('fund-balance').expect(200);
      expect(res.body).toMatchObject({ from: null, to: null, firstDay: '2026-03-02', lastDay: '2026-04-02', openingBalanceMinor: '0' });
      expect(res.body.rows).toHaveLength(32);
      expect(res.body.rows[0]).toEqual(day('2026-03-02', 500000, 0, 500000));
      expect(res.body.rows.at(-2)).toEqual(day('2026-04-01', 500000, 800000, 900000));
      expect(res.body.rows.at(-1)).toEqual(day('2026-04-02', 0, 0, 900000));
      expect(res.body.totals).toEqual({
        contributionsInMinor: '2000000',
        incomeInMinor: '0',
        disbursementsOutMinor: '1100000',
        netMinor: '900000',
        closingBalanceMinor: '900000',
      });
      const fund = (await t.http.get('/welfare/fund').set('Authorization', officer.bearer).expect(200)).body;
      expect(fund.cashMinor).toBe('900000');
      // The running balance never jumps: each closing is the previous plus the day's net.
      let balance = 0n;
      for (const r of res.body.rows as { netMinor: string; closingBalanceMinor: string }[]) {
        balance += BigInt(r.netMinor);
        expect(r.closingBalanceMinor).toBe(balance.toString());
      }
    });

    it('as CSV: amounts as numbers (a negative net is not defused), and the totals row', async () => {
      const res = await report('fund-balance?bucket=month&from=2026-03-01&to=2026-04-30&format=csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="welfare-fund-balance-2026-04-02.csv"');
      const { header, rows } = csvObjects(res.text);
      expect(header).toEqual([
        'bucket',
        'firstDay',
        'lastDay',
        'contributionsInMinor',
        'incomeInMinor',
        'disbursementsOutMinor',
        'netMinor',
        'closingBalanceMinor',
      ]);
      expect(rows).toEqual([
        {
          bucket: '2026-03',
          firstDay: '2026-03-01',
          lastDay: '2026-03-31',
          contributionsInMinor: '1500000',
          incomeInMinor: '0',
          disbursementsOutMinor: '300000',
          netMinor: '1200000',
          closingBalanceMinor: '1200000',
        },
        {
          bucket: '2026-04',
          firstDay: '2026-04-01',
          lastDay: '2026-04-30',
          contributionsInMinor: '500000',
          incomeInMinor: '0',
          disbursementsOutMinor: '800000',
          netMinor: '-300000',
          closingBalanceMinor: '900000',
        },
        {
          bucket: 'total',
          firstDay: '2026-03-01',
          lastDay: '2026-04-30',
          contributionsInMinor: '2000000',
          incomeInMinor: '0',
          disbursementsOutMinor: '1100000',
          netMinor: '900000',
          closingBalanceMinor: '900000',
        },
      ]);
    });

    it('the file’s date is the Manila date it was made', async () => {
      clock.set(at('04-02T16:30')); // already 3 April in Manila
      const res = await report('fund-balance?from=2026-04-01&to=2026-04-01&format=csv').expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="welfare-fund-balance-2026-04-03.csv"');
      expect(res.text).toBe(
        '"bucket","firstDay","lastDay","contributionsInMinor","incomeInMinor","disbursementsOutMinor","netMinor","closingBalanceMinor"\r\n' +
          '"2026-04-01","2026-04-01","2026-04-01",500000,0,800000,-300000,900000\r\n"total","2026-04-01","2026-04-01",500000,0,800000,-300000,900000\r\n',
      );
    });
  });

  describe('access, input and routing', () => {
    const PATHS = ['claims', 'decision-times', 'fund-balance'];

    it('supervisors and welfare officers only: an agency user or a worker gets 403, anonymous 401', async () => {
      for (const path of PATHS) {
        await report(path, agencyAdmin).expect(403);
        await report(path, worker).expect(403);
        await t.http.get(`/welfare/reports/${path}`).expect(401);
        await report(path, officer).expect(200);
        await report(path, supervisor).expect(200);
      }
    });

    it('bad input is a 400 problem naming the field', async () => {
      const cases: [string, string][] = [
        ['claims?from=2026-02-30', 'from'],
        ['decision-times?from=yesterday', 'from'],
        ['fund-balance?from=2026-1-5', 'from'],
        ['claims?to=20260105', 'to'],
        ['fund-balance?from=2026-03-10&to=2026-03-09', 'to'],
        ['decision-times?format=xlsx', 'format'],
        ['fund-balance?bucket=week', 'bucket'],
        ['claims?bucket=month', 'bucket'],
      ];
      for (const [path, field] of cases) {
        const res = await report(path).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
      }
      await report('fund-balance?from=2026-03-10&to=2026-03-10&bucket=month').expect(200);
    });

    it('the fund balance is bounded: at most 366 days by day, 120 months by month; an open start is cut to the bound', async () => {
      expect((await report('fund-balance?from=2025-03-31&to=2026-03-31').expect(200)).body.rows).toHaveLength(366);
      const long = await report('fund-balance?from=2025-03-30&to=2026-03-31').expect(400);
      expect(long.body.errors).toEqual([expect.objectContaining({ field: 'from', rule: 'maxPeriod' })]);
      // Without `to`, the period ends today (2 April 2026 in Manila).
      expect((await report('fund-balance?from=2025-04-01').expect(400)).body.errors[0].field).toBe('from');
      expect((await report('fund-balance?bucket=month&from=2016-05-01&to=2026-04-30').expect(200)).body.rows).toHaveLength(120);
      expect((await report('fund-balance?bucket=month&from=2016-04-30&to=2026-04-30').expect(400)).body.errors[0].field).toBe('from');
      // Open start with a movement further back than the bound: cut to the bound.
      const open = (await report('fund-balance?to=2027-06-30').expect(200)).body;
      expect(open).toMatchObject({ firstDay: '2026-06-30', lastDay: '2027-06-30' });
      expect(open.rows).toHaveLength(366);
      expect(open.openingBalanceMinor).toBe('900000');
    });

    it('GET /welfare/reports/claims is the report; the claim routes still answer for a claim', async () => {
      expect((await report('claims').expect(200)).body).toHaveProperty('totals');
      expect((await t.http.get(`/welfare/claims/${claims.A}`).set('Authorization', officer.bearer).expect(200)).body.id).toBe(claims.A);
      await t.http.get('/welfare/claims/reports').set('Authorization', officer.bearer).expect(400);
      await t.http.get('/welfare/reports').set('Authorization', officer.bearer).expect(404);
    });
  });
});
