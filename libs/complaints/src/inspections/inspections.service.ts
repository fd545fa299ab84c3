import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Agency, LicensingService } from '@app/agencies';
import { DateTime } from 'luxon';
import { AuditActor, AuditLog } from '@app/audit';
import { Accounts } from '@app/auth';
import { Clock, ConfigService, NotFoundException, StaleVersionException, ValidationFailedException, localDateOf } from '@app/common';
import { CalendarsService } from '@app/deadlines';
import { mailDate } from '@app/notifications';
import { ChecklistResult, Complaint, Inspection, InspectionFinding } from '../entities';
import { ComplaintIntake } from '../intake/complaint-intake.service';
import { ComplaintNotices } from '../cases/complaint-notices';
import { ALLEGATION_CATEGORIES } from '../penalties';
import {
  CHECKLIST_ITEMS,
  INSPECTION_ACTIONS,
  INSPECTION_ORIGINS,
  INSPECTION_STATES,
  InspectionAction,
  InspectionActor,
  InspectionGuardContext,
  InspectionOrigin,
  allowedInspectionActions,
  INSPECTION_LIFECYCLE,
} from './inspection-transitions';

export class ChecklistResultView {
  @ApiProperty({
    enum: CHECKLIST_ITEMS,
    enumName: 'InspectionChecklistItem',
    example: 'identity-documents-retained',
    description:
      "identity-documents-retained: whether workers' passports or identity documents are kept by the agency; fee-receipts; contracts; branch-premises.",
  })
  item: string;

  @ApiProperty({ enum: ['compliant', 'non-compliant', 'not-applicable'], enumName: 'ChecklistResult', example: 'non-compliant' })
  result: string;

  @ApiProperty({ type: String, nullable: true, example: 'Eleven passports found in the office safe.' })
  note: string | null;
}

export class InspectionFindingView {
  @ApiProperty({
    enum: ALLEGATION_CATEGORIES,
    enumName: 'AllegationCategory',
    example: 'retained-documents',
    description: 'The violation found, as an allegation category.',
  })
  category: string;

  @ApiProperty({ example: "Eleven workers' passports kept in the office safe." })
  facts: string;
}

/** What the agency sees of an inspection, once notified. */
export class AgencyInspectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'INS-2026-000007' }) reference: string;
  @ApiProperty({ enum: INSPECTION_STATES, enumName: 'InspectionState', example: 'planned' }) state: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-03-09' }) plannedFor: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) conductedOn: string | null;
  @ApiProperty({ type: [ChecklistResultView], description: 'Once conducted.' }) checklist: ChecklistResultView[];
  @ApiProperty({ type: [InspectionFindingView], nullable: true, description: 'Once recorded: the violations found (empty: none).' }) findings:
    InspectionFindingView[] | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CMP-2026-00042-7',
    description: 'The proceedings the follow-up opened against the agency, when a violation was found.',
  })
  followUpCaseReference: string | null;
  @ApiProperty({ type: 'integer', minimum: 1 }) version: number;
}

