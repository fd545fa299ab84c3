/**
 * The agency's fines (issue 22):
 *
 *   GET  /agency/fines               every fine a decision imposed: amount, state, due date (GET /agency/fines);
 *                                    under it, a "record your payment" form per open fine
 *   POST /agency/fines/<id>/payment  the agency declares its payment: reference and proof file
 *                                    (multipart; POST /agency/fines/{id}/payment-declaration)
 *
 * The ministry then confirms the declaration (the fine is paid) or rejects it with a reason (open
 * again; the page shows the reason and the form again).
 */
import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { MessageKey, translator } from '@app/i18n';
import { MAX_FILE_BYTES } from '../complaints/complaint-evidence-store';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { FINE_TEXTS, finesPage } from './agency-fines-view';
import { declarationRefusal, readDeclaration } from './payment-declaration-form';
import { takeShownOnce } from '../session/shown-once';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROOF_MULTIPART = { multipartOptions: { limits: { fileSize: MAX_FILE_BYTES + 1, files: 1 }, throwFileSizeLimit: false } };

declare module 'fastify' {
  interface Session {
    /** The reference of the fine whose payment was just declared, shown once. */
    agencyFineDeclared?: string;
  }
}

const actionOf = (id: string) => `${ROUTES.agencyFines}/${id}/payment`;

@Controller()
export class AgencyFinesController {
  constructor(private readonly sessions: ApiSessions) {}

  @Get(ROUTES.agencyFines)
  async fines(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const declared = (await takeShownOnce(request, 'agencyFineDeclared')).agencyFineDeclared ?? null;
    await this.render(request, reply, api, 200, {}, {}, declared);
  }

  @Post(`${ROUTES.agencyFines}/:id/payment`)
  @RouteConfig(PROOF_MULTIPART)
  async declare(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundException();
    const fineId = id.toLowerCase();
    const api = this.sessions.forRequest(request).client;
    const form = readDeclaration(fineId, request.body, FINE_TEXTS);
    if (!form.ok) return this.render(request, reply, api, 400, form.errors, form.values);
    const answer = await api.POST('/agency/fines/{id}/payment-declaration', {
      params: { path: { id: fineId } },
      body: form.body as unknown as ApiSchemas['DeclareFinePaymentBody'],
    });
    if (answer.response.ok && answer.data) {
      request.session.agencyFineDeclared = answer.data.reference;
      await request.session.save();
      return void reply.redirect(ROUTES.agencyFines, 303);
    }
    if (answer.response.status === 404) throw new NotFoundException();
    const problem = isProblem(answer.error) ? answer.error : null;
    const refusal = declarationRefusal(
      fineId,
      answer.response.status,
      (problem?.errors ?? []).map((e) => e.field),
      FINE_TEXTS,
    );
    if (refusal) return this.render(request, reply, api, answer.response.status === 409 ? 409 : 400, refusal, form.values);
    throw new Error(`POST /agency/fines/{id}/payment-declaration answered ${answer.response.status}${problem ? ` (${problem.code})` : ''}`);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    api: ApiClient,
    status: number,
    errors: Record<string, MessageKey>,
    values: Record<string, string>,
    declared: string | null = null,
  ): Promise<void> {
    const { data, response } = await api.GET('/agency/fines', { params: { query: { pageSize: 100 } } });
    if (!response.ok || !data) throw new Error(`GET /agency/fines answered ${response.status}`);
    const t = translator(request.locale);
    void reply.status(status);
    reply.view('agency-portal/fines.njk', {
      notice: declared ? t('agencyPortal.fines.declaredNotice', { reference: declared }) : null,
      ...finesPage(data.items, request.locale, actionOf, errors, values),
    });
  }
}
