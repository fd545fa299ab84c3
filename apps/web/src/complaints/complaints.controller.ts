/**
 * "File a complaint": a start page, one question per page (complaint-questions.ts, in the order of
 * complaint-steps.ts), evidence from a phone's camera, check your answers, then the confirmation
 * with the reference and the tracking secret, shown this once.
 *
 *   GET  /complaints/new                      the start page (`?licenseNumber=` from an agency's page
 *                                             picks that agency; the fees pages' `complaintDraft.fees`
 *                                             fills in the fees)
 *   GET  /complaints/new/<question>           a question (`?change=1`: from the check page, back to it)
 *   POST /complaints/new/<question>           its answer → the next question (Post/Redirect/Get), or
 *                                             the same page with its errors
 *   POST /complaints/new/evidence             multipart: a file and what it is
 *   POST /complaints/new/evidence/remove      a file taken out again
 *   GET  /complaints/new/check                every answer, each with "Change"
 *   POST /complaints/new/check                send it (once: complaint-submissions.ts)
 *   GET  /complaints/new/confirmation         the reference and the secret
 *   POST /complaints/new/confirmation         "I have written them down": the secret is forgotten
 *   POST /complaints/new/restart              the draft and its files thrown away
 *
 * The answers live in the session (`complaintDraft`), nothing is sent before the check page.
 */
