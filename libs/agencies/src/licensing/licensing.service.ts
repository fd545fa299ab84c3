import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import {
  Clock,
  ConfigService,
  ConflictException,
  NotFoundException,
  Page,
  StaleVersionException,
  PageQuery,
  WorkCalendar,
  endOfLocalDay,
  localDateOf,
  pageOf,
  pageOffset,
} from '@app/common';
import { CalendarsService, DeadlineService } from '@app/deadlines';
import { Agency } from '../agency.entity';
import { AgencyProfile } from './entities/agency-profile.entity';
import { LicenseEvent } from './entities/license-event.entity';
import { LICENSE_STATES, LICENSE_TYPES, License, LicenseState, LicenseType } from './entities/license.entity';
import { AgencyHolds, RenewalStatus } from './extension-points';
import { LICENSE_ACTIONS, LICENSE_LIFECYCLE, LicenseAction, LicenseGuardContext, humanActions } from './license-transitions';
import { formatLicenseNumber } from './license-number';
import { LicensingActor, auditActorOf, systemActor } from './licensing-actor';
import { PublicAnswerCache } from './public-answer-cache';
import { LicenseNotices } from './license-notices';
import { mailDateIn } from '@app/notifications';
import { LICENSE_RENEWAL_REMINDER_KIND, firstReminderAt, renewalReminderDays } from './renewal-reminders';
import { isUniqueViolation } from '@app/database';

export const LICENSE_EXPIRY_KIND = 'license.expiry';
export const LICENSE_SUSPENSION_END_KIND = 'license.suspension-end';
const SUBJECT = 'license';

/** The events a license's history holds: its issue and renewals, and every move of the transition table. */
export const LICENSE_EVENT_ACTIONS = ['issue', 'renew', ...LICENSE_ACTIONS] as const;

export class LicenseView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.', description: "The agency's legal name now." })
  agencyName: string;

  @ApiProperty({ example: 'PH-LRA-2026-00042-7', description: 'Prefix, year of issue, serial and a check digit (Damm); what the public verifies.' })
  number: string;

  @ApiProperty({
    enum: LICENSE_TYPES,
    enumName: 'LicenseType',
    example: 'regular',
    description: "`provisional` for an agency's first license, `regular` otherwise.",
  })
  type: LicenseType;

  @ApiProperty({ enum: LICENSE_STATES, enumName: 'LicenseState', example: 'active', description: 'Revoked, surrendered and expired are final.' })
  state: LicenseState;

  /** First day of validity (jurisdiction's calendar). */
  @ApiProperty({ format: 'date', example: '2026-03-02', description: "First day of validity, in the jurisdiction's calendar." })
  issuedOn: string;

  /** Last day of validity. */
  @ApiProperty({ format: 'date', example: '2030-03-01', description: 'Last day of validity (a renewal moves it).' })
  expiresOn: string;

  /** The instant it expires: the end of expiresOn in the jurisdiction's time zone. */
  @ApiProperty({
    format: 'date-time',
    example: '2030-03-01T15:59:59.999Z',
    description: "The instant it expires: the end of `expiresOn` in the jurisdiction's time zone, in UTC.",
  })
  expiresAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'While suspended: when the suspension lifts by itself. Null otherwise.' })
  suspendedUntil: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Send it back with a move (suspend, reinstate, revoke, surrender).' })
  version: number;

  /** What people may do to it now (the transition table, from its state). */
  @ApiProperty({
    enum: LICENSE_ACTIONS,
    enumName: 'LicenseAction',
    isArray: true,
    example: ['suspend', 'revoke', 'surrender'],
    description: 'What people may do to it now, from its state (whoever the caller is); empty when final.',
  })
  allowedActions: LicenseAction[];
}

/** One entry of a license's history. */
export class LicenseEventView {
  @ApiProperty({
    enum: LICENSE_EVENT_ACTIONS,
    enumName: 'LicenseEventAction',
    example: 'suspend',
    description: "`issue`, `renew`, or a move of the transition table (`lift` and `expire` are the system's).",
  })
  action: string;

  @ApiProperty({ enum: [...LICENSE_STATES], nullable: true, description: 'The state before (a LicenseState); null for the issue.' })
  from: string | null;

  @ApiProperty({ enum: LICENSE_STATES, enumName: 'LicenseState', description: 'The state after.' })
  to: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who acted; null when the system did (a deadline).' })
  actorId: string | null;

