/**
 * The agency portal (issue 22): a new agency registers, its admin confirms by mail, and its
 * people see their license, what blocks it, and their applications.
 *
 *   GET/POST /agency/register                 the agency, owners, officers, capital and the first
 *                                             admin: POST /agency-registrations, then "check your email"
 *   GET      /agency/register/sent
 *   GET      /agency/register/verify?token=   the mailed link: the token goes into the session and
 *   GET/POST /agency/register/verify          the address bar is cleaned; the form asks the password
 *                                             (POST /agency-registrations/verify), signs in, /agency
 *   GET      /agency                          the dashboard: license, days to expiry, renewal,
 *                                             the clearance checklist (escrow, fines, refund orders,
 *                                             holds) with where to fix each, the applications
 *   POST     /agency/applications             open a new or renewal application (POST /agency/applications)
 *   GET      /agency/applications/<id>        its checklist with uploads, the reviewer's reasons when
 *   POST     /agency/applications/<id>/documents  returned, what was added since, and submit
 *   POST     /agency/applications/<id>/submit
 *   GET      /agency/license/certificate.pdf  the license certificate with its QR code
 *
 * The API decides who sees what (an agency's users see their agency's records only); these pages
 * never do. A link's token never appears in a page, a log line or the address bar after the first
 * answer.
 */
