import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, ConfigService, ConflictException, NotFoundException, WorkCalendar } from '@app/common';
import { CALENDAR_COLUMNS, CalendarRow, CalendarsService, calendarOfRow } from '../calendars/calendars.service';
import { Deadline, OPEN_STATES, OPEN_STATES_SQL } from '../entities/deadline.entity';
import { POLICY_COLUMNS, PoliciesService, PolicyRow, toRules } from '../policies/policies.service';
import { PolicyRules } from '../policies/policy-rules';
import { DeadlineAction, resumedState, transition } from './deadline-transitions';
import { SubjectLocks } from './subject-locks';
import { FiringInProgress } from './firing-in-progress';
import { countedMillis, dueFrom, extendBy, nextPoint, timeline } from './timeline';
import { StatementPart, preparedQuery } from '@app/database';

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

/** What a view is made of: a stored deadline, or one just inserted. */
type DeadlineViewSource = Pick<
  Deadline,
  | 'id'
  | 'kind'
  | 'subjectType'
  | 'subjectId'
  | 'label'
  | 'state'
  | 'startedAt'
  | 'dueAt'
  | 'nextFireAt'
  | 'nextLevel'
  | 'pausedMillis'
  | 'assigneeUserId'
  | 'version'
>;

export const toDeadlineView = (d: DeadlineViewSource): DeadlineView => ({
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
 * A deadline's setup (the kind's SLA policy and the jurisdiction's calendar) as the columns of a
 * read of the caller's, for a hot path that asks it in a statement of its own and hands the row
 * to `start` (filing: libs/complaints, registration.ts; one round trip fewer). `kind` and
 * `jurisdiction` are placeholders (or literals) of the caller's statement; join it LATERAL, so a
 * missing policy gives a row of nulls, which `start` refuses as it refuses a missing policy.
 */
export const deadlineSetupSql = (kind: string, jurisdiction: string): string =>
  `SELECT ${POLICY_COLUMNS}, ${CALENDAR_COLUMNS}
     FROM sla_policy p LEFT JOIN jurisdiction j ON j.code = ${jurisdiction}
    WHERE p.kind = ${kind}`;

/** A row read with deadlineSetupSql (its columns are the deadlines library's business). */
export type DeadlineSetupRow = Record<string, unknown>;

type SetupRow = PolicyRow & CalendarRow;

/** Where a recomputation's walk over a kind's open deadlines stands (the keyset: subject type, subject id). */
interface OpenKey {
  id: string;
  subjectType: string;
  subjectId: string;
}

/** What a recomputation reads of a deadline it locked. */
type ToRecompute = Pick<Deadline, 'id' | 'jurisdictionCode' | 'state' | 'startedAt' | 'dueFixed' | 'dueAt' | 'pausedMillis' | 'nextLevel'>;

/** A deadline's recomputed times, written with its batch. */
interface Recomputed {
  id: string;
  dueAt: Date;
  nextFireAt: Date | null;
  nextLevel: number;
}

function setupOfRow(row: SetupRow | undefined): { rules: PolicyRules; version: number; calendar: WorkCalendar } {
  if (!row || row.version == null) throw new NotFoundException('SLA policy');
  if (row.calendar_time_zone === null) throw new NotFoundException('jurisdiction');
  return { rules: toRules(row), version: row.version, calendar: calendarOfRow(row) };
}

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
    private readonly firing: FiringInProgress,
    private readonly subjects: SubjectLocks,
  ) {}

  /**
   * Starts a deadline. Idempotent: while one of this kind is open for the subject, that one is returned.
   * `setup`: the kind's and the jurisdiction's row read by the caller in the same transaction with
   * deadlineSetupSql (input.kind, input.jurisdictionCode); read here when not given.
   */
  async start(m: EntityManager, input: StartDeadline, setup?: DeadlineSetupRow): Promise<DeadlineView> {
    const { row, part } = this.started(input, setup ?? (await this.setupRowOf(m, input)));
    const inserted = (await preparedQuery(m, part.sql, part.values)) as { id: string; version: number }[];
    if (inserted.length) return toDeadlineView({ ...row, ...inserted[0] });
    return toDeadlineView((await this.findOpen(m, input.subjectType, input.subjectId, input.kind, true))!);
  }

  /**
   * The INSERT that starts a deadline, as start() writes it, for a statement that writes more than
   * the deadline (filing a complaint writes its case, mail and audit entry in the same statement:
   * composeStatement), with the due time it writes. While one of this kind is open for the subject
   * it inserts nothing. `setup` as for start().
   */
  startPart(input: StartDeadline, setup: DeadlineSetupRow): { part: StatementPart; dueAt: Date } {
    const { row, part } = this.started(input, setup);
    return { part, dueAt: row.dueAt };
  }

  private started(input: StartDeadline, setup: DeadlineSetupRow | undefined) {
    const jurisdictionCode = this.jurisdictionOf(input);
    const { rules, version, calendar } = setupOfRow(setup as unknown as SetupRow);
    const startedAt = input.startAt ?? this.clock.now();
    const dueAt = input.dueAt ?? dueFrom(calendar, rules, startedAt);
    const next = nextPoint(timeline(calendar, rules, startedAt, dueAt), 0);
    const row = {
      kind: input.kind,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      label: input.label,
      assigneeUserId: input.assigneeUserId ?? null,
      startedAt,
      dueAt,
      nextFireAt: next?.at ?? null,
      nextLevel: next?.level ?? 0,
      state: 'pending' as const,
      pausedMillis: 0,
    };
    // The partial unique index uq_deadline_open_subject_kind admits one open deadline per
    // subject and kind: when one is open (or a concurrent transaction starts it first), nothing.
    const part = {
      sql: `INSERT INTO deadline (kind, subject_type, subject_id, label, jurisdiction_code, policy_version, assignee_user_id, started_at, due_fixed, due_at, next_fire_at, next_level, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT DO NOTHING
       RETURNING id, version`,
      values: [
        row.kind,
        row.subjectType,
        row.subjectId,
        row.label,
        jurisdictionCode,
        version,
        row.assigneeUserId,
        row.startedAt,
        input.dueAt !== undefined,
        row.dueAt,
        row.nextFireAt,
        row.nextLevel,
        row.state,
      ],
    };
    return { row, part };
  }

  private jurisdictionOf(input: StartDeadline): string {
    return input.jurisdictionCode ?? this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION;
  }

  /** A kind's policy and a jurisdiction's calendar, in one read (both read on every use: an admin's change counts at once). */
  private async setupRowOf(m: EntityManager, input: StartDeadline): Promise<DeadlineSetupRow> {
    const [row] = (await preparedQuery(m, deadlineSetupSql('$1', '$2'), [input.kind, this.jurisdictionOf(input)])) as DeadlineSetupRow[];
    return row;
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
   * Recomputes every open deadline of a kind (of one jurisdiction, when given) after its policy or
   * calendar changed: the due time from the new duration (unless the caller fixed it) plus the time
   * already paused, and the next level to fire. Levels already fired stay fired. Returns how many
   * were recomputed.
   *
   * In batches of DEADLINE_RECOMPUTE_BATCH, all in the caller's transaction (the change, every
   * deadline it moves and its audit entry commit or roll back together): the open deadlines are
   * walked in subject order (a keyset on subject type and id, unique among a kind's open
   * deadlines: uq_deadline_open_subject_kind), and for each batch the subjects are locked (waiting,
   * in id order: ascending across batches too, so two recomputations cannot cross), then the
   * deadline rows (subject-locks.ts), and the batch is written in one statement. The process holds
   * one batch, not the kind's every deadline; the locks taken stay held to the commit.
   */
  async recomputeKind(m: EntityManager, kind: string, rules: PolicyRules, policyVersion: number, jurisdictionCode?: string): Promise<number> {
    const batch = this.config.get('deadlines').DEADLINE_RECOMPUTE_BATCH;
    const calendars = new Map<string, WorkCalendar>();
    let after: OpenKey | undefined;
    let n = 0;
    for (;;) {
      const page = await this.openOfKindAfter(m, kind, jurisdictionCode, after, batch);
      if (!page.length) return n;
      after = page[page.length - 1];
      // The subjects first, then the rows (subject-locks.ts): a move on one of these cases meanwhile waits, it does not cross us.
      await this.subjects.hold(
        m,
        page.map((d) => ({ kind, subjectId: d.subjectId })),
        'wait',
      );
      // Locked again by id, with the open states checked under the lock: one closed meanwhile is left alone.
      const open = (await m.query(
        `SELECT id, jurisdiction_code AS "jurisdictionCode", state, started_at AS "startedAt", due_fixed AS "dueFixed", due_at AS "dueAt",
                paused_millis::float8 AS "pausedMillis", next_level AS "nextLevel"
           FROM deadline WHERE id = ANY($1::uuid[]) AND state IN (${OPEN_STATES_SQL}) ORDER BY subject_type, subject_id FOR UPDATE`,
        [page.map((d) => d.id)],
      )) as ToRecompute[];
      const moved: Recomputed[] = [];
      for (const d of open) {
        this.firing.assertNotFiring(d.id);
        let calendar = calendars.get(d.jurisdictionCode);
        if (!calendar) calendars.set(d.jurisdictionCode, (calendar = await this.calendars.calendarOf(d.jurisdictionCode, m)));
        const dueAt = d.dueFixed ? d.dueAt : extendBy(calendar, rules.counting, dueFrom(calendar, rules, d.startedAt), d.pausedMillis);
        const next = nextPoint(timeline(calendar, rules, d.startedAt, dueAt), d.nextLevel);
        moved.push({ id: d.id, dueAt, nextFireAt: d.state === 'paused' ? null : (next?.at ?? null), nextLevel: next?.level ?? d.nextLevel });
      }
      await this.writeRecomputed(m, policyVersion, moved);
      n += moved.length;
      if (page.length < batch) return n;
    }
  }

  /** Up to `limit` open deadlines of a kind after `after` in subject order (no lock). */
  private async openOfKindAfter(
    m: EntityManager,
    kind: string,
    jurisdictionCode: string | undefined,
    after: OpenKey | undefined,
    limit: number,
  ): Promise<OpenKey[]> {
    const params: unknown[] = [kind, limit];
    const where = [`kind = $1`, `state IN (${OPEN_STATES_SQL})`];
    if (jurisdictionCode !== undefined) where.push(`jurisdiction_code = $${params.push(jurisdictionCode)}`);
    if (after) where.push(`(subject_type, subject_id) > ($${params.push(after.subjectType)}, $${params.push(after.subjectId)})`);
    // Planned for its values at each call (not prepared): the states written out match the partial
    // index uq_deadline_open_subject_kind (subject_type, subject_id, kind), which serves the order and the cursor.
    return (await m.query(
      `SELECT id, subject_type AS "subjectType", subject_id AS "subjectId" FROM deadline WHERE ${where.join(' AND ')} ORDER BY subject_type, subject_id LIMIT $2`,
      params,
    )) as OpenKey[];
  }

  /** A batch of recomputed deadlines in one statement; each version bumped once, as `write` does. */
  private async writeRecomputed(m: EntityManager, policyVersion: number, moved: Recomputed[]): Promise<void> {
    if (!moved.length) return;
    await preparedQuery(
      m,
      `UPDATE deadline d
          SET policy_version = $1, due_at = v.due_at, next_fire_at = v.next_fire_at, next_level = v.next_level, version = d.version + 1
         FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::int[]) AS v(id, due_at, next_fire_at, next_level)
        WHERE d.id = v.id`,
      [
        policyVersion,
        moved.map((d) => d.id),
        moved.map((d) => d.dueAt.toISOString()),
        moved.map((d) => d.nextFireAt?.toISOString() ?? null),
        moved.map((d) => d.nextLevel),
      ],
    );
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

  /**
   * The open deadline of one kind for each of many subjects, in one query (a list shows each
   * item's due time without a query per item): subject id → its view; subjects with none are absent.
   */
  async openOfSubjects(m: EntityManager, subjectType: string, subjectIds: readonly string[], kind: string): Promise<Map<string, DeadlineView>> {
    if (subjectIds.length === 0) return new Map();
    const rows = await m
      .createQueryBuilder(Deadline, 'd')
      .where('d.subject_type = :subjectType AND d.subject_id IN (:...subjectIds) AND d.kind = :kind AND d.state IN (:...states)', {
        subjectType,
        subjectIds,
        kind,
        states: OPEN_STATES,
      })
      .getMany();
    return new Map(rows.map((d) => [d.subjectId, toDeadlineView(d)]));
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
    if (!to)
      throw new ConflictException(
        'deadline-transition',
        `A ${d.state} deadline cannot be ${action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : action + 'ed'}.`,
      );
    return to;
  }

  /**
   * Every change bumps the version, so a job queued for an older version does nothing. A deadline
   * whose handler is running is the firing's to write (from the handler's outcome): refused.
   */
  private async write(m: EntityManager, d: Deadline, changes: Partial<Deadline>): Promise<void> {
    this.firing.assertNotFiring(d.id);
    Object.assign(d, changes, { version: d.version + 1 });
    await m.update(Deadline, { id: d.id }, { ...changes, version: d.version });
  }
}
