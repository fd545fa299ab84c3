import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@app/audit';
import type { Role } from '@app/common';
import { Clock, ConfigService, ConflictException, NotFoundException, Page, PageQuery, cappedCount, pageOf, pageOffset } from '@app/common';
import { DocumentView, DocumentsService } from '@app/documents';
import { Agency } from '../../agency.entity';
import { EscrowService } from '../../escrow/escrow.service';
import { LicenseApplicationEvent } from '../entities/license-application-event.entity';
import { LicenseApplication } from '../entities/license-application.entity';
import { License } from '../entities/license.entity';
import { LicensingActor, auditActorOf } from '../licensing-actor';
import { LicensingService, StaleVersionException, endOfDate, renewalWindowOf } from '../licensing.service';
import {
  APPLICATION_ACTIONS,
  APPLICATION_DOCUMENT_KINDS,
  APPLICATION_STATES,
  APPLICATION_TYPES,
  ApplicationAction,
  ApplicationGuardContext,
  ApplicationState,
  ApplicationType,
  REQUIRED_APPLICATION_DOCUMENTS,
  allowedApplicationActions,
  APPLICATION_LIFECYCLE,
} from './application-transitions';
import { ClearanceCheck, ClearanceSource, ClearanceView, OpenCase } from './clearance';
import { DeadlineService } from '@app/deadlines';
import { APPLICATION_REVIEW_KIND, RENEWAL_DECISION_KIND } from '../license-deadlines';
import { LicenseNotices } from '../license-notices';
import { mailDate } from '@app/notifications';
import { AgencyProfile } from '../entities/agency-profile.entity';
import { LicenseTypeDecision, disqualificationsOf, licenseTypeFor } from '../license-type-rule';
import { revocationsWithin } from '../agency-founding';
import { isUniqueViolation, readTogether } from '@app/database';

/** Owner type of the documents attached to an application (stored_document.owner_type). */
export const APPLICATION_OWNER_TYPE = 'license-application';
const SUBJECT = 'license-application';

/** The events an application's history holds: its creation, each document upload, and every move. */
export const APPLICATION_EVENT_ACTIONS = ['create', 'document', ...APPLICATION_ACTIONS] as const;

/** One required document kind and how many of it were uploaded. */
export class ChecklistItem {
  @ApiProperty({ enum: APPLICATION_DOCUMENT_KINDS, enumName: 'ApplicationDocumentKind', example: 'business-permit' })
  kind: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'How many documents of this kind are attached (0: still missing).' })
  uploaded: number;
}

/** What an application event carries beyond its move: only the members that apply. */
export class ApplicationEventDetails {
  @ApiPropertyOptional({ enum: APPLICATION_TYPES, enumName: 'ApplicationType', description: "The `create` event: the application's type." })
  type?: ApplicationType;

  @ApiPropertyOptional({ enum: APPLICATION_DOCUMENT_KINDS, enumName: 'ApplicationDocumentKind', description: 'A `document` event: the kind uploaded.' })
  kind?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A `document` event: the document uploaded.' })
  documentId?: string;

  @ApiPropertyOptional({ type: [String], description: 'A `return`: what the agency must fix.' })
  items?: string[];

  @ApiPropertyOptional({ description: 'The note (or, for a `reject`, the reasons) sent with the move.' })
  note?: string;
}

/** One entry of an application's history. */
export class ApplicationEventView {
  @ApiProperty({
    enum: APPLICATION_EVENT_ACTIONS,
    enumName: 'ApplicationEventAction',
    example: 'submit',
    description: '`create`, `document` (an upload), or a move of the transition table.',
  })
  action: string;

  @ApiProperty({ enum: [...APPLICATION_STATES], nullable: true, description: 'The state before (an ApplicationState); null for `create`.' })
  from: string | null;

  @ApiProperty({ enum: APPLICATION_STATES, enumName: 'ApplicationState', description: 'The state after (the same as before for `document`).' })
  to: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who acted; null when the system did.' })
  actorId: string | null;

  @ApiProperty({ example: 'inspector', description: 'The role the actor acted in, or `system`.' })
  actorRole: string;

  @ApiProperty({ type: ApplicationEventDetails, nullable: true, description: 'Null when the event carries nothing more.' })
  details: ApplicationEventDetails | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

/** A license application (new or renewal), as lists show it. */
export class ApplicationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.', description: "The agency's legal name now." })
  agencyName: string;

