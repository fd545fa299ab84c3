import { ROUTES } from '../routes';
import { readAuditSearch } from './audit/audit.controller';
import { translator } from '@app/i18n';
import { paging, queueHref, queueTotalText, readFilters, sortHeaders } from './cases/queue.controller';
import { agenciesHref, agenciesReport, csvHref, readAgenciesCursor, readPeriod } from './reports/reports.controller';

describe('the queue’s filters and paging', () => {
  it('keeps only values the API knows', () => {
    expect(
      readFilters({
        stage: 'adjudication',
        priority: 'urgent',
        category: 'unpaid-wages',
        deadline: 'due-soon',
        agency: 'ABCDEFAB-1234-4123-8123-123456789ABC',
        cursor: 'CUR1',
        page: '3',
      }),
    ).toEqual({
      stage: 'adjudication',
      priority: 'urgent',
      category: 'unpaid-wages',
      deadline: 'due-soon',
      agency: 'abcdefab-1234-4123-8123-123456789abc',
      cursor: 'CUR1',
      page: 3,
    });
    expect(readFilters({ stage: 'x', priority: ['urgent'], category: 'theft', deadline: 'late', agency: "1' OR 1=1", page: '-2' })).toEqual({ page: 1 });
  });

  it('reads no page number without a cursor: the queue is never read by OFFSET', () => {
    expect(readFilters({ stage: 'submitted', page: '7' })).toEqual({ stage: 'submitted', page: 1 });
    expect(readFilters({ page: '7', cursor: 'not a cursor!' })).toEqual({ page: 1 });
  });

  it('links pages that keep the filters, and none past either end', () => {
    const f = readFilters({ stage: 'submitted', page: '2', cursor: 'CUR1' });
    expect(paging(ROUTES.staffCases, f, { total: 60, next: 'N2', previous: 'P2' }, 25)).toEqual({
      previous: '/staff/cases?stage=submitted&cursor=P2',
      next: '/staff/cases?stage=submitted&page=3&cursor=N2',
      from: 26,
      to: 50,
      total: 60,
    });
    expect(paging(ROUTES.staffCases, { page: 1 }, { total: 25, next: null, previous: null }, 25)).toEqual({
      previous: null,
      next: null,
      from: 1,
      to: 25,
      total: 25,
    });
    expect(paging(ROUTES.staffCases, { page: 1 }, { total: 0, next: null, previous: null }, 25)).toEqual({
      previous: null,
      next: null,
      from: 0,
      to: 0,
      total: 0,
    });
    expect(queueHref(ROUTES.staffMyCases, f, { agency: undefined, deadline: 'overdue' })).toBe('/staff/cases/mine?stage=submitted&deadline=overdue');
  });

  it('counts from the first page when the API says there is none before, whatever the address’s page number', () => {
    // A "Previous page" link landed on the first page (cases closed since): the API answers no `previous`.
    expect(paging(ROUTES.staffCases, readFilters({ page: '3', cursor: 'P3' }), { total: 40, next: 'N1', previous: null }, 25)).toEqual({
      previous: null,
      next: '/staff/cases?page=2&cursor=N1',
      from: 1,
      to: 25,
      total: 40,
    });
    // A page with a page before it is page 2 at least.
    expect(paging(ROUTES.staffCases, readFilters({ cursor: 'N1' }), { total: 40, next: null, previous: 'P2' }, 25)).toMatchObject({
      previous: '/staff/cases?cursor=P2',
      from: 26,
      to: 40,
    });
  });
});