  @ApiProperty({ example: 'supervisor', description: 'The role the actor acted in, or `system`.' })
  actorRole: string;

  @ApiProperty({ type: String, nullable: true, description: 'The reason given with the move (internal: never shown publicly); null when none.' })
  reason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'For a suspension: when it was to end. Null otherwise.' })
  until: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

/** When a renewal of the license may be filed. */
export class RenewalWindowView {
  @ApiProperty({
    format: 'date',
    example: '2029-11-01',
    description:
      "The first day a renewal may be filed (from its start, in the ministry's time zone): `LICENSING_RENEWAL_WINDOW_DAYS` days before the expiry date.",
  })
  opensOn: string;

  @ApiProperty({
    format: 'date',
    example: '2030-03-01',
    description: 'The last day (until its end): the expiry date. After it, only a new license can be applied for.',
  })
  closesOn: string;
}

/** A license with its whole history. */
export class LicenseDetailView extends LicenseView {
  @ApiProperty({ type: [LicenseEventView], description: 'Its history, oldest first.' })
  events: LicenseEventView[];

  @ApiProperty({
    type: RenewalWindowView,
    nullable: true,
    description: 'When a renewal may be filed, for a live (active or suspended) license; null for an expired, revoked or surrendered one.',
  })
  renewalWindow: RenewalWindowView | null;
}

/** The renewal window of a license expiring on `expiresOn` (a date): it opens `days` days before and closes with the expiry date. */
export const renewalWindowOf = (expiresOn: string, days: number): RenewalWindowView => ({
  opensOn: DateTime.fromISO(expiresOn).minus({ days }).toISODate()!,
  closesOn: expiresOn,
});

/** Why an agency may not place workers. */
export const PLACEMENT_REFUSALS = ['no-license', 'suspended', 'expired', 'revoked', 'surrendered', 'on-hold'] as const;
export type PlacementRefusal = (typeof PLACEMENT_REFUSALS)[number];

/** "May this agency place workers?", with the reason when not. */
export class PlacementEligibility {
  @ApiProperty({ example: true })
  allowed: boolean;

  @ApiPropertyOptional({
    enum: PLACEMENT_REFUSALS,
    enumName: 'PlacementRefusal',
    example: 'suspended',
    description:
      'Only when not allowed. `no-license`: never licensed, or before its first day; `revoked`, `surrendered`, `expired`: that state, or `expired` past the end of its last day with no renewal pending; `suspended`: suspended at that instant; `on-hold`: a processing hold (`hold` names it).',
  })
  reason?: PlacementRefusal;

  /** The hold's own reason when `reason` is on-hold (e.g. escrow-below-requirement). */
  @ApiPropertyOptional({ example: 'escrow-below-requirement', description: "Only with `on-hold`: the hold's own reason." })
  hold?: string;

  @ApiPropertyOptional({
    example: 'PH-LRA-2026-00042-7',
    description: 'The number of the license the answer is about (the live one, else the latest); absent when the agency never had one.',
  })
  licenseNumber?: string;
}

export interface LicenseFilters {
  state?: LicenseState;
  type?: LicenseType;
  agencyId?: string;
  /** A license number (exact or prefix) or part of the agency's legal name. */
  q?: string;
  /** Only licenses whose last day is on or before this date (YYYY-MM-DD): the renewal queue. */
  expiresOnOrBefore?: string;
}

export interface TransitionInput {
  /** The version the caller read; omitted only by the system, which reads it under lock. */
  version?: number;
  reason?: string | null;
  /** For suspend: when the suspension ends. */
  until?: Date | null;
}

export { StaleVersionException };

/** The last millisecond of a local date in the calendar's zone. */
export function endOfDate(calendar: WorkCalendar, date: string): Date {
  const noon = DateTime.fromISO(date, { zone: calendar.timeZone }).set({ hour: 12 });
  return endOfLocalDay(calendar, noon.toJSDate());
}

const startOfDate = (calendar: WorkCalendar, date: string): Date => DateTime.fromISO(date, { zone: calendar.timeZone }).startOf('day').toJSDate();

/**
 * The license core: issue, the lifecycle moves of the transition table (each with its event,
 * deadlines and audit entry in one transaction), reads, and "may this agency place workers?".
 * Methods ending in `In` take the caller's EntityManager; the others open their own transaction.
 */
