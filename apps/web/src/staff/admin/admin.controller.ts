/**
 * The admin's workbench (role `admin`; the API's /admin/... decides, and its 403 is the page's):
 *
 *   GET/POST /staff/admin/users                          accounts (?role=), create one
 *   GET      /staff/admin/users/<id>                     one account; POST …/roles, …/disable, …/enable
 *   GET      /staff/admin/sla-policies                   every deadline kind's policy
 *   GET/POST /staff/admin/sla-policies/<kind>            one policy, replaced (open deadlines recomputed)
 *   GET      /staff/admin/holidays                       the jurisdictions
 *   GET/POST /staff/admin/holidays/<code>                a jurisdiction's holidays (?year=), declare one;
 *   POST     /staff/admin/holidays/<code>/<date>/remove  make it a normal day again
 *   GET/POST /staff/admin/fee-rules                      the rules in force, create one; POST …/end
 *   GET/POST /staff/admin/exchange-rates                 the recorded rates, record one
 *   GET/POST /staff/admin/benefit-schedules              the schedule, add an entry; POST …/end
 *   GET      /staff/admin/notifications                  messages (?state=, default failed); POST …/<id>/resend
 */
import { Body, Controller, ForbiddenException, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { Translate, formatDate, formatMoney, translator } from '@app/i18n';
import { parseAmount } from '../../complaints/complaint-inputs';
import { ApiSessions } from '../../session/api-sessions';
import {
  FormErrors,
  FormSpec,
  FormState,
  FormValues,
  ISO_DATE,
  actionOutcome,
  checkValues,
  formView,
  mustRead,
  readValues,
  uuidParam,
} from '../workbench-forms';
import { STAFF_PATHS, renderStaff, setNotice } from '../workbench-page';
import {
  ROLES,
  benefitBody,
  benefitForm,
  createUserBody,
  createUserForm,
  disableForm,
  enableForm,
  endForm,
  feeRuleBody,
  feeRuleForm,
  holidayForm,
  parseAllowedItems,
  parseEscalations,
  rateForm,
  rolesForm,
  slaBody,
  slaForm,
  slaValues,
} from './admin-view';

type ApiAnswer = { data?: unknown; error?: unknown; response: Response };
const KIND = /^[a-z][a-z0-9._-]{0,80}$/;
const CODE = /^[A-Z]{2}$/;
const NOTIFICATION_STATES = ['failed', 'pending', 'sent'] as const;

interface Cell {
  text: string;
  href?: string;
  tag?: string;
  form?: { action: string };
}

@Controller()
export class StaffAdminController {
  constructor(private readonly sessions: ApiSessions) {}

  /**
   * One admin form sent: checked, then `call` (given the checked values and amounts in minor
   * units, or errors of its own); on success a notice and the page at `done`, else the page
   * again (`render`) with the errors next to the fields.
   */
  private async submit(
    request: FastifyRequest,
    reply: FastifyReply,
    spec: FormSpec,
    body: unknown,
    call: (values: FormValues, minor: Record<string, string>) => Promise<ApiAnswer | FormErrors>,
    done: { path: string; notice: (data: unknown) => string },
    render: (state: FormState, status: number) => Promise<void>,
  ): Promise<void> {
    const values = readValues(spec, body);
    const checked = checkValues(spec, values, request.locale);
    if (Object.keys(checked.errors).length) return render({ id: spec.id, values, errors: checked.errors }, 400);
    const r = await call(values, checked.minor);
    if (!('response' in r)) return render({ id: spec.id, values, errors: r as FormErrors }, 400);
    const outcome = actionOutcome(spec, r as ApiAnswer);
    if (!outcome.ok) return render({ id: spec.id, values, errors: outcome.errors }, outcome.status);
    await setNotice(request, done.path, done.notice((r as ApiAnswer).data));
    void reply.redirect(done.path, 303);
  }

  private api(request: FastifyRequest): ApiClient {
    return this.sessions.forRequest(request).client;
  }

  private page(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    data: { title: string; intro?: string; [k: string]: unknown },
    status = 200,
  ): Promise<void> {
    return renderStaff(api, request, reply, 'staff/admin/page.njk', data, status);
  }

  // --- users -------------------------------------------------------------------------------------

  @Get(STAFF_PATHS.users)
  async users(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('role') role?: string): Promise<void> {
    await this.renderUsers(this.api(request), request, reply, role, null, 200);
  }

  @Post(STAFF_PATHS.users)
  async createUser(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    await this.submit(
      request,
      reply,
      createUserForm(t),
      body,
      (v) => api.POST('/admin/users', { body: createUserBody(v) }),
      { path: STAFF_PATHS.users, notice: (d) => t('staff-admin.users.create.done', { email: (d as { email: string }).email }) },
      (state, status) => this.renderUsers(api, request, reply, undefined, state, status),
    );
  }

  private async renderUsers(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    roleQ: string | undefined,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const t = translator(request.locale);
    const role = (ROLES as readonly string[]).includes(roleQ ?? '') ? (roleQ as ApiSchemas['Role']) : undefined;
    const list = mustRead('GET /admin/users', await api.GET('/admin/users', { params: { query: { page: 1, pageSize: 100, ...(role ? { role } : {}) } } }));
    await this.page(
      api,
      request,
      reply,
      {
        title: t('staff-admin.users.title'),
        filter: {
          action: STAFF_PATHS.users,
          name: 'role',
          label: t('staff-admin.users.fields.roles'),
          items: [
            { value: '', text: t('staff-admin.any'), selected: !role },
            ...ROLES.map((r) => ({ value: r, text: t(`staff-admin.roles.${r}`), selected: r === role })),
          ],
        },
        tables: [
          {
            id: 'users',
            caption: t('staff-admin.users.count', { count: list.total }),
            head: [t('staff-admin.users.fields.name'), t('staff-admin.users.fields.email'), t('staff-admin.users.fields.roles'), t('staff-admin.users.status')],
            rows: list.items.map((u) => [
              { text: u.displayName, href: `${STAFF_PATHS.users}/${u.id}` },
              { text: u.email },
              { text: u.roles.map((r) => t(`staff-admin.roles.${r}`)).join(', ') },
              { text: t(u.active ? 'staff-admin.users.active' : 'staff-admin.users.disabled'), tag: u.active ? 'govuk-tag--green' : 'govuk-tag--grey' },
            ]),
            empty: t('staff-admin.none'),
          },
        ],
        forms: [formView(createUserForm(t), t, state)],
      },
      status,
    );
  }

  @Get(`${STAFF_PATHS.users}/:id`)
  async user(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderUser(this.api(request), request, reply, uuidParam(id), null, 200);
  }

  @Post(`${STAFF_PATHS.users}/:id/:move`)
  async userMove(
    @Param('id') id: string,
    @Param('move') move: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    id = uuidParam(id);
    const api = this.api(request);
    const t = translator(request.locale);
    const path = { params: { path: { id } } };
    const render = (state: FormState, status: number) => this.renderUser(api, request, reply, id, state, status);
    const done = { path: `${STAFF_PATHS.users}/${id}`, notice: () => t(`staff-admin.users.${move as 'roles'}.done`) };
    if (move === 'roles') {
      return this.submit(
        request,
        reply,
        rolesForm(id, t),
        body,
        (v) =>
          api.PUT('/admin/users/{id}/roles', {
            ...path,
            body: { roles: v.roles as ApiSchemas['Role'][], ...(typeof v.agencyId === 'string' && v.agencyId ? { agencyId: v.agencyId } : {}) },
          }),
        done,
        render,
      );
    }
    if (move === 'disable')
      return this.submit(
        request,
        reply,
        disableForm(id, t),
        body,
        (v) => api.POST('/admin/users/{id}/disable', { ...path, body: { reason: String(v.reason) } }),
        done,
        render,
      );
    if (move === 'enable') return this.submit(request, reply, enableForm(id, t), body, () => api.POST('/admin/users/{id}/enable', path), done, render);
    throw new NotFoundException();
  }

  private async renderUser(api: ApiClient, request: FastifyRequest, reply: FastifyReply, id: string, state: FormState | null, status: number): Promise<void> {
    const t = translator(request.locale);
    const u = mustRead('GET /admin/users/{id}', await api.GET('/admin/users/{id}', { params: { path: { id } } }));
    const roles = rolesForm(id, t);
    const current: FormState = state?.id === roles.id ? state : { id: roles.id, values: { roles: u.roles, agencyId: u.agencyId ?? '' }, errors: {} };
    await this.page(
      api,
      request,
      reply,
      {
        title: u.displayName,
        back: { href: STAFF_PATHS.users, text: t('staff-admin.users.title') },
        summary: [
          { key: t('staff-admin.users.fields.email'), value: u.email },
          { key: t('staff-admin.users.fields.roles'), value: u.roles.map((r) => t(`staff-admin.roles.${r}`)).join(', ') },
          { key: t('staff-admin.users.fields.agency'), value: u.agencyId ?? t('staff-admin.none') },
          { key: t('staff-admin.users.fields.language'), value: t(`staff-admin.languages.${u.preferredLanguage}`) },
          { key: t('staff-admin.users.status'), value: t(u.active ? 'staff-admin.users.active' : 'staff-admin.users.disabled') },
          { key: t('staff-admin.users.created'), value: formatDate(u.createdAt, request.locale, 'date') },
        ],
        forms: [formView(roles, t, current), formView(u.active ? disableForm(id, t) : enableForm(id, t), t, state)],
      },
      status,
    );
  }

  // --- SLA policies ------------------------------------------------------------------------------

  @Get(STAFF_PATHS.sla)
  async slaPolicies(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    const list = mustRead('GET /admin/sla-policies', await api.GET('/admin/sla-policies'));
    const policies = (Array.isArray(list) ? list : [list]) as ApiSchemas['PolicyView'][];
    await this.page(api, request, reply, {
      title: t('staff-admin.sla.title'),
      intro: t('staff-admin.sla.intro'),
      tables: [
        {
          id: 'sla-policies',
          head: [t('staff-admin.sla.kind'), t('staff-admin.sla.description'), t('staff-admin.sla.fields.duration'), t('staff-admin.sla.fields.counting')],
          rows: policies.map((p) => [
            { text: p.kind, href: `${STAFF_PATHS.sla}/${encodeURIComponent(p.kind)}` },
            { text: p.description },
            { text: String(p.durationDays) },
            { text: t(`staff-admin.sla.counting.${p.counting}`) },
          ]),
          empty: t('staff-admin.none'),
        },
      ],
    });
  }

  @Get(`${STAFF_PATHS.sla}/:kind`)
  async slaPolicy(@Param('kind') kind: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!KIND.test(kind)) throw new NotFoundException();
    await this.renderSla(this.api(request), request, reply, kind, null, 200);
  }

  @Post(`${STAFF_PATHS.sla}/:kind`)
  async replaceSla(@Param('kind') kind: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!KIND.test(kind)) throw new NotFoundException();
    const api = this.api(request);
    const t = translator(request.locale);
    const current = mustRead('GET /admin/sla-policies/{kind}', await api.GET('/admin/sla-policies/{kind}', { params: { path: { kind } } }));
    await this.submit(
      request,
      reply,
      slaForm(kind, t, current.supportedActions),
      body,
      (v) => {
        const levels = parseEscalations(String(v.escalations ?? ''));
        if (!levels.ok) return Promise.resolve({ escalations: 'staff-admin.sla.escalationsInvalid' });
        return api.PUT('/admin/sla-policies/{kind}', { params: { path: { kind } }, body: slaBody(v, levels.levels) });
      },
      {
        path: `${STAFF_PATHS.sla}/${encodeURIComponent(kind)}`,
        notice: (d) => t('staff-admin.sla.edit.done', { count: (d as { recomputed: number }).recomputed }),
      },
      (state, status) => this.renderSla(api, request, reply, kind, state, status),
    );
  }

  private async renderSla(api: ApiClient, request: FastifyRequest, reply: FastifyReply, kind: string, state: FormState | null, status: number): Promise<void> {
    const t = translator(request.locale);
    const p = mustRead('GET /admin/sla-policies/{kind}', await api.GET('/admin/sla-policies/{kind}', { params: { path: { kind } } }));
    const spec = slaForm(kind, t, p.supportedActions);
    await this.page(
      api,
      request,
      reply,
      {
        title: t('staff-admin.sla.policyTitle', { kind }),
        intro: p.description,
        back: { href: STAFF_PATHS.sla, text: t('staff-admin.sla.title') },
        summary: [
          { key: t('staff-admin.sla.fields.duration'), value: String(p.durationDays) },
          { key: t('staff-admin.sla.fields.counting'), value: t(`staff-admin.sla.counting.${p.counting}`) },
          { key: t('staff-admin.sla.fields.reminder'), value: p.reminderShare == null ? t('staff-admin.none') : String(p.reminderShare) },
          { key: t('staff-admin.sla.fields.escalations'), value: (slaValues(p).escalations as string) || t('staff-admin.none') },
          { key: t('staff-admin.sla.version'), value: String(p.version) },
          { key: t('staff-admin.sla.updated'), value: formatDate(p.updatedAt, request.locale, 'dateTime', 'Asia/Manila') },
        ],
        forms: [formView(spec, t, state ?? { id: spec.id, values: slaValues(p), errors: {} })],
      },
      status,
    );
  }

  // --- holidays ----------------------------------------------------------------------------------

  @Get(STAFF_PATHS.holidays)
  async jurisdictions(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    const list = mustRead('GET /admin/jurisdictions', await api.GET('/admin/jurisdictions'));
    const items = (Array.isArray(list) ? list : [list]) as ApiSchemas['JurisdictionView'][];
    await this.page(api, request, reply, {
      title: t('staff-admin.holidays.title'),
      intro: t('staff-admin.holidays.intro'),
      tables: [
        {
          id: 'jurisdictions',
          head: [t('staff-admin.holidays.jurisdiction'), t('staff-admin.holidays.timeZone')],
          rows: items.map((j) => [{ text: `${j.name} (${j.code})`, href: `${STAFF_PATHS.holidays}/${j.code}` }, { text: j.timeZone }]),
          empty: t('staff-admin.none'),
        },
      ],
    });
  }

  @Get(`${STAFF_PATHS.holidays}/:code`)
  async holidays(@Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('year') year?: string): Promise<void> {
    if (!CODE.test(code)) throw new NotFoundException();
    await this.renderHolidays(this.api(request), request, reply, code, year, null, 200);
  }

  @Post(`${STAFF_PATHS.holidays}/:code`)
  async addHoliday(@Param('code') code: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!CODE.test(code)) throw new NotFoundException();
    const api = this.api(request);
    const t = translator(request.locale);
    let year: string | undefined;
    await this.submit(
      request,
      reply,
      holidayForm(code, t),
      body,
      (v) => {
        year = String(v.date).slice(0, 4);
        return api.PUT('/admin/jurisdictions/{code}/holidays/{date}', { params: { path: { code, date: String(v.date) } }, body: { name: String(v.name) } });
      },
      {
        path: `${STAFF_PATHS.holidays}/${code}`,
        notice: (d) =>
          t('staff-admin.holidays.add.done', {
            date: formatDate((d as { date: string }).date, request.locale, 'date'),
            count: (d as { openDeadlinesRecomputed: number }).openDeadlinesRecomputed,
          }),
      },
      (state, status) => this.renderHolidays(api, request, reply, code, year, state, status),
    );
  }

  @Post(`${STAFF_PATHS.holidays}/:code/:date/remove`)
  async removeHoliday(@Param('code') code: string, @Param('date') date: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!CODE.test(code) || !ISO_DATE.test(date)) throw new NotFoundException();
    const api = this.api(request);
    const t = translator(request.locale);
    const r = await api.DELETE('/admin/jurisdictions/{code}/holidays/{date}', { params: { path: { code, date } } });
    const spec: FormSpec = { ...holidayForm(code, t), fields: holidayForm(code, t).fields };
    const outcome = actionOutcome(spec, r);
    if (!outcome.ok)
      return this.renderHolidays(api, request, reply, code, date.slice(0, 4), { id: spec.id, values: {}, errors: outcome.errors }, outcome.status);
    await setNotice(request, `${STAFF_PATHS.holidays}/${code}`, t('staff-admin.holidays.removed', { date: formatDate(date, request.locale, 'date') }));
    void reply.redirect(`${STAFF_PATHS.holidays}/${code}?year=${date.slice(0, 4)}`, 303);
  }

  private async renderHolidays(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    yearQ: string | undefined,
    state: FormState | null,
    status: number,
  ): Promise<void> {
    const t = translator(request.locale);
    const y = Number(yearQ);
    const year = Number.isInteger(y) && y >= 1970 && y <= 2200 ? y : new Date().getUTCFullYear();
    const list = mustRead(
      'GET /admin/jurisdictions/{code}/holidays',
      await api.GET('/admin/jurisdictions/{code}/holidays', { params: { path: { code }, query: { year } } }),
    );
    const items = (Array.isArray(list) ? list : [list]) as ApiSchemas['HolidayView'][];
    const base = `${STAFF_PATHS.holidays}/${code}`;
    await this.page(
      api,
      request,
      reply,
      {
        title: t('staff-admin.holidays.of', { code, year }),
        back: { href: STAFF_PATHS.holidays, text: t('staff-admin.holidays.title') },
        years: [year - 1, year + 1].map((n) => ({ href: `${base}?year=${n}`, text: String(n) })),
        tables: [
          {
            id: 'holidays',
            head: [t('staff-admin.holidays.fields.date'), t('staff-admin.holidays.fields.name'), t('staff-admin.actions')],
            rows: items.map((h): Cell[] => [
              { text: formatDate(h.date, request.locale, 'date') },
              { text: h.name },
              { text: t('staff-admin.holidays.remove'), form: { action: `${base}/${h.date}/remove` } },
            ]),
            empty: t('staff-admin.holidays.none'),
          },
        ],
        forms: [formView(holidayForm(code, t), t, state)],
      },
      status,
    );
  }

  // --- fee rules and exchange rates --------------------------------------------------------------

  @Get(STAFF_PATHS.feeRules)
  async feeRules(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderFeeRules(this.api(request), request, reply, null, 200);
  }

  @Post(STAFF_PATHS.feeRules)
  async createFeeRule(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    await this.submit(
      request,
      reply,
      feeRuleForm(t),
      body,
      (v, minor) => {
        const kind = String(v.capKind);
        if (kind === 'salary-multiple' && !v.capMultiple) return Promise.resolve({ capMultiple: 'staff-forms.errors.required' });
        if (kind === 'fixed' && !minor.capAmount) return Promise.resolve({ capAmount: 'staff-forms.errors.required' });
        const allowed = parseAllowedItems(String(v.allowedItems ?? ''), (typed, currency) => {
          const a = parseAmount(typed, currency, request.locale);
          return a.ok ? a.minor : null;
        });
        if (!allowed.ok) return Promise.resolve({ allowedItems: 'staff-admin.feeRules.allowedInvalid' });
        return api.POST('/admin/fee-rules', { body: feeRuleBody(v, minor, allowed.items) });
      },
      { path: STAFF_PATHS.feeRules, notice: () => t('staff-admin.feeRules.create.done') },
      (state, status) => this.renderFeeRules(api, request, reply, state, status),
    );
  }

  @Post(`${STAFF_PATHS.feeRules}/end`)
  async endFeeRule(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    const rules = await this.openRules(api);
    await this.submit(
      request,
      reply,
      this.endRuleForm(rules, t),
      body,
      (v) => api.POST('/admin/fee-rules/{id}/end', { params: { path: { id: uuidParam(String(v.id)) } }, body: { validTo: String(v.validTo) } }),
      { path: STAFF_PATHS.feeRules, notice: () => t('staff-admin.feeRules.end.done') },
      (state, status) => this.renderFeeRules(api, request, reply, state, status),
    );
  }

  private async openRules(api: ApiClient): Promise<ApiSchemas['FeeRuleView'][]> {
    const r = mustRead('GET /public/fees/rules', await api.GET('/public/fees/rules', { params: { query: { page: 1, pageSize: 100 } } }));
    return r.items;
  }

  private endRuleForm(rules: ApiSchemas['FeeRuleView'][], t: Translate): FormSpec {
    const spec = endForm('fee-rule', `${STAFF_PATHS.feeRules}/end`, t, t('staff-admin.feeRules.end.title'));
    const ruleName = (r: ApiSchemas['FeeRuleView']) => `${r.originCountry} → ${r.destinationCountry}, ${r.occupationCategory} (${r.validFrom})`;
    return {
      ...spec,
      fields: [
        {
          name: 'id',
          label: t('staff-admin.feeRules.rule'),
          kind: 'select',
          required: true,
          options: rules.filter((r) => !r.validTo).map((r) => ({ value: r.id, text: ruleName(r) })),
        },
        ...spec.fields,
      ],
    };
  }

  private async renderFeeRules(api: ApiClient, request: FastifyRequest, reply: FastifyReply, state: FormState | null, status: number): Promise<void> {
    const t = translator(request.locale);
    const rules = await this.openRules(api);
    const cap = (c: ApiSchemas['PlacementFeeCapView']) =>
      c.kind === 'none'
        ? t('staff-admin.feeRules.capKinds.none')
        : c.kind === 'fixed' && c.amountMinor && c.currency
          ? formatMoney(c.amountMinor, c.currency, request.locale)
          : t('staff-admin.feeRules.multipleOf', { multiple: c.multiple ?? '' });
    await this.page(
      api,
      request,
      reply,
      {
        title: t('staff-admin.feeRules.title'),
        tables: [
          {
            id: 'fee-rules',
            head: [
              t('staff-admin.feeRules.corridor'),
              t('staff-admin.feeRules.fields.validFrom'),
              t('staff-admin.end.validTo'),
              t('staff-admin.feeRules.cap'),
              t('staff-admin.feeRules.fields.prohibited'),
            ],
            rows: rules.map((r) => [
              { text: `${r.originCountry} → ${r.destinationCountry}, ${r.occupationCategory}` },
              { text: formatDate(r.validFrom, request.locale, 'date') },
              { text: r.validTo ? formatDate(r.validTo, request.locale, 'date') : t('staff-admin.open') },
              { text: cap(r.placementFeeCap) },
              { text: r.prohibitedItems.join(', ') },
            ]),
            empty: t('staff-admin.none'),
          },
        ],
        forms: [formView(feeRuleForm(t), t, state), formView(this.endRuleForm(rules, t), t, state)],
      },
      status,
    );
  }

  @Get(STAFF_PATHS.rates)
  async rates(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderRates(this.api(request), request, reply, null, 200);
  }

  @Post(STAFF_PATHS.rates)
  async recordRate(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    await this.submit(
      request,
      reply,
      rateForm(t),
      body,
      (v) => {
        const base = String(v.base).toUpperCase();
        const quote = String(v.quote).toUpperCase();
        if (!/^[A-Z]{3}$/.test(base)) return Promise.resolve({ base: 'staff-forms.errors.currency' });
        if (!/^[A-Z]{3}$/.test(quote)) return Promise.resolve({ quote: 'staff-forms.errors.currency' });
        return api.PUT('/admin/exchange-rates/{base}/{quote}/{date}', {
          params: { path: { base, quote, date: String(v.date) } },
          body: { rate: String(v.rate), source: String(v.source) },
        });
      },
      { path: STAFF_PATHS.rates, notice: () => t('staff-admin.rates.record.done') },
      (state, status) => this.renderRates(api, request, reply, state, status),
    );
  }

  private async renderRates(api: ApiClient, request: FastifyRequest, reply: FastifyReply, state: FormState | null, status: number): Promise<void> {
    const t = translator(request.locale);
    const list = mustRead('GET /fees/exchange-rates', await api.GET('/fees/exchange-rates', { params: { query: { page: 1, pageSize: 100 } } }));
    await this.page(
      api,
      request,
      reply,
      {
        title: t('staff-admin.rates.title'),
        tables: [
          {
            id: 'rates',
            head: [t('staff-admin.rates.pair'), t('staff-admin.rates.fields.date'), t('staff-admin.rates.fields.rate'), t('staff-admin.rates.fields.source')],
            rows: list.items.map((r) => [
              { text: `${r.base}/${r.quote}` },
              { text: formatDate(r.date, request.locale, 'date') },
              { text: r.rate },
              { text: r.source },
            ]),
            empty: t('staff-admin.none'),
          },
        ],
        forms: [formView(rateForm(t), t, state)],
      },
      status,
    );
  }

  // --- benefit schedules -------------------------------------------------------------------------

  @Get(STAFF_PATHS.benefits)
  async benefits(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderBenefits(this.api(request), request, reply, null, 200);
  }

  @Post(STAFF_PATHS.benefits)
  async createBenefit(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    await this.submit(
      request,
      reply,
      benefitForm(t),
      body,
      (v, minor) => api.POST('/admin/benefit-schedules', { body: benefitBody(v, minor) }),
      { path: STAFF_PATHS.benefits, notice: () => t('staff-admin.benefits.create.done') },
      (state, status) => this.renderBenefits(api, request, reply, state, status),
    );
  }

  @Post(`${STAFF_PATHS.benefits}/end`)
  async endBenefit(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    const entries = await this.schedule(api);
    await this.submit(
      request,
      reply,
      this.endBenefitForm(entries, t),
      body,
      (v) => api.POST('/admin/benefit-schedules/{id}/end', { params: { path: { id: uuidParam(String(v.id)) } }, body: { validTo: String(v.validTo) } }),
      { path: STAFF_PATHS.benefits, notice: () => t('staff-admin.benefits.end.done') },
      (state, status) => this.renderBenefits(api, request, reply, state, status),
    );
  }

  private async schedule(api: ApiClient): Promise<ApiSchemas['BenefitScheduleView'][]> {
    const r = mustRead('GET /welfare/benefit-schedules', await api.GET('/welfare/benefit-schedules'));
    return (Array.isArray(r) ? r : [r]) as ApiSchemas['BenefitScheduleView'][];
  }

  private endBenefitForm(entries: ApiSchemas['BenefitScheduleView'][], t: Translate): FormSpec {
    const spec = endForm('benefit', `${STAFF_PATHS.benefits}/end`, t, t('staff-admin.benefits.end.title'));
    return {
      ...spec,
      fields: [
        {
          name: 'id',
          label: t('staff-admin.benefits.entry'),
          kind: 'select',
          required: true,
          options: entries.filter((e) => !e.validTo).map((e) => ({ value: e.id, text: `${t(`account.welfare.types.${e.claimType}`)} (${e.validFrom})` })),
        },
        ...spec.fields,
      ],
    };
  }

  private async renderBenefits(api: ApiClient, request: FastifyRequest, reply: FastifyReply, state: FormState | null, status: number): Promise<void> {
    const t = translator(request.locale);
    const entries = await this.schedule(api);
    const amount = (r: ApiSchemas['BenefitScheduleView']['rule']) => {
      const x = r as { kind: string; amountMinor?: string; maxAmountMinor?: string; capMinor?: string; currency: string };
      const m = x.amountMinor ?? x.maxAmountMinor ?? x.capMinor ?? '0';
      return `${t(`staff-admin.benefits.ruleKinds.${x.kind}`)}: ${formatMoney(m, x.currency, request.locale)}`;
    };
    await this.page(
      api,
      request,
      reply,
      {
        title: t('staff-admin.benefits.title'),
        tables: [
          {
            id: 'benefits',
            head: [
              t('staff-admin.benefits.fields.claimType'),
              t('staff-admin.benefits.rule'),
              t('staff-admin.benefits.fields.validFrom'),
              t('staff-admin.end.validTo'),
              t('staff-admin.benefits.fields.source'),
            ],
            rows: entries.map((e) => [
              { text: t(`account.welfare.types.${e.claimType}`) },
              { text: amount(e.rule) },
              { text: formatDate(e.validFrom, request.locale, 'date') },
              { text: e.validTo ? formatDate(e.validTo, request.locale, 'date') : t('staff-admin.open') },
              { text: e.source },
            ]),
            empty: t('staff-admin.none'),
          },
        ],
        forms: [formView(benefitForm(t), t, state), formView(this.endBenefitForm(entries, t), t, state)],
      },
      status,
    );
  }

  // --- notifications -----------------------------------------------------------------------------

  @Get(STAFF_PATHS.notifications)
  async notifications(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('state') stateQ?: string): Promise<void> {
    const api = this.api(request);
    const t = translator(request.locale);
    const state = (NOTIFICATION_STATES as readonly string[]).includes(stateQ ?? '') ? (stateQ as ApiSchemas['NotificationState']) : 'failed';
    const [list, metrics] = await Promise.all([
      api.GET('/admin/notifications', { params: { query: { state, page: 1, pageSize: 100 } } }),
      api.GET('/admin/notifications/metrics'),
    ]);
    const l = mustRead('GET /admin/notifications', list);
    const m = mustRead('GET /admin/notifications/metrics', metrics);
    await this.page(api, request, reply, {
      title: t('staff-admin.notifications.title'),
      filter: {
        action: STAFF_PATHS.notifications,
        name: 'state',
        label: t('staff-admin.notifications.state'),
        items: NOTIFICATION_STATES.map((s) => ({ value: s, text: t(`staff-admin.notifications.states.${s}`), selected: s === state })),
      },
      summary: [
        { key: t('staff-admin.notifications.backlog'), value: String(m.backlog) },
        { key: t('staff-admin.notifications.failed'), value: String(m.failed) },
        { key: t('staff-admin.notifications.sentLastHour'), value: String(m.sentLastHour) },
      ],
      tables: [
        {
          id: 'notifications',
          head: [
            t('staff-admin.notifications.template'),
            t('staff-admin.notifications.created'),
            t('staff-admin.notifications.attempts'),
            t('staff-admin.notifications.error'),
            t('staff-admin.actions'),
          ],
          rows: l.items.map((n): Cell[] => [
            { text: n.template },
            { text: formatDate(n.createdAt, request.locale, 'dateTime', 'Asia/Manila') },
            { text: String(n.attempts) },
            { text: n.lastError ?? '' },
            n.state === 'failed'
              ? { text: t('staff-admin.notifications.resend'), form: { action: `${STAFF_PATHS.notifications}/${n.id}/resend` } }
              : { text: t(`staff-admin.notifications.states.${n.state}`) },
          ]),
          empty: t('staff-admin.notifications.none'),
        },
      ],
    });
  }

  @Post(`${STAFF_PATHS.notifications}/:id/resend`)
  async resend(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    id = uuidParam(id);
    const api = this.api(request);
    const t = translator(request.locale);
    const r = await api.POST('/admin/notifications/{id}/resend', { params: { path: { id } } });
    if (r.response.status === 403) throw new ForbiddenException();
    if (r.response.status === 404) throw new NotFoundException();
    // Already sent or queued again by someone else: the list says where it stands now.
    await setNotice(request, STAFF_PATHS.notifications, t(r.response.ok ? 'staff-admin.notifications.resent' : 'staff-forms.problems.notification-not-failed'));
    void reply.redirect(STAFF_PATHS.notifications, 303);
  }
}
