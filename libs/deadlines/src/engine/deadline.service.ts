import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, ConfigService, ConflictException, WorkCalendar } from '@app/common';
import { CalendarsService } from '../calendars/calendars.service';
import { Deadline, OPEN_STATES } from '../entities/deadline.entity';
import { PoliciesService } from '../policies/policies.service';
import { PolicyRules } from '../policies/policy-rules';
import { DeadlineAction, resumedState, transition } from './deadline-transitions';
import { countedMillis, dueFrom, extendBy, nextPoint, timeline } from './timeline';

export interface StartDeadline {
  kind: string;
  subjectType: string;
  subjectId: string;
  /** For messages: "Complaint CMP-7K3-XQ9: triage". */
  label: string;
  jurisdictionCode?: string;
  assigneeUserId?: string | null;
  /** When the clock starts (default now). */
  startAt?: Date;
  /** A due time fixed by the caller (a license's expiry) instead of the policy's duration. */
  dueAt?: Date;
}

export interface DeadlineView {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  label: string;
  state: Deadline['state'];
  startedAt: string;
  dueAt: string;
  nextFireAt: string | null;
  nextLevel: number;
  pausedMillis: number;
  assigneeUserId: string | null;
  version: number;
}

export const toDeadlineView = (d: Deadline): DeadlineView => ({
  id: d.id,
  kind: d.kind,
  subjectType: d.subjectType,
  subjectId: d.subjectId,
  label: d.label,
  state: d.state,
  startedAt: d.startedAt.toISOString(),
  dueAt: d.dueAt.toISOString(),
  nextFireAt: d.nextFireAt?.toISOString() ?? null,
  nextLevel: d.nextLevel,
  pausedMillis: d.pausedMillis,
  assigneeUserId: d.assigneeUserId,
  version: d.version,
});

/**
 * What domain modules call, always with the EntityManager of their business transaction: the
 * deadline changes commit (or roll back) with the change that causes them. Nothing here touches
 * Redis: the worker's scheduler picks up new and changed deadlines from Postgres.
 */