describe('the queue’s sortable columns', () => {
  const t = translator('en');

  it('reads the order the API serves (the default left out) and a cursor as the API writes one', () => {
    expect(readFilters({ sort: 'deadline', order: 'desc', cursor: 'WzEsIjIwMjYtMDMtMDEiXQ' })).toEqual({
      sort: 'deadline',
      order: 'desc',
      cursor: 'WzEsIjIwMjYtMDMtMDEiXQ',
      page: 1,
    });
    expect(readFilters({ sort: 'priority', order: 'asc' })).toEqual({ page: 1 });
    expect(readFilters({ sort: 'reference', order: 'up', cursor: 'not a cursor!' })).toEqual({ page: 1 });
  });

  it('links each column to the queue sorted by it, the sorted one the other way, filters kept and paging restarted', () => {
    const f = readFilters({ stage: 'conciliation', sort: 'filed', page: '3', cursor: 'abc' });
    const h = sortHeaders(ROUTES.staffCases, f, t);
    expect(h.filed).toEqual({ text: 'Filed', href: '/staff/cases?stage=conciliation&sort=filed&order=desc', ariaSort: 'ascending', state: 'sorted ascending' });
    expect(h.deadline).toMatchObject({ href: '/staff/cases?stage=conciliation&sort=deadline', ariaSort: 'none', state: '' });
    // The default order (priority, urgent first) is the address without `sort`.
    expect(h.priority.href).toBe('/staff/cases?stage=conciliation');
    const desc = sortHeaders(ROUTES.staffMyCases, readFilters({ sort: 'agency', order: 'desc' }), t);
    expect(desc.agency).toMatchObject({ href: '/staff/cases/mine?sort=agency', ariaSort: 'descending', state: 'sorted descending' });
    expect(sortHeaders(ROUTES.staffEscalations, readFilters({}), t).priority).toMatchObject({
      href: '/staff/cases/escalations?order=desc',
      ariaSort: 'ascending',
    });
  });

  it('pages both ways by the API’s keyset cursors, keeping the order and the filters', () => {
    const f = readFilters({ sort: 'stage', order: 'desc', agency: 'abcdefab-1234-4123-8123-123456789abc', page: '3', cursor: 'CUR1' });
    expect(paging(ROUTES.staffCases, f, { total: 80, next: 'NEXT3', previous: 'PREV3' }, 25)).toEqual({
      previous: '/staff/cases?agency=abcdefab-1234-4123-8123-123456789abc&sort=stage&order=desc&page=2&cursor=PREV3',
      next: '/staff/cases?agency=abcdefab-1234-4123-8123-123456789abc&sort=stage&order=desc&page=4&cursor=NEXT3',
      from: 51,
      to: 75,
      total: 80,
    });
    // The page before the second is the first: its link carries the cursor too (no OFFSET), and no page number.
    expect(
      paging(ROUTES.staffMyCases, readFilters({ sort: 'deadline', page: '2', cursor: 'CUR2' }), { total: 80, next: 'N', previous: 'P' }, 25).previous,
    ).toBe('/staff/cases/mine?sort=deadline&cursor=P');
    // The last page: the API gives no `next`; the first: no `previous`.
    expect(paging(ROUTES.staffCases, readFilters({ page: '4', cursor: 'CUR3' }), { total: 80, next: null, previous: 'P4' }, 25).next).toBeNull();
    expect(paging(ROUTES.staffCases, readFilters({}), { total: 80, next: 'N1', previous: null }, 25).previous).toBeNull();
  });

  it('says "more than 1,000" when the API stopped counting, in the reader\'s language', () => {
    expect(queueTotalText({ total: 12 }, 'en', translator('en'))).toBe('12 cases');
    expect(queueTotalText({ total: 1, totalCapped: false }, 'en', translator('en'))).toBe('1 case');
    expect(queueTotalText({ total: 1000, totalCapped: true }, 'en', translator('en'))).toBe('More than 1,000 cases');
    expect(queueTotalText({ total: 1000, totalCapped: true }, 'ne', translator('ne'))).toBe('१,००० भन्दा बढी मुद्दाहरू');
  });
});

