/**
 * Welfare, in the worker's account (the API's /me/welfare and /welfare/claims as a worker: only
 * their own membership and the claims they filed; another's claim is a 404 there, and so here):
 *
 *   GET  /account/welfare                        membership periods and contributions, the claims
 *   GET/POST /account/welfare/claims/new         file a claim (type with its document checklist,
 *                                                passport, incident, facts, amount or degree when
 *                                                the type needs one, payout)
 *   GET  /account/welfare/claims/<id>            the claim to payment: state, next step and its
 *                                                date, eligibility, amounts, the type's document
 *                                                checklist, the documents asked for and those sent
 *   POST /account/welfare/claims/<id>/documents  send a document asked for (multipart: document,
 *                                                file); the last one puts the claim back in review
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { parseAmount, parseDateParts, todayIso } from '../complaints/complaint-inputs';
import { EXTENSIONS, MAX_FILE_BYTES, sniff } from '../complaints/complaint-evidence-store';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { FormOnce } from './form-once';
import { takeShownOnce } from '../session/shown-once';

type Claim = ApiSchemas['ClaimView'];
type ClaimType = ApiSchemas['WelfareClaimType'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What a member claims for themself (the death benefits are claimed by their family, through an officer). */
export const MEMBER_CLAIM_TYPES = [
  'medical',
  'disability:partial',
  'disability:total',
  'repatriation',
  'legal-assistance',
  'education-grant',
  'livelihood-grant',
] as const satisfies readonly ClaimType[];
const CLAIM_STATES = ['submitted', 'under_review', 'documents_requested', 'approved', 'rejected', 'disbursed', 'paid'];
/** The fund's currency, the currency of claimed costs. */
const FUND_CURRENCY = 'PHP';
const UPLOAD_MULTIPART = { multipartOptions: { limits: { fileSize: MAX_FILE_BYTES + 1, files: 1 }, throwFileSizeLimit: false } };

declare module 'fastify' {
  interface Session {
    welfareNotice?: { id: string; notice: 'filed' | 'uploaded' | 'allUploaded' };
  }
}

const claimId = (id: string): string => {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
};
const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v.trim() : '';
};

export interface ClaimForm {
  claimType: string;
  passport: string;
  name: string;
  day: string;
  month: string;
  year: string;
  facts: string;
  amount: string;
  degree: string;
  payout: string;
}

/** The claim form checked before the API is asked; the API's own refusals are mapped after. */
export function readClaimForm(
  f: ClaimForm,
  locale: Locale,
  today = todayIso(),
): { body: ApiSchemas['FileClaimDto'] | null; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  const missing = 'account.welfare.file.missing' as const;
  if (!(MEMBER_CLAIM_TYPES as readonly string[]).includes(f.claimType)) errors.claimType = missing;
  if (!f.passport) errors.passport = missing;
  if (!f.name) errors.name = missing;
  const date = parseDateParts({ day: f.day, month: f.month, year: f.year }, today);
  if (!date.ok || !date.date) errors['incident-day'] = date.ok ? missing : 'account.welfare.file.dateInvalid';
  if (!f.facts) errors.facts = missing;
  if (!f.payout) errors.payout = missing;
  const amount = f.amount ? parseAmount(f.amount, FUND_CURRENCY, locale) : null;
  if (amount && !amount.ok) errors.amount = 'account.welfare.file.amountInvalid';
  const degree = f.degree ? Number(f.degree) : null;
  if (degree !== null && !(Number.isInteger(degree) && degree >= 1 && degree <= 100)) errors.degree = 'account.welfare.file.degreeInvalid';
  if (Object.keys(errors).length) return { body: null, errors };
  return {
    body: {
      claimType: f.claimType as ClaimType,
      workerPassportNumber: f.passport.toUpperCase().replace(/\s+/g, ''),
      workerName: f.name,
      incidentDate: (date as { date: string }).date,
      facts: f.facts,
      payout: f.payout,
      language: locale,
      ...(amount?.ok ? { claimedMinor: amount.minor, currency: FUND_CURRENCY } : {}),
      ...(degree !== null ? { degreePercent: degree } : {}),
    },
    errors,
  };
}

/** The API's refused fields, on the form's. */
const API_FIELDS: Record<string, string> = {
  claimType: 'claimType',
  workerPassportNumber: 'passport',
  workerName: 'name',
  incidentDate: 'incident-day',
  facts: 'facts',
  payout: 'payout',
  claimedMinor: 'amount',
  currency: 'amount',
  degreePercent: 'degree',
};