import { Controller, Get, Inject, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { Locale, MessageVars, formatDate, translator } from '@app/i18n';
import { ApiClientFactory } from '../api/api-client.factory';
import { ApiSessions } from '../session/api-sessions';
import type { WebConfig } from '../config/web-config';
import { ROUTES } from '../routes';
import { WEB_CONFIG, WEB_REDIS } from '../web.tokens';
import { ComplaintDraft, EvidenceFile, applyFeesPrefill, draftOf, hasAnswers, isEvidenceKind } from './complaint-draft';
import { ComplaintEvidenceStore, MAX_FILE_BYTES, MAX_FILES, TYPE_LABELS } from './complaint-evidence-store';
import { EVIDENCE_KIND_LIST, FieldError, QuestionContext, Values, agencyByLicense, questionFor } from './complaint-questions';
import { checkSections, evidenceKindName, fileSize } from './complaint-summary';
import { COMPLAINT_PATHS, backPath, firstUnanswered, nextPath, redirectBefore, stepPath } from './complaint-steps';
import { ComplaintSubmissions, Receipt } from './complaint-submissions';

declare module 'fastify' {
  interface Session {
    /** A complaint being written (complaints/complaint-draft.ts). */
    complaintDraft?: ComplaintDraft;
  }
}

/** Fields of the date inputs: the error summary links to their first box. */
const DATE_FIELDS = new Set(['occurredOn', 'paidOn']);

/**
 * The evidence form's multipart limits: one byte over the API's file limit is read (so a file too
 * large is recognised and explained on the page, not refused as a bare 413), the rest discarded.
 */
const EVIDENCE_MULTIPART = { multipartOptions: { limits: { fileSize: MAX_FILE_BYTES + 1, files: 2 }, throwFileSizeLimit: false } };

type Body = Record<string, unknown>;

@Controller()
export class ComplaintsController {
  private readonly files: ComplaintEvidenceStore;
  private readonly submissions: ComplaintSubmissions;

  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    @Inject(WEB_REDIS) redis: Redis,
    private readonly clients: ApiClientFactory,
    private readonly sessions: ApiSessions,
  ) {
    this.files = new ComplaintEvidenceStore(redis, config.REDIS_PREFIX, config.WEB_SESSION_TTL_SECONDS);
    this.submissions = new ComplaintSubmissions(redis, config.REDIS_PREFIX, this.files);
  }

  // ------------------------------------------------------------------------------------------
  // The start page
  // ------------------------------------------------------------------------------------------

  @Get(ROUTES.complaintNew)
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('licenseNumber') licenseNumber?: string): Promise<void> {
    const draft = this.draft(request);
    const feesApplied = applyFeesPrefill(draft);
    const agencyApplied = await this.applyLicense(request, draft, licenseNumber);
    if (feesApplied || agencyApplied) await this.save(request, draft);
    const next = firstUnanswered(draft);
    reply.view('complaints/start.njk', {
      started: hasAnswers(draft) && !agencyApplied && !feesApplied,
      continueHref: next ? stepPath(next.slug) : COMPLAINT_PATHS.check,
      startHref: stepPath('who'),
      restartAction: COMPLAINT_PATHS.restart,
      agency: draft.agency?.kind === 'licensed' ? draft.agency : null,
      feesPrefilled: feesApplied && draft.feesPaid != null,
    });
  }

  @Post(`${ROUTES.complaintNew}/restart`)
  async restart(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const draft = request.session.complaintDraft;
    if (draft) {
      await this.files.remove(
        draft.id,
        (draft.evidence ?? []).map((f) => f.id),
      );
      request.session.complaintDraft = undefined;
    }
    void reply.redirect(ROUTES.complaintNew, 303);
  }

  // ------------------------------------------------------------------------------------------
  // Check your answers, and sending
  // ------------------------------------------------------------------------------------------

  @Get(ROUTES.complaintCheck)
  async check(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const draft = this.draft(request);
    if (await this.sentAlready(request, reply, draft)) return;
    const missing = firstUnanswered(draft);
    if (missing) return void reply.redirect(stepPath(missing.slug), 303);
    this.renderCheck(request, reply, draft);
  }

  private renderCheck(request: FastifyRequest, reply: FastifyReply, draft: ComplaintDraft, error?: { key: string; vars?: MessageVars }, status = 200): void {
    const t = translator(request.locale);
    void reply.status(status);
    reply.view('complaints/check.njk', {
      sections: checkSections(draft, request.locale),
      submissionId: draft.id,
      action: COMPLAINT_PATHS.check,
      backHref: stepPath('language'),
      errorList: error ? [{ text: t(error.key, error.vars), href: '#submit' }] : [],
    });
  }

  @Post(ROUTES.complaintCheck)
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = (request.body ?? {}) as Body;
    const submissionId = typeof body.submissionId === 'string' ? body.submissionId : '';
    const draft = request.session.complaintDraft ? draftOf(request.session.complaintDraft) : null;
    // A page of a draft sent already (back, then send again): its complaint, not a new one.
    if (!draft || submissionId !== draft.id) {
      const reference = submissionId ? await this.submissions.sentReference(submissionId) : null;
      if (reference) return this.showSent(request, reply, submissionId, reference);
      return void reply.redirect(draft ? COMPLAINT_PATHS.check : ROUTES.complaintNew, 303);
    }
    const missing = firstUnanswered(draft);
    if (missing) return void reply.redirect(stepPath(missing.slug), 303);

    // A signed-in worker files from their account (the case is then theirs to follow there).
    const account = this.sessions.isSignedIn(request) ? this.sessions.forRequest(request).client : null;
    const outcome = await this.submissions.submit(this.clients.forRequest(request), request, draft, request.locale, account);
    switch (outcome.kind) {
      case 'filed':
        request.session.complaintDraft = undefined;
        return void reply.redirect(COMPLAINT_PATHS.confirmation, 303);
      case 'already-sent':
        return this.showSent(request, reply, draft.id, outcome.reference);
      case 'refused': {
        if (!outcome.steps.length) return this.renderCheck(request, reply, draft, { key: 'complaints.check.errors.refused' }, 400);
        draft.apiErrors = outcome.steps;
        await this.save(request, draft);
        return void reply.redirect(`${stepPath(outcome.steps[0].step)}?change=1`, 303);
      }
      case 'failed': {
        const key =
          outcome.status === 429
            ? 'complaints.check.errors.tooMany'
            : outcome.status === 409
              ? 'complaints.check.errors.tryAgain'
              : 'complaints.check.errors.refused';
        return this.renderCheck(request, reply, draft, { key }, outcome.status === 429 ? 429 : 400);
      }
    }
  }

  /** The draft was sent: its confirmation when this session filed it, else the page saying so. */
  private async showSent(request: FastifyRequest, reply: FastifyReply, submissionId: string, reference: string): Promise<void> {
    const receipt = await this.submissions.receipt(request.session.sessionId);
    if (receipt?.submissionId === submissionId) {
      if (request.session.complaintDraft?.id === submissionId) request.session.complaintDraft = undefined;
      return void reply.redirect(COMPLAINT_PATHS.confirmation, 303);
    }
    if (request.session.complaintDraft?.id === submissionId) request.session.complaintDraft = undefined;
    // (A POST answered with a page: Nest would say 201.)
    void reply.status(200);
    reply.view('complaints/already-sent.njk', { reference });
  }

  /** A draft whose id was filed already (the session saved by a slower request after the filing). */
  private async sentAlready(request: FastifyRequest, reply: FastifyReply, draft: ComplaintDraft): Promise<boolean> {
    const reference = await this.submissions.sentReference(draft.id);
    if (!reference) return false;
    await this.showSent(request, reply, draft.id, reference);
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // The confirmation
  // ------------------------------------------------------------------------------------------

  @Get(ROUTES.complaintConfirmation)
  async confirmation(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const receipt = request.session?.sessionId ? await this.submissions.receipt(request.session.sessionId) : null;
    if (!receipt) return void reply.redirect(ROUTES.complaintNew, 303);
    reply.view('complaints/confirmation.njk', this.confirmationModel(request.locale, receipt));
  }

  private confirmationModel(locale: Locale, receipt: Receipt) {
    return {
      reference: receipt.reference,
      secret: receipt.trackingSecret ?? null,
      urgent: receipt.priority === 'urgent',
      anonymous: receipt.anonymous,
      email: receipt.email,
      feesNotChecked: receipt.feesNotChecked,
      evidenceSent: receipt.evidence.sent,
      evidenceFailed: receipt.evidence.failed.map((f) => ({ ...f, kindName: evidenceKindName(f.kind, locale), size: fileSize(f.sizeBytes, locale) })),
      canRetry: Boolean(receipt.trackingSecret || receipt.account) && receipt.evidence.failed.some((f) => f.reason === 'unavailable'),
      accountCase: receipt.account ? `${ROUTES.accountComplaints}/${receipt.id}` : null,
      filedOn: formatDate(receipt.filedAt ?? new Date().toISOString(), locale, 'date'),
      followUrl: new URL(ROUTES.complaintFollow, this.config.PUBLIC_URL).toString(),
      action: COMPLAINT_PATHS.confirmation,
      retryAction: `${COMPLAINT_PATHS.confirmation}/evidence`,
    };
  }

  @Post(ROUTES.complaintConfirmation)
  async writtenDown(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.submissions.forgetSecret(request.session.sessionId);
    void reply.redirect(COMPLAINT_PATHS.confirmation, 303);
  }

  @Post(`${ROUTES.complaintConfirmation}/evidence`)
  async retryEvidence(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const account = this.sessions.isSignedIn(request) ? this.sessions.forRequest(request).client : null;
    await this.submissions.retryEvidence(this.clients.forRequest(request), request.session.sessionId, account);
    void reply.redirect(COMPLAINT_PATHS.confirmation, 303);
  }

  // ------------------------------------------------------------------------------------------
  // Evidence: a multipart form (one file at a time, from the camera or the phone's files)
  // ------------------------------------------------------------------------------------------

  @Get(`${ROUTES.complaintNew}/evidence`)
  async evidence(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('change') change?: string): Promise<void> {
    const draft = this.draft(request);
    if (await this.sentAlready(request, reply, draft)) return;
    const elsewhere = redirectBefore(draft, 'evidence');
    if (elsewhere) return void reply.redirect(elsewhere, 303);
    this.renderEvidence(request, reply, draft, { kind: '' }, [], change === '1');
  }

  @Post(`${ROUTES.complaintNew}/evidence`)
  @RouteConfig(EVIDENCE_MULTIPART)
  async addEvidence(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = (request.body ?? {}) as Body;
    const changing = body.change === '1';
    const draft = this.draft(request);
    const elsewhere = redirectBefore(draft, 'evidence');
    if (elsewhere) return void reply.redirect(elsewhere, 303);
    const kind = typeof body.kind === 'string' ? body.kind : '';
    const files = (Array.isArray(body.file) ? body.file : [body.file]).filter((f): f is Buffer => Buffer.isBuffer(f) && f.length > 0);

    if (body.action !== 'upload') {
      // "Continue": a file chosen but not uploaded still counts (people skip the upload button).
      if (files.length && isEvidenceKind(kind)) {
        const errors = await this.keepFiles(draft, files, kind);
        if (errors.length) return this.renderEvidence(request, reply, draft, { kind }, errors, changing, 400);
      }
      draft.evidenceDone = true;
      await this.save(request, draft);
      return void reply.redirect(nextPath(draft, 'evidence', changing), 303);
    }
    const errors: FieldError[] = [];
    if (!files.length) errors.push({ field: 'file', key: 'complaints.evidence.errors.fileMissing' });
    if (!isEvidenceKind(kind)) errors.push({ field: 'kind', key: 'complaints.evidence.errors.kindMissing' });
    if (!errors.length) errors.push(...(await this.keepFiles(draft, files, kind as EvidenceFile['kind'])));
    if (errors.length) return this.renderEvidence(request, reply, draft, { kind }, errors, changing, 400);
    await this.save(request, draft);
    void reply.redirect(`${stepPath('evidence')}${changing ? '?change=1' : ''}`, 303);
  }

  /** Keeps the files (the draft lists them); the problems, if a file is refused. */
  private async keepFiles(draft: ComplaintDraft, files: Buffer[], kind: EvidenceFile['kind']): Promise<FieldError[]> {
    for (const content of files) {
      const added = await this.files.add(draft.id, draft.evidence ?? [], content, kind);
      if (!added.ok) return [{ field: 'file', key: `complaints.evidence.errors.${added.reason}`, vars: { max: MAX_FILES } }];
      draft.evidence = [...(draft.evidence ?? []), added.file];
    }
    return [];
  }

  @Post(`${ROUTES.complaintNew}/evidence/remove`)
  async removeEvidence(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = (request.body ?? {}) as Body;
    const draft = this.draft(request);
    const id = typeof body.file === 'string' ? body.file : '';
    if (draft.evidence?.some((f) => f.id === id)) {
      await this.files.remove(draft.id, [id]);
      draft.evidence = draft.evidence.filter((f) => f.id !== id);
      await this.save(request, draft);
    }
    void reply.redirect(`${stepPath('evidence')}${body.change === '1' ? '?change=1' : ''}`, 303);
  }

  private renderEvidence(
    request: FastifyRequest,
    reply: FastifyReply,
    draft: ComplaintDraft,
    values: Values,
    errors: FieldError[],
    changing: boolean,
    status = 200,
  ): void {
    const locale = request.locale;
    const t = translator(locale);
    void reply.status(status);
    reply.view('complaints/evidence.njk', {
      ...this.errorModel(t, errors),
      values,
      changing,
      action: stepPath('evidence'),
      removeAction: COMPLAINT_PATHS.evidenceRemove,
      backHref: backPath(draft, 'evidence', changing),
      files: (draft.evidence ?? []).map((f, i) => ({
        id: f.id,
        number: i + 1,
        kindName: evidenceKindName(f.kind, locale),
        type: TYPE_LABELS[f.contentType],
        size: fileSize(f.sizeBytes, locale),
      })),
      kinds: EVIDENCE_KIND_LIST.map((k) => ({ value: k, text: evidenceKindName(k, locale), checked: values.kind === k })),
      full: (draft.evidence?.length ?? 0) >= MAX_FILES,
      maxFiles: MAX_FILES,
    });
  }

  // ------------------------------------------------------------------------------------------
  // The questions
  // ------------------------------------------------------------------------------------------

  @Get(`${ROUTES.complaintNew}/what-happened/:category`)
  showFacts(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('category') category: string, @Query('change') change?: string): Promise<void> {
    return this.showQuestion(request, reply, `what-happened/${category}`, change === '1');
  }

  @Post(`${ROUTES.complaintNew}/what-happened/:category`)
  answerFacts(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('category') category: string): Promise<void> {
    return this.answerQuestion(request, reply, `what-happened/${category}`);
  }

  @Get(`${ROUTES.complaintNew}/:step`)
  show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('step') step: string,
    @Query('change') change?: string,
    @Query('licenseNumber') licenseNumber?: string,
  ): Promise<void> {
    return this.showQuestion(request, reply, step, change === '1', licenseNumber);
  }

  @Post(`${ROUTES.complaintNew}/:step`)
  answer(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('step') step: string): Promise<void> {
    return this.answerQuestion(request, reply, step);
  }

  private async showQuestion(request: FastifyRequest, reply: FastifyReply, slug: string, changing: boolean, licenseNumber?: string): Promise<void> {
    const question = questionFor(slug);
    if (!question) throw new NotFoundException();
    const draft = this.draft(request);
    if (await this.sentAlready(request, reply, draft)) return;
    let modified = applyFeesPrefill(draft);
    if (slug === 'agency' && (await this.applyLicense(request, draft, licenseNumber))) modified = true;
    if (modified) await this.save(request, draft);
    const elsewhere = redirectBefore(draft, slug);
    if (elsewhere) return void reply.redirect(elsewhere, 303);
    const ctx = this.context(request, draft);
    // The API's refusals of this question, from the last send.
    const refused = draft.apiErrors?.find((e) => e.step === slug);
    const errors: FieldError[] = refused ? Object.entries(refused.fields).map(([field, key]) => ({ field, key })) : [];
    await this.renderQuestion(request, reply, slug, question.values(draft, ctx), errors, changing || Boolean(refused), ctx, errors.length ? 400 : 200);
  }

  private async answerQuestion(request: FastifyRequest, reply: FastifyReply, slug: string): Promise<void> {
    const question = questionFor(slug);
    if (!question) throw new NotFoundException();
    const body = (request.body ?? {}) as Body;
    const changing = body.change === '1';
    const draft = this.draft(request);
    if (await this.sentAlready(request, reply, draft)) return;
    const elsewhere = redirectBefore(draft, slug);
    if (elsewhere) return void reply.redirect(elsewhere, 303);
    const ctx = this.context(request, draft);
    const values = question.parse(body);
    const result = await question.save(values, ctx);
    if ('errors' in result) return this.renderQuestion(request, reply, slug, values, result.errors, changing, ctx, 400);
    draft.apiErrors = draft.apiErrors?.filter((e) => e.step !== slug);
    if (!draft.apiErrors?.length) delete draft.apiErrors;
    await this.save(request, draft);
    if ('stay' in result) return void reply.redirect(`${stepPath(slug)}${changing ? '?change=1' : ''}`, 303);
    // The next answer the API refused, if any; after a change, the next question the change made
    // necessary, or the check page; otherwise the next question.
    const refused = draft.apiErrors?.[0];
    void reply.redirect(refused ? `${stepPath(refused.step)}?change=1` : nextPath(draft, slug, changing), 303);
  }

  private async renderQuestion(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: Values,
    errors: FieldError[],
    changing: boolean,
    ctx: QuestionContext,
    status: number,
  ): Promise<void> {
    const question = questionFor(slug)!;
    const t = translator(request.locale);
    const extra = question.view ? await question.view(values, ctx) : {};
    void reply.status(status);
    reply.view(question.template, {
      ...this.errorModel(t, errors),
      ...extra,
      values,
      changing,
      action: stepPath(slug),
      backHref: backPath(ctx.draft, slug, changing),
    });
  }

  // ------------------------------------------------------------------------------------------

  private errorModel(t: (key: string, vars?: MessageVars) => string, errors: FieldError[]) {
    const messages: Record<string, string> = {};
    for (const e of errors) messages[e.field] ??= t(e.key, e.vars);
    return {
      errors: messages,
      errorList: Object.entries(messages).map(([field, text]) => ({ text, href: `#${DATE_FIELDS.has(field) ? `${field}-day` : field}` })),
    };
  }

  private context(request: FastifyRequest, draft: ComplaintDraft): QuestionContext {
    return { draft, locale: request.locale, api: this.clients.forRequest(request) };
  }

  /** The session's draft (a new one, not yet saved, when there is none). */
  private draft(request: FastifyRequest): ComplaintDraft {
    return draftOf(request.session.complaintDraft);
  }

  private async save(request: FastifyRequest, draft: ComplaintDraft): Promise<void> {
    request.session.complaintDraft = { ...draft };
    await this.files.touch(
      draft.id,
      (draft.evidence ?? []).map((f) => f.id),
    );
  }

  /** `?licenseNumber=` (the agency's page's "Complain about this agency"): that agency, when it exists. */
  private async applyLicense(request: FastifyRequest, draft: ComplaintDraft, licenseNumber: string | undefined): Promise<boolean> {
    if (typeof licenseNumber !== 'string' || !licenseNumber.trim()) return false;
    const found = await agencyByLicense(this.clients.forRequest(request), licenseNumber);
    if (!found?.licenseNumber) return false;
    draft.agency = { kind: 'licensed', licenseNumber: found.licenseNumber, legalName: found.legalName };
    return true;
  }
}
