/**
 * The agency's staff accounts (issue 22):
 *
 *   GET  /agency/staff   the agency's accounts (GET /agency/users) and, for an admin, the
 *   POST /agency/staff   invitation form: name, email, language (POST /agency/users). The answer
 *                        is the same whether or not the address has an account anywhere; the
 *                        account exists once its owner accepts the mailed invitation
 *                        (/account/invitation).
 */
import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isProblem } from '@app/api-client';
import { LOCALES, LOCALE_INFO, MessageKey, formatDate, isLocale, translator } from '@app/i18n';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { takeShownOnce } from '../session/shown-once';
import { disableable } from './agency-records-view';
import { retryAfterSeconds, retryText } from '../tracking/tracking.controller';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

declare module 'fastify' {
  interface Session {
    agencyInvited?: string;
  }
}

interface InviteValues {
  name: string;
  email: string;
  language: string;
}

@Controller(ROUTES.agencyStaff)
export class AgencyStaffController {
  constructor(private readonly sessions: ApiSessions) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.sessions.forRequest(request);
    const { agencyInvited: invited, agencyStaffDisabled: disabled } = await takeShownOnce(request, 'agencyInvited', 'agencyStaffDisabled');
    await this.render(request, reply, 200, { name: '', email: '', language: request.locale }, {}, invited ?? null, undefined, disabled ?? null);
  }

  @Post()
  async invite(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const f = (body ?? {}) as Record<string, unknown>;
    const line = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');
    const v: InviteValues = { name: line(f.name, 120), email: line(f.email, 254), language: line(f.language, 3) };
    const errors: Record<string, MessageKey> = {};
    if (!v.name) errors.name = 'agencyPortal.register.errors.required';
    if (!v.email) errors.email = 'agencyPortal.register.errors.required';
    else if (!EMAIL.test(v.email)) errors.email = 'agencyPortal.register.errors.email';
    if (!isLocale(v.language)) errors.language = 'agencyPortal.register.errors.language';
    if (Object.keys(errors).length) return this.render(request, reply, 400, v, errors, null);
    const answer = await api.POST('/agency/users', {
      body: { email: v.email, displayName: v.name, preferredLanguage: v.language as (typeof LOCALES)[number] },
    });
    if (answer.response.ok) {
      request.session.agencyInvited = v.email;
      await request.session.save();
      return void reply.redirect(ROUTES.agencyStaff, 303);
    }
    const problem = isProblem(answer.error) ? answer.error : null;
    if (answer.response.status === 429)
      return this.render(
        request,
        reply,
        429,
        v,
        {},
        null,
        retryText(translator(request.locale), retryAfterSeconds(answer.response.headers.get('Retry-After'), problem)),
      );
    if (answer.response.status === 400) {
      for (const e of problem?.errors ?? []) {
        if (e.field === 'email') errors.email = 'agencyPortal.register.errors.email';
        else if (e.field === 'displayName') errors.name = 'agencyPortal.register.errors.invalid';
      }
      if (Object.keys(errors).length) return this.render(request, reply, 400, v, errors, null);
    }
    throw new Error(`POST /agency/users answered ${answer.response.status}`);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    v: InviteValues,
    errors: Record<string, MessageKey>,
    invited: string | null,
    tooMany?: string,
    disabled: string | null = null,
  ): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const [users, me] = await Promise.all([api.GET('/agency/users', { params: { query: { pageSize: 100 } } }), api.GET('/me')]);
    if (!users.response.ok || !users.data) throw new Error(`GET /agency/users answered ${users.response.status}`);
    if (!me.response.ok || !me.data) throw new Error(`GET /me answered ${me.response.status}`);
    const locale = request.locale;
    const t = translator(locale);
    const order = ['name', 'email', 'language'];
    void reply.status(status);
    reply.view('agency-portal/staff.njk', {
      invited: invited ? t('agencyPortal.staff.invited', { email: invited }) : disabled ? t('agencyRecords.staff.disabled', { name: disabled }) : null,
      tooMany: tooMany ?? null,
      admin: me.data.roles.includes('agency_admin'),
      users: users.data.items.map((u) => ({
        name: u.displayName,
        email: u.email,
        role: t(u.roles.includes('agency_admin') ? 'agencyPortal.staff.roles.admin' : 'agencyPortal.staff.roles.staff'),
        state: t(u.active ? 'agencyPortal.staff.active' : 'agencyPortal.staff.disabled'),
        since: formatDate(u.createdAt, locale, 'date'),
        disableHref: disableable(u, me.data.roles.includes('agency_admin')) ? `${ROUTES.agencyStaff}/${u.id}/disable` : null,
      })),
      v,
      err: Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(key)])),
      errorList: order.filter((k) => errors[k]).map((k) => ({ text: t(errors[k]), href: `#${k}` })),
      languages: LOCALES.map((l) => ({ value: l, text: LOCALE_INFO[l].name, checked: v.language === l, label: { attributes: { lang: l } } })),
    });
  }
}