@Controller(ROUTES.accountWelfare)
export class MyWelfareController {
  constructor(
    private readonly sessions: ApiSessions,
    private readonly once: FormOnce,
  ) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const [membership, claims] = await Promise.all([api.GET('/me/welfare/membership'), api.GET('/welfare/claims', { params: { query: { pageSize: 100 } } })]);
    if (!membership.data || !claims.data)
      throw new Error(`GET /me/welfare/membership answered ${membership.response.status}, GET /welfare/claims ${claims.response.status}`);
    const locale = request.locale;
    const t = translator(locale);
    const day = (d: string) => formatDate(d, locale, 'date');
    reply.view('account/welfare.njk', {
      memberships: membership.data.memberships.map((m) => ({
        periods: m.periods.map((p) => t('account.welfare.member', { passport: m.passportNumber, from: day(p.from), to: day(p.to) })),
        contributions: m.contributions.map((c) =>
          t('account.welfare.contribution', { amount: formatMoney(c.amountMinor, c.currency, locale), date: day(c.paidOn) }),
        ),
      })),
      claims: claims.data.items.map((c) => ({
        href: `${ROUTES.accountWelfare}/claims/${c.id}`,
        reference: c.reference,
        type: this.typeName(t, c.claimType),
        state: this.stateName(t, c.state),
      })),
    });
  }

  @Get('claims/new')
  async newClaim(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const [me, membership] = await Promise.all([api.GET('/me'), api.GET('/me/welfare/membership')]);
    const passport = membership.data?.memberships[0]?.passportNumber ?? '';
    await this.renderClaimForm(
      api,
      request,
      reply,
      { claimType: '', passport, name: me.data?.displayName ?? '', day: '', month: '', year: '', facts: '', amount: '', degree: '', payout: '' },
      {},
      200,
    );
  }

  // Sent twice: one claim, one document (form-once.ts); the repeat gets the first one's page.
  @Post('claims/new')
  file(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.once.run(request, reply, 'welfareNotice', () => this.fileClaim(body, request, reply));
  }

  private async fileClaim(body: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const form: ClaimForm = {
      claimType: field(body, 'claimType'),
      passport: field(body, 'passport').slice(0, 20),
      name: field(body, 'name').slice(0, 200),
      day: field(body, 'incident-day').slice(0, 4),
      month: field(body, 'incident-month').slice(0, 4),
      year: field(body, 'incident-year').slice(0, 6),
      facts: field(body, 'facts').slice(0, 5000),
      amount: field(body, 'amount').slice(0, 30),
      degree: field(body, 'degree').slice(0, 4),
      payout: field(body, 'payout').slice(0, 500),
    };
    const read = readClaimForm(form, request.locale);
    if (!read.body) return this.renderClaimForm(api, request, reply, form, read.errors, 400);
    const answer = await api.POST('/welfare/claims', { body: read.body });
    if (answer.data) {
      request.session.welfareNotice = { id: answer.data.id, notice: 'filed' };
      await request.session.save();
      return void reply.redirect(`${ROUTES.accountWelfare}/claims/${answer.data.id}`, 303);
    }
    const problem = isProblem(answer.error) ? answer.error : null;
    // The API's one answer for a passport number that is not the caller's membership.
    if (answer.response.status === 404) return this.renderClaimForm(api, request, reply, form, { passport: 'account.welfare.file.notMember' }, 400);
    if (answer.response.status === 400) {
      const errors: Record<string, MessageKey> = {};
      for (const e of problem?.errors ?? []) errors[API_FIELDS[e.field.split('.')[0]] ?? 'facts'] ??= 'account.welfare.file.refused';
      return this.renderClaimForm(api, request, reply, form, Object.keys(errors).length ? errors : { facts: 'account.welfare.file.refused' }, 400);
    }
    throw new Error(`POST /welfare/claims answered ${answer.response.status}${problem ? ` (${problem.code})` : ''}`);
  }

  @Get('claims/:id')
  async claim(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    id = claimId(id);
    const { welfareNotice: notice } = await takeShownOnce(request, 'welfareNotice');
    const shown = notice?.id === id ? notice.notice : null;
    await this.renderClaim(api, request, reply, id, 200, shown, null);
  }

  @Post('claims/:id/documents')
  @RouteConfig(UPLOAD_MULTIPART)
  upload(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.once.run(request, reply, 'welfareNotice', () => this.sendDocument(id, request, reply));
  }

  private async sendDocument(id: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    id = claimId(id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const document = typeof body.document === 'string' ? body.document : '';
    const file = [body.file].flat().find((f): f is Buffer => Buffer.isBuffer(f) && f.length > 0);
    if (!file) return this.renderClaim(api, request, reply, id, 400, null, 'account.welfare.claim.fileMissing');
    const sniffed = sniff(file);
    if (!sniffed.ok || file.length > MAX_FILE_BYTES || !['application/pdf', 'image/jpeg', 'image/png'].includes(sniffed.contentType))
      return this.renderClaim(api, request, reply, id, 400, null, 'account.welfare.claim.fileRefused');
    const form = new FormData();
    form.append('document', document);
    form.append('file', new Blob([new Uint8Array(file)], { type: sniffed.contentType }), `${document || 'document'}.${EXTENSIONS[sniffed.contentType]}`);
    const answer = await api.POST('/me/welfare/claims/{id}/documents', {
      params: { path: { id } },
      body: form as unknown as ApiSchemas['UploadClaimDocumentBody'],
    });
    if (answer.response.status === 404) throw new NotFoundException();
    if (!answer.response.ok)
      return this.renderClaim(
        api,
        request,
        reply,
        id,
        answer.response.status === 409 ? 409 : 400,
        null,
        answer.response.status === 409 ? 'account.welfare.claim.notRequested' : 'account.welfare.claim.fileRefused',
      );
    const after = await this.view(api, id);
    request.session.welfareNotice = { id, notice: after.state === 'documents_requested' ? 'uploaded' : 'allUploaded' };
    await request.session.save();
    void reply.redirect(`${ROUTES.accountWelfare}/claims/${id}`, 303);
  }

  // ---------------------------------------------------------------------------------------------

  private typeName(t: (k: string) => string, type: string): string {
    return t(`account.welfare.types.${type}`);
  }

  private stateName(t: (k: string) => string, state: string): string {
    return t(`account.welfare.states.${CLAIM_STATES.includes(state) ? state : 'submitted'}`);
  }

  private async view(api: ApiClient, id: string): Promise<Claim> {
    const { data, response } = await api.GET('/welfare/claims/{id}', { params: { path: { id } } });
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /welfare/claims/{id} answered ${response.status}`);
    return data;
  }

  private async renderClaim(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    status: number,
    notice: string | null,
    error: MessageKey | null,
  ): Promise<void> {
    const c = await this.view(api, id);
    const sent = await api.GET('/me/welfare/claims/{id}/documents', { params: { path: { id } } });
    const locale = request.locale;
    const t = translator(locale);
    const docName = (code: string) => t(`account.welfare.documents.${code}`);
    const money = (minor: string) => formatMoney(minor, c.currency, locale);
    void reply.status(status);
    reply.view('account/claim.njk', {
      notice: notice
        ? {
            title: t('account.welfare.claim.doneTitle'),
            text:
              notice === 'filed'
                ? t('account.welfare.claim.filed', { reference: c.reference })
                : t(notice === 'uploaded' ? 'account.welfare.claim.uploaded' : 'account.welfare.claim.allUploaded'),
          }
        : null,
      error: error ? t(error) : null,
      c: {
        reference: c.reference,
        type: this.typeName(t, c.claimType),
        state: this.stateName(t, c.state),
        stateCode: c.state,
        next: c.nextStep,
        due: c.decisionDue ? t('account.welfare.claim.due', { date: formatDate(c.decisionDue, locale, 'date') }) : null,
        eligible: c.eligibility.eligible,
        scheduled: c.scheduledMinor ? t('account.welfare.claim.scheduled', { amount: money(c.scheduledMinor) }) : null,
        approved: c.approvedMinor ? t('account.welfare.claim.approved', { amount: money(c.approvedMinor) }) : null,
        reason: c.decisionReason ? t('account.welfare.claim.reason', { reason: c.decisionReason }) : null,
        paid: c.paidReference ? t('account.welfare.claim.paid', { reference: c.paidReference }) : null,
        checklist: c.checklist.map((d) => docName(d.code)),
        requested: c.requestedDocuments.map((d) => ({ value: d.code, text: docName(d.code) })),
        sent: (sent.data ?? []).map((d) => t('account.welfare.claim.sentItem', { document: docName(d.code), date: formatDate(d.createdAt, locale, 'date') })),
        uploadAction: `${ROUTES.accountWelfare}/claims/${c.id}/documents`,
      },
    });
  }

  /** The form, each claim type with its document checklist (the API's, GET /welfare/claim-types): what to gather before filing. */
  private async renderClaimForm(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    f: ClaimForm,
    errors: Record<string, MessageKey>,
    status: number,
  ): Promise<void> {
    const claimTypes = await api.GET('/welfare/claim-types');
    if (!claimTypes.data) throw new Error(`GET /welfare/claim-types answered ${claimTypes.response.status}`);
    const checklists = new Map(claimTypes.data.map((c) => [c.claimType, c.documents.map((d) => d.code)]));
    const t = translator(request.locale);
    const e = (k: string) => (errors[k] ? t(errors[k]) : undefined);
    void reply.status(status);
    reply.view('account/claim-new.njk', {
      f,
      errors: Object.fromEntries(Object.keys(errors).map((k) => [k, e(k)])),
      errorList: Object.keys(errors).map((k) => ({ text: e(k), href: `#${k === 'claimType' ? 'claimType' : k}` })),
      types: MEMBER_CLAIM_TYPES.map((code) => ({
        value: code,
        text: this.typeName(t, code),
        checked: code === f.claimType,
        documents: (checklists.get(code) ?? []).map((d) => t(`account.welfare.documents.${d}`)),
      })),
    });
  }
}
