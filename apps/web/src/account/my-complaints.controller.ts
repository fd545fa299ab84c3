/**
 * The worker's complaints, in their account (the API's /me/complaints: another's case is a 404 there,
 * and so here):
 *
 *   GET  /account/complaints                     the list, newest first
 *   GET  /account/complaints/<id>                one case as its complainant sees it (the same view
 *                                                as "follow your complaint"), what they added, and
 *                                                what they can do now:
 *   POST /account/complaints/<id>/information    add information (while the case is open)
 *   POST /account/complaints/<id>/evidence       add a file (multipart: kind, file)
 *   POST /account/complaints/<id>/appeal         appeal a decision with grounds (stage decided)
 *   GET/POST /account/complaints/<id>/withdraw   withdraw, after a question (before a decision)
 *
 * Each form answers Post/Redirect/Get back to the case with a notice, or the case again with the
 * form's error. A move the case no longer allows (it changed meanwhile) says so on the case.
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { Locale, MessageKey, formatDate, translator } from '@app/i18n';
import { EVIDENCE_KINDS, isEvidenceKind } from '../complaints/complaint-draft';
import { EXTENSIONS, MAX_FILE_BYTES, sniff } from '../complaints/complaint-evidence-store';
import { evidenceKindName } from '../complaints/complaint-summary';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { STAGES, complaintStatusPage } from '../tracking/complaint-status';
import { FormOnce } from './form-once';
import { takeShownOnce } from '../session/shown-once';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WITHDRAWABLE = new Set(['submitted', 'conciliation', 'adjudication']);
const EVIDENCE_MULTIPART = { multipartOptions: { limits: { fileSize: MAX_FILE_BYTES + 1, files: 1 }, throwFileSizeLimit: false } };

export type CaseNotice = 'information' | 'evidence' | 'appealed' | 'withdrawn';
const NOTICE_TEXT: Record<CaseNotice, MessageKey> = {
  information: 'account.complaints.information.added',
  evidence: 'account.complaints.evidence.added',
  appealed: 'account.complaints.appeal.done',
  withdrawn: 'account.complaints.withdraw.done',
};

declare module 'fastify' {
  interface Session {
    /** Shown once on the case page after one of its forms. */
    caseNotice?: { id: string; notice: CaseNotice };
  }
}

/** One form's error on the case page, and what was typed. */
interface FormError {
  form: 'information' | 'evidence' | 'appeal' | 'case';
  field?: string;
  key: MessageKey;
  value?: string;
}

const caseId = (id: string): string => {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
};

const typed = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
};

/** A length rule of the API (5 to `max`), checked first so the form says it in the reader's words. */
function textProblem(value: string, prefix: 'information' | 'appeal', max = 5000): MessageKey | null {
  if (!value) return `account.complaints.${prefix}.missing`;
  if ([...value].length < 5) return `account.complaints.${prefix}.tooShort`;
  if ([...value].length > max) return `account.complaints.${prefix}.tooLong`;
  return null;
}

@Controller(ROUTES.accountComplaints)
export class MyComplaintsController {
  constructor(
    private readonly sessions: ApiSessions,
    private readonly once: FormOnce,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const { data, response } = await api.GET('/me/complaints', { params: { query: { pageSize: 100 } } });
    if (!response.ok || !data) throw new Error(`GET /me/complaints answered ${response.status}`);
    const t = translator(request.locale);
    reply.view('account/complaints.njk', {
      complaints: data.items.map((c) => ({
        href: `${ROUTES.accountComplaints}/${c.id}`,
        reference: c.reference,
        stage: t(`tracking.status.stage.${(STAGES as readonly string[]).includes(c.stage) ? c.stage : 'submitted'}.title`),
        filed: formatDate(c.createdAt, request.locale, 'date'),
      })),
    });
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const { caseNotice: notice } = await takeShownOnce(request, 'caseNotice');
    const shown: CaseNotice | null = notice?.id === id ? notice.notice : null;
    await this.render(api, request, reply, caseId(id), 200, null, shown);
  }

  // Each form is done once however often it is sent (form-once.ts): a repeat gets the first one's page.
  @Post(':id/information')
  information(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.once.run(request, reply, 'caseNotice', () => this.addInformation(id, body, request, reply));
  }

