/**
 * The welfare officer's workbench (welfare officers and supervisors; the fund also for finance
 * officers and admins: the API's /welfare/... decides, and its 403/404 is the page's answer).
 *
 *   GET  /staff/welfare/claims                   the queue (?state=, ?claimType=; default: open claims),
 *                                                each claim's decision date and its deadline badge
 *   GET  /staff/welfare/claims/<id>              the claim, its eligibility explained, documents,
 *                                                the moves allowed now
 *   POST /staff/welfare/claims/<id>/<move>       take | request-documents | documents-received |
 *                                                approve | reject | disburse | confirm-payment
 *   GET  /staff/welfare/fund                     the fund's position and the income recorded, with the
 *                                                forms the person's roles may use:
 *   POST /staff/welfare/fund/contributions       a contribution paid at a ministry counter (welfare officer)
 *   POST /staff/welfare/fund/income              an appropriation or other income (finance officer, admin)
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { translator } from '@app/i18n';
import { ApiSessions } from '../../session/api-sessions';
import {
  FormErrors,
  FormSpec,
  FormState,
  actionOutcome,
  checkValues,
  formView,
  mustRead,
  readValues,
  refusalOf,
  uuidParam,
  versionOf,
} from '../workbench-forms';
import { STAFF_PATHS, renderStaff, rolesOf, setNotice } from '../workbench-page';
import {
  CLAIM_MOVES,
  CLAIM_STATES,
  ClaimMove,
  OPEN_CLAIM_STATES,
  claimActionBody,
  claimForms,
  claimPath,
  claimView,
  fundForms,
  fundView,
  queueRow,
} from './welfare-view';

type ClaimState = ApiSchemas['WelfareClaimState'];
type ClaimType = ApiSchemas['WelfareClaimType'];
const CLAIM_TYPES: ClaimType[] = [
  'death:natural',
  'death:accidental',
  'death:burial',
  'disability:partial',
  'disability:total',
  'medical',
  'repatriation',
  'legal-assistance',
  'education-grant',
  'livelihood-grant',
];
const PAGE_SIZE = 50;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Controller()
export class StaffWelfareController {
  constructor(private readonly sessions: ApiSessions) {}

  @Get(STAFF_PATHS.claims)
  async claims(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('state') stateQ?: string,
    @Query('claimType') typeQ?: string,
    @Query('page') pageQ?: string,
  ): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const state = (CLAIM_STATES as readonly string[]).includes(stateQ ?? '') ? (stateQ as ClaimState) : undefined;
    const claimType = CLAIM_TYPES.includes(typeQ as ClaimType) ? (typeQ as ClaimType) : undefined;
    const n = Number(pageQ);
    const page = Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
    const states: ClaimState[] = state ? [state] : [...OPEN_CLAIM_STATES];
    const answers = await Promise.all(
      states.map((s) => api.GET('/welfare/claims', { params: { query: { state: s, page, pageSize: PAGE_SIZE, ...(claimType ? { claimType } : {}) } } })),
    );
    const items = answers.flatMap((r) => mustRead('GET /welfare/claims', r).items);
    // Nearest decision first; claims with no running deadline after them.
    items.sort((a, b) => (a.decisionDue ? Date.parse(a.decisionDue) : Infinity) - (b.decisionDue ? Date.parse(b.decisionDue) : Infinity));
    const total = answers.reduce((sum, r) => sum + (r.data?.total ?? 0), 0);
    const now = new Date();
    await renderStaff(api, request, reply, 'staff/welfare/claims.njk', {
      filter: {
        action: STAFF_PATHS.claims,
        states: [
          { value: '', text: t('staff-welfare.queue.open'), selected: !state },
          ...CLAIM_STATES.map((s) => ({ value: s, text: t(`staff-welfare.states.${s}`), selected: s === state })),
        ],
        types: [
          { value: '', text: t('staff-welfare.queue.anyType'), selected: !claimType },
          ...CLAIM_TYPES.map((c) => ({ value: c, text: t(`account.welfare.types.${c}`), selected: c === claimType })),
        ],
      },
      table: {
        id: 'claims',
        caption: t('staff-welfare.queue.count', { count: total }),
        head: [
          t('staff-welfare.claim.reference'),
          t('staff-welfare.claim.worker'),
          t('staff-welfare.claim.type'),
          t('staff-welfare.claim.state'),
          t('staff-welfare.claim.filed'),
          t('staff-welfare.claim.decisionDue'),
          t('staff-welfare.claim.deadline'),
        ],
        rows: items.map((c) => queueRow(c, t, request.locale, now)),
        empty: t('staff-welfare.queue.empty'),
      },
      next: answers.some((r) => (r.data ? r.data.page * r.data.pageSize < r.data.total : false))
        ? `${STAFF_PATHS.claims}?${new URLSearchParams({ ...(state ? { state } : {}), ...(claimType ? { claimType } : {}), page: String(page + 1) })}`
        : null,
    });
  }

  @Get(`${STAFF_PATHS.claims}/:id`)
  async claim(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderClaim(this.sessions.forRequest(request).client, request, reply, uuidParam(id), null, 200);
  }

  @Post(`${STAFF_PATHS.claims}/:id/:move`)
  async move(
    @Param('id') id: string,
    @Param('move') move: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    id = uuidParam(id);
    if (!(CLAIM_MOVES as readonly string[]).includes(move)) throw new NotFoundException();
    const m = move as ClaimMove;
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const version = versionOf(body);
    // The form as the page offered it: its fields depend on the claim (checklist, currency, eligibility).
    const c = mustRead('GET /welfare/claims/{id}', await api.GET('/welfare/claims/{id}', { params: { path: { id } } }));
    const spec = claimForms({ ...c, version, allowedActions: [m] }, t, request.locale)[0];
    const values = readValues(spec, body);
    const checked = checkValues(spec, values, request.locale);
    if (Object.keys(checked.errors).length) return this.renderClaim(api, request, reply, id, { id: spec.id, values, errors: checked.errors }, 400);
    const rawKey = (body as Record<string, unknown> | null)?.idempotencyKey;
    const key = typeof rawKey === 'string' && UUID_KEY.test(rawKey) ? rawKey : undefined;
    const r = await api.POST('/welfare/claims/{id}/actions/{action}', {
      params: { path: { id, action: m }, ...(m === 'disburse' && key ? { header: { 'Idempotency-Key': key } } : {}) } as {
        path: { id: string; action: ClaimMove };
      },
      body: claimActionBody(m, version, values, checked.minor),
    });
    const outcome = actionOutcome(spec, r);
    if (!outcome.ok) {
      // The table's guard on an amount above the schedule (only a supervisor, with a reason) is about the amount: said there.
      const aboveSchedule =
        m === 'approve' &&
        c.eligibility.eligible &&
        c.scheduledMinor !== null &&
        checked.minor.approved !== undefined &&
        BigInt(checked.minor.approved) > BigInt(c.scheduledMinor);
      const errors = aboveSchedule && outcome.status === 409 ? { approved: 'staff-welfare.claim.fields.approvedRefused' } : outcome.errors;
      return this.renderClaim(api, request, reply, id, { id: spec.id, values, errors }, outcome.status);
    }
    await setNotice(request, claimPath(id), t(`staff-welfare.claim.actions.${m}.done`));
    void reply.redirect(claimPath(id), 303);
  }

  @Get(STAFF_PATHS.fund)
  async fund(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderFund(this.sessions.forRequest(request).client, request, reply, null, 200);
  }

  /** A contribution paid at a ministry counter, for a placement (the amount is the ministry's setting). */
  @Post(`${STAFF_PATHS.fund}/contributions`)
  async contribution(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const spec = fundForms({ currency: '' }, t, ['welfare_officer'])[0];
    const values = readValues(spec, body);
    const { errors } = checkValues(spec, values, request.locale);
    const placementId = String(values.placementId);
    if (placementId && !UUID_KEY.test(placementId)) errors.placementId = 'staff-welfare.fund.contribution.placementInvalid';
    if (Object.keys(errors).length) return this.renderFund(api, request, reply, { id: spec.id, values, errors }, 400);
    const r = await api.POST('/welfare/contributions', {
      body: { placementId: placementId.toLowerCase(), paidOn: String(values.paidOn), receiptNumber: String(values.receiptNumber) },
    });
    // A placement the API does not know (or may not show) is said on its field, not as the page's 404.
    if (r.response.status === 404)
      return this.renderFund(api, request, reply, { id: spec.id, values, errors: { placementId: 'staff-welfare.fund.contribution.placementUnknown' } }, 400);
    const outcome = actionOutcome(spec, r);
    if (!outcome.ok) return this.renderFund(api, request, reply, { id: spec.id, values, errors: onField(spec, r.error, outcome.errors) }, outcome.status);
    await setNotice(request, STAFF_PATHS.fund, t('staff-welfare.fund.contribution.done'));
    void reply.redirect(STAFF_PATHS.fund, 303);
  }

  /** An appropriation or other income of the fund, with the Idempotency-Key the page was rendered with. */
  @Post(`${STAFF_PATHS.fund}/income`)
  async income(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const f = mustRead('GET /welfare/fund', await api.GET('/welfare/fund'));
    const spec = fundForms(f, t, ['finance_officer'])[0];
    const values = readValues(spec, body);
    const checked = checkValues(spec, values, request.locale);
    if (Object.keys(checked.errors).length) return this.renderFund(api, request, reply, { id: spec.id, values, errors: checked.errors }, 400);
    const rawKey = (body as Record<string, unknown> | null)?.idempotencyKey;
    const key = typeof rawKey === 'string' && UUID_KEY.test(rawKey) ? rawKey : randomUUID();
    const r = await api.POST('/welfare/fund/income', {
      params: { header: { 'Idempotency-Key': key } },
      body: {
        kind: values.kind as ApiSchemas['FundIncomeKind'],
        amountMinor: checked.minor.amount,
        currency: f.currency,
        receivedOn: String(values.receivedOn),
        reference: String(values.reference),
        description: String(values.description),
      },
    });
    const outcome = actionOutcome(spec, r);
    if (!outcome.ok) return this.renderFund(api, request, reply, { id: spec.id, values, errors: onField(spec, r.error, outcome.errors) }, outcome.status);
    await setNotice(request, STAFF_PATHS.fund, t('staff-welfare.fund.record.done'));
    void reply.redirect(STAFF_PATHS.fund, 303);
  }

  private async renderFund(api: ApiClient, request: FastifyRequest, reply: FastifyReply, state: FormState | null, status: number): Promise<void> {
    const t = translator(request.locale);
    // The last 30 days of movements, by Manila day (the report refuses admins and finance officers: then left out).
    const day = (msAgo: number) => new Date(Date.now() + 8 * 3_600_000 - msAgo).toISOString().slice(0, 10);
    const [position, income, balance, roles] = await Promise.all([
      api.GET('/welfare/fund'),
      api.GET('/welfare/fund/income', { params: { query: { page: 1, pageSize: 50 } } }),
      api.GET('/welfare/reports/fund-balance', { params: { query: { from: day(29 * 86_400_000), to: day(0), bucket: 'day' } } }),
      rolesOf(api),
    ]);
    const f = mustRead('GET /welfare/fund', position);
    const report =
      balance.response.ok && balance.data && typeof balance.data === 'object' && 'rows' in balance.data
        ? (balance.data as ApiSchemas['FundBalanceReport'])
        : null;
    const specs = fundForms(f, t, roles);
    await renderStaff(
      api,
      request,
      reply,
      'staff/welfare/fund.njk',
      {
        ...fundView(f, income.data?.items ?? [], t, request.locale, report),
        forms: specs.map((s) => formView(s, t, state)),
        refusal: refusalOf(state, specs, t),
      },
      status,
      roles,
    );
  }

  private async renderClaim(api: ApiClient, request: FastifyRequest, reply: FastifyReply, id: string, state: FormState | null, status: number): Promise<void> {
    const t = translator(request.locale);
    const c = mustRead('GET /welfare/claims/{id}', await api.GET('/welfare/claims/{id}', { params: { path: { id } } }));
    const specs = claimForms(c, t, request.locale);
    const forms = specs.map((f) => formView(f, t, state));
    await renderStaff(
      api,
      request,
      reply,
      'staff/welfare/claim.njk',
      { ...claimView(c, t, request.locale), forms, refusal: refusalOf(state, specs, t), queue: STAFF_PATHS.claims },
      status,
    );
  }
}

/** Conflicts about one field (a receipt number or a reference already used) said next to it. */
const PROBLEM_FIELDS: Record<string, string> = {
  'receipt-number-taken': 'receiptNumber',
  'income-reference-taken': 'reference',
  'contribution-after-contract': 'paidOn',
  'missing-exchange-rate': 'paidOn',
};
function onField(spec: FormSpec, error: unknown, errors: FormErrors): FormErrors {
  const code = isProblem(error) ? error.code : null;
  const field = code ? PROBLEM_FIELDS[code] : undefined;
  return field && spec.fields.some((f) => f.name === field) ? { [field]: `staff-forms.problems.${code}` } : errors;
}
