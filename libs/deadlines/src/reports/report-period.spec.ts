import { inReportPeriod, reportPeriodHeader, reportPeriodParams } from './report-period';
import { compliancePercent } from './sla-compliance';

describe('report period', () => {
  it('bounds a column only by the ends given, as scalar subqueries an index can use', () => {
    expect(inReportPeriod('c.created_at', {})).toBe('true');
    expect(inReportPeriod('c.created_at', { from: '2026-01-01' })).toBe('c.created_at >= (SELECT z.lo FROM z)');
    expect(inReportPeriod('c.created_at', { to: '2026-01-31' })).toBe('c.created_at < (SELECT z.hi FROM z)');
    expect(inReportPeriod('c.created_at', { from: '2026-01-01', to: '2026-01-31' })).toBe(
      'c.created_at >= (SELECT z.lo FROM z) AND c.created_at < (SELECT z.hi FROM z)',
    );
  });

  it('passes the jurisdiction, now and both ends (null when absent) as $1-$4', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(reportPeriodParams('PH', now, { to: '2026-02-28' })).toEqual(['PH', now, null, '2026-02-28']);
  });

  it("heads a report with the first row's zone and local date, or UTC and the UTC date when no row came back", () => {
    const now = new Date('2026-03-01T20:00:00Z');
    expect(reportPeriodHeader(now, { from: '2026-02-01' }, { tz: 'Asia/Manila', as_of_date: '2026-03-02' })).toEqual({
      asOf: now.toISOString(),
      asOfDate: '2026-03-02',
      timeZone: 'Asia/Manila',
      from: '2026-02-01',
      to: null,
    });
    expect(reportPeriodHeader(now, {}, undefined)).toEqual({ asOf: now.toISOString(), asOfDate: '2026-03-01', timeZone: 'UTC', from: null, to: null });
  });
});

describe('compliancePercent', () => {
  it('is met on time over the decided ones, one decimal; null when nothing is decided yet', () => {
    expect(compliancePercent({ metOnTime: 7, metLate: 1, openOverdue: 1 })).toBe(77.8);
    expect(compliancePercent({ metOnTime: 0, metLate: 0, openOverdue: 0 })).toBeNull();
    expect(compliancePercent({ metOnTime: 3, metLate: 0, openOverdue: 0 })).toBe(100);
  });
});
