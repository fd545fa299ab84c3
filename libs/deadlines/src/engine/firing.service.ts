import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntryInput, AuditLog } from '@app/audit';
import { Clock, ConfigService } from '@app/common';
import { Audience, Notifications, mailDateTime } from '@app/notifications';
import { Deadline } from '../entities/deadline.entity';
import type { DeadlineOutcome } from '../handlers/deadline-handler';
import { DeadlineHandlerRegistry } from '../handlers/handler-registry';
import { PoliciesService } from '../policies/policies.service';
import { BREACH_LEVEL, ENGINE_ACTIONS, EscalationAction, PolicyRules, REMINDER_LEVEL } from '../policies/policy-rules';
import { FireJobData } from './deadlines.queue';
import { fireAction, transition } from './deadline-transitions';
import { FiringInProgress } from './firing-in-progress';
import { RowAfterFiring, rowAfterFiring } from './firing-outcome';
import { SubjectLocks } from './subject-locks';

export type FireOutcome =
  /** The level fired now. */
  (
    | { result: 'fired' }
    /** The deadline moved on (met, paused, another version or level): nothing to do. */
    | { result: 'stale' }
    /** Not due yet by the clock: fire again at `at`. */
    | { result: 'not-due'; at: Date }
    /** Already fired by someone else (the unique effect row says so). */
    | { result: 'duplicate' }
  ) & {
    /** Levels fired by this call, the asked one and the other due ones fired with it (see `fire`). */
    levelsFired: number;
  };

/**
 * Deadline firings are audited on chains of their own, `deadlines-0` … `deadlines-15` by deadline
 * id: appends to one chain are serialised until commit, so one chain would cap firings at about
 * one commit at a time; sixteen let them commit in parallel, and case changes never queue behind them.
 */
export const DEADLINES_AUDIT_CHAINS = 16;
export const deadlinesAuditChain = (deadlineId: string) => `deadlines-${parseInt(deadlineId.slice(0, 8), 16) % DEADLINES_AUDIT_CHAINS}`;

/**
 * Fires one level of one deadline version, exactly once: it re-reads the row under lock, checks
 * it is still at that version and level and due by the clock, and records a unique
 * (deadline, version, level) effect in the same transaction as everything the level does.
 */
