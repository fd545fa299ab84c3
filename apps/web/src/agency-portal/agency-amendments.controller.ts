/**
 * Amendments of the agency's legal identity and closing a branch (issue 22):
 *
 *   GET  /agency/amendments            the history (GET /agency/amendments: pending, approved or
 *                                      refused with the inspector's note) and, for an admin, the
 *                                      request form: new legal name, registration number, the
 *                                      owners' rows (prefilled), capital
 *   POST /agency/amendments            POST /agency/amendments: nothing changes, publicly or
 *                                      anywhere, until an inspector approves it; "Add another
 *                                      owner" (action=addOwner) only draws the form again
 *   GET  /agency/branches/<id>/close   an admin confirms closing an active branch
 *   POST /agency/branches/<id>/close   POST /agency/branches/{id}/close, then back to the branches
 *
 * Address, contact and officers are not part of the legal identity: the API changes them without
 * review (PUT /agency/profile) and never shows contact details or officers publicly.
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { MessageKey, translator } from '@app/i18n';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import {
  AmendmentErrors,
  AmendmentValues,
  EMPTY_AMENDMENT,
  amendmentApiErrors,
  amendmentFieldOrder,
  amendmentRows,
  canAddOwner,
  ownerRowsShown,
  ownersText,
  readAmendment,
} from './agency-amendments-view';
import { takeShownOnce } from '../session/shown-once';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

declare module 'fastify' {
  interface Session {
    agencyAmendmentFiled?: boolean;
    agencyBranchClosed?: string;
  }
}

@Controller()
export class AgencyAmendmentsController {
  constructor(private readonly sessions: ApiSessions) {}

  @Get(ROUTES.agencyAmendments)
  async amendments(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const filed = (await takeShownOnce(request, 'agencyAmendmentFiled')).agencyAmendmentFiled ?? false;
    await this.render(request, reply, api, 200, EMPTY_AMENDMENT, {}, filed);
  }

  @Post(ROUTES.agencyAmendments)
  async file(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const profile = await this.profile(api);
    const read = readAmendment(body, request.locale, {
      legalName: profile.legalName,
      registrationNumber: profile.registrationNumber,
      capitalMinor: profile.capital.amountMinor,
      owners: profile.owners,
    });
    if (read.addOwner) return this.render(request, reply, api, 200, read.values, {}, false);
    if (!read.body) return this.render(request, reply, api, 400, read.values, read.errors, false);
    const answer = await api.POST('/agency/amendments', { body: read.body });
    if (answer.response.ok) {
      request.session.agencyAmendmentFiled = true;
      await request.session.save();
      return void reply.redirect(ROUTES.agencyAmendments, 303);
    }
    if (answer.response.status === 403) return this.render(request, reply, api, 403, read.values, {}, false);
    const errors = amendmentApiErrors(answer.response.status, isProblem(answer.error) ? answer.error : null, read.ownerRows);
    if (Object.keys(errors).length) return this.render(request, reply, api, answer.response.status, read.values, errors, false);
    throw new Error(`POST /agency/amendments answered ${answer.response.status}`);
  }

  @Get(`${ROUTES.agencyBranches}/:id/close`)
  async confirmClose(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const branch = await this.branch(api, id);
    this.renderClose(request, reply, 200, branch, await this.isAdmin(api), null);
  }

  @Post(`${ROUTES.agencyBranches}/:id/close`)
  async close(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const branch = await this.branch(api, id);
    const admin = await this.isAdmin(api);
    if (!admin || branch.status !== 'active') return this.renderClose(request, reply, 409, branch, admin, null);
    const answer = await api.POST('/agency/branches/{id}/close', { params: { path: { id: branch.id } } });
    if (answer.response.status === 404) throw new NotFoundException();
    if (answer.response.status === 409) return this.renderClose(request, reply, 409, branch, admin, 'agencyPortal.branchClose.notActive');
    if (!answer.response.ok) throw new Error(`POST /agency/branches/{id}/close answered ${answer.response.status}`);
    request.session.agencyBranchClosed = branch.name;
    await request.session.save();
    reply.redirect(ROUTES.agencyBranches, 303);
  }

  private renderClose(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    branch: { id: string; name: string; address: string; status: string },
    admin: boolean,
    error: MessageKey | null,
  ): void {
    const t = translator(request.locale);
    void reply.status(status);
    reply.view('agency-portal/branch-close.njk', {
      action: `${ROUTES.agencyBranches}/${branch.id}/close`,
      name: branch.name,
      address: branch.address,
      allowed: admin && branch.status === 'active',
      error: error ? t(error) : null,
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    api: ApiClient,
    status: number,
    values: AmendmentValues,
    errors: AmendmentErrors,
    filed: boolean,
  ): Promise<void> {
    const [list, profile, admin] = await Promise.all([
      api.GET('/agency/amendments', { params: { query: { pageSize: 100 } } }),
      this.profile(api),
      this.isAdmin(api),
    ]);
    if (!list.response.ok || !list.data) throw new Error(`GET /agency/amendments answered ${list.response.status}`);
    const t = translator(request.locale);
    const rows = amendmentRows(list.data.items, request.locale);
    const owners = ownerRowsShown(values, profile.owners);
    void reply.status(status);
    reply.view('agency-portal/amendments.njk', {
      filed: filed ? t('agencyPortal.amendments.filed') : null,
      current: { legalName: profile.legalName, registrationNumber: profile.registrationNumber, owners: ownersText(profile.owners) },
      amendments: rows,
      pending: list.data.items.some((a) => a.state === 'pending'),
      admin,
      v: { ...values, owners },
      canAddOwner: canAddOwner(owners.length),
      err: Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(key)])),
      errorList: amendmentFieldOrder(owners.length)
        .filter((k) => errors[k])
        .map((k) => ({ text: t(errors[k]), href: `#${k}` })),
    });
  }

  private async branch(api: ApiClient, id: string) {
    if (!UUID.test(id)) throw new NotFoundException();
    const branch = (await this.profile(api)).branches.find((b) => b.id === id.toLowerCase());
    if (!branch) throw new NotFoundException();
    return branch;
  }

  private async profile(api: ApiClient) {
    const { data, response } = await api.GET('/agency/profile');
    if (!response.ok || !data) throw new Error(`GET /agency/profile answered ${response.status}`);
    return data;
  }

  private async isAdmin(api: ApiClient): Promise<boolean> {
    const { data, response } = await api.GET('/me');
    if (!response.ok || !data) throw new Error(`GET /me answered ${response.status}`);
    return data.roles.includes('agency_admin');
  }
}
