/**
 * One case, as ministry staff work it (GET /complaints/{id} with the officer's token: the API
 * audits each read of the complainant's details, and answers 403 to anyone else):
 *
 *   GET  /staff/cases/<id>                          the case: parties, allegations, deadlines, the
 *                                                   penalty the schedule proposes, timeline, evidence,
 *                                                   notes, the agency's other cases, and a form for
 *                                                   each move the lifecycle allows now
 *   POST /staff/cases/<id>/actions/<action>         one move (case-actions.ts reads its form)
 *   POST /staff/cases/<id>/notes                    an internal or shared note
 *   POST /staff/cases/<id>/assign                   (supervisor) assign or reassign
 *   POST /staff/cases/<id>/identity                 show a protected complainant's identity, with a
 *                                                   reason (the API audits it as its own step,
 *                                                   `complaint.identity.revealed`); the page is
 *                                                   answered with the details this once
 *   GET  /staff/cases/<id>/evidence/<doc>           the evidence viewer (image or PDF inline)
 *   GET  /staff/cases/<id>/evidence/<doc>/content   its bytes, through the API
 *
 * Every form carries the case's version. Two officers at once: the API takes the first move and
 * answers the second 409 `stale-version`; the second then sees the case as it now is, with a
 * message saying it changed and nothing of theirs was done.
 */
import { Body, Controller, ForbiddenException, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas, Problem } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { LOCALE_INFO, Locale, MessageKey, Translate, formatDate, formatMoney, translator } from '@app/i18n';
import { ROUTES } from '../../routes';
import { StaffPages } from '../staff-home';
import { ACTION_SPECS, ActionErrors, PENALTY_FIELDS, StaffAction, actionsFor, fieldOfApiError, isStaffAction, readActionForm } from './case-actions';
import { categoryText, deadlineKindText, priorityText, stageText, timelineKindText } from './case-vocabulary';
import { slaBadge } from './sla-badge';
import { takeShownOnce } from '../../session/shown-once';

const FORM_FIELDS = [
  'reason',
  'referralTarget',
  'bothPartiesConsent',
  'terms',
  'complyBy',
  'amount',
  'currency',
  'payableTo',
  'answer',
  'hearingDate',
  'hearingTime',
  'place',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPEN_DEADLINE = new Set(['pending', 'paused', 'breached']);
const INLINE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

type StaffCase = ApiSchemas['StaffComplaintView'];
type Notice = 'moved' | 'note' | 'assigned';

declare module 'fastify' {
  interface Session {
    /** Shown once on the case page after one of its forms (Post/Redirect/Get). */
    staffCaseNotice?: { id: string; notice: Notice; action?: string };
  }
}

/** What went wrong with a form, shown on the case page beside it. */
interface FormState {
  /** Which form: an action's name, `note` or `assign`. */
  form: string;
  errors: ActionErrors;
  values: Record<string, string>;
  /** A message about the whole case (a conflict, a condition the lifecycle says is unmet). */
  banner?: string;
}

const idOf = (id: string): string => {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
};

const typedValues = (body: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([k, v]) => typeof v === 'string' && k !== '_csrf')
      .map(([k, v]) => [k, (v as string).slice(0, 20_000)]),
  );

/** A sanction in words: "Suspension, 6 months", "Fine, PHP 50,000.00". */
export function sanctionText(t: Translate, s: ApiSchemas['DecidedSanctionView'], locale: Locale): string {
  if (s.kind === 'suspension') return t('staff.sanction.suspension', { count: s.months ?? 0 });
  if (s.kind === 'revocation') return t('staff.sanction.revocation');
  const amount = s.amountMinor && s.currency ? formatMoney(s.amountMinor, s.currency, locale) : '';
  return t(s.kind === 'fine' ? 'staff.sanction.fine' : 'staff.sanction.refundOrder', { amount });
}

