import { translator } from '@app/i18n';
import { MINISTRY_ROLES } from '@app/auth';
import { ROUTES } from '../routes';
import { STAFF_ROLES, firstSection, staffNavigation } from './staff-navigation';
import { STAFF_PATHS } from './workbench-paths';

const t = translator('en');

describe('the staff navigation by role', () => {
  it('knows the API’s ministry roles, no more and no fewer', () => {
    expect([...STAFF_ROLES].sort()).toEqual([...MINISTRY_ROLES].sort());
  });

  it('shows an inspector their cases, the team’s and licensing; a supervisor escalations, workloads, reports, the audit trail, licensing and welfare', () => {
    expect(staffNavigation(['inspector'], '/staff', t).map((i) => i.href)).toEqual([
      ROUTES.staffMyCases,
      ROUTES.staffCases,
      STAFF_PATHS.applications,
      STAFF_PATHS.licenses,
    ]);
    expect(staffNavigation(['supervisor'], '/staff', t).map((i) => i.href)).toEqual([
      ROUTES.staffEscalations,
      ROUTES.staffCases,
      ROUTES.staffWorkloads,
      ROUTES.staffReports,
      ROUTES.staffAudit,
      STAFF_PATHS.applications,
      STAFF_PATHS.licenses,
      STAFF_PATHS.claims,
      STAFF_PATHS.fund,
    ]);
    expect(
      staffNavigation(['inspector', 'supervisor'], '/staff', t)
        .map((i) => i.text)
        .slice(0, 6),
    ).toEqual(['My cases', 'Escalations', 'All cases', 'Workloads', 'Reports', 'Audit trail']);
  });

  it('shows a welfare officer and an admin their own sections, and nothing to a worker or an agency user', () => {
    expect(staffNavigation(['welfare_officer'], '/staff', t).map((i) => i.href)).toEqual([STAFF_PATHS.licenses, STAFF_PATHS.claims, STAFF_PATHS.fund]);
    expect(staffNavigation(['admin'], '/staff', t).map((i) => i.href)).toEqual([
      STAFF_PATHS.licenses,
      STAFF_PATHS.fund,
      STAFF_PATHS.users,
      STAFF_PATHS.sla,
      STAFF_PATHS.holidays,
      STAFF_PATHS.feeRules,
      STAFF_PATHS.rates,
      STAFF_PATHS.benefits,
      STAFF_PATHS.notifications,
    ]);
    for (const roles of [['worker'], ['agency_admin'], ['agency_staff'], []]) expect(staffNavigation(roles, '/staff', t)).toEqual([]);
  });

  it('marks the most specific section current, query strings ignored', () => {
    const current = (path: string) =>
      staffNavigation(['inspector', 'supervisor'], path, t)
        .filter((i) => i.active)
        .map((i) => i.href);
    expect(current('/staff/cases/mine?stage=submitted')).toEqual([ROUTES.staffMyCases]);
    expect(current('/staff/cases/escalations')).toEqual([ROUTES.staffEscalations]);
    expect(current('/staff/cases/5b0c1f1e-8a59-4c1e-9d7e-3b2f0d1c9a11')).toEqual([ROUTES.staffCases]);
    expect(current('/staff/cases?page=2')).toEqual([ROUTES.staffCases]);
    expect(current('/staff/casesx')).toEqual([]);
    expect(current('/staff')).toEqual([]);
  });

  it('lands each role on its first section', () => {
    expect(firstSection(['supervisor'])).toBe(ROUTES.staffEscalations);
    expect(firstSection(['inspector'])).toBe(ROUTES.staffMyCases);
    expect(firstSection(['worker'])).toBeNull();
  });
});
