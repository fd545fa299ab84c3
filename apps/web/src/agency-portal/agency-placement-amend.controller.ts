/**
 * Amending a recorded placement's fee lines (issue 22):
 *
 *   GET  /agency/placements/<id>/amend   the fee lines as they stand, editable, with why
 *   POST /agency/placements/<id>/amend   POST /placements/{id}/amendments (the complete corrected
 *                                        list and the reason, against the revision read): the
 *                                        earlier version is kept and the fees are assessed again
 *
 * The placement's page then shows the new assessment and every version (placement-amendment.ts).
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { MessageKey, translator } from '@app/i18n';
import { FeesApi } from '../fees/fees-api';
import { itemName } from '../fees/fees-names';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { AmendValues, amendValuesFrom, amendValuesOf, readAmendment } from './placement-amendment';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FEE_FIELDS: Record<string, string> = { item: 'item', amountMinor: 'amount', currency: 'amount', date: 'date', receiptNumber: 'receipt' };

declare module 'fastify' {
  interface Session {
    /** The placement just amended, for its page's notice. */
    agencyPlacementAmended?: string;
  }
}

@Controller()
export class AgencyPlacementAmendController {
  constructor(
    private readonly sessions: ApiSessions,
    private readonly fees: FeesApi,
  ) {}

  @Get(`${ROUTES.agencyPlacements}/:id/amend`)
  async form(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const p = await this.placement(api, id);
    await this.render(request, reply, 200, p, amendValuesOf(p, request.locale), {});
  }

  @Post(`${ROUTES.agencyPlacements}/:id/amend`)
  async amend(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const p = await this.placement(api, id);
    const values = amendValuesFrom(body);
    const read = readAmendment(values, p.revision, request.locale);
    if (!read.body) return this.render(request, reply, 400, p, values, read.errors);
    const answer = await api.POST('/placements/{id}/amendments', { params: { path: { id: p.id } }, body: read.body });
    if (answer.response.ok) {
      request.session.agencyPlacementAmended = p.id;
      await request.session.save();
      return void reply.redirect(`${ROUTES.agencyPlacements}/${p.id}`, 303);
    }
    const problem = isProblem(answer.error) ? answer.error : null;
    if (answer.response.status === 409) {
      const key: MessageKey = problem?.code === 'empty-amendment' ? 'agencyPortal.placementAmend.errors.nothing' : 'agencyPortal.placementAmend.errors.stale';
      return this.render(request, reply, 409, problem?.code === 'stale-version' ? await this.placement(api, id) : p, values, { reason: key });
    }
    if (answer.response.status === 400 || answer.response.status === 422) {
      // The API's fee index is the n-th filled row of the page.
      const filled = values.fees.map((f, i) => (f.item || f.amount || f.date || f.receipt ? i : -1)).filter((i) => i >= 0);
      const errors: Record<string, MessageKey> = {};
      for (const e of problem?.errors ?? []) {
        const m = /^fees\[(\d+)\]\.(\w+)$/.exec(e.field);
        const field = m ? `fee-${filled[Number(m[1])] ?? 0}-${FEE_FIELDS[m[2]] ?? 'item'}` : e.field === 'reason' ? 'reason' : 'fee-0-item';
        if (!errors[field]) errors[field] = field === 'reason' ? 'agencyPortal.placementAmend.errors.reason' : 'agencyPortal.register.errors.invalid';
      }
      if (!Object.keys(errors).length) errors.reason = 'agencyPortal.register.errors.invalid';
      return this.render(request, reply, 400, p, values, errors);
    }
    if (answer.response.status === 404 || answer.response.status === 403) throw new NotFoundException();
    throw new Error(`POST /placements/{id}/amendments answered ${answer.response.status}${problem ? ` (${problem.code})` : ''}`);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    p: ApiSchemas['PlacementView'],
    v: AmendValues,
    errors: Record<string, MessageKey>,
  ): Promise<void> {
    const locale = request.locale;
    const t = translator(locale);
    const vocabulary = await this.fees.vocabulary(request);
    const items = [vocabulary.placementFeeItem, ...vocabulary.costItems.map((c) => c.code)];
    const order = ['feeCurrency', ...v.fees.flatMap((_, i) => ['item', 'amount', 'date', 'receipt'].map((f) => `fee-${i}-${f}`)), 'reason'];
    void reply.status(status);
    reply.view('agency-portal/placement-amend.njk', {
      reference: p.reference,
      action: `${ROUTES.agencyPlacements}/${p.id}/amend`,
      backHref: `${ROUTES.agencyPlacements}/${p.id}`,
      rows: v.fees.length,
      v,
      err: Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(key)])),
      errorList: order.filter((k) => errors[k]).map((k) => ({ text: t(errors[k]), href: `#${k}` })),
      feeRows: v.fees.map((f, i) => ({
        i,
        f,
        items: [
          { value: '', text: t('agencyPortal.placements.chooseItem') },
          ...items.map((c) => ({ value: c, text: itemName(locale, c), selected: c === f.item })),
        ],
      })),
    });
  }

  private async placement(api: ApiClient, id: string): Promise<ApiSchemas['PlacementView']> {
    if (!UUID.test(id)) throw new NotFoundException();
    const { data, response } = await api.GET('/placements/{id}', { params: { path: { id: id.toLowerCase() } } });
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /placements/{id} answered ${response.status}`);
    return data;
  }
}