  private async addInformation(id: string, body: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    id = caseId(id);
    const text = typed(body, 'text');
    const problem = textProblem(text, 'information');
    if (problem) return this.render(api, request, reply, id, 400, { form: 'information', field: 'information-text', key: problem, value: text.slice(0, 6000) });
    const answer = await api.POST('/me/complaints/{id}/information', { params: { path: { id } }, body: { text } });
    if (answer.response.ok) return this.done(request, reply, id, 'information');
    return this.refused(api, request, reply, id, answer, {
      form: 'information',
      field: 'information-text',
      key: 'account.complaints.closed',
      value: text.slice(0, 6000),
    });
  }

  @Post(':id/evidence')
  @RouteConfig(EVIDENCE_MULTIPART)
  evidence(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.once.run(request, reply, 'caseNotice', () => this.addEvidence(id, request, reply));
  }

  private async addEvidence(id: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    id = caseId(id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kind = typeof body.kind === 'string' ? body.kind : '';
    const file = [body.file].flat().find((f): f is Buffer => Buffer.isBuffer(f) && f.length > 0);
    if (!isEvidenceKind(kind))
      return this.render(api, request, reply, id, 400, { form: 'evidence', field: 'evidence-kind', key: 'account.complaints.evidence.kindMissing' });
    if (!file)
      return this.render(api, request, reply, id, 400, {
        form: 'evidence',
        field: 'evidence-file',
        key: 'account.complaints.evidence.fileMissing',
        value: kind,
      });
    const sniffed = sniff(file);
    if (!sniffed.ok || file.length > MAX_FILE_BYTES)
      return this.render(api, request, reply, id, 400, { form: 'evidence', field: 'evidence-file', key: 'account.complaints.evidence.refused', value: kind });
    const form = new FormData();
    form.append('kind', kind);
    // Our own name for it: a phone's file name can say who the person is.
    form.append('file', new Blob([new Uint8Array(file)], { type: sniffed.contentType }), `${kind}.${EXTENSIONS[sniffed.contentType]}`);
    const answer = await api.POST('/me/complaints/{id}/evidence', { params: { path: { id } }, body: form as unknown as ApiSchemas['UploadEvidenceBody'] });
    if (answer.response.ok) return this.done(request, reply, id, 'evidence');
    if (answer.response.status === 404) throw new NotFoundException();
    if (answer.response.status >= 400 && answer.response.status < 500)
      return this.render(api, request, reply, id, 400, { form: 'evidence', field: 'evidence-file', key: 'account.complaints.evidence.refused', value: kind });
    throw new Error(`POST /me/complaints/{id}/evidence answered ${answer.response.status}`);
  }

  @Post(':id/appeal')
  appeal(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.once.run(request, reply, 'caseNotice', () => this.lodgeAppeal(id, body, request, reply));
  }

  private async lodgeAppeal(id: string, body: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    id = caseId(id);
    const reason = typed(body, 'reason');
    const problem = textProblem(reason, 'appeal');
    if (problem) return this.render(api, request, reply, id, 400, { form: 'appeal', field: 'appeal-reason', key: problem, value: reason.slice(0, 6000) });
    const answer = await api.POST('/me/complaints/{id}/appeal', { params: { path: { id } }, body: { version: Number(typed(body, 'version')) || 1, reason } });
    if (answer.response.ok) return this.done(request, reply, id, 'appealed');
    return this.refused(api, request, reply, id, answer, { form: 'case', key: 'account.complaints.changed' });
  }

  @Get(':id/withdraw')
  async withdrawQuestion(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const view = await this.view(api, caseId(id));
    if (!WITHDRAWABLE.has(view.stage)) return void reply.redirect(`${ROUTES.accountComplaints}/${view.id}`, 303);
    this.renderWithdraw(request, reply, view, 200, null, '');
  }

  @Post(':id/withdraw')
  withdraw(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.once.run(request, reply, 'caseNotice', () => this.withdrawCase(id, body, request, reply));
  }

  private async withdrawCase(id: string, body: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    id = caseId(id);
    const reason = typed(body, 'reason');
    if ([...reason].length > 2000)
      return this.renderWithdraw(request, reply, await this.view(api, id), 400, 'account.complaints.withdraw.tooLong', reason.slice(0, 3000));
    const answer = await api.POST('/me/complaints/{id}/withdraw', {
      params: { path: { id } },
      body: { version: Number(typed(body, 'version')) || 1, ...(reason ? { reason } : {}) },
    });
    if (answer.response.ok) return this.done(request, reply, id, 'withdrawn');
    return this.refused(api, request, reply, id, answer, { form: 'case', key: 'account.complaints.changed' });
  }

  // ---------------------------------------------------------------------------------------------

  private async view(api: ApiClient, id: string): Promise<ApiSchemas['WorkerComplaintView']> {
    const { data, response } = await api.GET('/me/complaints/{id}', { params: { path: { id } } });
    // Another's case, or none: the same page as any address that leads nowhere.
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /me/complaints/{id} answered ${response.status}`);
    return data;
  }

  private async done(request: FastifyRequest, reply: FastifyReply, id: string, notice: CaseNotice): Promise<void> {
    request.session.caseNotice = { id, notice };
    await request.session.save();
    void reply.redirect(`${ROUTES.accountComplaints}/${id}`, 303);
  }

  /** The API said no: 404 is the 404 page; a 409 (the case moved on) or a 400 is said on the case. */
  private async refused(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    answer: { response: Response; error?: unknown },
    otherwise: FormError,
  ): Promise<void> {
    const status = answer.response.status;
    if (status === 404) throw new NotFoundException();
    const problem = isProblem(answer.error) ? answer.error : null;
    if (status === 409 && problem?.code === 'case-closed') return this.render(api, request, reply, id, 409, { ...otherwise, key: 'account.complaints.closed' });
    if (status === 409) return this.render(api, request, reply, id, 409, { form: 'case', key: 'account.complaints.changed' });
    if (status === 400) return this.render(api, request, reply, id, 400, otherwise);
    throw new Error(`the API answered ${status}${problem ? ` (${problem.code})` : ''}`);
  }

  private async render(
    api: ApiClient,
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    status: number,
    error: FormError | null,
    notice: CaseNotice | null = null,
  ): Promise<void> {
    const locale: Locale = request.locale;
    const t = translator(locale);
    const view = await this.view(api, id);
    const files = await api.GET('/me/complaints/{id}/evidence', { params: { path: { id }, query: { pageSize: 100 } } });
    const zone = view.timeZone;
    const documents = (files.data?.items ?? []).map((d) =>
      t('account.complaints.evidence.item', { kind: evidenceKindName(d.kind as never, locale), date: formatDate(d.createdAt, locale, 'date', zone) }),
    );
    const open = view.stage !== 'closed';
    const base = `${ROUTES.accountComplaints}/${view.id}`;
    const errorText = error ? t(error.key) : null;
    void reply.status(status);
    reply.view('account/complaint.njk', {
      complaint: complaintStatusPage(view, locale),
      version: view.version,
      notice: notice ? { title: t('account.complaints.doneTitle'), text: t(NOTICE_TEXT[notice]) } : null,
      error: error ? { ...error, text: errorText } : null,
      errorList: error ? [{ text: errorText, href: `#${error.field ?? 'case-actions'}` }] : [],
      documents,
      open,
      canAppeal: view.stage === 'decided',
      appealText:
        view.stage === 'decided' && view.nextStep.by
          ? t('account.complaints.appeal.text', { date: formatDate(view.nextStep.by, locale, 'date', zone) })
          : t('account.complaints.appeal.textNoDate'),
      canWithdraw: WITHDRAWABLE.has(view.stage),
      kinds: EVIDENCE_KINDS.map((k) => ({ value: k, text: evidenceKindName(k, locale), checked: error?.form === 'evidence' && error.value === k })),
      actions: { information: `${base}/information`, evidence: `${base}/evidence`, appeal: `${base}/appeal`, withdraw: `${base}/withdraw` },
    });
  }

  private renderWithdraw(
    request: FastifyRequest,
    reply: FastifyReply,
    view: ApiSchemas['WorkerComplaintView'],
    status: number,
    error: MessageKey | null,
    reason: string,
  ): void {
    const t = translator(request.locale);
    void reply.status(status);
    reply.view('account/withdraw.njk', {
      reference: view.reference,
      version: view.version,
      action: `${ROUTES.accountComplaints}/${view.id}/withdraw`,
      back: `${ROUTES.accountComplaints}/${view.id}`,
      reason,
      error: error ? t(error) : null,
    });
  }
}
