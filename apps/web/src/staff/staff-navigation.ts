/**
 * The staff pages' navigation by role: which sections a ministry officer sees in the primary
 * navigation (MOJ Frontend's), in this order. Seeing a link is a convenience, never a permission:
 * every staff page asks the API with the person's token, and the API answers 403 or 404 to a role
 * it does not serve (a link shown to the wrong role leads to the 403 page, nothing more).
 *
 */
import type { MessageKey, Translate } from '@app/i18n';
import { ROUTES } from '../routes';
import { STAFF_PATHS } from './workbench-paths';

/** The API's ministry roles (libs/auth/src/roles.ts MINISTRY_ROLES; the web may not import it). */
export const STAFF_ROLES = ['inspector', 'supervisor', 'welfare_officer', 'finance_officer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

export interface StaffSection {
  key: MessageKey;
  href: string;
  /** Who sees it. */
  roles: readonly StaffRole[];
  /** Paths under it that mark it current (default: `href` itself and below). */
  prefixes?: readonly string[];
}

export const STAFF_SECTIONS: readonly StaffSection[] = [
  { key: 'staff.nav.myCases', href: ROUTES.staffMyCases, roles: ['inspector'] },
  { key: 'staff.nav.escalations', href: ROUTES.staffEscalations, roles: ['supervisor'] },
  { key: 'staff.nav.cases', href: ROUTES.staffCases, roles: ['inspector', 'supervisor'], prefixes: [ROUTES.staffCases] },
  { key: 'staff.nav.workloads', href: ROUTES.staffWorkloads, roles: ['supervisor'] },
  { key: 'staff.nav.reports', href: ROUTES.staffReports, roles: ['supervisor'] },
  { key: 'staff.nav.audit', href: ROUTES.staffAudit, roles: ['supervisor'] },
  // Licensing, welfare and admin (staff/licensing, staff/welfare, staff/admin), as the API's access table serves them (docs/access.md).
  { key: 'staff-licensing.nav.applications', href: STAFF_PATHS.applications, roles: ['inspector', 'supervisor'] },
  {
    key: 'staff-licensing.nav.licenses',
    href: STAFF_PATHS.licenses,
    roles: ['inspector', 'supervisor', 'welfare_officer', 'admin'],
    prefixes: [STAFF_PATHS.licenses, STAFF_PATHS.escrow],
  },
  { key: 'staff-welfare.nav.claims', href: STAFF_PATHS.claims, roles: ['supervisor', 'welfare_officer'] },
  { key: 'staff-welfare.nav.fund', href: STAFF_PATHS.fund, roles: ['supervisor', 'welfare_officer', 'finance_officer', 'admin'] },
  { key: 'staff-admin.nav.users', href: STAFF_PATHS.users, roles: ['admin'] },
  { key: 'staff-admin.nav.sla', href: STAFF_PATHS.sla, roles: ['admin'] },
  { key: 'staff-admin.nav.holidays', href: STAFF_PATHS.holidays, roles: ['admin'] },
  { key: 'staff-admin.nav.feeRules', href: STAFF_PATHS.feeRules, roles: ['admin'] },
  { key: 'staff-admin.nav.rates', href: STAFF_PATHS.rates, roles: ['admin'] },
  { key: 'staff-admin.nav.benefits', href: STAFF_PATHS.benefits, roles: ['admin'] },
  { key: 'staff-admin.nav.notifications', href: STAFF_PATHS.notifications, roles: ['admin'] },
];

export interface NavItem {
  text: string;
  href: string;
  active: boolean;
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * The sections `roles` see, the current one marked: the most specific match wins (on
 * `/staff/cases/mine` "My cases", not "All cases").
 */
export function staffNavigation(roles: readonly string[], currentPath: string, t: Translate): NavItem[] {
  const path = currentPath.split('?')[0];
  const visible = STAFF_SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));
  const score = (s: StaffSection) => Math.max(-1, ...[s.href, ...(s.prefixes ?? [])].filter((p) => under(path, p)).map((p) => p.length));
  const best = visible.reduce<StaffSection | null>((b, s) => (score(s) >= 0 && (!b || score(s) > score(b)) ? s : b), null);
  return visible.map((s) => ({ text: t(s.key), href: s.href, active: s === best }));
}

/** Where a staff member lands after signing in, and the staff home's first link: their first section. */
export function firstSection(roles: readonly string[]): string | null {
  return STAFF_SECTIONS.find((s) => s.roles.some((r) => roles.includes(r)))?.href ?? null;
}