  @ApiProperty({
    enum: APPLICATION_TYPES,
    enumName: 'ApplicationType',
    example: 'new',
    description: "`new`: for a license (a first one, or again after one ended); `renewal`: of the agency's live license.",
  })
  type: ApplicationType;

  @ApiProperty({ enum: APPLICATION_STATES, enumName: 'ApplicationState', example: 'submitted', description: 'Approved and rejected are final.' })
  state: ApplicationState;

  /** Renewal: the license renewed; new: the license its approval issued. */
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A renewal: the license renewed. A new application: the license its approval issued (null until then).',
  })
  licenseId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'PH-LRA-2026-00042-7', description: "That license's number; null when there is none." })
  licenseNumber: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The inspector who took it for review; null until then.' })
  reviewerId: string | null;

  @ApiProperty({ type: [String], description: 'What the agency must fix, from the last return for correction; empty when never returned.' })
  correctionItems: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The supervisor's reasons (rejection) or note (approval); null until decided, or when approved without a note.",
  })
  decisionReasons: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was first filed; null while a draft.' })
  submittedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was approved or rejected; null until then.' })
  decidedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Send it back with a move.' })
  version: number;

  @ApiProperty({
    enum: APPLICATION_ACTIONS,
    enumName: 'ApplicationAction',
    isArray: true,
    example: ['submit'],
    description: 'The moves the transition table allows from its state (whoever the caller is); empty when final.',
  })
  allowedActions: ApplicationAction[];
}

/** One application with its checklist, documents and history (and, for the ministry, its clearance). */
export class ApplicationDetailView extends ApplicationView {
  /** The required documents of its type, with how many of each were uploaded. */
  @ApiProperty({ type: [ChecklistItem], description: 'The documents its type requires, with how many of each were uploaded.' })
  checklist: ChecklistItem[];

  @ApiProperty({
    enum: APPLICATION_DOCUMENT_KINDS,
    enumName: 'ApplicationDocumentKind',
    isArray: true,
    example: ['tax-clearance'],
    description: 'The required kinds not uploaded yet: it cannot be submitted while any is.',
  })
  missingDocuments: string[];

  @ApiProperty({ type: [DocumentView], description: 'Its documents, newest first (the 100 newest).' })
  documents: DocumentView[];

  @ApiProperty({ type: [ApplicationEventView], description: 'Its history, oldest first.' })
  events: ApplicationEventView[];

  /** Ministry only: the clearance checks approval enforces. */
  @ApiPropertyOptional({
    type: ClearanceView,
    description: "Ministry views only (never the agency's): the clearance checks approval enforces, as they stand now.",
  })
  clearance?: ClearanceView;

  @ApiPropertyOptional({
    type: [OpenCase],
    description: "Ministry views only: the agency's open cases (complaints and inspections), oldest first, for the reviewer.",
  })
  openCases?: OpenCase[];

  @ApiPropertyOptional({
    enum: ['provisional', 'regular'],
    enumName: 'LicenseType',
    description:
      'Ministry views only, until decided: the type approval would issue or renew to (provisional first; regular on renewal after a clean provisional period).',
  })
  licenseTypeOnApproval?: 'provisional' | 'regular';

  @ApiPropertyOptional({ type: String, description: 'Ministry views only, until decided: why that type.' })
  licenseTypeWhy?: string;
}

export interface ApplicationMoveInput {
  version: number;
  /** return: what to fix. */
  items?: string[];
  /** reject: the reasons; approve, recommend: an optional note. */
  note?: string | null;
}

export interface ApplicationFilters {
  state?: ApplicationState;
  type?: ApplicationType;
  agencyId?: string;
}

const rolesOf = (actor: LicensingActor): Role[] => actor.roles.filter((r): r is Role => r !== 'system');

