/**
 * The staff pages' frame (who is signed in, the navigation by role) and the staff home:
 *
 *   GET /staff    the signed-in officer's sections; anyone without a ministry role gets the 403 page
 *
 * Signing in (account/account.controller.ts) lands ministry staff here; workers and agency people
 * keep landing on their account.
 */
import { Controller, ForbiddenException, Get, Injectable, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient } from '@app/api-client';
import { translator } from '@app/i18n';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { NavItem, STAFF_SECTIONS, isStaffRole, staffNavigation } from './staff-navigation';

/** What staff/layout.njk needs: the identity bar and the primary navigation. */
export interface StaffFrame {
  name: string;
  roles: string[];
  /** The roles in words, for the identity bar. */
  rolesText: string;
  nav: NavItem[];
}

/** A signed-in officer's API client and page frame, for every staff controller. */
@Injectable()
export class StaffPages {
  constructor(private readonly sessions: ApiSessions) {}

  api(request: FastifyRequest): ApiClient {
    return this.sessions.forRequest(request).client;
  }

  /** Who is signed in (GET /me) and their navigation. */
  async frame(request: FastifyRequest): Promise<StaffFrame> {
    const { data, response } = await this.api(request).GET('/me');
    if (!response.ok || !data) throw new Error(`GET /me answered ${response.status}`);
    const t = translator(request.locale);
    const roles = data.roles.filter(isStaffRole);
    return {
      name: data.displayName,
      roles,
      rolesText: roles.map((r) => t(`staff.roles.${r}`)).join(', '),
      nav: staffNavigation(roles, request.url, t),
    };
  }
}

@Controller(ROUTES.staff)
export class StaffHomeController {
  constructor(private readonly pages: StaffPages) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await this.pages.frame(request);
    // A worker or an agency's user: the staff home is not theirs (each section's API says so too).
    if (!staff.roles.length) throw new ForbiddenException();
    const t = translator(request.locale);
    const sections = STAFF_SECTIONS.filter((s) => s.roles.some((r) => staff.roles.includes(r))).map((s) => ({ text: t(s.key), href: s.href }));
    reply.view('staff/home.njk', { staff, sections });
  }
}
