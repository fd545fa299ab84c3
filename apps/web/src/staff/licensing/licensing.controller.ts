/**
 * Licensing in the ministry's workbench (inspectors and supervisors; the API decides who may do
 * what: /licensing/...). Every page reads through the signed-in person's API session, so a person
 * the API refuses gets its 403 or 404 as the page.
 *
 *   GET  /staff/licensing/applications                  the queue (?state=, default: everything open)
 *   GET  /staff/licensing/applications/<id>             checklist, documents, clearance, the agency's
 *                                                       open cases, history, the moves allowed now
 *   POST /staff/licensing/applications/<id>/<move>      take | recommend | return | approve | reject
 *   GET  /staff/licensing/documents/<id>                a document's file (through the API)
 *   GET  /staff/licensing/licenses                      licenses (?q=, ?state=)
 *   GET  /staff/licensing/licenses/<id>                 a license, its history, suspend / lift / revoke
 *   POST /staff/licensing/licenses/<id>/<move>          suspend | reinstate (lift) | revoke
 *   GET  /staff/licensing/agencies/<agencyId>/escrow    the agency's escrow statement and, while the
 *                                                       account is open, the form recording an entry
 *   POST /staff/licensing/agencies/<agencyId>/escrow/entries  deposit | top-up | garnishment | release
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { formatDate, translator } from '@app/i18n';
import { ApiSessions } from '../../session/api-sessions';
import { FormState, actionOutcome, checkValues, formView, lines, mustRead, readValues, refusalOf, uuidParam, versionOf } from '../workbench-forms';
import { STAFF_PATHS, renderStaff, rolesOf, setNotice } from '../workbench-page';
import {
  APPLICATION_ACTIONS,
  ApplicationMove,
  LICENSE_MOVES,
  LicenseMove,
  applicationForms,
  applicationPath,
  applicationView,
  escrowForms,
  escrowPath,
  escrowView,
  licenseForms,
  licensePath,
  licenseView,
} from './licensing-view';

type ApplicationState = ApiSchemas['ApplicationState'];
type LicenseState = ApiSchemas['LicenseState'];
const APPLICATION_STATES: ApplicationState[] = ['submitted', 'under_review', 'recommended', 'returned_for_correction', 'approved', 'rejected'];
const LICENSE_STATES: LicenseState[] = ['active', 'suspended', 'expired', 'revoked', 'surrendered'];
const PAGE_SIZE = 50;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pageOf = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};

@Controller()
export class StaffLicensingController {
  constructor(private readonly sessions: ApiSessions) {}

  @Get(STAFF_PATHS.applications)
  async applications(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('state') stateQ?: string,
    @Query('page') pageQ?: string,
  ): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const state = APPLICATION_STATES.includes(stateQ as ApplicationState) ? (stateQ as ApplicationState) : undefined;
    const page = pageOf(pageQ);
    // Without a state: the work to do (submitted, under review, recommended), oldest first as the API orders them.
    const states: (ApplicationState | undefined)[] = state ? [state] : ['submitted', 'under_review', 'recommended'];
    const answers = await Promise.all(states.map((s) => api.GET('/licensing/applications', { params: { query: { state: s, page, pageSize: PAGE_SIZE } } })));
    const items = answers.flatMap((r) => mustRead('GET /licensing/applications', r).items);
    const total = answers.reduce((n, r) => n + (r.data?.total ?? 0), 0);
    const when = (d: string | null) => (d ? formatDate(d, request.locale, 'dateTime', 'Asia/Manila') : '');
    await renderStaff(api, request, reply, 'staff/licensing/applications.njk', {
      filter: {
        action: STAFF_PATHS.applications,
        items: [
          { value: '', text: t('staff-licensing.queue.open'), selected: !state },
          ...APPLICATION_STATES.map((s) => ({ value: s, text: t(`staff-licensing.states.${s}`), selected: s === state })),
        ],
      },
      table: {
        id: 'applications',
        caption: t('staff-licensing.queue.count', { count: total }),
        head: [
          t('staff-licensing.application.agency'),
          t('staff-licensing.application.type'),
          t('staff-licensing.application.state'),
          t('staff-licensing.application.submitted'),
        ],
        rows: items.map((a) => [
          { text: a.agencyName, href: applicationPath(a.id) },
          { text: t(`staff-licensing.types.${a.type}`) },
          {
            text: t(`staff-licensing.states.${a.state}`),
            tag: a.state === 'recommended' ? 'govuk-tag--purple' : a.state === 'submitted' ? 'govuk-tag--blue' : 'govuk-tag--grey',
          },
          { text: when(a.submittedAt) },
        ]),
        empty: t('staff-licensing.queue.empty'),
      },
      next: items.length >= PAGE_SIZE ? `${STAFF_PATHS.applications}?${new URLSearchParams({ ...(state ? { state } : {}), page: String(page + 1) })}` : null,
    });
  }

  @Get(`${STAFF_PATHS.applications}/:id`)
  async application(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderApplication(this.sessions.forRequest(request).client, request, reply, uuidParam(id), null, 200);
  }

  @Post(`${STAFF_PATHS.applications}/:id/:move`)
  async moveApplication(
    @Param('id') id: string,
    @Param('move') move: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    id = uuidParam(id);
    if (!(APPLICATION_ACTIONS as readonly string[]).includes(move)) throw new NotFoundException();
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const m = move as ApplicationMove;
    const version = versionOf(body);
    // The form as it was offered (its fields do not depend on the application's state).
    const spec = applicationForms({ id, version, allowedActions: [m] }, t)[0];
    const values = readValues(spec, body);
    const checked = checkValues(spec, values, request.locale);
    if (Object.keys(checked.errors).length) return this.renderApplication(api, request, reply, id, { id: spec.id, values, errors: checked.errors }, 400);
    const path = { params: { path: { id } } };
    const note = typeof values.note === 'string' && values.note ? { note: values.note } : {};
    const r =
      m === 'return'
        ? await api.POST('/licensing/applications/{id}/return', { ...path, body: { version, items: lines(values.items) } })
        : m === 'reject'
          ? await api.POST('/licensing/applications/{id}/reject', { ...path, body: { version, reasons: String(values.reasons) } })
          : await api.POST(`/licensing/applications/{id}/${m}`, { ...path, body: { version, ...note } });
    const outcome = actionOutcome(spec, r);
    if (!outcome.ok) return this.renderApplication(api, request, reply, id, { id: spec.id, values, errors: outcome.errors }, outcome.status);
    await setNotice(request, applicationPath(id), t(`staff-licensing.application.actions.${m}.done`));
    void reply.redirect(applicationPath(id), 303);
  }

  @Get(`${STAFF_PATHS.documents}/:id`)
  async document(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const r = await api.GET('/licensing/documents/{id}/content', { params: { path: { id: uuidParam(id) } }, parseAs: 'arrayBuffer' });
    const data = mustRead('GET /licensing/documents/{id}/content', r as { data?: ArrayBuffer; error?: unknown; response: Response });
    const type = r.response.headers.get('content-type') ?? 'application/octet-stream';
    // Shown as the API sends it: an attachment in its recognised type, never run as a page.
    void reply
      .header('content-type', type)
      .header('content-disposition', r.response.headers.get('content-disposition') ?? 'attachment')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(data));
  }

  @Get(STAFF_PATHS.licenses)
  async licenses(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('q') q?: string,
    @Query('state') stateQ?: string,
    @Query('page') pageQ?: string,
  ): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const state = LICENSE_STATES.includes(stateQ as LicenseState) ? (stateQ as LicenseState) : undefined;
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const page = pageOf(pageQ);
    const list = mustRead(
      'GET /licensing/licenses',
      await api.GET('/licensing/licenses', { params: { query: { page, pageSize: PAGE_SIZE, ...(state ? { state } : {}), ...(search ? { q: search } : {}) } } }),
    );
    await renderStaff(api, request, reply, 'staff/licensing/licenses.njk', {
      q: search,
      filter: {
        action: STAFF_PATHS.licenses,
        items: [
          { value: '', text: t('staff-licensing.licenses.any'), selected: !state },
          ...LICENSE_STATES.map((s) => ({ value: s, text: t(`staff-licensing.licenseStates.${s}`), selected: s === state })),
        ],
      },
      table: {
        id: 'licenses',
        caption: t('staff-licensing.licenses.count', { count: list.total }),
        head: [
          t('staff-licensing.license.number'),
          t('staff-licensing.application.agency'),
          t('staff-licensing.license.state'),
          t('staff-licensing.license.expires'),
        ],
        rows: list.items.map((l) => [
          { text: l.number, href: licensePath(l.id) },
          { text: l.agencyName },
          {
            text: t(`staff-licensing.licenseStates.${l.state}`),
            tag: l.state === 'active' ? 'govuk-tag--green' : l.state === 'suspended' ? 'govuk-tag--orange' : 'govuk-tag--grey',
          },
          { text: formatDate(l.expiresOn, request.locale, 'date') },
        ]),
        empty: t('staff-licensing.licenses.empty'),
      },
      next:
        list.page * list.pageSize < list.total
          ? `${STAFF_PATHS.licenses}?${new URLSearchParams({ ...(state ? { state } : {}), ...(search ? { q: search } : {}), page: String(page + 1) })}`
          : null,
    });
  }

  @Get(`${STAFF_PATHS.licenses}/:id`)
  async license(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderLicense(this.sessions.forRequest(request).client, request, reply, uuidParam(id), null, 200);
  }

  @Post(`${STAFF_PATHS.licenses}/:id/:move`)
  async moveLicense(
    @Param('id') id: string,
    @Param('move') move: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    id = uuidParam(id);
    if (!(LICENSE_MOVES as readonly string[]).includes(move)) throw new NotFoundException();
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const m = move as LicenseMove;
    const version = versionOf(body);
    const spec = licenseForms({ id, version, allowedActions: [m] }, t)[0];
    const values = readValues(spec, body);
    const checked = checkValues(spec, values, request.locale);
    if (Object.keys(checked.errors).length) return this.renderLicense(api, request, reply, id, { id: spec.id, values, errors: checked.errors }, 400);
    const path = { params: { path: { id } } };
    const reason = String(values.reason);
    // A suspension's end: the end of the chosen day in the ministry's time zone (Manila, UTC+8).
    const r =
      m === 'suspend'
        ? await api.POST('/licensing/licenses/{id}/suspend', { ...path, body: { version, reason, until: `${String(values.until)}T23:59:59+08:00` } })
        : await api.POST(`/licensing/licenses/{id}/${m}`, { ...path, body: { version, reason } });
    const outcome = actionOutcome(spec, r);
    if (!outcome.ok) return this.renderLicense(api, request, reply, id, { id: spec.id, values, errors: outcome.errors }, outcome.status);
    await setNotice(request, licensePath(id), t(`staff-licensing.license.actions.${m}.done`));
    void reply.redirect(licensePath(id), 303);
  }

  @Get(`${STAFF_PATHS.escrow}/:agencyId/escrow`)
  async escrow(@Param('agencyId') agencyId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('page') pageQ?: string): Promise<void> {
    await this.renderEscrow(this.sessions.forRequest(request).client, request, reply, uuidParam(agencyId), pageOf(pageQ), null, 200);
  }

  /** An entry in the agency's escrow ledger, with the Idempotency-Key the page was rendered with. */
  @Post(`${STAFF_PATHS.escrow}/:agencyId/escrow/entries`)
  async escrowEntry(@Param('agencyId') agencyId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    agencyId = uuidParam(agencyId);
    const api = this.sessions.forRequest(request).client;
    const t = translator(request.locale);
    const e = mustRead(
      'GET /licensing/agencies/{agencyId}/escrow',
      await api.GET('/licensing/agencies/{agencyId}/escrow', { params: { path: { agencyId }, query: { page: 1, pageSize: 1 } } }),
    );
    // The form as the page offers it; an account not open (or a role that may not record) has none: the API says why.
    const spec = escrowForms({ ...e, open: true }, t, ['inspector'])[0];
    const values = readValues(spec, body);
    const checked = checkValues(spec, values, request.locale);
    if (Object.keys(checked.errors).length) return this.renderEscrow(api, request, reply, agencyId, 1, { id: spec.id, values, errors: checked.errors }, 400);
    const rawKey = (body as Record<string, unknown> | null)?.idempotencyKey;
    const key = typeof rawKey === 'string' && UUID_KEY.test(rawKey) ? rawKey : randomUUID();
    const r = await api.POST('/licensing/agencies/{agencyId}/escrow/entries', {
      params: { path: { agencyId }, header: { 'Idempotency-Key': key } },
      body: {
        kind: values.kind as ApiSchemas['EscrowEntryKind'],
        amountMinor: checked.minor.amount,
        currency: e.currency,
        reference: String(values.reference),
      },
    });
    const outcome = actionOutcome(spec, r);
    if (!outcome.ok) {
      // A balance the entry cannot take (or pass) is about the amount: said there.
      const code = isProblem(r.error) ? r.error.code : null;
      const errors = code === 'escrow-insufficient-balance' || code === 'escrow-balance-limit' ? { amount: `staff-forms.problems.${code}` } : outcome.errors;
      return this.renderEscrow(api, request, reply, agencyId, 1, { id: spec.id, values, errors }, outcome.status);
    }
    await setNotice(request, escrowPath(agencyId), t('staff-licensing.escrow.record.done'));
    void reply.redirect(escrowPath(agencyId), 303);
  }

  // ---------------------------------------------------------------------------------------------

  private async renderApplication(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const t = translator(request.locale);
    const [answer, roles] = await Promise.all([api.GET('/licensing/applications/{id}', { params: { path: { id } } }), rolesOf(api)]);
    const a = mustRead('GET /licensing/applications/{id}', answer);
    const specs = applicationForms(a, t, roles);
    const forms = specs.map((f) => formView(f, t, state));
    await renderStaff(
      api,
      request,
      reply,
      'staff/licensing/application.njk',
      { ...applicationView(a, t, request.locale), forms, refusal: refusalOf(state, specs, t), queue: STAFF_PATHS.applications },
      status,
      roles,
    );
  }

  private async renderEscrow(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    agencyId: string,
    page: number,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const t = translator(request.locale);
    const [escrow, profile, roles] = await Promise.all([
      api.GET('/licensing/agencies/{agencyId}/escrow', { params: { path: { agencyId }, query: { page, pageSize: PAGE_SIZE } } }),
      api.GET('/licensing/agencies/{id}/profile', { params: { path: { id: agencyId } } }),
      rolesOf(api),
    ]);
    const e = mustRead('GET /licensing/agencies/{agencyId}/escrow', escrow);
    const specs = escrowForms(e, t, roles);
    await renderStaff(
      api,
      request,
      reply,
      'staff/licensing/escrow.njk',
      {
        title: t('staff-licensing.escrow.heading', { agency: profile.data?.legalName ?? '' }),
        ...escrowView(e, t, request.locale),
        forms: specs.map((f) => formView(f, t, state)),
        refusal: refusalOf(state, specs, t),
        next: e.entries.page * e.entries.pageSize < e.entries.total ? `?page=${page + 1}` : null,
      },
      status,
      roles,
    );
  }

  private async renderLicense(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const t = translator(request.locale);
    const [answer, roles] = await Promise.all([api.GET('/licensing/licenses/{id}', { params: { path: { id } } }), rolesOf(api)]);
    const l = mustRead('GET /licensing/licenses/{id}', answer);
    const specs = licenseForms(l, t, roles);
    const forms = specs.map((f) => formView(f, t, state));
    await renderStaff(
      api,
      request,
      reply,
      'staff/licensing/license.njk',
      { ...licenseView(l, t, request.locale), forms, refusal: refusalOf(state, specs, t) },
      status,
      roles,
    );
  }
}