/**
 * License applications (new and renewal): drafts, their documents, the review moves of
 * application-transitions.ts (each with its event and audit entry, in one transaction, checked
 * against the version the caller read), the renewal window, and the clearance checks approval
 * enforces. Approval issues the license (new) or extends it (renewal) in the same transaction.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly licensing: LicensingService,
    private readonly escrow: EscrowService,
    private readonly documents: DocumentsService,
    private readonly clearanceSource: ClearanceSource,
    private readonly audit: AuditLog,
    private readonly deadlines: DeadlineService,
    private readonly notices: LicenseNotices,
  ) {}

  /** Opens a draft for the actor's agency. A renewal is for its live license and only inside the window. */
  async create(agencyId: string, type: ApplicationType, actor: LicensingActor): Promise<ApplicationDetailView> {
    const id = await this.db.transaction(async (m) => {
      let licenseId: string | null = null;
      if (type === 'renewal') {
        const live = await m.findOne(License, { where: { agencyId, state: In(['active', 'suspended']) } });
        if (!live) throw new ConflictException('no-license-to-renew', 'The agency holds no active license to renew.');
        await this.assertRenewalWindow(m, live);
        licenseId = live.id;
        const open = await m.findOne(LicenseApplication, {
          where: { licenseId, type: 'renewal', state: In(['draft', 'submitted', 'under_review', 'returned_for_correction', 'recommended']) },
        });
        if (open) throw new ConflictException('renewal-exists', 'A renewal of this license is already open.', { applicationId: open.id });
      }
      let app: LicenseApplication;
      try {
        app = await m.save(
          LicenseApplication,
          m.create(LicenseApplication, { agencyId, type, licenseId, state: 'draft', correctionItems: [], createdBy: actor.userId, version: 1 }),
        );
      } catch (e) {
        if (isUniqueViolation(e, 'uq_license_application_open_renewal'))
          throw new ConflictException('renewal-exists', 'A renewal of this license is already open.');
        throw e;
      }
      const auditActor = auditActorOf(actor, ['agency_admin']);
      // The escrow account opens with a new application, for the type it would be issued (provisional).
      if (type === 'new')
        await this.escrow.openAccount(m, agencyId, licenseTypeFor({ application: 'new' }).type, { actor: auditActor, correlationId: actor.correlationId });
      await this.recordEvent(m, app.id, 'create', null, 'draft', actor, { type }, this.clock.now());
      await this.audit.append(m, {
        actor: auditActor,
        action: 'agency.application.created',
        subjectType: SUBJECT,
        subjectId: app.id,
        changes: { agencyId, type, licenseId, state: { from: null, to: 'draft' } },
        correlationId: actor.correlationId,
      });
      return app.id;
    });
    return this.get(id, actor);
  }

  /**
   * The application for a document upload, locked, in the caller's transaction: the agency's own
   * (404 otherwise), while the agency may still change it (draft, returned for correction; 409).
   */
  async lockForUpload(m: EntityManager, id: string, actor: LicensingActor): Promise<LicenseApplication> {
    const app = await m.findOne(LicenseApplication, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!app || (actor.agencyId && app.agencyId !== actor.agencyId)) throw new NotFoundException('application');
    if (app.state !== 'draft' && app.state !== 'returned_for_correction') {
      throw new ConflictException(
        'application-locked',
        `Documents can be added only to a draft or an application returned for correction; this one is ${app.state}.`,
        {
          state: app.state,
          allowedActions: allowedApplicationActions(app.state),
        },
      );
    }
    return app;
  }

  /** Records a document upload as an application event (the upload's audit entry is the caller's). */
  async documentAdded(m: EntityManager, app: LicenseApplication, document: DocumentView, actor: LicensingActor): Promise<void> {
    await this.recordEvent(m, app.id, 'document', app.state, app.state, actor, { kind: document.kind, documentId: document.id }, this.clock.now());
  }

  /**
   * Moves an application through the transition table: 404 outside the agency's own, 409 naming
   * the allowed actions when the table has no such move, 409 with the specific reason when its
   * condition fails (missing documents, a closed renewal window, a failed clearance), 403 for a
   * role that may not, 409 stale-version when someone changed it since the caller read it.
   */
  async act(id: string, action: ApplicationAction, input: ApplicationMoveInput, actor: LicensingActor): Promise<ApplicationDetailView> {
    await this.db.transaction((m) => this.actIn(m, id, action, input, actor));
    if (action === 'approve' || action === 'reject') this.licensing.publicAnswersChanged();
    return this.get(id, actor);
  }

  private async actIn(m: EntityManager, id: string, action: ApplicationAction, input: ApplicationMoveInput, actor: LicensingActor): Promise<void> {
    const now = this.clock.now();
    const app = await m.findOne(LicenseApplication, { where: { id } });
    if (!app || (actor.agencyId && app.agencyId !== actor.agencyId)) throw new NotFoundException('application');
    const from = app.state;
    const t = APPLICATION_LIFECYCLE.find(from, action);
    const items = (input.items ?? []).map((s) => s.trim()).filter(Boolean);
    const clearanceChecks = t?.action === 'approve' ? (await this.clearance(m, app)).checks : [];
    const ctx: ApplicationGuardContext = {
      missingDocuments: t?.action === 'submit' ? await this.missingDocuments(m, app) : [],
      correctionItems: items,
      reasons: input.note ?? null,
      failedClearances: clearanceChecks.filter((c) => !c.ok).map((c) => c.check),
      clearanceChecks,
    };
    const row = APPLICATION_LIFECYCLE.decide(from, action, rolesOf(actor), ctx);
    // The first filing of a renewal must come inside its window; a resubmission continues it.
    const firstFiling = action === 'submit' && from === 'draft';
    if (firstFiling && app.type === 'renewal') {
      const license = await m.findOne(License, { where: { id: app.licenseId! } });
      await this.assertRenewalWindow(m, license!);
    }

    const to = row.to;
    const set: Partial<LicenseApplication> = { state: to };
    if (firstFiling) set.submittedAt = now;
    if (action === 'take') set.reviewerId = actor.userId;
    if (action === 'return') set.correctionItems = items;
    if (action === 'approve' || action === 'reject') {
      set.decidedAt = now;
      set.decisionReasons = input.note ?? null;
    }
    const result = await m
      .createQueryBuilder()
      .update(LicenseApplication)
      .set({ ...set, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version: input.version })
      .execute();
    if (!result.affected) {
      const current = await m.findOne(LicenseApplication, { where: { id } });
      throw new StaleVersionException('application', current?.version ?? app.version);
    }
    Object.assign(app, set, { version: input.version + 1 });

    const details: Record<string, unknown> = {};
    if (items.length) details.items = items;
    if (input.note) details.note = input.note;
    const changes: Record<string, unknown> = { state: { from, to }, version: { from: input.version, to: input.version + 1 }, ...details };

    if (action === 'approve') {
      // The license type rule (license-type-rule.ts); the escrow account follows the type.
      const rule = await this.typeOnApproval(m, app);
      const escrowActor = { actor: auditActorOf(actor, ['supervisor']), correlationId: actor.correlationId };
      if (app.type === 'new') {
        const license = await this.licensing.issueLicense(m, app.agencyId, rule.type, actor);
        await m.update(LicenseApplication, { id }, { licenseId: license.id });
        changes.license = { id: license.id, number: license.number, type: license.type, expiresOn: license.expiresOn, typeWhy: rule.why };
      } else {
        const license = await this.licensing.renewLicenseIn(m, app.licenseId!, actor, input.note ?? null, rule.type);
        changes.license = { id: license.id, number: license.number, type: license.type, expiresOn: license.expiresOn, typeWhy: rule.why };
      }
      await this.escrow.openAccount(m, app.agencyId, rule.type, escrowActor);
    }
    if (action === 'reject' && app.type === 'renewal') {
      // Rejected after the last day: nothing keeps the license any more; it expires now.
      const license = await m.findOne(License, { where: { id: app.licenseId! } });
      const calendar = await this.licensing.calendar(m);
      if (license && (license.state === 'active' || license.state === 'suspended') && now >= endOfDate(calendar, license.expiresOn)) {
        await this.licensing.expireIn(m, license.id, { userId: null, roles: ['system'], agencyId: null, correlationId: actor.correlationId }, now);
        changes.licenseExpired = license.number;
      }
    }
    await this.reviewDeadline(m, app, action, firstFiling);
    // The agency's admins are told when their application is returned, approved or rejected.
    const step = `${id}:${input.version + 1}`;
    if (action === 'return') await this.notices.toAgencyAdmins(m, app.agencyId, 'license.application-returned', { items: items.join('; ') }, step);
    if (action === 'reject') await this.notices.toAgencyAdmins(m, app.agencyId, 'license.application-rejected', { reasons: input.note?.trim() || '—' }, step);
    if (action === 'approve') {
      const issued = changes.license as { number: string; expiresOn: string };
      await this.notices.toAgencyAdmins(
        m,
        app.agencyId,
        'license.application-approved',
        { licenseNumber: issued.number, expiresOn: mailDate(issued.expiresOn) },
        step,
      );
    }
    await this.recordEvent(m, id, action, from, to, actor, Object.keys(details).length ? details : null, now);
    await this.audit.append(m, {
      actor: auditActorOf(actor, row.who),
      action: row.effects.audit,
      subjectType: SUBJECT,
      subjectId: id,
      changes,
      correlationId: actor.correlationId,
    });
  }

  /**
   * The review's deadline (license.application-review for a new license, license.renewal-decision
   * for a renewal): started at the first filing, assigned to the reviewer who takes it, paused
   * while returned for correction and resumed when resubmitted, met by the decision.
   */
  private async reviewDeadline(m: EntityManager, app: LicenseApplication, action: ApplicationAction, firstFiling: boolean): Promise<void> {
    const kind = app.type === 'renewal' ? RENEWAL_DECISION_KIND : APPLICATION_REVIEW_KIND;
    const open = await this.deadlines.findOpen(m, SUBJECT, app.id, kind);
    if (action === 'submit' && firstFiling) {
      const agency = await m.findOne(Agency, { where: { id: app.agencyId } });
      await this.deadlines.start(m, {
        kind,
        subjectType: SUBJECT,
        subjectId: app.id,
        label: `${app.type === 'renewal' ? 'Renewal' : 'License application'} of ${agency?.legalName ?? app.agencyId}: decision`,
        jurisdictionCode: this.config.get('licensing').LICENSING_JURISDICTION,
        assigneeUserId: app.reviewerId ?? null,
      });
      return;
    }
    if (!open) return;
    if (action === 'submit' && open.state === 'paused') await this.deadlines.resume(m, SUBJECT, app.id, kind);
    if (action === 'take') await this.deadlines.reassign(m, SUBJECT, app.id, kind, app.reviewerId ?? null);
    if (action === 'return' && open.state !== 'paused') await this.deadlines.pause(m, SUBJECT, app.id, kind);
    if (action === 'approve' || action === 'reject') await this.deadlines.meet(m, SUBJECT, app.id, kind);
  }

  /** 409 unless now is inside the license's renewal window (from its opening until the end of its last day). */
  private async assertRenewalWindow(m: EntityManager, license: License): Promise<void> {
    if (license.state !== 'active' && license.state !== 'suspended') {
      throw new ConflictException('license-not-renewable', `A ${license.state} license cannot be renewed.`, { state: license.state });
    }
    const calendar = await this.licensing.calendar(m);
    const now = this.clock.now();
    const closesAt = endOfDate(calendar, license.expiresOn);
    const { opensOn } = renewalWindowOf(license.expiresOn, this.config.get('licensing').LICENSING_RENEWAL_WINDOW_DAYS);
    const opensAt = DateTime.fromISO(opensOn, { zone: calendar.timeZone }).startOf('day').toJSDate();
    if (now > closesAt) {
      throw new ConflictException(
        'renewal-window-closed',
        `License ${license.number} expired at the end of ${license.expiresOn}: a renewal can no longer be filed; apply for a new license.`,
        {
          expiresOn: license.expiresOn,
          windowOpensOn: opensOn,
        },
      );
    }
    if (now < opensAt) {
      throw new ConflictException('renewal-window-not-open', `The renewal of license ${license.number} can be filed from ${opensOn}.`, {
        expiresOn: license.expiresOn,
        windowOpensOn: opensOn,
      });
    }
  }

  private async missingDocuments(m: EntityManager, app: LicenseApplication): Promise<string[]> {
    const have = await this.documents.kindsAttached(m, APPLICATION_OWNER_TYPE, app.id);
    return REQUIRED_APPLICATION_DOCUMENTS[app.type].filter((k) => !have.has(k));
  }

  /** The clearance checks approval enforces, as the reviewer sees them. */
  async clearance(m: EntityManager, app: LicenseApplication): Promise<ClearanceView> {
    const checks: ClearanceCheck[] = [];
    const position = await this.escrow.position(m, app.agencyId);
    checks.push({
      check: 'escrow',
      ok: position.meetsRequirement,
      detail: !position.open
        ? 'no escrow account opened'
        : position.meetsRequirement
          ? `balance ${position.balanceMinor} ${position.currency} meets the requirement ${position.requiredMinor}`
          : `balance ${position.balanceMinor} ${position.currency} is below the requirement ${position.requiredMinor} (short ${position.shortfallMinor})`,
    });
    const owed = await this.clearanceSource.outstanding(m, app.agencyId);
    const fines = owed.filter((o) => o.kind === 'unpaid-fine');
    const refunds = owed.filter((o) => o.kind === 'refund-order');
    checks.push({ check: 'unpaid-fines', ok: !fines.length, detail: fines.length ? `unpaid: ${fines.map((f) => f.reference).join(', ')}` : 'none' });
    checks.push({ check: 'refund-orders', ok: !refunds.length, detail: refunds.length ? `open: ${refunds.map((f) => f.reference).join(', ')}` : 'none' });
    if (app.type === 'renewal') {
      const license = await m.findOne(License, { where: { id: app.licenseId! } });
      const pending = await this.clearanceSource.pendingRevocations(m, app.agencyId);
      const active = license?.state === 'active';
      checks.push({
        check: 'no-revocation-pending',
        ok: active && !pending.length,
        detail: !active
          ? `the license is ${license?.state ?? 'missing'}`
          : pending.length
            ? `revocation pending: ${pending.join('; ')}`
            : 'the license is active and no revocation is pending',
      });
    } else if (app.state !== 'approved') {
      const live = await m.findOne(License, { where: { agencyId: app.agencyId, state: In(['active', 'suspended']) } });
      checks.push({ check: 'no-live-license', ok: !live, detail: live ? `the agency already holds license ${live.number} (${live.state})` : 'none' });
      const disqualified = await this.disqualifications(m, app.agencyId);
      checks.push({
        check: 'not-disqualified',
        ok: !disqualified.length,
        detail: disqualified.length
          ? disqualified
              .map(
                (d) =>
                  `${d.via === 'agency' ? 'the agency' : `${d.via.person} (owner or officer)`}: license ${d.licenseNumber} revoked ${d.revokedAt.toISOString().slice(0, 10)}, disqualified until ${d.until.toISOString().slice(0, 10)}`,
              )
              .join('; ')
          : 'none',
      });
    }
    return { cleared: checks.every((c) => c.ok), checks };
  }

  /**
   * The type approval gives (license-type-rule.ts): provisional on a new application; on a renewal
   * of a provisional license, regular when the provisional period had no violation decided against
   * the agency and no suspension of the license, provisional otherwise; regular stays regular.
   */
  async typeOnApproval(m: EntityManager, app: LicenseApplication): Promise<LicenseTypeDecision> {
    if (app.type === 'new') return licenseTypeFor({ application: 'new' });
    const license = await m.findOne(License, { where: { id: app.licenseId! } });
    if (!license) throw new NotFoundException('license');
    const calendar = await this.licensing.calendar(m);
    const since = DateTime.fromISO(license.issuedOn, { zone: calendar.timeZone }).startOf('day').toJSDate();
    const violations = license.type === 'provisional' ? await this.clearanceSource.violationsSince(m, app.agencyId, since) : [];
    if (license.type === 'provisional') {
      const suspensions = (await m.query(`SELECT at FROM license_event WHERE license_id = $1 AND action = 'suspend' AND at >= $2 ORDER BY at`, [
        license.id,
        since,
      ])) as { at: Date }[];
      violations.push(...suspensions.map((x) => `license suspended on ${new Date(x.at).toISOString().slice(0, 10)}`));
    }
    return licenseTypeFor({ application: 'renewal', current: license.type, violationsInPeriod: violations });
  }

  /** Revocations within LICENSING_DISQUALIFICATION_YEARS of the agency itself or of agencies sharing an owner or officer with it. */
  private async disqualifications(m: EntityManager, agencyId: string) {
    const years = this.config.get('licensing').LICENSING_DISQUALIFICATION_YEARS;
    if (years === 0) return [];
    const now = this.clock.now();
    const peopleOf = (p: AgencyProfile | null | undefined) => [...(p?.owners ?? []).map((o) => o.name), ...(p?.officers ?? []).map((o) => o.name)];
    const revocations = await revocationsWithin(m, now, years);
    if (!revocations.length) return [];
    const profile = await m.findOne(AgencyProfile, { where: { agencyId } });
    return disqualificationsOf({ agencyId, people: peopleOf(profile) }, revocations, years, now);
  }

  /** One application with its checklist, documents and events (and, for the ministry, its clearance). 404 outside the agency's own. */
  async get(id: string, actor: LicensingActor, m: EntityManager = this.db.manager): Promise<ApplicationDetailView> {
    const app = await m.findOne(LicenseApplication, { where: { id }, relations: { agency: true, license: true } });
    if (!app || (actor.agencyId && app.agencyId !== actor.agencyId)) throw new NotFoundException('application');
    const [docs, events, missing] = await readTogether(m, [
      () => this.documents.list(APPLICATION_OWNER_TYPE, app.id, { pageSize: 100 }, m),
      () => m.find(LicenseApplicationEvent, { where: { applicationId: id }, order: { id: 'ASC' } }),
      () => this.missingDocuments(m, app),
    ] as const);
    const ministry = !actor.agencyId;
    return {
      ...this.viewOf(app),
      checklist: REQUIRED_APPLICATION_DOCUMENTS[app.type].map((kind) => ({ kind, uploaded: docs.items.filter((d) => d.kind === kind).length })),
      missingDocuments: missing,
      documents: docs.items,
      events: events.map((e) => ({
        action: e.action,
        from: e.fromState,
        to: e.toState,
        actorId: e.actorId,
        actorRole: e.actorRole,
        details: e.details as ApplicationEventDetails | null,
        at: e.at.toISOString(),
      })),
      ...(ministry ? await this.ministryExtras(m, app) : {}),
    };
  }

  /** What only the ministry sees: the clearance, the agency's open cases and, until decided, the type approval would give. */
  private async ministryExtras(
    m: EntityManager,
    app: LicenseApplication,
  ): Promise<Pick<ApplicationDetailView, 'clearance' | 'openCases' | 'licenseTypeOnApproval' | 'licenseTypeWhy'>> {
    const decided = app.state === 'approved' || app.state === 'rejected';
    const rule = decided ? null : await this.typeOnApproval(m, app);
    return {
      clearance: await this.clearance(m, app),
      openCases: await this.clearanceSource.openCases(m, app.agencyId),
      ...(rule ? { licenseTypeOnApproval: rule.type, licenseTypeWhy: rule.why } : {}),
    };
  }

  async list(filters: ApplicationFilters, page: PageQuery): Promise<Page<ApplicationView>> {
    const qb = this.db.manager.createQueryBuilder(LicenseApplication, 'a');
    if (filters.state) qb.andWhere('a.state = :state', { state: filters.state });
    if (filters.type) qb.andWhere('a.type = :type', { type: filters.type });
    if (filters.agencyId) qb.andWhere('a.agency_id = :agencyId', { agencyId: filters.agencyId });
    const { total, capped } = await cappedCount(qb);
    // The joins are many-to-one: SQL's OFFSET/LIMIT page the applications themselves (TypeORM's
    // skip/take would wrap the query in a DISTINCT over every application).
    const rows = await qb
      .innerJoinAndSelect('a.agency', 'agency')
      .leftJoinAndSelect('a.license', 'license')
      .orderBy('a.updatedAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .offset(pageOffset(page))
      .limit(page.pageSize)
      .getMany();
    return {
      ...pageOf(
        rows.map((a) => this.viewOf(a)),
        total,
        page,
      ),
      totalCapped: capped,
    };
  }

  private viewOf(a: LicenseApplication): ApplicationView {
    return {
      id: a.id,
      agencyId: a.agencyId,
      agencyName: (a.agency as Agency | undefined)?.legalName ?? '',
      type: a.type,
      state: a.state,
      licenseId: a.licenseId,
      licenseNumber: a.license?.number ?? null,
      reviewerId: a.reviewerId,
      correctionItems: a.correctionItems,
      decisionReasons: a.decisionReasons,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
      version: a.version,
      allowedActions: allowedApplicationActions(a.state),
    };
  }

  private async recordEvent(
    m: EntityManager,
    applicationId: string,
    action: string,
    from: string | null,
    to: string,
    actor: LicensingActor,
    details: Record<string, unknown> | null,
    at: Date,
  ) {
    const a = auditActorOf(actor);
    await m.save(
      LicenseApplicationEvent,
      m.create(LicenseApplicationEvent, {
        applicationId,
        action,
        fromState: from,
        toState: to,
        actorId: a === 'system' ? null : (a.id ?? null),
        actorRole: a === 'system' ? 'system' : a.role,
        details,
        at,
      }),
    );
  }
}