@Injectable()
export class FiringService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly registry: DeadlineHandlerRegistry,
    private readonly policies: PoliciesService,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
    private readonly config: ConfigService,
    private readonly inProgress: FiringInProgress,
    private readonly subjects: SubjectLocks,
  ) {}

  /**
   * Fires `ref`'s level, and with it up to `drain` other levels that are due and not locked by
   * someone else (FOR UPDATE SKIP LOCKED), in one transaction: a burst of deadlines falling due at
   * once then costs a few statements per hundred rather than a dozen per deadline. Their own jobs,
   * when they run, find the version moved on and do nothing.
   */
  fire(ref: FireJobData, via: 'job' | 'sweep', correlationId: string, drain = this.config.get('deadlines').DEADLINE_FIRE_BATCH - 1): Promise<FireOutcome> {
    return this.db.transaction((m) => this.fireIn(m, ref, via, correlationId, drain));
  }

  private async fireIn(m: EntityManager, ref: FireJobData, via: 'job' | 'sweep', correlationId: string, drain: number): Promise<FireOutcome> {
    const now = this.clock.now();
    // The subject first, then the row (subject-locks.ts): a row's subject never changes, so an unlocked read names it.
    // A version never comes back: a row already moved on is stale without a lock (in a burst, most jobs find their level fired by another's drain).
    const isCurrent = (row: Deadline | null): row is Deadline =>
      !!row && row.version === ref.version && row.nextLevel === ref.level && !!row.nextFireAt && !!transition(fireAction(ref.level), row.state);
    const named = await m.findOne(Deadline, { where: { id: ref.deadlineId } });
    if (isCurrent(named)) await this.subjects.hold(m, [named], 'wait');
    const d = isCurrent(named) ? await m.findOne(Deadline, { where: { id: ref.deadlineId }, lock: { mode: 'pessimistic_write' } }) : null;
    let own: FireOutcome;
    if (!isCurrent(d)) own = { result: 'stale', levelsFired: 0 };
    else if (d.nextFireAt! > now) own = { result: 'not-due', at: d.nextFireAt!, levelsFired: 0 };
    else own = { result: 'fired', levelsFired: 0 };

    const batch = own.result === 'fired' ? [d!] : [];
    if (drain > 0) {
      // Others due now that no other firing holds (SKIP LOCKED: concurrent firings take distinct
      // rows), fired when their subject can be locked at once too; a row whose case a move holds
      // stays for its own job (we never wait for a subject while holding rows: subject-locks.ts).
      const others = await m
        .createQueryBuilder(Deadline, 'd')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(`d.next_fire_at IS NOT NULL AND d.next_fire_at <= :now AND d.state IN ('pending','breached') AND d.id <> :id`, { now, id: ref.deadlineId })
        .orderBy('d.next_fire_at')
        .limit(drain)
        .getMany();
      const free = others.length ? await this.subjects.hold(m, others, 'skip') : [];
      batch.push(...free.filter((o) => transition(fireAction(o.nextLevel), o.state)));
    }
    if (!batch.length) return own;
    const fired = await this.fireBatch(m, batch, now, via, correlationId);
    if (own.result === 'fired' && !fired.has(ref.deadlineId)) return { result: 'duplicate', levelsFired: fired.size };
    return { ...own, levelsFired: fired.size };
  }

  /** Fires each deadline's next level, once (the unique effect rows decide), in the caller's transaction. */
  private async fireBatch(m: EntityManager, batch: Deadline[], now: Date, via: 'job' | 'sweep', correlationId: string): Promise<Set<string>> {
    const inserted = (await m.query(
      `INSERT INTO deadline_effect (deadline_id, version, level, kind, due_to_fire_at, fired_at, via)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])
       ON CONFLICT (deadline_id, version, level) DO NOTHING
       RETURNING deadline_id`,
      [
        batch.map((d) => d.id),
        batch.map((d) => d.version),
        batch.map((d) => d.nextLevel),
        batch.map((d) => d.kind),
        batch.map((d) => d.nextFireAt),
        batch.map(() => now),
        batch.map(() => via),
      ],
    )) as { deadline_id: string }[];
    const fired = new Set(inserted.map((r) => r.deadline_id));
    const rulesByKind = new Map<string, PolicyRules>();
    const updates: ({ id: string; heldVersion: number; level: number; outcome: DeadlineOutcome } & RowAfterFiring)[] = [];
    const auditEntries: AuditEntryInput[] = [];
    // Read once per batch, not once per deadline: a burst shares its supervisors and zones.
    const lookups: BatchLookups = { zones: new Map() };

    for (const d of batch.filter((x) => fired.has(x.id))) {
      const level = d.nextLevel;
      const handler = this.registry.get(d.kind);
      if (!handler) throw new Error(`no handler for deadline kind ${d.kind}`);
      let rules = rulesByKind.get(d.kind);
      if (!rules) rulesByKind.set(d.kind, (rules = (await this.policies.rulesOf(d.kind, m)).rules));
      const actions = actionsOf(rules, level);
      await this.notify(m, d, level, actions, lookups);
      // The handler changes its domain, never this row (DeadlineService refuses while it runs); it answers what it did.
      const outcome = await this.inProgress.during(d.id, d.kind, () =>
        handler.fire({
          manager: m,
          deadline: {
            id: d.id,
            kind: d.kind,
            subjectType: d.subjectType,
            subjectId: d.subjectId,
            label: d.label,
            assigneeUserId: d.assigneeUserId,
            dueAt: d.dueAt,
            version: d.version,
          },
          level,
          actions: actions.filter((a) => !ENGINE_ACTIONS.includes(a)),
          now,
          correlationId,
        }),
      );
      updates.push({ id: d.id, heldVersion: d.version, level, outcome, ...rowAfterFiring(d, level, outcome, rules, now) });
      if (level !== REMINDER_LEVEL) {
        auditEntries.push({
          actor: 'system',
          action: level === BREACH_LEVEL ? 'deadline.breached' : 'deadline.escalated',
          subjectType: d.subjectType,
          subjectId: d.subjectId,
          changes: { deadlineId: d.id, kind: d.kind, level, actions, dueAt: d.dueAt.toISOString() },
          correlationId,
          chain: deadlinesAuditChain(batch[0].id),
        });
      }
    }
    if (updates.length) {
      // Each level's outcome on its effect row, then each row's new state, in two statements, that
      // order: the SLA report's kept counts (deadline_met_day) are kept by row triggers on both
      // tables, and a row trigger sees its own row's old values only; a deadline met at its breach
      // is counted by its own trigger, which then sees the effect's 'acted' (migration DeadlineMetDay).
      // A row whose version moved meanwhile was changed in this transaction by another deadline's
      // handler (a license expiring cancels its renewal reminders, fired in the same batch): that
      // change stands.
      const ids = updates.map((u) => u.id);
      const heldVersions = updates.map((u) => u.heldVersion);
      await m.query(
        `UPDATE deadline_effect e SET outcome = u.outcome
           FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[]) AS u(id, held_version, level, outcome)
          WHERE e.deadline_id = u.id AND e.version = u.held_version AND e.level = u.level`,
        [ids, heldVersions, updates.map((u) => u.level), updates.map((u) => u.outcome)],
      );
      await m.query(
        `UPDATE deadline d SET state = u.state, version = u.version, next_level = u.next_level, next_fire_at = u.next_fire_at, breached_at = u.breached_at, closed_at = u.closed_at
           FROM unnest($1::uuid[], $2::int[], $3::text[], $4::int[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])
                AS u(id, held_version, state, version, next_level, next_fire_at, breached_at, closed_at)
          WHERE d.id = u.id AND d.version = u.held_version`,
        [
          ids,
          heldVersions,
          updates.map((u) => u.state),
          updates.map((u) => u.version),
          updates.map((u) => u.nextLevel),
          updates.map((u) => u.nextFireAt),
          updates.map((u) => u.breachedAt),
          updates.map((u) => u.closedAt),
        ],
      );
    }
    await this.audit.appendMany(m, auditEntries);
    return fired;
  }

  /** The engine's own actions: messages to the assignee and the supervisors, through the outbox. */
  private async notify(m: EntityManager, d: Deadline, level: number, actions: EscalationAction[], lookups: BatchLookups): Promise<void> {
    // Addressed to people: the assignee's account, the supervisors (a role); the recipient directory
    // finds them (active accounts, each in their language) and the relay their addresses.
    const to: { audience: Audience; key: string; template: 'deadline.reminder' | 'deadline.breached' | 'deadline.escalated-to-supervisors' }[] = [];
    const key = `deadline-${d.id}-v${d.version}-l${level}`;
    if (actions.includes('notify-assignee') && d.assigneeUserId) {
      to.push({
        audience: { user: d.assigneeUserId },
        key: `${key}-${d.assigneeUserId}`,
        template: level === REMINDER_LEVEL ? 'deadline.reminder' : 'deadline.breached',
      });
    }
    if (actions.includes('notify-supervisors')) to.push({ audience: { role: 'supervisor' }, key, template: 'deadline.escalated-to-supervisors' });
    if (!to.length) return;
    let zone = lookups.zones.get(d.jurisdictionCode);
    if (!zone) {
      const [j] = (await m.query('SELECT time_zone FROM jurisdiction WHERE code = $1', [d.jurisdictionCode])) as { time_zone: string }[];
      lookups.zones.set(d.jurisdictionCode, (zone = j?.time_zone ?? 'UTC'));
    }
    // Written in each recipient's language, in the jurisdiction's time, when the mail is rendered.
    const dueAt = mailDateTime(d.dueAt, zone);
    for (const { audience, key: dedupKey, template } of to) {
      await this.notifications.enqueue(m, {
        to: audience,
        template,
        data: template === 'deadline.reminder' ? { subjectLabel: d.label, dueAt } : { subjectLabel: d.label, dueAt, escalationLevel: level },
        dedupKey,
      });
    }
  }
}

interface BatchLookups {
  zones: Map<string, string>;
}

/** What a level does: the reminder notifies the assignee; level n >= 1 does escalation level n's actions. */
export function actionsOf(rules: PolicyRules, level: number): EscalationAction[] {
  if (level === REMINDER_LEVEL) return ['notify-assignee'];
  return rules.escalations[level - 1]?.actions ?? [];
}