describe('the reports’ period and CSV links', () => {
  it('reads real dates, either end optional, the end not before the start', () => {
    expect(readPeriod({ from: '2026-01-01', to: '2026-03-31' }).period).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(readPeriod({}).period).toEqual({});
    expect(readPeriod({ from: '2026-02-30' }).errors).toEqual({ from: 'staff.reports.errors.date' });
    expect(readPeriod({ from: '2026-03-01', to: '2026-02-01' })).toMatchObject({ period: {}, errors: { to: 'staff.reports.errors.order' } });
  });

  it('links each report’s CSV for the same period', () => {
    expect(csvHref('stages', { from: '2026-01-01', to: '2026-03-31' })).toBe('/staff/reports/stages.csv?from=2026-01-01&to=2026-03-31');
    expect(csvHref('fund-balance', {})).toBe('/staff/reports/fund-balance.csv');
  });

  it('shows a page of the per-agency ranking with a "Next page" link carrying the API’s cursor; the CSV stays the whole list', () => {
    const header = { asOf: '2026-06-01T00:00:00Z', asOfDate: '2026-06-01', timeZone: 'Asia/Manila', from: '2026-05-01', to: '2026-05-31' };
    const row = (i: number) => ({ agencyId: `a${i}`, legalName: `Agency ${i}`, complaints: 60 - i, deployments: 100, ratePer100: 60 - i });
    const first = { ...header, rows: Array.from({ length: 50 }, (_, i) => row(i)), total: 1234, next: 'WzMwMCw1MDAsMSwiYSJd' };
    const period = { from: '2026-05-01', to: '2026-05-31' };
    const view = agenciesReport(first, translator('en'), 'en', period);
    expect(view.table.rows).toHaveLength(50);
    expect(view.chart.rows).toHaveLength(50);
    expect(view.table.rows[0]).toEqual(['Agency 0', '60', '100', '60']);
    expect(view.paging).toEqual({
      total: '1,234 agencies ranked',
      next: '/staff/reports?from=2026-05-01&to=2026-05-31&agenciesCursor=WzMwMCw1MDAsMSwiYSJd#report-agencies',
      first: null,
    });
    expect(view.csv).toBe('/staff/reports/agencies.csv?from=2026-05-01&to=2026-05-31');
    // A later page links back to the top; the last one has no "Next page".
    const last = agenciesReport({ ...first, rows: [row(50)], next: null }, translator('ne'), 'ne', {}, 'WzMwMCw1MDAsMSwiYSJd');
    expect(last.paging).toEqual({ total: '१,२३४ एजेन्सीहरू क्रमबद्ध', next: null, first: '/staff/reports#report-agencies' });
    expect(agenciesHref({}, 'abc')).toBe('/staff/reports?agenciesCursor=abc#report-agencies');
  });

  it('takes the ranking’s cursor from the address only when it looks like one', () => {
    expect(readAgenciesCursor({ agenciesCursor: 'WzMwMCw1MDAsMSwiYSJd' })).toBe('WzMwMCw1MDAsMSwiYSJd');
    expect(readAgenciesCursor({ agenciesCursor: 'a b' })).toBeUndefined();
    expect(readAgenciesCursor({ agenciesCursor: 'x'.repeat(201) })).toBeUndefined();
    expect(readAgenciesCursor({ agenciesCursor: ['a', 'b'] })).toBeUndefined();
    expect(readAgenciesCursor({})).toBeUndefined();
  });
});

describe('the audit trail’s search form', () => {
  it('turns the form into the API’s criteria, days as whole UTC days', () => {
    const r = readAuditSearch({
      subjectType: 'complaint',
      subject: 'CMP-2026-00042-7',
      actor: '5F0C1F1E-8A59-4C1E-9D7E-3B2F0D1C9A11',
      action: 'complaint.accept',
      from: '2026-03-01',
      to: '2026-03-02',
      before: '120',
    });
    expect(r.errors).toEqual({});
    expect(r.query).toEqual({
      limit: 50,
      subjectType: 'complaint',
      subjectId: 'CMP-2026-00042-7',
      actorId: '5f0c1f1e-8a59-4c1e-9d7e-3b2f0d1c9a11',
      action: 'complaint.accept',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
      before: '120',
    });
  });

  it('says which criterion is wrong, beside it', () => {
    expect(readAuditSearch({ subjectType: 'Complaint!', actor: 'ines', action: 'DROP TABLE', from: '2026-13-01', to: 'yesterday' }).errors).toEqual({
      subjectType: 'staff.audit.errors.subjectType',
      actor: 'staff.audit.errors.actor',
      action: 'staff.audit.errors.action',
      from: 'staff.audit.errors.date',
      to: 'staff.audit.errors.date',
    });
    expect(readAuditSearch({ from: '2026-03-02', to: '2026-03-01' }).errors).toEqual({ to: 'staff.audit.errors.order' });
    expect(readAuditSearch({ before: '0' }).query.before).toBeUndefined();
  });
});