@Injectable()
export class LicensingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly calendars: CalendarsService,
    private readonly deadlines: DeadlineService,
    private readonly audit: AuditLog,
    private readonly renewals: RenewalStatus,
    private readonly holds: AgencyHolds,
    private readonly publicCache: PublicAnswerCache,
    private readonly notices: LicenseNotices,
  ) {}

  /** The calendar whose time zone ends a license's days. */
  calendar(m: EntityManager = this.db.manager): Promise<WorkCalendar> {
    return this.calendars.calendarOf(this.config.get('licensing').LICENSING_JURISDICTION, m);
  }

  /**
   * Issues a license to an agency, active from today (or from `issuedOn`, for licenses issued
   * before this system), valid for the type's years (settings) up to the day before the
   * anniversary, and starts its expiry deadline. 409 while the agency holds a live license.
   */
  async issueLicense(m: EntityManager, agencyId: string, type: LicenseType, actor: LicensingActor, options: { issuedOn?: string } = {}): Promise<LicenseView> {
    const settings = this.config.get('licensing');
    const agency = await m.findOne(Agency, { where: { id: agencyId } });
    if (!agency) throw new NotFoundException('agency');
    const live = await m.findOne(License, { where: { agencyId, state: In(['active', 'suspended']) } });
    if (live)
      throw new ConflictException('license-exists', `The agency already holds license ${live.number} (${live.state}).`, {
        licenseId: live.id,
        number: live.number,
      });

    const now = this.clock.now();
    const calendar = await this.calendar(m);
    const issuedOn = options.issuedOn ?? localDateOf(calendar, now);
    const years = type === 'provisional' ? settings.LICENSING_PROVISIONAL_VALIDITY_YEARS : settings.LICENSING_REGULAR_VALIDITY_YEARS;
    const expiresOn = DateTime.fromISO(issuedOn).plus({ years }).minus({ days: 1 }).toISODate()!;
    const [{ serial }] = (await m.query(`SELECT nextval('license_serial_seq')::bigint::text AS serial`)) as { serial: string }[];
    const number = formatLicenseNumber(settings.LICENSING_NUMBER_PREFIX, Number(issuedOn.slice(0, 4)), Number(serial));

    let license: License;
    try {
      license = await m.save(License, m.create(License, { agencyId, number, type, state: 'active', issuedOn, expiresOn, suspendedUntil: null, version: 1 }));
    } catch (e) {
      if (isUniqueViolation(e, 'uq_license_agency_live')) throw new ConflictException('license-exists', 'The agency already holds a live license.');
      throw e;
    }
    await m.createQueryBuilder().insert().into(AgencyProfile).values({ agencyId }).orIgnore().execute();
    const auditActor = auditActorOf(actor, ['supervisor']);
    await this.recordEvent(m, license, 'issue', null, 'active', auditActor, null, null, now);
    await this.deadlines.start(m, {
      kind: LICENSE_EXPIRY_KIND,
      subjectType: SUBJECT,
      subjectId: license.id,
      label: `License ${number} (${agency.legalName}): expiry`,
      jurisdictionCode: settings.LICENSING_JURISDICTION,
      startAt: now,
      dueAt: endOfDate(calendar, expiresOn),
    });
    await this.startRenewalReminders(m, license, agency.legalName, calendar, now);
    await this.audit.append(m, {
      actor: auditActor,
      action: 'agency.license.issued',
      subjectType: SUBJECT,
      subjectId: license.id,
      changes: { agencyId, number, type, issuedOn, expiresOn, state: { from: null, to: 'active' } },
      correlationId: actor.correlationId,
    });
    return this.viewOf(license, agency.legalName, calendar);
  }

  /** The agencies holding a live (active or suspended) license: those a routine inspection covers. */
  async licensedAgencyIds(m: EntityManager = this.db.manager): Promise<string[]> {
    return (await m.find(License, { where: { state: In(['active', 'suspended']) }, select: { agencyId: true }, order: { agencyId: 'ASC' } })).map(
      (l) => l.agencyId,
    );
  }

  /** After a transaction of another module changed licenses (an approved or rejected application): public answers are rebuilt. */
  publicAnswersChanged(): void {
    this.publicCache.clear();
  }

  /** `issueLicense` in a transaction of its own. */
  async issue(agencyId: string, type: LicenseType, actor: LicensingActor): Promise<LicenseView> {
    const view = await this.db.transaction((m) => this.issueLicense(m, agencyId, type, actor));
    this.publicCache.clear();
    return view;
  }

  /** A person's move (suspend, reinstate, revoke, surrender), in a transaction of its own. */
  async act(licenseId: string, action: LicenseAction, input: TransitionInput, actor: LicensingActor): Promise<LicenseDetailView> {
    await this.db.transaction((m) => this.transitionIn(m, licenseId, action, input, actor));
    this.publicCache.clear();
    return this.get(licenseId);
  }

  /**
   * Moves a license through the transition table, in the caller's transaction: checks the move
   * (409 naming the allowed actions when the table has no such move or its condition fails; 403
   * when the actor's role may not), writes it with the version check (409 stale-version when
   * someone else changed the license since the caller read it), records the event, starts or
   * closes the deadlines it implies, and appends the audit entry.
   */
  async transitionIn(
    m: EntityManager,
    licenseId: string,
    action: LicenseAction,
    input: TransitionInput,
    actor: LicensingActor,
    options: { now?: Date } = {},
  ): Promise<License> {
    const now = options.now ?? this.clock.now();
    const system = actor.roles.includes('system');
    // The system reads under lock (it sends no version); people's writes check the version they read.
    const l = await m.findOne(License, { where: { id: licenseId }, ...(system ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!l || (actor.agencyId && l.agencyId !== actor.agencyId)) throw new NotFoundException('license');
    const calendar = await this.calendar(m);
    const ctx: LicenseGuardContext = {
      now,
      expiresAt: endOfDate(calendar, l.expiresOn),
      suspendedUntil: l.suspendedUntil,
      requestedUntil: input.until ?? null,
      renewalPending: action === 'expire' ? await this.renewals.renewalPending(m, l.id) : false,
    };
    const row = LICENSE_LIFECYCLE.decide(l.state, action, actor.roles, ctx);
    const to = row.to;
    const from = l.state;
    const suspendedUntil = to === 'suspended' ? input.until! : null;
    const version = input.version ?? l.version;
    const result = await m
      .createQueryBuilder()
      .update(License)
      .set({ state: to, suspendedUntil, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: l.id, version })
      .execute();
    if (!result.affected) {
      const current = await m.findOne(License, { where: { id: l.id } });
      throw new StaleVersionException('license', current?.version ?? l.version);
    }
    Object.assign(l, { state: to, suspendedUntil, version: version + 1 });

    const auditActor = auditActorOf(actor, row.who);
    await this.recordEvent(m, l, action, from, to, auditActor, input.reason ?? null, suspendedUntil, now);
    await this.deadlineEffects(m, l, action, from, to, now);
    await this.audit.append(m, {
      actor: auditActor,
      action: row.effects.audit,
      subjectType: SUBJECT,
      subjectId: l.id,
      changes: {
        number: l.number,
        state: { from, to },
        version: { from: version, to: version + 1 },
        ...(input.reason ? { reason: input.reason } : {}),
        ...(suspendedUntil ? { suspendedUntil: suspendedUntil.toISOString() } : {}),
      },
      correlationId: actor.correlationId,
    });
    // The agency's admins are told of a suspension (also a further one), its end, and a revocation.
    const step = `${l.id}:${version + 1}`;
    if (to === 'suspended')
      await this.notices.toAgencyAdmins(
        m,
        l.agencyId,
        'license.suspended',
        { licenseNumber: l.number, until: mailDateIn(suspendedUntil!, calendar.timeZone), reason: input.reason ?? '—' },
        step,
      );
    if (from === 'suspended' && to === 'active') await this.notices.toAgencyAdmins(m, l.agencyId, 'license.reinstated', { licenseNumber: l.number }, step);
    if (to === 'revoked') await this.notices.toAgencyAdmins(m, l.agencyId, 'license.revoked', { licenseNumber: l.number, reason: input.reason ?? '—' }, step);
    return l;
  }

  /**
   * The deadlines a move starts or closes. Not the deadline that makes the move: `lift` and
   * `expire` are made by license.suspension-end and license.expiry firing, and the deadline engine
   * closes those from their handler's outcome (`acted`).
   */
  private async deadlineEffects(m: EntityManager, l: License, action: LicenseAction, from: LicenseState, to: LicenseState, now: Date) {
    const closeSuspension = (how: 'meet' | 'cancel') =>
      how === 'meet'
        ? this.deadlines.meet(m, SUBJECT, l.id, LICENSE_SUSPENSION_END_KIND)
        : this.deadlines.cancel(m, SUBJECT, l.id, LICENSE_SUSPENSION_END_KIND);
    if (to === 'suspended') {
      // A further (consecutive) suspension replaces the running deadline by one at its new end.
      // From active, none is open (a lifted suspension's deadline was closed by the engine when it
      // acted); one left breached by a lift from before the engine did so is closed here.
      await closeSuspension(from === 'suspended' ? 'cancel' : 'meet');
      await this.deadlines.start(m, {
        kind: LICENSE_SUSPENSION_END_KIND,
        subjectType: SUBJECT,
        subjectId: l.id,
        label: `License ${l.number}: end of suspension`,
        jurisdictionCode: this.config.get('licensing').LICENSING_JURISDICTION,
        startAt: now,
        dueAt: l.suspendedUntil!,
      });
      return;
    }
    if (from === 'suspended' && action !== 'lift') await closeSuspension(action === 'reinstate' ? 'meet' : 'cancel');
    if (to === 'revoked' || to === 'surrendered') await this.deadlines.cancel(m, SUBJECT, l.id, LICENSE_EXPIRY_KIND);
    if (to === 'revoked' || to === 'surrendered' || to === 'expired') await this.deadlines.cancel(m, SUBJECT, l.id, LICENSE_RENEWAL_REMINDER_KIND);
  }

  private async recordEvent(
    m: EntityManager,
    l: License,
    action: string,
    from: LicenseState | null,
    to: LicenseState,
    actor: AuditActor,
    reason: string | null,
    until: Date | null,
    at: Date,
  ) {
    await m.insert(LicenseEvent, {
      licenseId: l.id,
      action,
      fromState: from,
      toState: to,
      actorId: actor === 'system' ? null : (actor.id ?? null),
      actorRole: actor === 'system' ? 'system' : actor.role,
      reason,
      until,
      at,
    });
  }

  /**
   * Extends a license by its type's validity (new last day = old last day + the years), in the
   * caller's transaction: an approved renewal. Only an active license (a clearance check); its
   * expiry deadline is closed and a new one started at the new end; a `renew` event and the
   * audit entry `agency.license.renewed`.
   */
  async renewLicenseIn(m: EntityManager, licenseId: string, actor: LicensingActor, reason: string | null, type?: LicenseType): Promise<License> {
    const settings = this.config.get('licensing');
    const l = await m.findOne(License, { where: { id: licenseId }, lock: { mode: 'pessimistic_write' } });
    if (!l) throw new NotFoundException('license');
    if (l.state !== 'active') throw new ConflictException('license-not-renewable', `A ${l.state} license cannot be renewed.`, { state: l.state });
    const now = this.clock.now();
    // The type the renewal gives (the license type rule, decided by the caller); validity by that type.
    const fromType = l.type;
    const toType = type ?? l.type;
    const years = toType === 'provisional' ? settings.LICENSING_PROVISIONAL_VALIDITY_YEARS : settings.LICENSING_REGULAR_VALIDITY_YEARS;
    const fromExpires = l.expiresOn;
    const expiresOn = DateTime.fromISO(fromExpires).plus({ years }).toISODate()!;
    await m.update(License, { id: l.id }, { expiresOn, type: toType, version: l.version + 1 });
    Object.assign(l, { expiresOn, type: toType, version: l.version + 1 });
    const auditActor = auditActorOf(actor, ['supervisor']);
    await this.recordEvent(m, l, 'renew', 'active', 'active', auditActor, reason, null, now);
    // The old deadline may be pending (renewed before expiry) or breached (deferred past it).
    await this.deadlines.meet(m, SUBJECT, l.id, LICENSE_EXPIRY_KIND);
    const calendar = await this.calendar(m);
    const agency = await m.findOne(Agency, { where: { id: l.agencyId } });
    await this.deadlines.start(m, {
      kind: LICENSE_EXPIRY_KIND,
      subjectType: SUBJECT,
      subjectId: l.id,
      label: `License ${l.number} (${agency?.legalName ?? l.agencyId}): expiry`,
      jurisdictionCode: settings.LICENSING_JURISDICTION,
      startAt: now,
      dueAt: endOfDate(calendar, expiresOn),
    });
    await this.deadlines.meet(m, SUBJECT, l.id, LICENSE_RENEWAL_REMINDER_KIND);
    await this.startRenewalReminders(m, l, agency?.legalName ?? l.agencyId, calendar, now);
    await this.audit.append(m, {
      actor: auditActor,
      action: 'agency.license.renewed',
      subjectType: SUBJECT,
      subjectId: l.id,
      changes: {
        number: l.number,
        expiresOn: { from: fromExpires, to: expiresOn },
        ...(fromType !== toType ? { type: { from: fromType, to: toType } } : {}),
        version: { from: l.version - 1, to: l.version },
      },
      correlationId: actor.correlationId,
    });
    this.publicCache.clear();
    return l;
  }

  /** The renewal reminders of one validity (license.renewal-reminder): due at the first reminder day. */
  private async startRenewalReminders(m: EntityManager, l: License, agencyName: string, calendar: WorkCalendar, now: Date) {
    const days = renewalReminderDays(this.config);
    if (!days.length) return;
    await this.deadlines.start(m, {
      kind: LICENSE_RENEWAL_REMINDER_KIND,
      subjectType: SUBJECT,
      subjectId: l.id,
      label: `License ${l.number} (${agencyName}): renewal reminders`,
      jurisdictionCode: this.config.get('licensing').LICENSING_JURISDICTION,
      startAt: now,
      dueAt: firstReminderAt(calendar, l.expiresOn, days),
    });
  }

  /**
   * Expires a license by a decision rather than by its deadline (a renewal rejected after the
   * last day; the demo data), in the caller's transaction: the expiry deadline (breached while the
   * renewal was pending, or still pending) is met. When license.expiry fires, `expireByDeadline`
   * expires it and the engine closes that deadline.
   */
  async expireIn(m: EntityManager, licenseId: string, actor: LicensingActor, now?: Date): Promise<License> {
    const l = await this.transitionIn(m, licenseId, 'expire', {}, actor, { now });
    await this.deadlines.meet(m, SUBJECT, l.id, LICENSE_EXPIRY_KIND);
    return l;
  }

  /**
   * The license.suspension-end deadline: lifts the suspension when it is still the one the
   * deadline was started for (a reinstated or revoked license is left alone).
   */
  async liftByDeadline(m: EntityManager, licenseId: string, now: Date, correlationId: string): Promise<boolean> {
    const l = await m.findOne(License, { where: { id: licenseId } });
    if (!l || l.state !== 'suspended' || !l.suspendedUntil || l.suspendedUntil > now) return false;
    await this.transitionIn(m, licenseId, 'lift', {}, systemActor(correlationId), { now });
    this.publicCache.clear();
    return true;
  }

  /**
   * The license.expiry deadline: expires the license at the end of its last day, unless a
   * renewal is pending (then only the deferral is audited; the renewal's decision settles it).
   */
  async expireByDeadline(m: EntityManager, licenseId: string, now: Date, correlationId: string): Promise<'expired' | 'deferred' | 'nothing'> {
    const l = await m.findOne(License, { where: { id: licenseId } });
    if (!l || (l.state !== 'active' && l.state !== 'suspended')) return 'nothing';
    if (await this.renewals.renewalPending(m, l.id)) {
      await this.audit.append(m, {
        actor: 'system',
        action: 'agency.license.expiry-deferred',
        subjectType: SUBJECT,
        subjectId: l.id,
        changes: { number: l.number, expiresOn: l.expiresOn, why: 'renewal pending' },
        correlationId,
      });
      return 'deferred';
    }
    await this.transitionIn(m, licenseId, 'expire', {}, systemActor(correlationId), { now });
    this.publicCache.clear();
    return 'expired';
  }

  /** One license with its events. */
  async get(licenseId: string, m: EntityManager = this.db.manager): Promise<LicenseDetailView> {
    const l = await m.findOne(License, { where: { id: licenseId }, relations: { agency: true } });
    if (!l) throw new NotFoundException('license');
    return this.detailOf(m, l);
  }

  /** The agency's current license (its live one, else its latest) with events, or null. */
  async currentOf(agencyId: string, m: EntityManager = this.db.manager): Promise<LicenseDetailView | null> {
    const l = await this.currentLicense(m, agencyId);
    if (!l) return null;
    l.agency = (await m.findOne(Agency, { where: { id: agencyId } })) ?? undefined;
    return this.detailOf(m, l);
  }

  async list(filters: LicenseFilters, page: PageQuery): Promise<Page<LicenseView>> {
    const qb = this.db.manager.createQueryBuilder(License, 'l').innerJoinAndSelect('l.agency', 'a');
    if (filters.state) qb.andWhere('l.state = :state', { state: filters.state });
    if (filters.type) qb.andWhere('l.type = :type', { type: filters.type });
    if (filters.agencyId) qb.andWhere('l.agency_id = :agencyId', { agencyId: filters.agencyId });
    if (filters.expiresOnOrBefore) qb.andWhere('l.expires_on <= :exp', { exp: filters.expiresOnOrBefore });
    if (filters.q) {
      const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(l.number ILIKE :like OR a.legal_name ILIKE :like)', { like });
    }
    const [rows, total] = await qb
      // Property names, not columns: TypeORM pages joined queries by them.
      .orderBy('l.expiresOn', 'ASC')
      .addOrderBy('l.number', 'ASC')
      .skip(pageOffset(page))
      .take(page.pageSize)
      .getManyAndCount();
    const calendar = await this.calendar();
    return pageOf(
      rows.map((l) => this.viewOf(l, l.agency!.legalName, calendar)),
      total,
      page,
    );
  }

  /**
   * "May this agency place workers today (or at `at`)?": only with a license that is active at
   * that instant (issued, not past the end of its last day unless a renewal is pending, not
   * suspended then) and no processing hold. The reason says why not.
   */
  async mayPlaceWorkers(agencyId: string, at?: Date, m: EntityManager = this.db.manager): Promise<PlacementEligibility> {
    const when = at ?? this.clock.now();
    const l = await this.currentLicense(m, agencyId);
    if (!l) return { allowed: false, reason: 'no-license' };
    const licenseNumber = l.number;
    if (l.state === 'revoked' || l.state === 'surrendered' || l.state === 'expired') return { allowed: false, reason: l.state, licenseNumber };
    const calendar = await this.calendar(m);
    if (when < startOfDate(calendar, l.issuedOn)) return { allowed: false, reason: 'no-license', licenseNumber };
    if (l.state === 'suspended' && (!l.suspendedUntil || when < l.suspendedUntil)) return { allowed: false, reason: 'suspended', licenseNumber };
    if (when > endOfDate(calendar, l.expiresOn) && !(await this.renewals.renewalPending(m, l.id))) return { allowed: false, reason: 'expired', licenseNumber };
    const hold = await this.holds.activeHold(m, agencyId);
    if (hold) return { allowed: false, reason: 'on-hold', hold, licenseNumber };
    return { allowed: true, licenseNumber };
  }

  /** The agency's live license, or else its most recent one. */
  private currentLicense(m: EntityManager, agencyId: string): Promise<License | null> {
    return m
      .createQueryBuilder(License, 'l')
      .where('l.agency_id = :agencyId', { agencyId })
      .orderBy(`CASE WHEN l.state IN ('active','suspended') THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('l.issued_on', 'DESC')
      .addOrderBy('l.created_at', 'DESC')
      .limit(1)
      .getOne();
  }

  private async detailOf(m: EntityManager, l: License): Promise<LicenseDetailView> {
    const events = await m.find(LicenseEvent, { where: { licenseId: l.id }, order: { id: 'ASC' } });
    return {
      ...this.viewOf(l, l.agency?.legalName ?? '', await this.calendar(m)),
      events: events.map((e) => ({
        action: e.action,
        from: e.fromState,
        to: e.toState,
        actorId: e.actorId,
        actorRole: e.actorRole,
        reason: e.reason,
        until: e.until?.toISOString() ?? null,
        at: e.at.toISOString(),
      })),
      renewalWindow:
        l.state === 'active' || l.state === 'suspended' ? renewalWindowOf(l.expiresOn, this.config.get('licensing').LICENSING_RENEWAL_WINDOW_DAYS) : null,
    };
  }

  private viewOf(l: License, agencyName: string, calendar: WorkCalendar): LicenseView {
    return {
      id: l.id,
      agencyId: l.agencyId,
      agencyName,
      number: l.number,
      type: l.type,
      state: l.state,
      issuedOn: l.issuedOn,
      expiresOn: l.expiresOn,
      expiresAt: endOfDate(calendar, l.expiresOn).toISOString(),
      suspendedUntil: l.suspendedUntil?.toISOString() ?? null,
      version: l.version,
      allowedActions: humanActions(l.state),
    };
  }
}
