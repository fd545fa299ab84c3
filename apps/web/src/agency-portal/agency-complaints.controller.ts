/**
 * Complaints against the agency (issue 22), as the API shows them to the agency's people: the
 * allegations, the stage, and what the agency must answer by when. The API's agency view holds
 * no contact details of the complainant, and no name when their identity is protected; these
 * pages show only what it answers.
 *
 *   GET  /agency/complaints               the cases about the agency (GET /agency/complaints)
 *   GET  /agency/complaints/<id>          allegations, deadlines, hearing, settlement, the answer given
 *   POST /agency/complaints/<id>/answer   the written answer while in adjudication
 *   POST /agency/complaints/<id>/evidence a document in support (POST /agency/complaints/{id}/evidence)
 *   POST /agency/complaints/<id>/compliance  a settled case: the agency declares it complied (statement, optional proof;
 *                                          POST /agency/complaints/{id}/compliance-declaration)
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { EXTENSIONS, MAX_FILE_BYTES, sniff } from '../complaints/complaint-evidence-store';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { settlementView } from './agency-records-view';
import { COMPLIANCE_FIELDS, complianceRefusal, readComplianceDeclaration } from './compliance-declaration-form';
import { takeShownOnce } from '../session/shown-once';

type Case = ApiSchemas['AgencyComplaintView'];
type Notice = 'answered' | 'evidence' | 'declared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVIDENCE_KINDS = ['contract', 'receipt', 'payslip', 'photo', 'message', 'identity-document', 'other'] as const;
const ANSWER_MAX = 10_000;
const UPLOAD_MULTIPART = { multipartOptions: { limits: { fileSize: MAX_FILE_BYTES + 1, files: 1 }, throwFileSizeLimit: false } };

declare module 'fastify' {
  interface Session {
    agencyCaseNotice?: { id: string; notice: Notice };
  }
}

const caseId = (id: string): string => {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
};

@Controller(ROUTES.agencyComplaints)
export class AgencyComplaintsController {
  constructor(private readonly sessions: ApiSessions) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const { data, response } = await api.GET('/agency/complaints', { params: { query: { pageSize: 100 } } });
    if (!response.ok || !data) throw new Error(`GET /agency/complaints answered ${response.status}`);
    const locale = request.locale;
    const t = translator(locale);
    reply.view('agency-portal/complaints.njk', {
      cases: data.items.map((c) => ({
        href: `${ROUTES.agencyComplaints}/${c.id}`,
        reference: c.reference,
        stage: t(`staff.stage.${c.stage}`),
        next: c.nextDueAt ? formatDate(c.nextDueAt, locale, 'date') : '',
        opened: formatDate(c.createdAt, locale, 'date'),
      })),
    });
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const c = await this.caseOf(api, caseId(id));
    const notice = (await takeShownOnce(request, 'agencyCaseNotice')).agencyCaseNotice;
    this.render(request, reply, c, 200, {}, '', notice && notice.id === c.id ? notice.notice : null);
  }

  @Post(':id/answer')
  async answer(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const c = await this.caseOf(api, caseId(id));
    const f = (body ?? {}) as Record<string, unknown>;
    const text = typeof f.answer === 'string' ? f.answer.trim() : '';
    if (!text) return this.render(request, reply, c, 400, { answer: 'agencyPortal.complaints.errors.answerMissing' }, '');
    if (text.length > ANSWER_MAX)
      return this.render(request, reply, c, 400, { answer: 'agencyPortal.complaints.errors.answerLong' }, text.slice(0, ANSWER_MAX));
    const version = Number(f.version) || c.version;
    const answer = await api.POST('/agency/complaints/{id}/answer', { params: { path: { id: c.id } }, body: { version, answer: text } });
    if (answer.response.ok) return this.done(request, reply, c.id, 'answered');
    if (answer.response.status === 404) throw new NotFoundException();
    if (answer.response.status === 409 || answer.response.status === 400)
      return this.render(request, reply, await this.caseOf(api, c.id), 409, { answer: 'agencyPortal.complaints.errors.notNow' }, text);
    throw new Error(`POST /agency/complaints/{id}/answer answered ${answer.response.status}`);
  }

  @Post(':id/evidence')
  @RouteConfig(UPLOAD_MULTIPART)
  async evidence(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const c = await this.caseOf(api, caseId(id));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kind = typeof body.kind === 'string' ? body.kind : '';
    const file = [body.file].flat().find((x): x is Buffer => Buffer.isBuffer(x) && x.length > 0);
    if (!(EVIDENCE_KINDS as readonly string[]).includes(kind))
      return this.render(request, reply, c, 400, { 'evidence-kind': 'agencyPortal.application.errors.kind' }, '');
    if (!file) return this.render(request, reply, c, 400, { 'evidence-file': 'agencyPortal.application.errors.file' }, '', null, kind);
    const sniffed = sniff(file);
    if (!sniffed.ok || file.length > MAX_FILE_BYTES)
      return this.render(request, reply, c, 400, { 'evidence-file': 'agencyPortal.application.errors.fileType' }, '', null, kind);
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(file)], { type: sniffed.contentType }), `${kind}.${EXTENSIONS[sniffed.contentType]}`);
    const answer = await api.POST('/agency/complaints/{id}/evidence', {
      params: { path: { id: c.id } },
      body: form as unknown as ApiSchemas['UploadEvidenceBody'],
    });
    if (answer.response.ok) return this.done(request, reply, c.id, 'evidence');
    if (answer.response.status === 404) throw new NotFoundException();
    if (answer.response.status >= 400 && answer.response.status < 500)
      return this.render(request, reply, c, 400, { 'evidence-file': 'agencyPortal.complaints.errors.evidenceRefused' }, '', null, kind);
    throw new Error(`POST /agency/complaints/{id}/evidence answered ${answer.response.status}`);
  }

  @Post(':id/compliance')
  @RouteConfig(UPLOAD_MULTIPART)
  async compliance(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const c = await this.caseOf(api, caseId(id));
    const form = readComplianceDeclaration(request.body);
    if (!form.ok) return this.render(request, reply, c, 400, form.errors, '', null, '', form.statement);
    const answer = await api.POST('/agency/complaints/{id}/compliance-declaration', {
      params: { path: { id: c.id } },
      body: form.body as unknown as ApiSchemas['DeclareComplianceBody'],
    });
    if (answer.response.ok) return this.done(request, reply, c.id, 'declared');
    if (answer.response.status === 404) throw new NotFoundException();
    const problem = isProblem(answer.error) ? answer.error : null;
    const refusal = complianceRefusal(
      answer.response.status,
      problem?.code ?? null,
      (problem?.errors ?? []).map((e) => e.field),
    );
    // A 409: the case moved on or was declared meanwhile; show it as it is now.
    const now = answer.response.status === 409 ? await this.caseOf(api, c.id) : c;
    if (refusal) return this.render(request, reply, now, answer.response.status === 409 ? 409 : 400, refusal, '', null, '', form.statement);
    throw new Error(`POST /agency/complaints/{id}/compliance-declaration answered ${answer.response.status}${problem ? ` (${problem.code})` : ''}`);
  }

  private async done(request: FastifyRequest, reply: FastifyReply, id: string, notice: Notice): Promise<void> {
    request.session.agencyCaseNotice = { id, notice };
    await request.session.save();
    void reply.redirect(`${ROUTES.agencyComplaints}/${id}`, 303);
  }

  private async caseOf(api: ApiClient, id: string): Promise<Case> {
    const { data, response } = await api.GET('/agency/complaints/{id}', { params: { path: { id } } });
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /agency/complaints/{id} answered ${response.status}`);
    return data;
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    c: Case,
    status: number,
    errors: Record<string, MessageKey>,
    answerText: string,
    notice: Notice | null = null,
    kind = '',
    statement = '',
  ): void {
    const locale = request.locale;
    const t = translator(locale);
    const answerDue = c.deadlines.find(
      (d) => d.kind === 'complaint.agency-answer' && (d.state === 'pending' || d.state === 'breached' || d.state === 'paused'),
    );
    void reply.status(status);
    reply.view('agency-portal/complaint.njk', {
      notice: notice ? t(`agencyPortal.complaints.notices.${notice}`) : null,
      errorList: Object.entries(errors).map(([field, key]) => ({ text: t(key), href: `#${field}` })),
      errors: Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)])),
      c: {
        id: c.id,
        version: c.version,
        reference: c.reference,
        stage: t(`staff.stage.${c.stage}`),
        complainant: c.complainantName ?? t('agencyPortal.complaints.protected'),
        employer: c.employerName ?? '',
        opened: formatDate(c.createdAt, locale, 'date'),
        allegations: c.allegations.map((a) => ({
          category: t(`agencyPortal.complaints.categories.${a.category}`),
          facts: a.facts,
          occurred: a.occurredOn ? formatDate(a.occurredOn, locale, 'date') : null,
          amount: a.amountMinor && a.currency ? formatMoney(a.amountMinor, a.currency, locale) : null,
        })),
        answerDue: answerDue
          ? t(answerDue.state === 'breached' ? 'agencyPortal.complaints.answerOverdue' : 'agencyPortal.complaints.answerDue', {
              date: formatDate(answerDue.dueAt, locale, 'date'),
            })
          : null,
        hearing: c.hearing ? t('agencyPortal.complaints.hearing', { date: formatDate(c.hearing.at, locale, 'date'), place: c.hearing.place ?? '' }) : null,
        agencyAnswer: c.agencyAnswer,
        settlement: settlementView(c, locale),
        canAnswer: c.stage === 'adjudication' && !c.agencyAnswer,
        canAddEvidence: !['decided', 'closed'].includes(c.stage),
        answerText,
        kinds: [
          { value: '', text: t('agencyPortal.application.chooseKind') },
          ...EVIDENCE_KINDS.map((k) => ({ value: k, text: t(`complaints.evidenceKinds.${k}`), selected: k === kind })),
        ],
        action: `${ROUTES.agencyComplaints}/${c.id}`,
        compliance: { fields: COMPLIANCE_FIELDS, statement },
      },
    });
  }
}