@Injectable()
export class DeadlineService {
  constructor(
    private readonly policies: PoliciesService,
    private readonly calendars: CalendarsService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** Starts a deadline. Idempotent: while one of this kind is open for the subject, that one is returned. */
  async start(m: EntityManager, input: StartDeadline): Promise<DeadlineView> {
    const open = await this.findOpen(m, input.subjectType, input.subjectId, input.kind, true);
    if (open) return toDeadlineView(open);
    const { rules, version } = await this.policies.rulesOf(input.kind, m);
    const jurisdictionCode = input.jurisdictionCode ?? this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION;
    const calendar = await this.calendars.calendarOf(jurisdictionCode, m);
    const startedAt = input.startAt ?? this.clock.now();
    const dueAt = input.dueAt ?? dueFrom(calendar, rules, startedAt);
    const next = nextPoint(timeline(calendar, rules, startedAt, dueAt), 0);
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(Deadline)
      .values({
        kind: input.kind,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        label: input.label,
        jurisdictionCode,
        policyVersion: version,
        assigneeUserId: input.assigneeUserId ?? null,
        startedAt,
        dueFixed: input.dueAt !== undefined,
        dueAt,
        nextFireAt: next?.at ?? null,
        nextLevel: next?.level ?? 0,
        state: 'pending',
      })
      .orIgnore()
      .returning('*')
      .execute();
    if (!(inserted.raw as unknown[]).length) {
      // A concurrent transaction started the same deadline first.
      return toDeadlineView((await this.findOpen(m, input.subjectType, input.subjectId, input.kind, true))!);
    }
    return toDeadlineView(await m.findOneByOrFail(Deadline, { id: (inserted.raw as { id: string }[])[0].id }));
  }

  /** The subject did what it had to: nothing more fires. Returns false when no open deadline of that kind exists. */
  meet(m: EntityManager, subjectType: string, subjectId: string, kind: string): Promise<DeadlineView | null> {
    return this.close(m, subjectType, subjectId, kind, 'meet');
  }

  cancel(m: EntityManager, subjectType: string, subjectId: string, kind: string): Promise<DeadlineView | null> {
    return this.close(m, subjectType, subjectId, kind, 'cancel');
  }

  /** Stops the clock (documents requested from the other side, for example). */
  async pause(m: EntityManager, subjectType: string, subjectId: string, kind: string): Promise<DeadlineView> {
    const d = await this.mustFindOpen(m, subjectType, subjectId, kind);
    const to = this.allowed('pause', d);
    await this.write(m, d, { state: to, pausedAt: this.clock.now(), nextFireAt: null });
    return toDeadlineView(d);
  }

  /** Restarts the clock: the due time (and every level after it) moves later by the paused counted time. */
  async resume(m: EntityManager, subjectType: string, subjectId: string, kind: string): Promise<DeadlineView> {
    const d = await this.mustFindOpen(m, subjectType, subjectId, kind);
    this.allowed('resume', d);
    const { rules } = await this.policies.rulesOf(d.kind, m);
    const calendar = await this.calendars.calendarOf(d.jurisdictionCode, m);
    const paused = countedMillis(calendar, rules.counting, d.pausedAt!, this.clock.now());
    const dueAt = extendBy(calendar, rules.counting, d.dueAt, paused);
    const next = nextPoint(timeline(calendar, rules, d.startedAt, dueAt), d.nextLevel);
    await this.write(m, d, {
      state: resumedState(d.breachedAt),
      pausedAt: null,
      pausedMillis: d.pausedMillis + paused,
      dueAt,
      nextFireAt: next?.at ?? null,
      nextLevel: next?.level ?? d.nextLevel,
    });
    return toDeadlineView(d);
  }

  /** Changes whom notify-assignee addresses (a case reassigned). */
  async reassign(m: EntityManager, subjectType: string, subjectId: string, kind: string, assigneeUserId: string | null): Promise<void> {
    const d = await this.findOpen(m, subjectType, subjectId, kind, true);
    if (d) await this.write(m, d, { assigneeUserId });
  }

  /**
   * Recomputes every open deadline of a kind after its policy changed: the due time from the new
   * duration (unless the caller fixed it) plus the time already paused, and the next level to fire.
   * Levels already fired stay fired. Returns how many were recomputed.
   */
  async recomputeKind(m: EntityManager, kind: string, rules: PolicyRules, policyVersion: number, jurisdictionCode?: string): Promise<number> {
    const qb = m
      .createQueryBuilder(Deadline, 'd')
      .setLock('pessimistic_write')
      .where('d.kind = :kind AND d.state IN (:...states)', { kind, states: OPEN_STATES });
    if (jurisdictionCode) qb.andWhere('d.jurisdiction_code = :jurisdictionCode', { jurisdictionCode });
    const open = await qb.getMany();
    const calendars = new Map<string, WorkCalendar>();
    for (const d of open) {
      let calendar = calendars.get(d.jurisdictionCode);
      if (!calendar) calendars.set(d.jurisdictionCode, (calendar = await this.calendars.calendarOf(d.jurisdictionCode, m)));
      const dueAt = d.dueFixed ? d.dueAt : extendBy(calendar, rules.counting, dueFrom(calendar, rules, d.startedAt), d.pausedMillis);
      const next = nextPoint(timeline(calendar, rules, d.startedAt, dueAt), d.nextLevel);
      await this.write(m, d, {
        policyVersion,
        dueAt,
        nextFireAt: d.state === 'paused' ? null : (next?.at ?? null),
        nextLevel: next?.level ?? d.nextLevel,
      });
    }
    return open.length;
  }

  /** After a jurisdiction's calendar changed (a holiday declared): recompute its open deadlines of every kind. */
  async recomputeJurisdiction(m: EntityManager, jurisdictionCode: string, kinds: string[]): Promise<number> {
    let n = 0;
    for (const kind of kinds) {
      const { rules, version } = await this.policies.rulesOf(kind, m);
      n += await this.recomputeKind(m, kind, rules, version, jurisdictionCode);
    }
    return n;
  }

  async findOpen(m: EntityManager, subjectType: string, subjectId: string, kind: string, lock = false): Promise<Deadline | null> {
    const qb = m
      .createQueryBuilder(Deadline, 'd')
      .where('d.subject_type = :subjectType AND d.subject_id = :subjectId AND d.kind = :kind AND d.state IN (:...states)', {
        subjectType,
        subjectId,
        kind,
        states: OPEN_STATES,
      });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async listForSubject(m: EntityManager, subjectType: string, subjectId: string): Promise<DeadlineView[]> {
    const rows = await m.find(Deadline, { where: { subjectType, subjectId }, order: { createdAt: 'ASC' } });
    return rows.map(toDeadlineView);
  }

  private async close(m: EntityManager, subjectType: string, subjectId: string, kind: string, action: 'meet' | 'cancel'): Promise<DeadlineView | null> {
    const d = await this.findOpen(m, subjectType, subjectId, kind, true);
    if (!d) return null;
    const to = this.allowed(action, d);
    await this.write(m, d, { state: to, nextFireAt: null, pausedAt: null, closedAt: this.clock.now() });
    return toDeadlineView(d);
  }

  private async mustFindOpen(m: EntityManager, subjectType: string, subjectId: string, kind: string): Promise<Deadline> {
    const d = await this.findOpen(m, subjectType, subjectId, kind, true);
    if (!d) throw new ConflictException('no-open-deadline', `There is no open ${kind} deadline for this ${subjectType}.`);
    return d;
  }

  private allowed(action: DeadlineAction, d: Deadline) {
    const to = transition(action, d.state);
    if (!to) throw new ConflictException('deadline-transition', `A ${d.state} deadline cannot be ${action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : action + 'ed'}.`);
    return to;
  }

  /** Every change bumps the version, so a job queued for an older version does nothing. */
  private async write(m: EntityManager, d: Deadline, changes: Partial<Deadline>): Promise<void> {
    Object.assign(d, changes, { version: d.version + 1 });
    await m.update(Deadline, { id: d.id }, { ...changes, version: d.version });
  }
}