import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { LOCALES, LOCALE_INFO, Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { ApiClientFactory } from '../api/api-client.factory';
import { EXTENSIONS, MAX_FILE_BYTES, sniff } from '../complaints/complaint-evidence-store';
import type { WebConfig } from '../config/web-config';
import { ROUTES } from '../routes';
import { renewalWindowText } from './agency-records-view';
import { ApiSessions } from '../session/api-sessions';
import { retryAfterSeconds, retryText } from '../tracking/tracking.controller';
import { WEB_CONFIG } from '../web.tokens';
import { OFFICER_ROWS, OWNER_ROWS, RegisterErrors, RegisterValues, apiErrorsOf, readRegistration, valuesOf } from './agency-register-form';
import { certificateLabels, licenseCertificatePdf } from './license-certificate';
import { ownerFieldIds } from './owner-rows';
import { takeShownOnce } from '../session/shown-once';

type Application = ApiSchemas['ApplicationDetailView'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DOCUMENT_KINDS = [
  'business-registration',
  'business-permit',
  'tax-clearance',
  'financial-statement',
  'escrow-certificate',
  'office-lease',
  'other',
] as const;
const UPLOAD_MULTIPART = { multipartOptions: { limits: { fileSize: MAX_FILE_BYTES + 1, files: 1 }, throwFileSizeLimit: false } };

declare module 'fastify' {
  interface Session {
    /** The agency registration link being opened on this device (never sent to the browser). */
    agencyRegistrationToken?: string;
    /** The admin's address a registration was sent to, for the "check your email" page. */
    agencyRegistrationSentTo?: string;
    /** Shown once on the next agency page (Post/Redirect/Get). */
    agencyNotice?: 'registered' | 'uploaded' | 'submitted' | 'created';
  }
}

const idOf = (id: string): string => {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
};

@Controller()
export class AgencyPortalController {
  constructor(
    private readonly clients: ApiClientFactory,
    private readonly sessions: ApiSessions,
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Register

  @Get(ROUTES.agencyRegister)
  registerForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (this.sessions.isSignedIn(request)) return void reply.redirect(ROUTES.agencyPortal, 303);
    this.renderRegister(request, reply, 200, { ...valuesOf({}), adminLanguage: request.locale }, {});
  }

  @Post(ROUTES.agencyRegister)
  async register(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = readRegistration(body, request.locale);
    if (!form.body) return this.renderRegister(request, reply, 400, form.values, form.errors);
    const answer = await this.clients.forRequest(request).POST('/agency-registrations', { body: form.body });
    if (answer.response.ok) {
      request.session.agencyRegistrationSentTo = form.body.admin.email;
      await request.session.save();
      return void reply.redirect(ROUTES.agencyRegisterSent, 303);
    }
    const problem = isProblem(answer.error) ? answer.error : null;
    if (answer.response.status === 429) {
      const t = translator(request.locale);
      return this.renderRegister(request, reply, 429, form.values, {}, retryText(t, retryAfterSeconds(answer.response.headers.get('Retry-After'), problem)));
    }
    if ([400, 409, 422].includes(answer.response.status)) {
      const errors = apiErrorsOf(problem, form.rows);
      if (Object.keys(errors).length) return this.renderRegister(request, reply, 400, form.values, errors);
    }
    throw new Error(`POST /agency-registrations answered ${answer.response.status}${problem ? ` (${problem.code})` : ''}`);
  }

  private renderRegister(request: FastifyRequest, reply: FastifyReply, status: number, values: RegisterValues, errors: RegisterErrors, tooMany?: string): void {
    const t = translator(request.locale);
    const err = (id: string) => (errors[id] ? t(errors[id].key, errors[id].vars) : undefined);
    const order = [
      'legalName',
      'registrationNumber',
      'address',
      'contactEmail',
      'contactPhone',
      ...ownerFieldIds(OWNER_ROWS),
      ...Array.from({ length: OFFICER_ROWS }, (_, i) => [`officer-${i}-name`, `officer-${i}-position`]).flat(),
      'capital',
      'adminName',
      'adminEmail',
      'adminPassword',
      'adminLanguage',
    ];
    void reply.status(status);
    reply.view('agency-portal/register.njk', {
      v: values,
      err: Object.fromEntries(order.filter((id) => errors[id]).map((id) => [id, err(id)])),
      errorList: order.filter((id) => errors[id]).map((id) => ({ text: err(id), href: `#${id === 'adminLanguage' ? 'adminLanguage' : id}` })),
      tooMany: tooMany ?? null,
      officerRows: Array.from({ length: OFFICER_ROWS }, (_, i) => i),
      languages: LOCALES.map((l) => ({ value: l, text: LOCALE_INFO[l].name, checked: values.adminLanguage === l, label: { attributes: { lang: l } } })),
    });
  }

  @Get(ROUTES.agencyRegisterSent)
  registerSent(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const t = translator(request.locale);
    const email = request.session?.agencyRegistrationSentTo;
    reply.view('account/message.njk', {
      page: {
        title: t('agencyPortal.registerSent.title'),
        paragraphs: [email ? t('agencyPortal.registerSent.sent', { email }) : t('agencyPortal.registerSent.sentNoEmail'), t('agencyPortal.registerSent.next')],
        links: [{ text: t('agencyPortal.registerSent.again'), href: ROUTES.agencyRegister }],
      },
    });
  }

  @Get(ROUTES.agencyRegisterVerify)
  async verifyForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('token') token?: unknown): Promise<void> {
    void reply.header('Referrer-Policy', 'no-referrer');
    if (typeof token === 'string') {
      // The token moves into the session; the address bar is cleaned at once.
      request.session.agencyRegistrationToken = TOKEN.test(token) ? token : undefined;
      await request.session.save();
      return void reply.redirect(ROUTES.agencyRegisterVerify, 303);
    }
    if (!request.session?.agencyRegistrationToken) return this.renderVerifyRefused(request, reply);
    this.renderVerify(request, reply, 200, null);
  }

  @Post(ROUTES.agencyRegisterVerify)
  async verify(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    void reply.header('Referrer-Policy', 'no-referrer');
    const token = request.session?.agencyRegistrationToken;
    if (!token) return this.renderVerifyRefused(request, reply);
    const password = typeof (body as Record<string, unknown> | null)?.password === 'string' ? (body as Record<string, string>).password.slice(0, 1024) : '';
    if (!password) return this.renderVerify(request, reply, 400, 'account.fields.password.missing');
    const answer = await this.clients.forRequest(request).POST('/agency-registrations/verify', { body: { token, password } });
    if (answer.response.ok) {
      await this.sessions.adopt(request, answer.data);
      request.session.agencyNotice = 'registered';
      await request.session.save();
      return void reply.redirect(ROUTES.agencyPortal, 303);
    }
    const problem = isProblem(answer.error) ? answer.error : null;
    if (answer.response.status === 401) return this.renderVerify(request, reply, 400, 'account.verify.wrong');
    if (answer.response.status === 429)
      return this.renderVerify(
        request,
        reply,
        429,
        null,
        retryText(translator(request.locale), retryAfterSeconds(answer.response.headers.get('Retry-After'), problem)),
      );
    if (answer.response.status === 409 || answer.response.status === 422)
      return this.renderVerify(request, reply, 400, problem?.code === 'agency-disqualified' ? 'agencyPortal.verify.disqualified' : 'agencyPortal.verify.taken');
    if (answer.response.status === 400 && problem?.code === 'invalid-link') {
      request.session.agencyRegistrationToken = undefined;
      await request.session.save();
      return this.renderVerifyRefused(request, reply);
    }
    throw new Error(`POST /agency-registrations/verify answered ${answer.response.status}`);
  }

  private renderVerify(request: FastifyRequest, reply: FastifyReply, status: number, error: MessageKey | null, tooMany?: string): void {
    const t = translator(request.locale);
    void reply.status(status);
    reply.view('account/form.njk', {
      errorList: error ? [{ text: t(error), href: '#password' }] : [],
      page: {
        title: t('agencyPortal.verify.title'),
        action: ROUTES.agencyRegisterVerify,
        intro: [t('agencyPortal.verify.intro')],
        fields: [
          {
            kind: 'input',
            name: 'password',
            type: 'password',
            label: t('account.fields.password.label'),
            autocomplete: 'current-password',
            error: error ? t(error) : undefined,
          },
        ],
        submit: t('agencyPortal.verify.submit'),
        hidden: {},
        links: [],
        banner: null,
        tooMany: tooMany ?? null,
        refused: null,
      },
    });
  }

  private renderVerifyRefused(request: FastifyRequest, reply: FastifyReply): void {
    const t = translator(request.locale);
    void reply.status(400);
    reply.view('account/message.njk', {
      page: {
        title: t('agencyPortal.verify.refusedTitle'),
        paragraphs: [t('agencyPortal.verify.refused')],
        links: [{ text: t('agencyPortal.registerSent.again'), href: ROUTES.agencyRegister }],
      },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Dashboard

  @Get(ROUTES.agencyPortal)
  async dashboard(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const me = await this.get(api.GET('/me'), 'GET /me');
    if (!me.agencyId) throw new NotFoundException();
    const admin = me.roles.includes('agency_admin');
    const [profile, licenseAnswer, escrow, applications, eligibility, fines, refunds] = await Promise.all([
      this.get(api.GET('/agency/profile'), 'GET /agency/profile'),
      api.GET('/agency/license'),
      this.get(api.GET('/agency/escrow'), 'GET /agency/escrow'),
      this.get(api.GET('/agency/applications', { params: { query: { pageSize: 20 } } }), 'GET /agency/applications'),
      this.get(api.GET('/agency/placement-eligibility'), 'GET /agency/placement-eligibility'),
      // Unpaid: open, or declared and not yet confirmed by the ministry (both block the clearance).
      this.get(api.GET('/agency/fines', { params: { query: { pageSize: 100 } } }), 'GET /agency/fines').then((p) => ({
        ...p,
        items: p.items.filter((f) => f.state === 'open' || f.state === 'payment-declared'),
      })),
      this.get(api.GET('/refund-orders', { params: { query: { state: 'open', pageSize: 100 } } }), 'GET /refund-orders'),
    ]);
    if (licenseAnswer.response.status !== 404 && !licenseAnswer.response.ok) throw new Error(`GET /agency/license answered ${licenseAnswer.response.status}`);
    const license = licenseAnswer.response.ok ? licenseAnswer.data! : null;
    const locale = request.locale;
    const t = translator(locale);
    const notice = (await takeShownOnce(request, 'agencyNotice')).agencyNotice;
    const today = DateTime.utc().startOf('day');
    const daysLeft = license ? Math.floor(DateTime.fromISO(license.expiresOn, { zone: 'utc' }).diff(today, 'days').days) : null;
    const money = (minor: string, currency: string) => formatMoney(minor, currency, locale);
    const escrowShort = escrow.open && escrow.requiredMinor !== null && BigInt(escrow.balanceMinor) < BigInt(escrow.requiredMinor);
    const checks = [
      {
        name: t('agencyPortal.dashboard.checks.escrow'),
        ok: escrow.open && !escrowShort,
        detail: !escrow.open
          ? t('agencyPortal.dashboard.checks.escrowNotOpen')
          : escrowShort
            ? t('agencyPortal.dashboard.checks.escrowShort', {
                balance: money(escrow.balanceMinor, escrow.currency),
                required: money(escrow.requiredMinor!, escrow.currency),
              })
            : t('agencyPortal.dashboard.checks.escrowOk', { balance: money(escrow.balanceMinor, escrow.currency) }),
        fix: t('agencyPortal.dashboard.checks.escrowFix'),
      },
      {
        name: t('agencyPortal.dashboard.checks.fines'),
        ok: fines.items.length === 0,
        detail: fines.items.length
          ? fines.items
              .map((f) =>
                t('agencyPortal.dashboard.checks.fineDue', {
                  reference: f.reference,
                  amount: money(f.amountMinor, f.currency),
                  due: formatDate(f.dueAt, locale, 'date'),
                }),
              )
              .join('; ')
          : t('agencyPortal.dashboard.checks.none'),
        fix: t('agencyPortal.dashboard.checks.finesFix'),
      },
      {
        name: t('agencyPortal.dashboard.checks.refunds'),
        ok: refunds.items.length === 0,
        detail: refunds.items.length
          ? refunds.items
              .map((o) =>
                t('agencyPortal.dashboard.checks.refundDue', {
                  reference: o.reference,
                  amount: money(o.amountMinor, o.currency),
                  due: formatDate(o.dueAt, locale, 'date'),
                }),
              )
              .join('; ')
          : t('agencyPortal.dashboard.checks.none'),
        fix: t('agencyPortal.dashboard.checks.refundsFix'),
      },
      {
        name: t('agencyPortal.dashboard.checks.hold'),
        ok: eligibility.reason !== 'on-hold',
        detail:
          eligibility.reason === 'on-hold'
            ? t('agencyPortal.dashboard.checks.onHold', { hold: eligibility.hold ?? '' })
            : t('agencyPortal.dashboard.checks.none'),
        fix: t('agencyPortal.dashboard.checks.holdFix'),
      },
    ];
    const open = applications.items.find((a) => a.state !== 'approved' && a.state !== 'rejected');
    const live = license && (license.state === 'active' || license.state === 'suspended');
    reply.view('agency-portal/dashboard.njk', {
      notice: notice ? t(`agencyPortal.notices.${notice}`) : null,
      agencyName: profile.legalName,
      admin,
      license: license
        ? {
            number: license.number,
            state: t(`agencyPortal.licenseStates.${license.state}`),
            stateCode: license.state,
            type: t(`agencyPortal.licenseTypes.${license.type}`),
            issuedOn: formatDate(license.issuedOn, locale, 'date'),
            expiresOn: formatDate(license.expiresOn, locale, 'date'),
            daysLeft: live && daysLeft !== null ? t('agencyPortal.dashboard.daysLeft', { count: Math.max(0, daysLeft) }) : null,
            publicHref: `${ROUTES.agencyLicense}/${encodeURIComponent(license.number)}`,
            certificateHref: live ? ROUTES.agencyCertificate : null,
          }
        : null,
      renewal: live ? (open && open.type === 'renewal' ? t('agencyPortal.dashboard.renewalFiled') : t('agencyPortal.dashboard.renewalHow')) : null,
      renewalWindow: live ? renewalWindowText(license?.renewalWindow, locale) : null,
      placements: eligibility.allowed
        ? t('agencyPortal.dashboard.mayPlace')
        : t('agencyPortal.dashboard.mayNotPlace', { reason: t(`agencyPortal.refusals.${eligibility.reason ?? 'no-license'}`) }),
      checks,
      applications: applications.items.map((a) => ({
        href: `${ROUTES.agencyApplications}/${a.id}`,
        type: t(`agencyPortal.applicationTypes.${a.type}`),
        state: t(`agencyPortal.applicationStates.${a.state}`),
        created: formatDate(a.createdAt, locale, 'date'),
      })),
      canApply: admin && !open ? (live ? 'renewal' : 'new') : null,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Applications

  @Post(ROUTES.agencyApplications)
  async openApplication(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const type = (body as Record<string, unknown> | null)?.type === 'renewal' ? 'renewal' : 'new';
    const answer = await api.POST('/agency/applications', { body: { type } });
    if (answer.response.ok && answer.data) {
      request.session.agencyNotice = 'created';
      await request.session.save();
      return void reply.redirect(`${ROUTES.agencyApplications}/${answer.data.id}`, 303);
    }
    if (answer.response.status === 409) {
      const t = translator(request.locale);
      const problem = isProblem(answer.error) ? answer.error : null;
      void reply.status(409);
      return reply.view('account/message.njk', {
        page: {
          title: t('agencyPortal.application.cannotOpenTitle'),
          paragraphs: [t(`agencyPortal.application.cannotOpen.${problem?.code ?? 'other'}`)],
          links: [{ text: t('agencyPortal.dashboard.title'), href: ROUTES.agencyPortal }],
        },
      });
    }
    throw new Error(`POST /agency/applications answered ${answer.response.status}`);
  }

  @Get(`${ROUTES.agencyApplications}/:id`)
  async application(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const app = await this.applicationOf(api, idOf(id));
    const notice = (await takeShownOnce(request, 'agencyNotice')).agencyNotice;
    await this.renderApplication(request, reply, api, app, 200, {}, notice ?? null);
  }

  @Post(`${ROUTES.agencyApplications}/:id/documents`)
  @RouteConfig(UPLOAD_MULTIPART)
  async upload(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const app = await this.applicationOf(api, idOf(id));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kind = typeof body.kind === 'string' ? body.kind : '';
    const file = [body.file].flat().find((f): f is Buffer => Buffer.isBuffer(f) && f.length > 0);
    if (!(DOCUMENT_KINDS as readonly string[]).includes(kind))
      return this.renderApplication(request, reply, api, app, 400, { kind: 'agencyPortal.application.errors.kind' }, null);
    if (!file) return this.renderApplication(request, reply, api, app, 400, { file: 'agencyPortal.application.errors.file' }, null, kind);
    const sniffed = sniff(file);
    if (!sniffed.ok || file.length > MAX_FILE_BYTES)
      return this.renderApplication(request, reply, api, app, 400, { file: 'agencyPortal.application.errors.fileType' }, null, kind);
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(file)], { type: sniffed.contentType }), `${kind}.${EXTENSIONS[sniffed.contentType]}`);
    const answer = await api.POST('/agency/applications/{id}/documents', {
      params: { path: { id: app.id } },
      body: form as unknown as ApiSchemas['UploadApplicationDocumentBody'],
    });
    if (answer.response.ok) {
      request.session.agencyNotice = 'uploaded';
      await request.session.save();
      return void reply.redirect(`${ROUTES.agencyApplications}/${app.id}`, 303);
    }
    if (answer.response.status === 409)
      return this.renderApplication(
        request,
        reply,
        api,
        await this.applicationOf(api, app.id),
        409,
        { file: 'agencyPortal.application.errors.locked' },
        null,
        kind,
      );
    if (answer.response.status >= 400 && answer.response.status < 500)
      return this.renderApplication(request, reply, api, app, 400, { file: 'agencyPortal.application.errors.fileType' }, null, kind);
    throw new Error(`POST /agency/applications/{id}/documents answered ${answer.response.status}`);
  }

  @Post(`${ROUTES.agencyApplications}/:id/submit`)
  async submit(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const app = await this.applicationOf(api, idOf(id));
    const version = Number((body as Record<string, unknown> | null)?.version) || app.version;
    const answer = await api.POST('/agency/applications/{id}/submit', { params: { path: { id: app.id } }, body: { version } });
    if (answer.response.ok) {
      request.session.agencyNotice = 'submitted';
      await request.session.save();
      return void reply.redirect(`${ROUTES.agencyApplications}/${app.id}`, 303);
    }
    const problem = isProblem(answer.error) ? answer.error : null;
    if (answer.response.status === 409 || answer.response.status === 403) {
      const key: MessageKey =
        problem?.code === 'documents-missing'
          ? 'agencyPortal.application.errors.missing'
          : problem?.code === 'stale-version'
            ? 'agencyPortal.application.errors.stale'
            : 'agencyPortal.application.errors.notNow';
      return this.renderApplication(request, reply, api, await this.applicationOf(api, app.id), 409, { submit: key }, null);
    }
    throw new Error(`POST /agency/applications/{id}/submit answered ${answer.response.status}`);
  }

  private async renderApplication(
    request: FastifyRequest,
    reply: FastifyReply,
    api: ApiClient,
    app: Application,
    status: number,
    errors: Record<string, MessageKey>,
    notice: string | null,
    kind = '',
  ): Promise<void> {
    const me = await this.get(api.GET('/me'), 'GET /me');
    const locale = request.locale;
    const t = translator(locale);
    const returns = app.events.filter((e) => e.action === 'return');
    const lastReturn = returns.at(-1)?.at ?? null;
    const editable = app.state === 'draft' || app.state === 'returned_for_correction';
    const kindName = (k: string) => t(`agencyPortal.documentKinds.${k}`);
    const addedSince = lastReturn ? app.documents.filter((d) => d.createdAt > lastReturn) : [];
    const resubmitted = lastReturn ? app.events.some((e) => e.action === 'submit' && e.at > lastReturn) : false;
    void reply.status(status);
    reply.view('agency-portal/application.njk', {
      notice: notice ? t(`agencyPortal.notices.${notice}`) : null,
      errorList: Object.entries(errors).map(([field, key]) => ({ text: t(key), href: `#${field}` })),
      errors: Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)])),
      app: {
        id: app.id,
        version: app.version,
        title: t(`agencyPortal.applicationTypes.${app.type}`),
        state: t(`agencyPortal.applicationStates.${app.state}`),
        stateCode: app.state,
        created: formatDate(app.createdAt, locale, 'date'),
        licenseNumber: app.licenseNumber,
        correctionItems: app.state === 'returned_for_correction' || resubmitted ? app.correctionItems : [],
        returnedOn: lastReturn ? formatDate(lastReturn, locale, 'date') : null,
        stillReturned: app.state === 'returned_for_correction',
        decisionReasons: app.decisionReasons,
        checklist: app.checklist.map((c) => ({ kind: kindName(c.kind), uploaded: c.uploaded, ok: c.uploaded > 0 })),
        documents: app.documents.map((d) => ({
          kind: kindName(d.kind),
          at: formatDate(d.createdAt, locale, 'date'),
          isNew: Boolean(lastReturn && d.createdAt > lastReturn),
        })),
        addedSince: addedSince.map((d) => kindName(d.kind)),
        editable,
        canSubmit: editable && me.roles.includes('agency_admin'),
        kinds: [
          { value: '', text: t('agencyPortal.application.chooseKind') },
          ...DOCUMENT_KINDS.map((k) => ({ value: k, text: kindName(k), selected: k === kind })),
        ],
        action: `${ROUTES.agencyApplications}/${app.id}`,
      },
    });
  }

  private async applicationOf(api: ApiClient, id: string): Promise<Application> {
    const { data, response } = await api.GET('/agency/applications/{id}', { params: { path: { id } } });
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /agency/applications/{id} answered ${response.status}`);
    return data;
  }

  // ---------------------------------------------------------------------------------------------
  // Certificate

  @Get(ROUTES.agencyCertificate)
  async certificate(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const { data: license, response } = await api.GET('/agency/license');
    if (response.status === 404) throw new NotFoundException();
    if (!response.ok || !license) throw new Error(`GET /agency/license answered ${response.status}`);
    if (license.state !== 'active' && license.state !== 'suspended') throw new NotFoundException();
    const profile = await this.get(api.GET('/agency/profile'), 'GET /agency/profile');
    // In the reader's language: Nepali in Devanagari with an embedded Noto Sans Devanagari (license-certificate.ts).
    const locale: Locale = request.locale;
    const verifyUrl = `${this.config.PUBLIC_URL.replace(/\/+$/, '')}${ROUTES.agencyLicense}/${encodeURIComponent(license.number)}`;
    const pdf = await licenseCertificatePdf({
      agencyName: profile.legalName,
      registrationNumber: profile.registrationNumber,
      address: profile.address,
      licenseNumber: license.number,
      licenseType: translator(locale)(`agencyPortal.licenseTypes.${license.type}`),
      state: translator(locale)(`agencyPortal.licenseStates.${license.state}`),
      issuedOn: formatDate(license.issuedOn, locale, 'date'),
      expiresOn: formatDate(license.expiresOn, locale, 'date'),
      verifyUrl,
      printedOn: formatDate(new Date().toISOString(), locale, 'date'),
      labels: certificateLabels(locale),
    });
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="license-${license.number.replace(/[^A-Za-z0-9-]/g, '')}.pdf"`)
      .header('Cache-Control', 'no-store')
      .send(pdf);
  }

  private async get<T>(call: Promise<{ data?: T; response: Response }>, what: string): Promise<T> {
    const { data, response } = await call;
    if (response.status === 404) throw new NotFoundException();
    if (!response.ok || data === undefined) throw new Error(`${what} answered ${response.status}`);
    return data;
  }
}