/** The message of a 409 the lifecycle answered (a condition unmet, a move the stage no longer allows). */
function conflictText(t: Translate, problem: Problem | null): string {
  const condition = (problem as { condition?: string } | null)?.condition;
  if (problem?.code === 'stale-version') return t('staff.case.conflict.stale');
  if (problem?.code === 'transition-not-allowed') return t('staff.case.conflict.notAllowed');
  const known: Record<string, MessageKey> = {
    'hearing-pending': 'staff.case.conflict.hearingPending',
    'hearing-not-yet': 'staff.case.conflict.hearingNotYet',
    'no-hearing-scheduled': 'staff.case.conflict.noHearing',
    'adjudication-required': 'staff.case.conflict.adjudicationRequired',
    'no-serious-offence': 'staff.case.conflict.noSeriousOffence',
    'already-extended': 'staff.case.conflict.alreadyExtended',
    'findings-required': 'staff.case.conflict.findingsRequired',
  };
  return condition && known[condition] ? t(known[condition]) : t('staff.case.conflict.unknown');
}

@Controller(ROUTES.staffCases)
export class CaseController {
  constructor(private readonly pages: StaffPages) {}

  @Get(':id')
  async show(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    id = idOf(id);
    const { staffCaseNotice: notice } = await takeShownOnce(request, 'staffCaseNotice');
    const shown: { notice: Notice; action?: string } | null = notice?.id === id ? notice : null;
    await this.render(request, reply, id, 200, null, shown);
  }

  @Post(':id/actions/:action')
  async act(
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    id = idOf(id);
    if (!isStaffAction(action)) throw new NotFoundException();
    const api = this.pages.api(request);
    const c = await this.read(api, id);
    const values = typedValues(body);
    // The form names the version the officer read: a move on an older reading is the conflict.
    const version = Number(values.version);
    const form = readActionForm(
      action,
      (body ?? {}) as Record<string, unknown>,
      { ...c, version: Number.isInteger(version) && version > 0 ? version : c.version },
      request.locale,
      new Date(),
    );
    if (!form.ok) return this.render(request, reply, id, 400, { form: action, errors: form.errors, values }, null, c);
    const answer = await api.POST('/complaints/{id}/actions/{action}', { params: { path: { id, action } }, body: form.dto });
    if (answer.response.ok) return this.done(request, reply, id, 'moved', action);
    return this.refused(request, reply, id, answer, { form: action, errors: {}, values });
  }

  @Post(':id/notes')
  async note(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    id = idOf(id);
    const values = typedValues(body);
    const text = (values.body ?? '').replace(/\r\n/g, '\n').trim();
    const visibility = values.visibility === 'shared' ? 'shared' : values.visibility === 'internal' ? 'internal' : null;
    const errors: ActionErrors = {};
    if (!text) errors.body = 'staff.notes.errors.missing';
    else if ([...text].length > 5000) errors.body = 'staff.actions.errors.tooLong';
    if (!visibility) errors.visibility = 'staff.notes.errors.visibility';
    if (Object.keys(errors).length) return this.render(request, reply, id, 400, { form: 'note', errors, values });
    const answer = await this.pages.api(request).POST('/complaints/{id}/notes', { params: { path: { id } }, body: { body: text, visibility: visibility! } });
    if (answer.response.ok) return this.done(request, reply, id, 'note');
    return this.refused(request, reply, id, answer, { form: 'note', errors: {}, values });
  }

  /**
   * "Show identity": the API withholds a protected complainant's details from the case; the officer
   * asks for them with a reason, and the case page is answered (not redirected: the details are
   * shown this once, never kept in the session) with them.
   */
  @Post(':id/identity')
  async identity(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    id = idOf(id);
    const values = typedValues(body);
    const reason = (values.reason ?? '').replace(/\r\n/g, '\n').trim();
    const errors: ActionErrors = {};
    if (!reason) errors.reason = 'staff.revealIdentity.errors.missing';
    else if ([...reason].length < 5) errors.reason = 'staff.revealIdentity.errors.tooShort';
    else if ([...reason].length > 2000) errors.reason = 'staff.revealIdentity.errors.tooLong';
    if (Object.keys(errors).length) return this.render(request, reply, id, 400, { form: 'identity', errors, values });
    const answer = await this.pages.api(request).POST('/complaints/{id}/identity', { params: { path: { id } }, body: { reason } });
    if (answer.response.ok && answer.data) return this.render(request, reply, id, 200, null, null, undefined, answer.data);
    return this.refused(request, reply, id, answer, { form: 'identity', errors: {}, values });
  }

