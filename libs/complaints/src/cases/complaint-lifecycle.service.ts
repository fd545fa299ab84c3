import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Clock, ConflictException, DomainException, NotFoundException, StaleVersionException, endOfLocalDay, parseLocalDate } from '@app/common';
import { CalendarsService, DeadlineService } from '@app/deadlines';
import { mailDateTime } from '@app/notifications';
import { Allegation, Complaint, ComplaintEvent, Hearing, SettlementTerms } from '../entities';
import { COMPLAINT_DEADLINES, COMPLAINT_SUBJECT, ComplaintDeadlineKind } from '../deadlines/complaint-deadline-kinds';
import { ComplaintAction, ComplaintActor, ComplaintGuardContext, ComplaintProblem, allowedComplaintActions, decideComplaint } from '../lifecycle/complaint-transitions';
import { ComplaintNotices } from './complaint-notices';
import { FindingInput, SanctionEffects } from './sanction-effects';
import { PatternWatch } from './pattern-watch';
import { AGENCY_NOTICE_ACTIONS, agencyMaySee } from './agency-visibility';

/** A hearing is scheduled and neither held nor cancelled (a hearing stored before statuses existed is scheduled). */
export const hearingPending = (c: Complaint): boolean => !!c.hearing && (c.hearing.status ?? 'scheduled') === 'scheduled';

/** The deadlines a case can have open before its decision: a withdrawn case cancels them all. */
const WITHDRAWN_DEADLINES: ComplaintDeadlineKind[] = [
  COMPLAINT_DEADLINES.triage,
  COMPLAINT_DEADLINES.triageUrgent,
  COMPLAINT_DEADLINES.conciliation,
  COMPLAINT_DEADLINES.agencyAnswer,
  COMPLAINT_DEADLINES.decision,
  COMPLAINT_DEADLINES.decisionUrgent,
];

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

export class ComplaintTransitionException extends DomainException {
  constructor(code: 'transition-not-allowed' | ComplaintProblem, stage: string, action: string, allowed: string[]) {
    const detail =
      code === 'transition-not-allowed'
        ? `A case in stage '${stage}' cannot take '${action}'.`
        : code === 'reason-required'
          ? `'${action}' needs a reason.`
          : `'${action}' cannot be taken: ${code.replace(/-/g, ' ')}.`;
    super(code === 'transition-not-allowed' ? 'transition-not-allowed' : 'transition-condition-unmet', 409, 'Conflict', detail, { stage, action, allowedActions: allowed, ...(code !== 'transition-not-allowed' ? { condition: code } : {}) });
  }
}

