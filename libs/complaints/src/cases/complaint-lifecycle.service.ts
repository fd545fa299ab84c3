import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Clock, ConflictException, LifecycleRefusalCode, NotFoundException, StaleVersionException, endOfLocalDay, parseLocalDate } from '@app/common';
import { CalendarsService, DeadlineService } from '@app/deadlines';
import { MailValue, mailDateTime } from '@app/notifications';
import { Allegation, Complaint, ComplaintEvent, Hearing, SettlementTerms } from '../entities';
import { COMPLAINT_SUBJECT, ComplaintDeadlineKind } from '../deadlines/complaint-deadline-kinds';
import {
  COMPLAINT_LIFECYCLE,
  ComplaintAction,
  ComplaintActor,
  ComplaintDeadlineRef,
  ComplaintDeadlineStart,
  ComplaintEffects,
  ComplaintGuardContext,
  ComplaintNotice,
} from '../lifecycle/complaint-transitions';
import { ComplaintNotices } from './complaint-notices';
import { FindingInput, SanctionEffects } from './sanction-effects';
import { PatternWatch } from './pattern-watch';
import { AGENCY_NOTICE_ACTIONS, agencyMaySee } from './agency-visibility';

/** A hearing is scheduled and neither held nor cancelled (a hearing stored before statuses existed is scheduled). */
export const hearingPending = (c: Complaint): boolean => !!c.hearing && (c.hearing.status ?? 'scheduled') === 'scheduled';

export interface ActInput {
  /** The version the caller read (humans); the system passes none. */
  version?: number;
  reason?: string;
  referralTarget?: string;
  bothPartiesConsent?: boolean;
  settlement?: SettlementTerms;
  answer?: string;
  hearing?: Hearing;
  findings?: FindingInput[];
}

export interface LifecycleActor {
  userId: string | null;
  roles: readonly ComplaintActor[];
  /** Agency users act only on their agency's cases. */
  agencyId: string | null;
  /** A complainant acting through their account: only on a case linked to it (another's is 404). */
  complainantUserId?: string;
  auditActor: AuditActor;
  correlationId?: string;
}

/** A 403 in the lifecycle's words: the move is not this actor's (a complainant's move without their account). */
const notYourMove = (from: Complaint['stage'], action: ComplaintAction) =>
  COMPLAINT_LIFECYCLE.refuse({
    code: LifecycleRefusalCode.NotYourRole,
    lifecycle: COMPLAINT_LIFECYCLE.name,
    from,
    action,
    who: COMPLAINT_LIFECYCLE.find(from, action)?.who ?? [],
  });

/**
 * Moves cases through the lifecycle table, with everything a move brings: the stage's deadlines
 * started, met or cancelled, the timeline entry, the audit entry, the parties' mail, and, when a
 * decision becomes final, the sanctions on the license. Optimistic locking: a human move names
 * the version it read (409 stale-version otherwise), under a row lock.
 */