  @Post(':id/assign')
  async assign(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    id = idOf(id);
    const values = typedValues(body);
    if (!UUID.test(values.userId ?? ''))
      return this.render(request, reply, id, 400, { form: 'assign', errors: { userId: 'staff.assign.errors.missing' }, values });
    const answer = await this.pages
      .api(request)
      .POST('/complaints/{id}/assign', { params: { path: { id } }, body: { userId: values.userId, version: Number(values.version) || 1 } });
    if (answer.response.ok) return this.done(request, reply, id, 'assigned');
    return this.refused(request, reply, id, answer, { form: 'assign', errors: {}, values });
  }

  @Get(':id/evidence/:doc')
  async evidence(@Param('id') id: string, @Param('doc') doc: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    id = idOf(id);
    doc = idOf(doc);
    const api = this.pages.api(request);
    const [staff, c, list] = await Promise.all([
      this.pages.frame(request),
      this.read(api, id),
      api.GET('/complaints/{id}/evidence', { params: { path: { id }, query: { pageSize: 100 } } }),
    ]);
    const file = list.data?.items.find((d) => d.id === doc);
    if (!file) throw new NotFoundException();
    const t = translator(request.locale);
    const content = `${ROUTES.staffCases}/${id}/evidence/${doc}/content`;
    reply.view('staff/cases/evidence.njk', {
      staff,
      reference: c.reference,
      back: `${ROUTES.staffCases}/${id}#evidence`,
      file: {
        name: file.originalName,
        kind: t(`complaints.evidenceKinds.${file.kind}`),
        addedBy: t(`staff.evidence.by.${file.addedBy}`),
        added: formatDate(file.createdAt, request.locale, 'dateTime', c.timeZone),
        size: `${Math.max(1, Math.round(file.sizeBytes / 1024))} KB`,
        sha256: file.sha256,
        visibility: t(file.visibility === 'shared' ? 'staff.visibility.shared' : 'staff.visibility.internal'),
        image: file.contentType.startsWith('image/') && INLINE.has(file.contentType),
        pdf: file.contentType === 'application/pdf',
        content,
        download: `${content}?download=1`,
      },
    });
  }

