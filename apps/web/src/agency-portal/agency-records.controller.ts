/**
 * The agency's records (issue 22): its escrow statement and disabling a staff account.
 *
 *   GET  /agency/escrow                   balance against the requirement, the top-up deadline,
 *                                         the hold and the ledger's entries (GET /agency/escrow),
 *                                         `?page=` for older entries
 *   GET  /agency/staff/<id>/disable       an admin confirms disabling a staff account, with why
 *   POST /agency/staff/<id>/disable       POST /agency/users/{id}/disable, then back to the staff page
 *   GET  /agency/branches                 the branch offices with their state (from GET /agency/profile:
 *                                         pending until the ministry approves, refused with its reason)
 *   POST /agency/branches                 an admin asks to open one (POST /agency/branches); an active
 *                                         one has a "Close" link (agency-amendments.controller.ts)
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { MessageKey, translator } from '@app/i18n';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { BranchValues, branchApiErrors, branchRows, disableable, disablingReasonError, escrowStatement, readBranch } from './agency-records-view';
import { takeShownOnce } from '../session/shown-once';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;

declare module 'fastify' {
  interface Session {
    agencyStaffDisabled?: string;
    agencyBranchAdded?: string;
  }
}

const userId = (id: string): string => {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
};

@Controller()
export class AgencyRecordsController {
  constructor(private readonly sessions: ApiSessions) {}

  @Get(ROUTES.agencyEscrow)
  async escrow(@Query('page') page: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const n = /^[1-9][0-9]{0,3}$/.test(page ?? '') ? Number(page) : 1;
    const { data, response } = await api.GET('/agency/escrow', { params: { query: { page: n, pageSize: PAGE_SIZE } } });
    if (!response.ok || !data) throw new Error(`GET /agency/escrow answered ${response.status}`);
    const view = escrowStatement(data, request.locale);
    if (n > view.pages) throw new NotFoundException();
    reply.view('agency-portal/escrow.njk', {
      e: view,
      previous: view.page > 1 ? `${ROUTES.agencyEscrow}?page=${view.page - 1}` : null,
      next: view.page < view.pages ? `${ROUTES.agencyEscrow}?page=${view.page + 1}` : null,
    });
  }

  @Get(`${ROUTES.agencyStaff}/:id/disable`)
  async confirmDisable(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const [user, admin] = await Promise.all([this.userOf(api, userId(id)), this.isAdmin(api)]);
    this.render(request, reply, user, admin, 200, '', null);
  }

  @Post(`${ROUTES.agencyStaff}/:id/disable`)
  async disable(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const [user, admin] = await Promise.all([this.userOf(api, userId(id)), this.isAdmin(api)]);
    if (!disableable(user, admin)) return this.render(request, reply, user, admin, 409, '', null);
    const f = (body ?? {}) as Record<string, unknown>;
    const reason = typeof f.reason === 'string' ? f.reason.replace(/\s+/g, ' ').trim() : '';
    const error = disablingReasonError(reason);
    if (error) return this.render(request, reply, user, admin, 400, reason.slice(0, 600), error);
    const answer = await api.POST('/agency/users/{id}/disable', { params: { path: { id: user.id } }, body: { reason } });
    if (answer.response.status === 404) return this.render(request, reply, { ...user, active: false }, admin, 409, '', null);
    if (answer.response.status === 400) return this.render(request, reply, user, admin, 400, reason, 'agencyRecords.staff.errors.reasonShort');
    if (!answer.response.ok) throw new Error(`POST /agency/users/{id}/disable answered ${answer.response.status}`);
    request.session.agencyStaffDisabled = user.displayName;
    await request.session.save();
    reply.redirect(ROUTES.agencyStaff, 303);
  }

  @Get(ROUTES.agencyBranches)
  async branches(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.sessions.forRequest(request);
    const { agencyBranchAdded: added, agencyBranchClosed: closed } = await takeShownOnce(request, 'agencyBranchAdded', 'agencyBranchClosed');
    const t = translator(request.locale);
    await this.renderBranches(
      request,
      reply,
      200,
      { name: '', address: '' },
      {},
      added ? t('agencyRecords.branches.added', { name: added }) : closed ? t('agencyPortal.branchClose.closed', { name: closed }) : null,
    );
  }

  @Post(ROUTES.agencyBranches)
  async addBranch(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const { values, errors } = readBranch(body);
    if (Object.keys(errors).length) return this.renderBranches(request, reply, 400, values, errors, null);
    const answer = await api.POST('/agency/branches', { body: values });
    if (answer.response.status === 400) {
      const apiErrors = branchApiErrors(isProblem(answer.error) ? answer.error : null);
      if (Object.keys(apiErrors).length) return this.renderBranches(request, reply, 400, values, apiErrors, null);
    }
    if (answer.response.status === 403) return this.renderBranches(request, reply, 403, values, {}, null);
    if (!answer.response.ok || !answer.data) throw new Error(`POST /agency/branches answered ${answer.response.status}`);
    request.session.agencyBranchAdded = answer.data.name;
    await request.session.save();
    reply.redirect(ROUTES.agencyBranches, 303);
  }

  /** `notice`: the branch just asked for or closed, already in words. */
  private async renderBranches(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: BranchValues,
    errors: Record<string, MessageKey>,
    notice: string | null,
  ): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const [profile, admin] = await Promise.all([api.GET('/agency/profile'), this.isAdmin(api)]);
    if (!profile.response.ok || !profile.data) throw new Error(`GET /agency/profile answered ${profile.response.status}`);
    const t = translator(request.locale);
    void reply.status(status);
    reply.view('agency-portal/branches.njk', {
      added: notice,
      // An admin closes an active branch (agency-amendments.controller.ts asks to confirm).
      branches: branchRows(profile.data.branches, request.locale).map((row, i) => {
        const b = profile.data!.branches[i];
        return { ...row, closeHref: admin && b.status === 'active' ? `${ROUTES.agencyBranches}/${b.id}/close` : null };
      }),
      admin,
      v: values,
      err: Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(key)])),
      errorList: ['name', 'address'].filter((k) => errors[k]).map((k) => ({ text: t(errors[k]), href: `#${k}` })),
    });
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: ApiSchemas['UserView'],
    admin: boolean,
    status: number,
    reason: string,
    error: MessageKey | null,
  ): void {
    const t = translator(request.locale);
    void reply.status(status);
    reply.view('agency-portal/staff-disable.njk', {
      action: `${ROUTES.agencyStaff}/${user.id}/disable`,
      intro: t('agencyRecords.staff.disableIntro', { name: user.displayName, email: user.email }),
      allowed: disableable(user, admin),
      reason,
      error: error ? t(error) : null,
    });
  }

  private async userOf(api: ApiClient, id: string): Promise<ApiSchemas['UserView']> {
    const { data, response } = await api.GET('/agency/users/{id}', { params: { path: { id } } });
    if (response.status === 404) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /agency/users/{id} answered ${response.status}`);
    return data;
  }

  private async isAdmin(api: ApiClient): Promise<boolean> {
    const { data, response } = await api.GET('/me');
    if (!response.ok || !data) throw new Error(`GET /me answered ${response.status}`);
    return data.roles.includes('agency_admin');
  }
}
