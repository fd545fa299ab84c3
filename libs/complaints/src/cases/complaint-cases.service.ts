import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AGENCY_TABLE, Agency, AgencyProfileService, agencyLegalName } from '@app/agencies';
import { Placements } from '@app/fees';
import { AuditLog } from '@app/audit';
import { Accounts } from '@app/auth';
import {
  Clock,
  ConflictException,
  FieldEncryption,
  NotFoundException,
  Page,
  PageOf,
  PageQuery,
  StaleVersionException,
  ValidationFailedException,
  cappedCount,
  pageOf,
  pageOffset,
} from '@app/common';
import { CalendarsService, DeadlineService, nearestOpenDueSql } from '@app/deadlines';
import { readTogether } from '@app/database';
import { Allegation, Complaint, ComplaintEvent, NoteVisibility } from '../entities';
import { COMPLAINT_STAGES, ComplaintStage } from '../lifecycle/complaint-transitions';
import { COMPLAINT_SUBJECT } from '../deadlines/complaint-deadline-kinds';
import { LifecycleActor } from './complaint-lifecycle.service';
import { ComplianceDeclarations } from './compliance-declarations.service';
import {
  AgencyComplaintView,
  COMPLAINANT_INFORMATION,
  ComplainantView,
  complainantView,
  holdsComplainantDetails,
  DeadlineSummary,
  StaffComplaintView,
  WorkerComplaintListItem,
  WorkerComplaintView,
  agencyView,
  staffView,
  workerView,
} from './complaint-views';
import { secretMatches } from '../intake/references';
import { agencyMaySee, agencyMaySeeSql } from './agency-visibility';
import { PatternWatch } from './pattern-watch';
import { PRIORITY_RANK, QUEUE_AGENCY, QueueSort, SortOrder, afterCursor, agencyParts, cursorOf, queueOrder, readingOrder } from './queue-order';
import { SanctionEffects } from './sanction-effects';

export interface QueueFilter extends PageQuery {
  /** Keyset paging: a page's `next` (the page after it) or `previous` (the page before it). */
  cursor?: string;
  /** The ministry's queue: closed cases too (without a `stage`, it holds open cases only). */
  includeClosed?: boolean;
  stage?: ComplaintStage;
  priority?: 'normal' | 'urgent';
  agencyId?: string;
  overdue?: boolean;
  assignedToMe?: boolean;
  supervisorQueue?: boolean;
  /** Only cases with an allegation of this category. */
  category?: string;
  /** Only cases whose nearest open deadline is past due, due within DUE_SOON_HOURS, or further off. */
  deadlineState?: DeadlineState;
  /** The order (queue-order.ts): priority (the default), deadline, filed, stage, agency; asc (the default) or desc. */
  sort?: QueueSort;
  order?: SortOrder;
}

/** An active inspector and their load, for a supervisor assigning a case. */
export class InspectorWorkloadView {
  @ApiProperty({ type: String, format: 'uuid' })
  userId: string;

  @ApiProperty({ type: String, example: 'Ines Inspector' })
  displayName: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cases assigned to them that are not closed.' })
  openCases: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of those, the cases with an open deadline past due.' })
  overdueCases: number;
}

/** How near a case's nearest open deadline is (the staff queues' SLA badge and filter). */
export const DEADLINE_STATES = ['overdue', 'due-soon', 'on-time'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
/** A deadline due within this many hours is "due soon". */
export const DUE_SOON_HOURS = 48;

/** A case in a queue: the ministry's (any case) or an agency's (its own). */
export class QueueItem {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, example: 'CMP-2026-00042-7' })
  reference: string;

  @ApiProperty({ enum: COMPLAINT_STAGES, enumName: 'ComplaintStage', example: 'submitted' })
  stage: string;

  @ApiProperty({ enum: ['normal', 'urgent'], enumName: 'ComplaintPriority', example: 'urgent' })
  priority: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The licensed agency complained about, when it could be identified.' })
  agencyId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Bayanihan Manpower Services Inc.', description: "The agency's legal name." })
  agencyName: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The inspector in charge.' })
  assignedTo: string | null;

  @ApiProperty({ type: Boolean, description: "In the supervisors' queue after an escalation." })
  inSupervisorQueue: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The earliest due time of its open deadlines; null when none is open.' })
  nextDueAt: string | null;

  @ApiProperty({ type: Boolean, description: 'An open deadline is past due.' })
  overdue: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: "The case's version (send it back with a change)." })
  version: number;
}