/** The ministry's view of an inspection. */
export class InspectionView extends AgencyInspectionView {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ example: 'Bayanihan Manpower Services Inc.' }) agencyName: string;
  @ApiProperty({
    enum: INSPECTION_ORIGINS,
    enumName: 'InspectionOrigin',
    example: 'pattern',
    description: 'pattern: opened by itself on a pattern of complaints; supervisor; routine (a routine schedule).',
  })
  origin: string;
  @ApiProperty({ example: 'Pattern: 3 complaints against this agency accepted within 90 days (CMP-...).', description: 'Why it is planned (internal).' })
  reason: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The inspectors who conducted it.' }) inspectorIds: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) followUpCaseId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was cancelled.' }) closeReason: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the agency was notified (it sees the inspection from then on); null until.',
  })
  agencyNotifiedAt: string | null;
  @ApiProperty({ enum: INSPECTION_ACTIONS, enumName: 'InspectionAction', isArray: true, description: 'What the table allows from its state.' })
  allowedActions: string[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export interface InspectionActInput {
  version: number;
  reason?: string;
  conductedOn?: string;
  inspectorIds?: string[];
  checklist?: { item: string; result: ChecklistResult['result']; note?: string | null }[];
  findings?: InspectionFinding[];
}

export interface InspectionActorContext {
  userId: string | null;
  roles: readonly InspectionActor[];
  auditActor: AuditActor;
  correlationId?: string;
}

/**
 * Inspections of agencies: planned (by the pattern of complaints, a supervisor, or routinely),
 * conducted with the checklist, findings recorded, followed up (a violation opens proceedings, a
 * case like a complaint's); the agency sees one once notified (mailed). Each move is audited and
 * checked against the version read.
 */
@Injectable()
export class InspectionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly calendars: CalendarsService,
    private readonly audit: AuditLog,
    private readonly intake: ComplaintIntake,
    private readonly notices: ComplaintNotices,
    private readonly licensing: LicensingService,
    private readonly accounts: Accounts,
  ) {}

  private async today(m: EntityManager): Promise<string> {
    return localDateOf(await this.calendars.calendarOf(this.config.get('licensing').LICENSING_JURISDICTION, m), this.clock.now());
  }

  /** Plans an inspection of an agency, in the caller's transaction. */
  async plan(
    m: EntityManager,
    input: { agencyId: string; origin: InspectionOrigin; plannedFor?: string; reason: string },
    actor: { userId: string | null; auditActor: AuditActor; correlationId?: string },
  ): Promise<Inspection> {
    if (!(await m.exists(Agency, { where: { id: input.agencyId } })))
      throw new ValidationFailedException([{ field: 'agencyId', message: 'is not a registered agency', rule: 'agency' }]);
    const today = await this.today(m);
    const plannedFor = input.plannedFor ?? today;
    if (plannedFor < today) throw new ValidationFailedException([{ field: 'plannedFor', message: `must be today (${today}) or later`, rule: 'notInThePast' }]);
    const [{ seq }] = (await m.query(`SELECT nextval('inspection_serial_seq')::text AS seq`)) as { seq: string }[];
    const now = this.clock.now();
    const row = await m.save(
      Inspection,
      m.create(Inspection, {
        reference: `INS-${today.slice(0, 4)}-${seq.padStart(6, '0')}`,
        agencyId: input.agencyId,
        origin: input.origin,
        state: 'planned',
        reason: input.reason.trim(),
        plannedFor,
        plannedBy: actor.userId,
        conductedOn: null,
        inspectorIds: [],
        checklist: [],
        findings: null,
        followUpCaseId: null,
        closeReason: null,
        agencyNotifiedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'inspection.planned',
      subjectType: 'inspection',
      subjectId: row.id,
      changes: { reference: row.reference, agencyId: row.agencyId, origin: row.origin, plannedFor, state: { from: null, to: 'planned' } },
      correlationId: actor.correlationId,
      chain: 'complaints',
    });
    return row;
  }

  /**
   * The routine schedule: plans a `routine` inspection, for today, of every agency holding a live
   * license that has no open inspection and none planned within COMPLAINTS_INSPECTION_ROUTINE_MONTHS
   * (cancelled ones do not count). One run at a time across processes (a transaction-scoped
   * advisory lock; a concurrent run plans nothing). Returns the references planned.
   */
  async planRoutine(): Promise<string[]> {
    const months = this.config.get('complaints').COMPLAINTS_INSPECTION_ROUTINE_MONTHS;
    if (months === 0) return [];
    return this.db.transaction(async (m) => {
      const [{ locked }] = (await m.query(`SELECT pg_try_advisory_xact_lock(hashtext('lcs:inspections:routine')) AS locked`)) as { locked: boolean }[];
      if (!locked) return [];
      const since = DateTime.fromJSDate(this.clock.now()).minus({ months }).toJSDate();
      const recent = new Set(
        (
          (await m.query(
            `SELECT DISTINCT agency_id FROM inspection WHERE state <> 'cancelled' AND (created_at >= $1 OR state IN ('planned','conducted','findings'))`,
            [since],
          )) as { agency_id: string }[]
        ).map((r) => r.agency_id),
      );
      const planned: string[] = [];
      for (const agencyId of await this.licensing.licensedAgencyIds(m)) {
        if (recent.has(agencyId)) continue;
        const i = await this.plan(
          m,
          { agencyId, origin: 'routine', reason: `Routine inspection: not inspected in the last ${months} months.` },
          { userId: null, auditActor: 'system' },
        );
        planned.push(i.reference);
      }
      return planned;
    });
  }

  /** An open inspection of the agency (planned, conducted or with findings), if any. */
  async openFor(m: EntityManager, agencyId: string): Promise<Inspection | null> {
    return m.findOne(Inspection, { where: { agencyId, state: In(['planned', 'conducted', 'findings']) } });
  }

  async create(
    input: { agencyId: string; origin: InspectionOrigin; plannedFor?: string; reason: string },
    actor: InspectionActorContext,
  ): Promise<InspectionView> {
    const id = await this.db.transaction(async (m) => (await this.plan(m, input, actor)).id);
    return this.get(id);
  }

  async act(id: string, action: InspectionAction, input: InspectionActInput, actor: InspectionActorContext): Promise<InspectionView> {
    await this.db.transaction(async (m) => {
      const i = await m.findOne(Inspection, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!i) throw new NotFoundException('inspection');
      if (input.version !== i.version) throw new StaleVersionException('inspection', i.version);
      const today = await this.today(m);
      const checklist = input.checklist ?? [];
      const ctx: InspectionGuardContext = {
        reason: input.reason ?? null,
        agencyNotified: !!i.agencyNotifiedAt,
        conductedOnValid: !!input.conductedOn && input.conductedOn <= today && input.conductedOn >= i.createdAt.toISOString().slice(0, 10),
        hasInspectors: (input.inspectorIds?.length ?? 0) > 0,
        checklistComplete:
          CHECKLIST_ITEMS.every((item) => checklist.filter((c) => c.item === item).length === 1) && checklist.length === CHECKLIST_ITEMS.length,
        hasFindings: Array.isArray(input.findings),
      };
      const row = INSPECTION_LIFECYCLE.decide(i.state, action, actor.roles, ctx);
      const from = i.state;
      const changes: Record<string, unknown> = { state: { from, to: row.to } };
      const now = this.clock.now();
      switch (action) {
        case 'notify-agency': {
          i.agencyNotifiedAt = now;
          changes.agencyNotified = true;
          await this.notices.toAgencyOf(
            m,
            i.agencyId,
            'inspection.agency-notified',
            { inspectionReference: i.reference, plannedFor: mailDate(i.plannedFor) },
            `inspection:${i.id}`,
          );
          break;
        }
        case 'conduct': {
          const ids = [...new Set(input.inspectorIds!)];
          const found = await this.accounts.active(m, { ids, role: 'inspector' });
          if (found.length !== ids.length)
            throw new ValidationFailedException([{ field: 'inspectorIds', message: 'must all be active inspectors', rule: 'inspector' }]);
          i.conductedOn = input.conductedOn!;
          i.inspectorIds = ids;
          i.checklist = checklist.map((c) => ({ item: c.item, result: c.result, note: c.note?.trim() || null }));
          changes.conductedOn = i.conductedOn;
          changes.nonCompliant = i.checklist.filter((c) => c.result === 'non-compliant').map((c) => c.item);
          break;
        }
        case 'record-findings':
          i.findings = input.findings!.map((f) => ({ category: f.category, facts: f.facts.trim() }));
          changes.violations = i.findings.map((f) => f.category);
          break;
        case 'follow-up': {
          // A violation found opens proceedings against the agency, a case like a complaint's.
          if (i.findings?.length) {
            const { complaint } = await this.intake.file(
              m,
              { allegations: i.findings.map((f) => ({ category: f.category, facts: `${f.facts} (inspection ${i.reference})` })), language: 'en' },
              {
                source: 'system',
                channel: 'system',
                kind: 'inspection',
                auditActor: actor.auditActor,
                actorId: actor.userId,
                correlationId: actor.correlationId,
                agencyId: i.agencyId,
              },
            );
            i.followUpCaseId = complaint.id;
            changes.proceedings = complaint.reference;
          } else changes.proceedings = null;
          break;
        }
        case 'cancel':
          i.closeReason = input.reason!.trim();
          changes.reason = i.closeReason;
          break;
      }
      i.state = row.to;
      i.version += 1;
      i.updatedAt = now;
      await m.save(Inspection, i);
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: row.effects.audit,
        subjectType: 'inspection',
        subjectId: i.id,
        changes,
        correlationId: actor.correlationId,
        chain: 'complaints',
      });
    });
    return this.get(id);
  }

  async get(id: string): Promise<InspectionView> {
    const i = await this.db.manager.findOne(Inspection, { where: { id }, relations: { agency: true } });
    if (!i) throw new NotFoundException('inspection');
    return this.viewOf(i);
  }

  async list(filter: { state?: string; agencyId?: string }): Promise<InspectionView[]> {
    const rows = await this.db.manager.find(Inspection, {
      where: { ...(filter.state ? { state: filter.state as never } : {}), ...(filter.agencyId ? { agencyId: filter.agencyId } : {}) },
      relations: { agency: true },
      order: { plannedFor: 'ASC', createdAt: 'ASC' },
      take: 500,
    });
    return Promise.all(rows.map((i) => this.viewOf(i)));
  }

  /** The agency's inspections it was notified of (404 for any other). */
  async forAgency(agencyId: string, id?: string): Promise<AgencyInspectionView[]> {
    const rows = await this.db.manager.find(Inspection, { where: { agencyId, ...(id ? { id } : {}) }, order: { createdAt: 'DESC' }, take: 500 });
    const seen = rows.filter((i) => i.agencyNotifiedAt);
    if (id && !seen.length) throw new NotFoundException('inspection');
    return Promise.all(seen.map((i) => this.agencyViewOf(i)));
  }

  private async agencyViewOf(i: Inspection): Promise<AgencyInspectionView> {
    const followUp = i.followUpCaseId ? await this.db.manager.findOne(Complaint, { where: { id: i.followUpCaseId } }) : null;
    return {
      id: i.id,
      reference: i.reference,
      state: i.state,
      plannedFor: i.plannedFor,
      conductedOn: i.conductedOn,
      checklist: i.checklist,
      findings: i.findings,
      followUpCaseReference: followUp?.reference ?? null,
      version: i.version,
    };
  }

  private async viewOf(i: Inspection): Promise<InspectionView> {
    return {
      ...(await this.agencyViewOf(i)),
      agencyId: i.agencyId,
      agencyName: i.agency?.legalName ?? '',
      origin: i.origin,
      reason: i.reason,
      inspectorIds: i.inspectorIds,
      followUpCaseId: i.followUpCaseId,
      closeReason: i.closeReason,
      agencyNotifiedAt: i.agencyNotifiedAt?.toISOString() ?? null,
      allowedActions: allowedInspectionActions(i.state),
      createdAt: i.createdAt.toISOString(),
    };
  }
}