export class NotYourMoveException extends DomainException {
  constructor(action: string) {
    super('forbidden', 403, 'Forbidden', `Your role may not take '${action}' on a case.`);
  }
}

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
    if (actor.roles.includes('complainant') && actor.complainantUserId === undefined) throw new NotYourMoveException(action);
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
      hasHearing: !!input.hearing?.place?.trim() && !Number.isNaN(Date.parse(input.hearing?.at ?? '')) && Date.parse(input.hearing!.at) > this.clock.now().getTime(),
      hearingPending: hearingPending(c),
      hearingDue: !!c.hearing && Date.parse(c.hearing.at) <= this.clock.now().getTime(),
      seriousOffence: action === 'settle' || action === 'settle-money-claim' ? await this.sanctions.seriousOffence(m, c, allegations) : false,
    };
    const d = decideComplaint(c.stage, action, actor.roles, ctx);
    if (!d.ok) {
      if (d.error === 'not-your-role') throw new NotYourMoveException(action);
      throw new ComplaintTransitionException(d.error, c.stage, action, allowedComplaintActions(c.stage));
    }
    const from = c.stage;
    const now = this.clock.now();
    c.stage = d.transition.to;
    c.version += 1;
    c.updatedAt = now;
    if (d.transition.outcome) {
      c.outcome = d.transition.outcome;
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
    await this.effects(m, c, action, input, allegations, changes, now, actor);
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
    await this.audit.append(m, { actor: actor.auditActor, action: `complaint.${action}`, subjectType: 'complaint', subjectId: c.id, changes: { ...changes, ...(input.reason ? { reason: input.reason } : {}) }, correlationId: actor.correlationId });
    return c;
  }

  /** What each move does besides the stage: deadlines, stored details, mail, sanctions. */
  private async effects(m: EntityManager, c: Complaint, action: ComplaintAction, input: ActInput, allegations: Allegation[], changes: Record<string, unknown>, now: Date, actor: LifecycleActor): Promise<void> {
    const triageKind = c.priority === 'urgent' ? COMPLAINT_DEADLINES.triageUrgent : COMPLAINT_DEADLINES.triage;
    switch (action) {
      case 'accept': {
        await this.close(m, c, 'meet', COMPLAINT_DEADLINES.triage, COMPLAINT_DEADLINES.triageUrgent);
        const d = await this.start(m, c, COMPLAINT_DEADLINES.conciliation, 'conciliation');
        const ends = await this.notices.day(m, c, d.dueAt);
        await this.notices.toComplainant(m, c, 'complaint.accepted', { conciliationEnds: ends }, `accepted:${c.version}`);
        await this.notices.toAgency(m, c, 'complaint.agency-filed', { conciliationEnds: ends }, `filed:${c.version}`);
        if (c.kind === 'complaint') {
          // This case counts once it is saved: the watch reads the table, so save first.
          await m.save(Complaint, c);
          const inspection = await this.patterns.afterAccept(m, c.agencyId, undefined);
          if (inspection) changes.inspectionOpened = inspection;
        }
        return;
      }
      case 'refer':
        c.referralTarget = input.referralTarget!.trim();
        changes.referralTarget = c.referralTarget;
        await this.close(m, c, 'meet', triageKind);
        await this.notices.toComplainant(m, c, 'complaint.referred', { referralTarget: c.referralTarget }, `referred:${c.version}`);
        return;
      case 'dismiss':
        await this.close(m, c, 'meet', triageKind);
        await this.notices.toComplainant(m, c, 'complaint.dismissed', { reason: input.reason!.trim() }, `dismissed:${c.version}`);
        return;
      case 'extend-conciliation': {
        c.conciliationExtended = true;
        // One extension of 15 days: the running deadline is replaced by one due 15 days later.
        const open = await this.deadlines.findOpen(m, COMPLAINT_SUBJECT, c.id, COMPLAINT_DEADLINES.conciliation, true);
        if (open) {
          await this.deadlines.cancel(m, COMPLAINT_SUBJECT, c.id, COMPLAINT_DEADLINES.conciliation);
          await this.start(m, c, COMPLAINT_DEADLINES.conciliation, 'conciliation (extended)', new Date(open.dueAt.getTime() + 15 * 86_400_000), open.startedAt);
        }
        changes.conciliationExtended = true;
        return;
      }
      case 'settle': {
        c.settlement = input.settlement!;
        changes.settlement = { complyBy: c.settlement.complyBy, amounts: c.settlement.amounts.length };
        await this.close(m, c, 'meet', COMPLAINT_DEADLINES.conciliation);
        const calendar = await this.calendars.calendarOf(c.jurisdictionCode, m);
        const due = endOfLocalDay(calendar, new Date(`${c.settlement.complyBy}T12:00:00Z`));
        await this.start(m, c, COMPLAINT_DEADLINES.settlementCompliance, 'settlement compliance', due);
        await this.notices.toComplainant(m, c, 'complaint.settled', { complyBy: await this.notices.day(m, c, due) }, `settled:${c.version}`);
        return;
      }
      case 'settle-money-claim': {
        // The money claim is settled (terms and a compliance deadline); the serious offence is adjudicated.
        c.settlement = input.settlement!;
        changes.settlement = { complyBy: c.settlement.complyBy, amounts: c.settlement.amounts.length, moneyClaimOnly: true };
        await this.close(m, c, 'meet', COMPLAINT_DEADLINES.conciliation);
        const calendar = await this.calendars.calendarOf(c.jurisdictionCode, m);
        const due = endOfLocalDay(calendar, new Date(`${c.settlement.complyBy}T12:00:00Z`));
        await this.start(m, c, COMPLAINT_DEADLINES.settlementCompliance, 'settlement compliance (money claim)', due);
        await this.docket(m, c);
        return;
      }
      case 'fail-conciliation':
      case 'expire-conciliation':
      case 'breach-settlement':
      case 'reopen': {
        if (action === 'fail-conciliation') await this.close(m, c, 'cancel', COMPLAINT_DEADLINES.conciliation);
        if (action === 'breach-settlement') await this.close(m, c, 'cancel', COMPLAINT_DEADLINES.settlementCompliance);
        await this.docket(m, c);
        return;
      }
      case 'return-to-conciliation':
        await this.close(m, c, 'cancel', COMPLAINT_DEADLINES.agencyAnswer, COMPLAINT_DEADLINES.decision, COMPLAINT_DEADLINES.decisionUrgent);
        await this.start(m, c, COMPLAINT_DEADLINES.conciliation, 'conciliation');
        return;
      case 'comply':
        await this.close(m, c, 'meet', COMPLAINT_DEADLINES.settlementCompliance);
        await this.notices.toComplainant(m, c, 'complaint.closed', {}, `closed:${c.version}`);
        return;
      case 'record-answer':
        c.agencyAnswer = input.answer!.trim();
        changes.answer = 'recorded';
        await this.close(m, c, 'meet', COMPLAINT_DEADLINES.agencyAnswer);
        return;
      case 'schedule-hearing': {
        c.hearing = { at: new Date(input.hearing!.at).toISOString(), place: input.hearing!.place.trim(), status: 'scheduled' };
        changes.hearing = c.hearing;
        const zone = (await this.calendars.calendarOf(c.jurisdictionCode, m)).timeZone;
        const when = mailDateTime(c.hearing.at, zone);
        await this.notices.toComplainant(m, c, 'complaint.hearing', { hearingAt: when, place: c.hearing.place }, `hearing:${c.version}`);
        await this.notices.toAgency(m, c, 'complaint.agency-hearing', { hearingAt: when, place: c.hearing.place }, `hearing:${c.version}`);
        return;
      }
      case 'hold-hearing':
        c.hearing = { ...c.hearing!, status: 'held', heldAt: now.toISOString() };
        changes.hearing = { status: 'held' };
        return;
      case 'cancel-hearing':
        c.hearing = { ...c.hearing!, status: 'cancelled', cancelReason: input.reason!.trim() };
        changes.hearing = { status: 'cancelled' };
        return;
      case 'decide': {
        await this.recordFindings(m, c, allegations, input.findings!, changes);
        await this.close(m, c, 'meet', COMPLAINT_DEADLINES.decision, COMPLAINT_DEADLINES.decisionUrgent);
        await this.close(m, c, 'cancel', COMPLAINT_DEADLINES.agencyAnswer);
        const d = await this.start(m, c, COMPLAINT_DEADLINES.appealWindow, 'appeal window');
        const appealBy = await this.notices.day(m, c, d.dueAt);
        await this.notices.toComplainant(m, c, 'complaint.decided', { appealBy }, `decided:${c.version}`);
        await this.notices.toAgency(m, c, 'complaint.agency-decided', { appealBy }, `decided:${c.version}`);
        return;
      }
      case 'appeal':
        await this.close(m, c, 'meet', COMPLAINT_DEADLINES.appealWindow);
        // The other party is told: the complainant when the agency appeals, the agency when the ministry lodges it for the complainant.
        if (actor.agencyId || actor.roles.some((r) => r === 'agency_admin' || r === 'agency_staff')) await this.notices.toComplainant(m, c, 'complaint.appeal-lodged', {}, `appeal:${c.version}`);
        else await this.notices.toAgency(m, c, 'complaint.agency-appeal-lodged', {}, `appeal:${c.version}`);
        return;
      case 'decide-appeal':
        await this.recordFindings(m, c, allegations, input.findings!, changes);
        changes.sanctionsApplied = await this.sanctions.apply(m, c, await m.find(Allegation, { where: { complaintId: c.id } }), now);
        await this.notices.toComplainant(m, c, 'complaint.closed', {}, `closed:${c.version}`);
        return;
      case 'lapse-appeal-window':
        changes.sanctionsApplied = await this.sanctions.apply(m, c, allegations, now);
        await this.notices.toComplainant(m, c, 'complaint.closed', {}, `closed:${c.version}`);
        return;
      case 'withdraw':
        // Nothing is due any more from anyone.
        await this.close(m, c, 'cancel', ...WITHDRAWN_DEADLINES);
        await this.notices.toComplainant(m, c, 'complaint.closed', {}, `closed:${c.version}`);
        return;
    }
  }

  /** Into adjudication: the agency's answer (10 days) and the decision (90 days, 45 if urgent). */
  private async docket(m: EntityManager, c: Complaint): Promise<void> {
    const answer = await this.start(m, c, COMPLAINT_DEADLINES.agencyAnswer, 'agency answer');
    const decision = await this.start(m, c, c.priority === 'urgent' ? COMPLAINT_DEADLINES.decisionUrgent : COMPLAINT_DEADLINES.decision, 'decision');
    await this.notices.toComplainant(m, c, 'complaint.adjudication', { decisionDue: await this.notices.day(m, c, decision.dueAt) }, `adjudication:${c.version}`);
    await this.notices.toAgency(m, c, 'complaint.agency-answer-due', { answerDue: await this.notices.day(m, c, answer.dueAt) }, `answer-due:${c.version}`);
  }

  private async recordFindings(m: EntityManager, c: Complaint, allegations: Allegation[], findings: FindingInput[], changes: Record<string, unknown>): Promise<void> {
    const unknown = findings.filter((f) => !allegations.some((a) => a.id === f.allegationId));
    if (unknown.length) throw new ConflictException('unknown-allegation', 'A finding names an allegation that is not part of this case.', { allegationIds: unknown.map((u) => u.allegationId) });
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
    return this.deadlines.start(m, { kind, subjectType: COMPLAINT_SUBJECT, subjectId: c.id, label: `Case ${c.reference}: ${what}`, jurisdictionCode: c.jurisdictionCode, assigneeUserId: c.assignedTo, ...(dueAt ? { dueAt } : {}), ...(startAt ? { startAt } : {}) });
  }

  /** Meets or cancels the open deadlines of these kinds (none open: nothing to do). */
  private async close(m: EntityManager, c: Complaint, how: 'meet' | 'cancel', ...kinds: ComplaintDeadlineKind[]): Promise<void> {
    for (const kind of kinds) {
      if (how === 'meet') await this.deadlines.meet(m, COMPLAINT_SUBJECT, c.id, kind);
      else await this.deadlines.cancel(m, COMPLAINT_SUBJECT, c.id, kind);
    }
  }
}