@Injectable()
export class ComplaintLifecycle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly deadlines: DeadlineService,
    private readonly calendars: CalendarsService,
    private readonly notices: ComplaintNotices,
    private readonly sanctions: SanctionEffects,
    private readonly patterns: PatternWatch,
  ) {}

  act(id: string, action: ComplaintAction, input: ActInput, actor: LifecycleActor): Promise<Complaint> {
    return this.db.transaction((m) => this.actIn(m, id, action, input, actor));
  }

  async actIn(m: EntityManager, id: string, action: ComplaintAction, input: ActInput, actor: LifecycleActor): Promise<Complaint> {
    const c = await m.findOne(Complaint, { where: { id }, lock: { mode: 'pessimistic_write' } });
    // An agency acts only on its own cases, and knows nothing of an inspection it was not notified of.
    if (!c || (actor.agencyId && (c.agencyId !== actor.agencyId || !agencyMaySee(c)))) throw new NotFoundException('case');
    // A complainant acts only on their own case, and only as its complainant.
    if (actor.complainantUserId !== undefined && c.complainantUserId !== actor.complainantUserId) throw new NotFoundException('case');
    if (actor.roles.includes('complainant') && actor.complainantUserId === undefined) throw notYourMove(c.stage, action);
    if (input.version !== undefined && input.version !== c.version) throw new StaleVersionException('case', c.version);
    const allegations = await m.find(Allegation, { where: { complaintId: id }, order: { position: 'ASC' } });
    const ctx: ComplaintGuardContext = {
      reason: input.reason ?? null,
      bothPartiesConsent: input.bothPartiesConsent === true,
      conciliationExtended: c.conciliationExtended,
      referralTarget: input.referralTarget ?? null,
      hasSettlementTerms: !!input.settlement?.terms?.trim() && parseLocalDate(input.settlement?.complyBy) !== null,
      allAllegationsFound: allegations.length > 0 && allegations.every((a) => input.findings?.some((f) => f.allegationId === a.id)),
      hasAnswer: !!input.answer?.trim(),
      hasHearing:
        !!input.hearing?.place?.trim() && !Number.isNaN(Date.parse(input.hearing?.at ?? '')) && Date.parse(input.hearing!.at) > this.clock.now().getTime(),
      hearingPending: hearingPending(c),
      hearingDue: !!c.hearing && Date.parse(c.hearing.at) <= this.clock.now().getTime(),
      seriousOffence: action === 'settle' || action === 'settle-money-claim' ? await this.sanctions.seriousOffence(m, c, allegations) : false,
    };
    const row = COMPLAINT_LIFECYCLE.decide(c.stage, action, actor.roles, ctx);
    const from = c.stage;
    const now = this.clock.now();
    c.stage = row.to;
    c.version += 1;
    c.updatedAt = now;
    if (row.outcome) {
      c.outcome = row.outcome;
      c.closedAt = now;
      c.closeReason = input.reason ?? null;
    } else if (from === 'closed') {
      c.outcome = null;
      c.closedAt = null;
    }
    const changes: Record<string, unknown> = { stage: { from, to: c.stage } };
    if (c.kind === 'inspection' && !c.agencyNotifiedAt && AGENCY_NOTICE_ACTIONS.has(action) && c.agencyId) {
      // This move mails the agency about the inspection: from now on it sees the case (what is shared).
      c.agencyNotifiedAt = now;
      changes.agencyNotified = true;
    }
    await this.effects(m, c, action, row.effects, input, allegations, changes, now, actor);
    await m.save(Complaint, c);
    await m.insert(ComplaintEvent, {
      complaintId: c.id,
      kind: action,
      fromStage: from,
      toStage: c.stage,
      body: input.reason ?? input.referralTarget ?? null,
      visibility: 'shared',
      actorId: actor.userId,
      actorRole: actor.auditActor === 'system' ? 'system' : actor.auditActor.role,
      at: now,
    });
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: row.effects.audit,
      subjectType: 'complaint',
      subjectId: c.id,
      changes: { ...changes, ...(input.reason ? { reason: input.reason } : {}) },
      correlationId: actor.correlationId,
    });
    return c;
  }

  /**
   * What a move does besides the stage: first what it stores of the input (the switch below), then
   * what its row declares (deadlines met, cancelled and started; the sanctions when a decision
   * becomes final; the parties' mail), then, for an accepted complaint, the pattern watch.
   */
  private async effects(
    m: EntityManager,
    c: Complaint,
    action: ComplaintAction,
    effects: ComplaintEffects,
    input: ActInput,
    allegations: Allegation[],
    changes: Record<string, unknown>,
    now: Date,
    actor: LifecycleActor,
  ): Promise<void> {
    await this.store(m, c, action, input, allegations, changes, now);
    const started = await this.applyDeadlines(m, c, effects);
    if (action === 'decide-appeal')
      changes.sanctionsApplied = await this.sanctions.apply(m, c, await m.find(Allegation, { where: { complaintId: c.id } }), now);
    if (action === 'lapse-appeal-window') changes.sanctionsApplied = await this.sanctions.apply(m, c, allegations, now);
    const agencyActs = !!actor.agencyId || actor.roles.some((r) => r === 'agency_admin' || r === 'agency_staff');
    for (const notice of effects.notices ?? []) {
      if (notice.onlyWhen && (notice.onlyWhen === 'agency-acts') !== agencyActs) continue;
      const data = await this.noticeData(m, c, notice, started, input);
      if (notice.to === 'complainant') await this.notices.toComplainant(m, c, notice.template, data, `${notice.step}:${c.version}`);
      else await this.notices.toAgency(m, c, notice.template, data, `${notice.step}:${c.version}`);
    }
    if (action === 'accept' && c.kind === 'complaint') {
      // This case counts once it is saved: the watch reads the table, so save first.
      await m.save(Complaint, c);
      const inspection = await this.patterns.afterAccept(m, c.agencyId, undefined);
      if (inspection) changes.inspectionOpened = inspection;
    }
  }

  /** What a move stores of its input on the case (the findings, the settlement, the hearing, ...). */
  private async store(
    m: EntityManager,
    c: Complaint,
    action: ComplaintAction,
    input: ActInput,
    allegations: Allegation[],
    changes: Record<string, unknown>,
    now: Date,
  ): Promise<void> {
    switch (action) {
      case 'refer':
        c.referralTarget = input.referralTarget!.trim();
        changes.referralTarget = c.referralTarget;
        return;
      case 'extend-conciliation':
        c.conciliationExtended = true;
        changes.conciliationExtended = true;
        return;
      case 'settle':
      case 'settle-money-claim':
        // settle-money-claim: the money claim is settled (terms and a compliance deadline); the serious offence is adjudicated.
        c.settlement = input.settlement!;
        changes.settlement = {
          complyBy: c.settlement.complyBy,
          amounts: c.settlement.amounts.length,
          ...(action === 'settle-money-claim' ? { moneyClaimOnly: true } : {}),
        };
        return;
      case 'record-answer':
        c.agencyAnswer = input.answer!.trim();
        changes.answer = 'recorded';
        return;
      case 'schedule-hearing':
        c.hearing = { at: new Date(input.hearing!.at).toISOString(), place: input.hearing!.place.trim(), status: 'scheduled' };
        changes.hearing = c.hearing;
        return;
      case 'hold-hearing':
        c.hearing = { ...c.hearing!, status: 'held', heldAt: now.toISOString() };
        changes.hearing = { status: 'held' };
        return;
      case 'cancel-hearing':
        c.hearing = { ...c.hearing!, status: 'cancelled', cancelReason: input.reason!.trim() };
        changes.hearing = { status: 'cancelled' };
        return;
      case 'decide':
      case 'decide-appeal':
        await this.recordFindings(m, c, allegations, input.findings!, changes);
        return;
      default:
        return;
    }
  }

  /** The row's deadlines: met, then cancelled, then started; returns the due time of each kind started. */
  private async applyDeadlines(m: EntityManager, c: Complaint, effects: ComplaintEffects): Promise<Map<ComplaintDeadlineKind, string>> {
    const d = effects.deadlines ?? {};
    await this.close(m, c, 'meet', ...(d.meet ?? []).map((r) => this.kindOf(c, r)));
    await this.close(m, c, 'cancel', ...(d.cancel ?? []).map((r) => this.kindOf(c, r)));
    const started = new Map<ComplaintDeadlineKind, string>();
    for (const s of d.start ?? []) {
      const due = await this.startOne(m, c, s);
      if (due) started.set(this.kindOf(c, s.kind), due);
    }
    return started;
  }

  /** A deadline of a priority pair: the urgent kind for an urgent case. */
  private kindOf(c: Complaint, ref: ComplaintDeadlineRef): ComplaintDeadlineKind {
    return typeof ref === 'string' ? ref : c.priority === 'urgent' ? ref.urgent : ref.normal;
  }

  private async startOne(m: EntityManager, c: Complaint, s: ComplaintDeadlineStart): Promise<string | null> {
    const kind = this.kindOf(c, s.kind);
    if (s.due === 'comply-by') {
      const calendar = await this.calendars.calendarOf(c.jurisdictionCode, m);
      return (await this.start(m, c, kind, s.label, endOfLocalDay(calendar, new Date(`${c.settlement!.complyBy}T12:00:00Z`)))).dueAt;
    }
    if (s.due === 'extension') {
      // The running deadline is replaced by one due 15 days later (none running: nothing to extend).
      const open = await this.deadlines.findOpen(m, COMPLAINT_SUBJECT, c.id, kind, true);
      if (!open) return null;
      await this.deadlines.cancel(m, COMPLAINT_SUBJECT, c.id, kind);
      return (await this.start(m, c, kind, s.label, new Date(open.dueAt.getTime() + 15 * 86_400_000), open.startedAt)).dueAt;
    }
    return (await this.start(m, c, kind, s.label)).dueAt;
  }

  /** What a notice's template needs besides the reference and the case link. */
  private async noticeData(
    m: EntityManager,
    c: Complaint,
    notice: ComplaintNotice,
    started: Map<ComplaintDeadlineKind, string>,
    input: ActInput,
  ): Promise<Record<string, MailValue>> {
    const day = async (kind: ComplaintDeadlineRef) => this.notices.day(m, c, started.get(this.kindOf(c, kind))!);
    switch (notice.template) {
      case 'complaint.accepted':
      case 'complaint.agency-filed':
        return { conciliationEnds: await day('complaint.conciliation') };
      case 'complaint.referred':
        return { referralTarget: c.referralTarget! };
      case 'complaint.dismissed':
        return { reason: input.reason!.trim() };
      case 'complaint.settled':
        return { complyBy: await day('complaint.settlement-compliance') };
      case 'complaint.adjudication':
        return { decisionDue: await day({ normal: 'complaint.decision', urgent: 'complaint.decision.urgent' }) };
      case 'complaint.agency-answer-due':
        return { answerDue: await day('complaint.agency-answer') };
      case 'complaint.hearing':
      case 'complaint.agency-hearing': {
        const zone = (await this.calendars.calendarOf(c.jurisdictionCode, m)).timeZone;
        return { hearingAt: mailDateTime(c.hearing!.at, zone), place: c.hearing!.place };
      }
      case 'complaint.decided':
      case 'complaint.agency-decided':
        return { appealBy: await day('complaint.appeal-window') };
      default:
        return {};
    }
  }

  private async recordFindings(
    m: EntityManager,
    c: Complaint,
    allegations: Allegation[],
    findings: FindingInput[],
    changes: Record<string, unknown>,
  ): Promise<void> {
    const unknown = findings.filter((f) => !allegations.some((a) => a.id === f.allegationId));
    if (unknown.length)
      throw new ConflictException('unknown-allegation', 'A finding names an allegation that is not part of this case.', {
        allegationIds: unknown.map((u) => u.allegationId),
      });
    // The violations of one decision are one complainant's: one offence, proposed once.
    const sanctions = await this.sanctions.decideAll(m, c, allegations, findings);
    for (const a of allegations) {
      const f = findings.find((x) => x.allegationId === a.id)!;
      a.finding = f.finding;
      a.findingNote = f.note ?? null;
      a.sanction = sanctions.get(a.id) ?? null;
      await m.save(Allegation, a);
    }
    changes.findings = allegations.map((a) => ({ allegationId: a.id, finding: a.finding }));
  }

  private start(m: EntityManager, c: Complaint, kind: ComplaintDeadlineKind, what: string, dueAt?: Date, startAt?: Date) {
    return this.deadlines.start(m, {
      kind,
      subjectType: COMPLAINT_SUBJECT,
      subjectId: c.id,
      label: `Case ${c.reference}: ${what}`,
      jurisdictionCode: c.jurisdictionCode,
      assigneeUserId: c.assignedTo,
      ...(dueAt ? { dueAt } : {}),
      ...(startAt ? { startAt } : {}),
    });
  }

  /** Meets or cancels the open deadlines of these kinds (none open: nothing to do). */
  private async close(m: EntityManager, c: Complaint, how: 'meet' | 'cancel', ...kinds: ComplaintDeadlineKind[]): Promise<void> {
    for (const kind of kinds) {
      if (how === 'meet') await this.deadlines.meet(m, COMPLAINT_SUBJECT, c.id, kind);
      else await this.deadlines.cancel(m, COMPLAINT_SUBJECT, c.id, kind);
    }
  }
}
