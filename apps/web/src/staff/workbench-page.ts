/**
 * What every licensing, welfare and admin page of the workbench shares: the navigation by role
 * (`staffNav`, read by staff/layout.njk) built from the signed-in person's roles as the API says
 * them (GET /me), and a notice shown once after an action succeeded (Post/Redirect/Get).
 *
 * The navigation only helps people find their pages: whether a page may be seen is the API's
 * answer to the page's own calls (403 or 404), never this list.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient } from '@app/api-client';
import { Translate, translator } from '@app/i18n';

declare module 'fastify' {
  interface Session {
    /** One notice for the next page at `path` (set after an action, shown once). */
    workbenchNotice?: { path: string; text: string };
  }
}

export const STAFF_PATHS = {
  applications: '/staff/licensing/applications',
  licenses: '/staff/licensing/licenses',
  escrow: '/staff/licensing/agencies',
  documents: '/staff/licensing/documents',
  claims: '/staff/welfare/claims',
  fund: '/staff/welfare/fund',
  users: '/staff/admin/users',
  sla: '/staff/admin/sla-policies',
  holidays: '/staff/admin/holidays',
  feeRules: '/staff/admin/fee-rules',
  rates: '/staff/admin/exchange-rates',
  benefits: '/staff/admin/benefit-schedules',
  notifications: '/staff/admin/notifications',
} as const;

type NavKey = keyof typeof STAFF_PATHS;

/** Which pages each role works with (the API's access table, docs/access.md). */
const NAV_BY_ROLE: Record<string, NavKey[]> = {
  inspector: ['applications', 'licenses'],
  supervisor: ['applications', 'licenses', 'claims', 'fund'],
  welfare_officer: ['claims', 'fund', 'licenses'],
  finance_officer: ['fund'],
  admin: ['users', 'sla', 'holidays', 'feeRules', 'rates', 'benefits', 'notifications', 'licenses', 'fund'],
};
const NAV_ORDER: NavKey[] = ['applications', 'licenses', 'claims', 'fund', 'users', 'sla', 'holidays', 'feeRules', 'rates', 'benefits', 'notifications'];
const NAV_KEYS: Partial<Record<NavKey, string>> = {
  applications: 'staff-licensing.nav.applications',
  licenses: 'staff-licensing.nav.licenses',
  claims: 'staff-welfare.nav.claims',
  fund: 'staff-welfare.nav.fund',
  users: 'staff-admin.nav.users',
  sla: 'staff-admin.nav.sla',
  holidays: 'staff-admin.nav.holidays',
  feeRules: 'staff-admin.nav.feeRules',
  rates: 'staff-admin.nav.rates',
  benefits: 'staff-admin.nav.benefits',
  notifications: 'staff-admin.nav.notifications',
};

export interface NavItem {
  text: string;
  href: string;
  active: boolean;
}

/** The navigation for these roles, the section holding `currentPath` marked active. */
export function staffNavFor(roles: readonly string[], currentPath: string, t: Translate): NavItem[] {
  const keys = new Set(roles.flatMap((r) => NAV_BY_ROLE[r] ?? []));
  return NAV_ORDER.filter((k) => keys.has(k)).map((k) => {
    const href = STAFF_PATHS[k];
    return { text: t(NAV_KEYS[k] ?? ''), href, active: currentPath === href || currentPath.startsWith(`${href}/`) };
  });
}

/** The person's roles (GET /me), or none when the API does not say (the page's own call decides). */
export async function rolesOf(api: ApiClient): Promise<string[]> {
  const me = await api.GET('/me');
  return me.data?.roles ?? [];
}

/** Sets the notice the next page at `path` shows once. */
export async function setNotice(request: FastifyRequest, path: string, text: string): Promise<void> {
  request.session.workbenchNotice = { path, text };
  await request.session.save();
}

/** Renders a workbench page with its navigation and its notice (taken once). */
export async function renderStaff(api: ApiClient, request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200, knownRoles?: string[]): Promise<void> {
  const path = request.url.split('?')[0];
  const t = translator(request.locale);
  let notice: string | null = null;
  const kept = request.session?.workbenchNotice;
  if (kept) {
    if (kept.path === path && status < 400) notice = kept.text;
    if (kept.path === path || status < 400) {
      request.session.workbenchNotice = undefined;
      await request.session.save();
    }
  }
  const roles = knownRoles ?? (await rolesOf(api));
  void reply.status(status);
  reply.view(template, { ...data, staffNav: staffNavFor(roles, path, t), roles, notice });
}