  @Get(':id/evidence/:doc/content')
  async content(@Param('id') id: string, @Param('doc') doc: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    id = idOf(id);
    doc = idOf(doc);
    const { data, response } = await this.pages
      .api(request)
      .GET('/complaints/{id}/evidence/{documentId}/content', { params: { path: { id, documentId: doc } }, parseAs: 'arrayBuffer' });
    if (response.status === 403) throw new ForbiddenException();
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /complaints/{id}/evidence/{documentId}/content answered ${response.status}`);
    const type = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim();
    const download = (request.query as Record<string, unknown>)?.download === '1' || !INLINE.has(type);
    const name = /filename="([^"]*)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'evidence';
    void reply
      .header('content-type', type)
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename="${name.replace(/[^\w.-]/g, '_')}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      // Shown inside the viewer page of this site (a PDF in an iframe): framing by this site only,
      // and nothing in the file may run.
      .header('x-frame-options', 'SAMEORIGIN')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox")
      .send(Buffer.from(data as ArrayBuffer));
  }

  // ---------------------------------------------------------------------------------------------

  private async read(api: ApiClient, id: string): Promise<StaffCase> {
    const { data, response } = await api.GET('/complaints/{id}', { params: { path: { id } } });
    if (response.status === 403) throw new ForbiddenException();
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /complaints/{id} answered ${response.status}`);
    return data;
  }

  private async done(request: FastifyRequest, reply: FastifyReply, id: string, notice: Notice, action?: string): Promise<void> {
    request.session.staffCaseNotice = { id, notice, action };
    await request.session.save();
    void reply.redirect(`${ROUTES.staffCases}/${id}`, 303);
  }

  /** The API said no: 403 and 404 are their pages; a 409 or a 400 is said on the fresh case. */
  private async refused(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    answer: { response: Response; error?: unknown },
    state: FormState,
  ): Promise<void> {
    const status = answer.response.status;
    if (status === 403) throw new ForbiddenException();
    if (status === 404) throw new NotFoundException();
    const problem = isProblem(answer.error) ? answer.error : null;
    const t = translator(request.locale);
    if (status === 409) return this.render(request, reply, id, 409, { ...state, banner: conflictText(t, problem) });
    if (status === 400) {
      const errors: ActionErrors = {};
      for (const e of problem?.errors ?? []) errors[fieldOfApiError(e.field)] ??= 'staff.actions.errors.refused';
      return this.render(request, reply, id, 400, { ...state, errors, banner: errors.action ? t('staff.actions.errors.refusedWhole') : undefined });
    }
    throw new Error(`the API answered ${status}${problem ? ` (${problem.code})` : ''}`);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    status: number,
    state: FormState | null,
    notice: { notice: Notice; action?: string } | null = null,
    known?: StaffCase,
    revealed?: ApiSchemas['ComplainantView'],
  ): Promise<void> {
    const api = this.pages.api(request);
    const locale = request.locale;
    const t = translator(locale);
    const [staff, c, files, loads] = await Promise.all([
      this.pages.frame(request),
      // After a refused form the case is read again: the officer sees it as it now is.
      known && status === 400 ? Promise.resolve(known) : this.read(api, id),
      api.GET('/complaints/{id}/evidence', { params: { path: { id }, query: { pageSize: 100 } } }),
      api.GET('/complaints/workloads'),
    ]);
    const profile = c.agencyId ? await api.GET('/licensing/agencies/{id}/profile', { params: { path: { id: c.agencyId } } }) : null;
    const zone = c.timeZone;
    const date = (v: string) => formatDate(v, locale, 'date', zone);
    const dateTime = (v: string) => formatDate(v, locale, 'dateTime', zone);
    const inspectors = loads.data ?? [];
    const nameOf = (userId: string | null) =>
      userId ? (inspectors.find((w) => w.userId === userId)?.displayName ?? t('staff.queue.unknownOfficer')) : t('staff.queue.unassigned');
    const open = c.deadlines.filter((d) => OPEN_DEADLINE.has(d.state)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const badge = slaBadge(open[0]?.dueAt ?? null, new Date());
    const base = `${ROUTES.staffCases}/${c.id}`;
    const errorText = (name: string) => (state?.errors[name] ? t(state.errors[name]!) : null);
    const value = (form: string, name: string) => (state?.form === form ? (state.values[name] ?? '') : '');
    const actions = actionsFor(c.allowedActions, staff.roles).map((action) => this.actionView(action, c, t, locale, state, base));
    const errorList = state ? Object.entries(state.errors).map(([field, key]) => ({ text: t(key!), href: `#${state.form}-${field}` })) : [];
    const proposal = c.sanctionProposal;
    void reply.status(status);
    reply.view('staff/cases/case.njk', {
      staff,
      c: {
        id: c.id,
        reference: c.reference,
        version: c.version,
        stage: stageText(t, c.stage),
        closed: c.stage === 'closed',
        outcome: c.outcome ? t(`staff.outcome.${c.outcome}`) : null,
        priority: priorityText(t, c.priority),
        urgent: c.priority === 'urgent',
        inspection: c.kind === 'inspection',
        filed: dateTime(c.createdAt),
        assignee: nameOf(c.assignedTo),
        escalated: c.inSupervisorQueue,
        badge: { text: t(badge.key), classes: badge.classes },
        nextDue: open[0] ? t('staff.case.nextDue', { kind: deadlineKindText(t, open[0].kind), date: dateTime(open[0].dueAt) }) : null,
        agency: c.agencyId ? { name: profile?.data?.legalName ?? t('staff.case.agencyUnknown'), queue: `${ROUTES.staffCases}?agency=${c.agencyId}` } : null,
        recruiterGiven: c.recruiterGiven,
        employerName: c.employerName,
        destinationCountry: c.destinationCountry,
        referralTarget: c.referralTarget,
        closeReason: c.closeReason,
        agencyAnswer: c.agencyAnswer,
        urgentReasons: c.urgentReasons,
      },
      complainant: {
        anonymous: c.complainant.anonymous,
        protected: c.complainant.identityProtected,
        // Withheld by the API until shown (POST …/identity); shown once after the officer asked.
        withheld: c.complainant.identityWithheld && !revealed,
        revealed: Boolean(revealed),
        identityForm:
          c.complainant.identityWithheld && !revealed ? { action: `${base}/identity`, reason: value('identity', 'reason'), error: errorText('reason') } : null,
        name: (revealed ?? c.complainant).name,
        email: (revealed ?? c.complainant).email,
        phone: (revealed ?? c.complainant).phone,
        abroad: c.complainant.workerAbroad,
        language: LOCALE_INFO[c.complainant.language].name,
        account: Boolean(c.complainant.userId),
      },
      allegations: c.allegations.map((a, i) => ({
        n: i + 1,
        category: categoryText(t, a.category),
        facts: a.facts,
        occurredOn: a.occurredOn ? date(a.occurredOn) : null,
        amount: a.amountMinor && a.currency ? formatMoney(a.amountMinor, a.currency, locale) : null,
        finding: a.finding ? t(a.finding === 'violation' ? 'staff.finding.violation' : 'staff.finding.dismissed') : null,
        findingNote: a.findingNote,
        decided: ((a.sanction as { decided?: ApiSchemas['DecidedSanctionView'][] } | null)?.decided ?? []).map((s) => sanctionText(t, s, locale)),
      })),
      proposal: proposal
        ? {
            gravity: t(proposal.gravity === 'serious' ? 'staff.proposal.serious' : 'staff.proposal.lessSerious'),
            offence: t('staff.proposal.offence', { count: proposal.offenceNumber }),
            sanctions: proposal.sanctions.map((s) => sanctionText(t, s, locale)),
            revocationBecause: proposal.basis.revocationBecause ? t(`staff.proposal.because.${proposal.basis.revocationBecause}`) : null,
            prior: t('staff.proposal.prior', { count: proposal.basis.priorSameGravity }),
            suspensionMonths: t('staff.proposal.months', { count: proposal.basis.priorSuspensionMonths }),
          }
        : null,
      settlement: c.settlement
        ? {
            terms: (c.settlement as ApiSchemas['SettlementView']).terms,
            complyBy: date((c.settlement as ApiSchemas['SettlementView']).complyBy),
            amounts: ((c.settlement as ApiSchemas['SettlementView']).amounts as ApiSchemas['SettlementAmountDto'][]).map(
              (m) => `${formatMoney(m.amountMinor, m.currency, locale)} – ${m.payableTo}`,
            ),
          }
        : null,
      // The agency's declaration that it complied: shown beside the actions, where `comply` confirms it.
      compliance: c.complianceDeclaration
        ? {
            declaredOn: t('staff.case.compliance.declaredOn', { date: dateTime(c.complianceDeclaration.declaredAt) }),
            statement: c.complianceDeclaration.statement,
            documents: c.complianceDeclaration.documents.map((d) => ({ href: `${base}/evidence/${d.id}`, name: d.originalName })),
            awaiting: c.stage === 'settled',
          }
        : null,
      hearing: c.hearing
        ? ((h: ApiSchemas['HearingView']) => ({
            at: dateTime(h.at),
            place: h.place,
            status: t(`staff.hearing.${h.status}`),
            heldAt: h.heldAt ? dateTime(h.heldAt) : null,
            cancelReason: h.cancelReason ?? null,
          }))(c.hearing as ApiSchemas['HearingView'])
        : null,
      deadlines: c.deadlines.map((d) => ({ kind: deadlineKindText(t, d.kind), due: dateTime(d.dueAt), state: t(`staff.deadlineState.${d.state}`) })),
      timeline: [...c.timeline].reverse().map((e) => ({
        title: timelineKindText(t, e.kind),
        at: dateTime(e.at),
        datetime: e.at,
        body: e.body,
        internal: e.visibility === 'internal',
        move:
          e.fromStage && e.toStage && e.fromStage !== e.toStage
            ? t('staff.timeline.move', { from: stageText(t, e.fromStage), to: stageText(t, e.toStage) })
            : null,
      })),
      evidence: (files.data?.items ?? []).map((d) => ({
        href: `${base}/evidence/${d.id}`,
        name: d.originalName,
        kind: t(`complaints.evidenceKinds.${d.kind}`),
        addedBy: t(`staff.evidence.by.${d.addedBy}`),
        added: date(d.createdAt),
        internal: d.visibility === 'internal',
      })),
      linked: c.linkedCases.map((l) => ({
        href: `${ROUTES.staffCases}/${l.id}`,
        reference: l.reference,
        stage: stageText(t, l.stage),
        inspection: l.kind === 'inspection',
        filed: date(l.createdAt),
      })),
      actions,
      noteForm: {
        action: `${base}/notes`,
        body: value('note', 'body'),
        visibility: value('note', 'visibility'),
        errors: { body: state?.form === 'note' ? errorText('body') : null, visibility: state?.form === 'note' ? errorText('visibility') : null },
      },
      assignForm:
        staff.roles.includes('supervisor') && c.stage !== 'closed'
          ? {
              action: `${base}/assign`,
              error: state?.form === 'assign' ? errorText('userId') : null,
              items: [
                { value: '', text: t('staff.assign.choose') },
                ...inspectors.map((w) => ({
                  value: w.userId,
                  text: t('staff.assign.option', { name: w.displayName, open: w.openCases, overdue: w.overdueCases }),
                  selected: (value('assign', 'userId') || c.assignedTo) === w.userId,
                })),
              ],
            }
          : null,
      notice: notice
        ? t(
            notice.notice === 'moved' && notice.action && isStaffAction(notice.action)
              ? 'staff.case.done.moved'
              : notice.notice === 'note'
                ? 'staff.case.done.note'
                : notice.notice === 'assigned'
                  ? 'staff.case.done.assigned'
                  : 'staff.case.done.moved',
            { action: notice.action && isStaffAction(notice.action) ? t(`staff.actions.${notice.action}.title`) : '' },
          )
        : null,
      banner: state?.banner ?? null,
      errorList,
    });
  }

  /** One action's form: its fields with what was typed and their errors. */
  private actionView(action: StaffAction, c: StaffCase, t: Translate, locale: Locale, state: FormState | null, base: string) {
    const mine = state?.form === action;
    const v = (name: string) => (mine ? (state!.values[name] ?? '') : '');
    const e = (name: string) => (mine && state!.errors[name] ? t(state!.errors[name]!) : null);
    const fields: readonly string[] = ACTION_SPECS[action].fields;
    return {
      name: action,
      title: t(`staff.actions.${action}.title`),
      hint: t(`staff.actions.${action}.hint`),
      href: `${base}/actions/${action}`,
      warning: 'warning' in ACTION_SPECS[action],
      open: mine,
      has: Object.fromEntries(fields.map((f) => [f, true])),
      values: Object.fromEntries([...FORM_FIELDS, ...PENALTY_FIELDS].map((f) => [f, v(f)])),
      errors: Object.fromEntries([...FORM_FIELDS, ...PENALTY_FIELDS].map((f) => [f, e(f)])),
      // A decision may depart from the schedule's proposal (shown above its findings), with a reason.
      penalty:
        fields.includes('findings') && c.sanctionProposal
          ? {
              different: v('penalty') === 'different',
              currency:
                v('sanctionCurrency') ||
                c.sanctionProposal.sanctions.find((x) => x.currency)?.currency ||
                c.allegations.find((a) => a.currency)?.currency ||
                '',
            }
          : null,
      currency: v('currency') || c.allegations.find((a) => a.currency)?.currency || '',
      findings: fields.includes('findings')
        ? c.allegations.map((a, i) => ({
            index: i,
            legend: t('staff.actions.findingLegend', { n: i + 1, category: categoryText(t, a.category) }),
            facts: a.facts,
            value: v(`finding-${i}`),
            note: v(`note-${i}`),
            error: e(`finding-${i}`),
            noteError: e(`note-${i}`),
          }))
        : [],
      locale,
    };
  }
}
