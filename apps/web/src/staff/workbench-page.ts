/**
 * What every licensing, welfare and admin page of the workbench shares: the frame staff/layout.njk
 * draws (`staff`: the identity bar and the navigation by role of staff-navigation.ts) from the
 * signed-in person as the API says them (GET /me), and a notice shown once after an action
 * succeeded (Post/Redirect/Get).
 *
 * The navigation only helps people find their pages: whether a page may be seen is the API's
 * answer to the page's own calls (403 or 404), never this list.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient } from '@app/api-client';
import { translator } from '@app/i18n';
import { isStaffRole, staffNavigation } from './staff-navigation';

declare module 'fastify' {
  interface Session {
    /** One notice for the next page at `path` (set after an action, shown once). */
    workbenchNotice?: { path: string; text: string };
  }
}

export { STAFF_PATHS } from './workbench-paths';

/** Who is signed in (GET /me), asked once per client: the roles a page needs and the identity bar share it. */
const asked = new WeakMap<ApiClient, Promise<{ displayName: string; roles: string[] }>>();
function me(api: ApiClient): Promise<{ displayName: string; roles: string[] }> {
  let answer = asked.get(api);
  if (!answer) {
    answer = api.GET('/me').then(({ data }) => ({ displayName: data?.displayName ?? '', roles: data?.roles ?? [] }));
    asked.set(api, answer);
  }
  return answer;
}

/** The person's roles (GET /me), or none when the API does not say (the page's own call decides). */
export async function rolesOf(api: ApiClient): Promise<string[]> {
  return (await me(api)).roles;
}

/** Sets the notice the next page at `path` shows once. */
export async function setNotice(request: FastifyRequest, path: string, text: string): Promise<void> {
  request.session.workbenchNotice = { path, text };
  await request.session.save();
}

/** Renders a workbench page with its navigation and its notice (taken once). */
export async function renderStaff(
  api: ApiClient,
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  data: Record<string, unknown>,
  status = 200,
  knownRoles?: string[],
): Promise<void> {
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
  const who = await me(api);
  const roles = knownRoles ?? who.roles;
  const staffRoles = roles.filter(isStaffRole);
  // The frame staff/layout.njk draws (the identity bar and the navigation), as StaffPages.frame makes it.
  const staff = {
    name: who.displayName,
    roles: staffRoles,
    rolesText: staffRoles.map((r) => t(`staff.roles.${r}`)).join(', '),
    nav: staffNavigation(staffRoles, path, t),
  };
  void reply.status(status);
  reply.view(template, { ...data, staff, roles, notice });
}