/** A page of a queue, paged by cursor both ways. */
export class QueuePage extends PageOf(QueueItem) {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Pass it as `cursor` (with the same filters, `sort` and `order`) for the page before this one, in the same order (keyset paging backwards: as fast at any depth); null on the first page.',
  })
  previous: string | null;
}

/** The stages in which an officer may link or unlink the agency (before a decision). */
const LINKABLE_STAGES: readonly string[] = ['submitted', 'conciliation', 'settled', 'adjudication'];

/** The stages before a decision in which the case view shows the schedule's proposal. */
const PROPOSAL_STAGES: readonly string[] = ['conciliation', 'settled', 'adjudication', 'appealed'];

/** Reading cases (each party its own view), the queues, notes and assignment. Moves are ComplaintLifecycle's. */
@Injectable()
export class ComplaintCases {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly crypto: FieldEncryption,
    private readonly deadlines: DeadlineService,
    private readonly calendars: CalendarsService,
    private readonly sanctions: SanctionEffects,
    private readonly profiles: AgencyProfileService,
    private readonly patterns: PatternWatch,
    private readonly placements: Placements,
    private readonly accounts: Accounts,
    private readonly declarations: ComplianceDeclarations,
  ) {}

  /**
   * Ministry staff's view; reading the complainant's details is audited (protected personal data).
   * A protected identity is withheld here (nothing decrypted, nothing to audit): showing it is
   * `revealIdentity`, its own audited step.
   */
  async staff(id: string, actor: LifecycleActor): Promise<StaffComplaintView> {
    const { c, allegations, events, deadlines, timeZone } = await this.load(this.db.manager, id);
    if (holdsComplainantDetails(c) && !c.identityProtected) {
      await this.db.transaction((m) =>
        this.audit.append(m, {
          actor: actor.auditActor,
          action: 'complaint.complainant.viewed',
          subjectType: 'complaint',
          subjectId: id,
          changes: {},
          correlationId: actor.correlationId,
          chain: 'complaints',
        }),
      );
    }
    const linked = c.agencyId
      ? ((await this.db.query(
          `SELECT id, reference, kind, stage, created_at FROM complaint WHERE agency_id = $1 AND id <> $2 ORDER BY created_at DESC LIMIT 50`,
          [c.agencyId, id],
        )) as { id: string; reference: string; kind: string; stage: string; created_at: Date }[])
      : [];
    // Before the decision the supervisor sees what the schedule proposes, and why.
    const proposal = PROPOSAL_STAGES.includes(c.stage) ? await this.sanctions.preview(this.db.manager, c, allegations) : null;
    return staffView(
      c,
      allegations,
      events,
      deadlines,
      timeZone,
      this.crypto,
      linked.map((l) => ({ id: l.id, reference: l.reference, kind: l.kind, stage: l.stage, createdAt: new Date(l.created_at).toISOString() })),
      proposal,
      !c.agencyId && c.recruiterGiven ? await this.profiles.matchesFor(c.recruiterGiven, 5) : [],
      // The stated fees against the agency's declared receipts for the complainant's placement.
      c.feeCheck?.stated && c.agencyId
        ? await this.placements.compareWithDeclared(
            this.db.manager,
            { agencyId: c.agencyId, placementId: c.placementId, workerUserId: c.complainantUserId, destinationCountry: c.destinationCountry },
            c.feeCheck.stated,
          )
        : null,
      await this.declarations.current(this.db.manager, c),
    );
  }

  /**
   * An officer shows a protected complainant's identity (the name, email and phone), giving a
   * reason: its own audit entry, `complaint.identity.revealed` with the reason, apart from the
   * ordinary reads. Works on any case (an unprotected one's details are shown on every read, and
   * the reveal is audited all the same); a case holding no details answers the view without them.
   */
  async revealIdentity(id: string, reason: string, actor: LifecycleActor): Promise<ComplainantView> {
    const c = await this.db.manager.findOne(Complaint, { where: { id } });
    if (!c) throw new NotFoundException('case');
    await this.db.transaction((m) =>
      this.audit.append(m, {
        actor: actor.auditActor,
        action: 'complaint.identity.revealed',
        subjectType: 'complaint',
        subjectId: id,
        changes: { reason },
        correlationId: actor.correlationId,
        chain: 'complaints',
      }),
    );
    return complainantView(c, this.crypto, true);
  }

  async agency(id: string, agencyId: string): Promise<AgencyComplaintView> {
    const { c, allegations, events, deadlines, timeZone } = await this.load(this.db.manager, id);
    if (c.agencyId !== agencyId || !agencyMaySee(c)) throw new NotFoundException('case');
    return agencyView(c, allegations, events, deadlines, timeZone, this.crypto, await this.declarations.current(this.db.manager, c));
  }

  /** The public path: the reference and the right secret, or null (the same for both mistakes). */
  async tracked(reference: string, secret: string): Promise<WorkerComplaintView | null> {
    const c = await this.db.manager.findOne(Complaint, { where: { reference } });
    if (!c || !secretMatches(secret, c.secretHash)) return null;
    const { allegations, events, deadlines, timeZone } = await this.load(this.db.manager, c.id);
    return workerView(c, allegations, events, deadlines, timeZone);
  }

  async ofWorker(id: string, userId: string): Promise<WorkerComplaintView> {
    const { c, allegations, events, deadlines, timeZone } = await this.load(this.db.manager, id);
    if (c.complainantUserId !== userId) throw new NotFoundException('case');
    return workerView(c, allegations, events, deadlines, timeZone);
  }

  async listOfWorker(userId: string, q: PageQuery): Promise<Page<WorkerComplaintListItem>> {
    const [rows, total] = await this.db.manager.findAndCount(Complaint, {
      where: { complainantUserId: userId },
      order: { createdAt: 'DESC' },
      skip: pageOffset(q),
      take: q.pageSize,
    });
    return pageOf(
      rows.map((c) => ({ id: c.id, reference: c.reference, stage: c.stage, createdAt: c.createdAt.toISOString() })),
      total,
      q,
    );
  }

  /**
   * Inspector and supervisor queues (an agency passes its own id: its cases only). In the order
   * asked (queue-order.ts; by default urgent first, then oldest first, then by id), each order the
   * key of an index (migrations QueueKeysetIndexes, QueueSortIndexes) that `cursor` seeks to: after
   * a page's last row (its `next`) or, reading the index backwards, before its first (its `previous`).
   * The ministry's queue holds open cases unless a `stage` is asked for or `includeClosed`; an
   * agency's list holds all of its cases. `page` without a cursor still pages by OFFSET (public API).
   * `total` is counted up to TOTAL_CAP.
   */
  async queue(q: QueueFilter, actor: { userId: string | null; agencyId: string | null }): Promise<QueuePage> {
    const now = this.clock.now();
    const rank = PRIORITY_RANK;
    const order = queueOrder(q.sort, q.order);
    const qb = this.db.manager.createQueryBuilder(Complaint, 'c');
    const agencyId = actor.agencyId ?? q.agencyId;
    if (agencyId) qb.andWhere('c.agency_id = :agencyId', { agencyId });
    // An agency's own list (and its total) never holds an inspection it was not notified of.
    if (actor.agencyId) qb.andWhere(agencyMaySeeSql('c'));
    if (q.stage) qb.andWhere('c.stage = :stage', { stage: q.stage });
    else if (!actor.agencyId && !q.includeClosed) qb.andWhere(`c.stage <> 'closed'`);
    if (q.priority) qb.andWhere(`${rank} = :rank`, { rank: q.priority === 'urgent' ? 0 : 1 });
    if (q.assignedToMe) qb.andWhere('c.assigned_to = :me', { me: actor.userId });
    if (q.supervisorQueue) qb.andWhere('c.in_supervisor_queue');
    // `next_due_at`: the case's nearest open deadline ('infinity' when none), kept by triggers on `deadline` (migration QueueSortIndexes).
    if (q.overdue) qb.andWhere('c.next_due_at < :now', { now });
    if (q.category) qb.andWhere(`EXISTS (SELECT 1 FROM allegation al WHERE al.complaint_id = c.id AND al.category = :category)`, { category: q.category });
    if (q.deadlineState) {
      const soon = new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000);
      if (q.deadlineState === 'overdue') qb.andWhere('c.next_due_at < :now', { now });
      else if (q.deadlineState === 'due-soon') qb.andWhere('c.next_due_at >= :now AND c.next_due_at < :soon', { now, soon });
      else qb.andWhere(`c.next_due_at >= :soon AND c.next_due_at < 'infinity'`, { soon });
    }
    const { total, capped } = await cappedCount(qb);
    qb.leftJoin(AGENCY_TABLE, 'a', `${QUEUE_AGENCY.id} = c.agency_id`);
    qb.select([
      'c.id AS id',
      'c.reference AS reference',
      'c.stage AS stage',
      'c.priority AS priority',
      'c.agency_id AS agency_id',
      `${QUEUE_AGENCY.legalName} AS agency_name`,
      'c.assigned_to AS assigned_to',
      'c.in_supervisor_queue AS in_supervisor_queue',
      'c.created_at AS created_at',
      'c.version AS version',
    ]);
    // Only for the rows of the page: the select list is computed after the index delivers them in order.
    qb.addSelect(nearestOpenDueSql(COMPLAINT_SUBJECT, 'c.id::text'), 'next_due_at');
    for (const k of order.selects) qb.addSelect(k.sql, k.alias);
    const agencyName = (id: string) => agencyLegalName(this.db.manager, id);
    let rows: Record<string, never>[];
    // A `previous` cursor reads the page before its row: the same index the other way, then put back in order.
    let backward = false;
    if (order.sort === 'agency' && (q.cursor || pageOffset(q) === 0)) {
      rows = [];
      const read = await agencyParts(order, qb, q.cursor, agencyName);
      backward = read.backward;
      for (const part of read.parts) {
        if (rows.length > q.pageSize) break;
        rows.push(...((await part.limit(q.pageSize + 1 - rows.length).getRawMany()) as Record<string, never>[]));
      }
    } else {
      if (q.cursor) {
        const from = await afterCursor(order, q.cursor, agencyName);
        qb.andWhere(from.where, from.params);
        backward = from.backward;
      } else {
        qb.offset(pageOffset(q));
      }
      readingOrder(order, backward).forEach((o, i) => (i === 0 ? qb.orderBy(o.sql, o.dir) : qb.addOrderBy(o.sql, o.dir)));
      rows = (await qb.limit(q.pageSize + 1).getRawMany()) as Record<string, never>[];
    }
    const more = rows.length > q.pageSize;
    const items = rows.slice(0, q.pageSize);
    if (backward) {
      // Less than a page before the cursor (cases closed or moved since it was made): the first page is the page before.
      if (items.length < q.pageSize) return this.queue({ ...q, cursor: undefined, page: 1 }, actor);
      items.reverse();
    }
    const first = items[0];
    const last = items[items.length - 1];
    // Read backwards, the cursor's own row follows the page; read forwards, an extra row says there is more.
    const next = (backward || more) && last ? cursorOf(order, last) : null;
    const atStart = backward ? !more : !q.cursor && pageOffset(q) === 0;
    const previous = !atStart && first ? cursorOf(order, first, true) : null;
    return {
      ...pageOf(
        items.map((r) => ({
          id: r['id'],
          reference: r['reference'],
          stage: r['stage'],
          priority: r['priority'],
          agencyId: r['agency_id'],
          agencyName: r['agency_name'],
          assignedTo: r['assigned_to'],
          inSupervisorQueue: r['in_supervisor_queue'],
          nextDueAt: r['next_due_at'] ? new Date(r['next_due_at']).toISOString() : null,
          overdue: !!r['next_due_at'] && new Date(r['next_due_at']) < now,
          createdAt: new Date(r['created_at']).toISOString(),
          version: r['version'],
        })),
        total,
        q,
      ),
      next,
      previous,
      totalCapped: capped,
    };
  }

  /** Every active inspector with their open and overdue cases, least loaded first (then by name). */
  async workloads(): Promise<InspectorWorkloadView[]> {
    const now = this.clock.now();
    // Who the active inspectors are is libs/auth's to say; their cases are this library's.
    const inspectors = await this.accounts.active(this.db.manager, { role: 'inspector' });
    if (!inspectors.length) return [];
    const rows = (await this.db.query(
      `SELECT u.id, u.display_name,
              coalesce((SELECT sum(w.open_cases) FROM inspector_workload w WHERE w.user_id = u.id), 0)::int AS open_cases,
              (SELECT count(*) FROM complaint c WHERE c.assigned_to = u.id AND c.stage <> 'closed' AND c.next_due_at < $1)::int AS overdue_cases
         FROM unnest($2::uuid[], $3::text[]) AS u(id, display_name)
        ORDER BY 3, u.display_name, u.id`,
      [now, inspectors.map((i) => i.id), inspectors.map((i) => i.displayName)],
    )) as { id: string; display_name: string; open_cases: number; overdue_cases: number }[];
    return rows.map((r) => ({ userId: r.id, displayName: r.display_name, openCases: r.open_cases, overdueCases: r.overdue_cases }));
  }

  /** A note: internal (ministry only) or shared (the parties see it). */
  async note(id: string, body: string, visibility: NoteVisibility, actor: LifecycleActor): Promise<void> {
    await this.db.transaction(async (m) => {
      const c = await m.findOne(Complaint, { where: { id } });
      if (!c) throw new NotFoundException('case');
      await m.insert(ComplaintEvent, {
        complaintId: id,
        kind: 'note',
        fromStage: null,
        toStage: null,
        body,
        visibility,
        actorId: actor.userId,
        actorRole: actor.auditActor === 'system' ? 'system' : actor.auditActor.role,
        at: this.clock.now(),
      });
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: 'complaint.note.added',
        subjectType: 'complaint',
        subjectId: id,
        changes: { visibility },
        correlationId: actor.correlationId,
        chain: 'complaints',
      });
    });
  }

  /**
   * The complainant adds information to their own open case, through their account: a timeline
   * entry the ministry and the complainant see, never the agency (it could tell who complained).
   * Another's case is 404; a closed case takes none (409 `case-closed`). Audited.
   */
  async addInformation(id: string, body: string, actor: LifecycleActor & { complainantUserId: string }): Promise<void> {
    await this.db.transaction(async (m) => {
      const c = await m.findOne(Complaint, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c || c.complainantUserId !== actor.complainantUserId) throw new NotFoundException('case');
      if (c.stage === 'closed') throw new ConflictException('case-closed', 'The case is closed: it takes no more information.');
      const now = this.clock.now();
      await m.insert(ComplaintEvent, {
        complaintId: id,
        kind: COMPLAINANT_INFORMATION,
        fromStage: null,
        toStage: null,
        body,
        visibility: 'internal',
        actorId: actor.userId,
        actorRole: 'worker',
        at: now,
      });
      c.updatedAt = now;
      await m.save(Complaint, c);
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: 'complaint.information.added',
        subjectType: 'complaint',
        subjectId: id,
        changes: { length: body.length },
        correlationId: actor.correlationId,
        chain: 'complaints',
      });
    });
  }

  /** A supervisor (re)assigns a case: its open deadlines follow the new assignee; audited. */
  async assign(id: string, userId: string, version: number, actor: LifecycleActor): Promise<void> {
    await this.db.transaction(async (m) => {
      const c = await m.findOne(Complaint, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new NotFoundException('case');
      if (c.version !== version) throw new StaleVersionException('case', c.version);
      const [u] = await this.accounts.active(m, { ids: [userId], role: 'inspector' });
      if (!u) throw new ValidationFailedException([{ field: 'userId', message: 'is not an active inspector', rule: 'inspector' }]);
      const from = c.assignedTo;
      c.assignedTo = userId;
      c.inSupervisorQueue = false;
      c.version += 1;
      c.updatedAt = this.clock.now();
      await m.save(Complaint, c);
      for (const d of await this.deadlines.listForSubject(m, COMPLAINT_SUBJECT, id)) {
        if (['pending', 'paused', 'breached'].includes(d.state)) await this.deadlines.reassign(m, COMPLAINT_SUBJECT, id, d.kind, userId);
      }
      await m.insert(ComplaintEvent, {
        complaintId: id,
        kind: 'assign',
        fromStage: null,
        toStage: null,
        body: null,
        visibility: 'internal',
        actorId: actor.userId,
        actorRole: actor.auditActor === 'system' ? 'system' : actor.auditActor.role,
        at: this.clock.now(),
      });
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: 'complaint.reassigned',
        subjectType: 'complaint',
        subjectId: id,
        changes: { assignedTo: { from, to: userId } },
        correlationId: actor.correlationId,
        chain: 'complaints',
      });
    });
  }

  /**
   * An officer links the case to a licensed agency (the complainant named it in other words) or
   * unlinks it (a wrong match), with the version read and a reason; an internal timeline entry and
   * an audit entry (`complaint.agency.linked` / `.unlinked`). Only before a decision (a decided
   * case's sanctions belong to its agency): 409 `agency-link-closed` otherwise. Linking an accepted
   * complaint counts it for the agency's pattern at once (3 in 90 days opens an inspection).
   */
  async linkAgency(id: string, agencyId: string | null, reason: string, version: number, actor: LifecycleActor): Promise<void> {
    await this.db.transaction(async (m) => {
      const c = await m.findOne(Complaint, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new NotFoundException('case');
      if (c.version !== version) throw new StaleVersionException('case', c.version);
      if (!LINKABLE_STAGES.includes(c.stage))
        throw new ConflictException('agency-link-closed', `The agency of a case in stage '${c.stage}' can no longer change.`, { stage: c.stage });
      if (c.kind !== 'complaint') throw new ConflictException('agency-link-closed', 'An inspection is of its agency for good.', { stage: c.stage });
      if (agencyId && !(await m.exists(Agency, { where: { id: agencyId } })))
        throw new ValidationFailedException([{ field: 'agencyId', message: 'is not a registered agency', rule: 'agency' }]);
      if (agencyId === c.agencyId)
        throw new ConflictException('agency-link-unchanged', agencyId ? 'The case is already linked to this agency.' : 'The case is linked to no agency.');
      const from = c.agencyId;
      c.agencyId = agencyId;
      c.version += 1;
      c.updatedAt = this.clock.now();
      await m.save(Complaint, c);
      const kind = agencyId ? 'agency-linked' : 'agency-unlinked';
      await m.insert(ComplaintEvent, {
        complaintId: id,
        kind,
        fromStage: null,
        toStage: null,
        body: reason,
        visibility: 'internal',
        actorId: actor.userId,
        actorRole: actor.auditActor === 'system' ? 'system' : actor.auditActor.role,
        at: this.clock.now(),
      });
      const changes: Record<string, unknown> = { agencyId: { from, to: agencyId }, reason };
      if (agencyId && c.stage !== 'submitted') {
        const inspection = await this.patterns.afterAccept(m, agencyId, actor.correlationId);
        if (inspection) changes.inspectionOpened = inspection;
      }
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: agencyId ? 'complaint.agency.linked' : 'complaint.agency.unlinked',
        subjectType: 'complaint',
        subjectId: id,
        changes,
        correlationId: actor.correlationId,
        chain: 'complaints',
      });
    });
  }

  private async load(
    m: EntityManager,
    id: string,
  ): Promise<{ c: Complaint; allegations: Allegation[]; events: ComplaintEvent[]; deadlines: DeadlineSummary[]; timeZone: string }> {
    const c = await m.findOne(Complaint, { where: { id } });
    if (!c) throw new NotFoundException('case');
    const [allegations, events, deadlines, calendar] = await readTogether(m, [
      () => m.find(Allegation, { where: { complaintId: id }, order: { position: 'ASC' } }),
      () => m.find(ComplaintEvent, { where: { complaintId: id }, order: { seq: 'ASC' } }),
      () => this.deadlines.listForSubject(m, COMPLAINT_SUBJECT, id),
      () => this.calendars.calendarOf(c.jurisdictionCode, m),
    ] as const);
    return { c, allegations, events, deadlines: deadlines.map((d) => ({ kind: d.kind, dueAt: d.dueAt, state: d.state })), timeZone: calendar.timeZone };
  }
}
