import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Clock, ConfigService, ConflictException, ValidationFailedException, localDateOf } from '@app/common';
import { CalendarsService } from '@app/deadlines';
import { isUniqueViolation } from '@app/database';
import { PenaltyScheduleVersion } from '../entities/penalty-schedule.entity';
import {
  ALLEGATION_CATEGORIES,
  AllegationCategory,
  DEFAULT_PENALTY_SCHEDULE,
  InvalidPenaltyScheduleError,
  PROPOSED_MONTHS_POLICIES,
  PenaltySchedule,
  ProposedMonthsPolicy,
  validateSchedule,
} from './penalty-schedule';

export class SuspensionStepView {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 }) minMonths: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 6 }) maxMonths: number;
}

export class SeriousFineView {
  @ApiProperty({ type: String, pattern: '^[1-9][0-9]*$', example: '50000000', description: 'Integer minor units as a decimal string.' }) amountMinor: string;
  @ApiProperty({ type: String, pattern: '^[A-Z]{3}$', example: 'PHP' }) currency: string;
}

/** One version of the penalty schedule. */
export class PenaltyScheduleView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-07-01',
    description: "First day in force (local date of the case's jurisdiction); in force until the next version's first day.",
  })
  effectiveFrom: string;
  @ApiProperty({
    type: [SuspensionStepView],
    description: 'Less-serious offences: the Nth offence gets step N (a suspension); any offence past the last step gets revocation.',
  })
  lessSeriousLadder: SuspensionStepView[];
  @ApiProperty({
    enum: ALLEGATION_CATEGORIES,
    enumName: 'AllegationCategory',
    isArray: true,
    example: ['retained-documents'],
    description:
      'Categories that are serious offences (revocation and the fine). Trafficking indicators and a fee charged to a worker in a protected category are serious under every schedule.',
  })
  seriousCategories: string[];
  @ApiProperty({ type: SeriousFineView, description: 'The fine of each serious offence.' }) seriousFine: SeriousFineView;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 12,
    description: 'Suspensions (prior decided plus proposed) adding up to this many months propose revocation.',
  })
  cumulativeSuspensionThresholdMonths: number;
  @ApiProperty({
    enum: PROPOSED_MONTHS_POLICIES,
    enumName: 'ProposedMonthsPolicy',
    example: 'minimum',
    description: "Which months of a step's range are proposed.",
  })
  proposedMonths: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export interface NewPenaltySchedule {
  effectiveFrom: string;
  lessSeriousLadder: { minMonths: number; maxMonths: number }[];
  seriousCategories: string[];
  seriousFine: { amountMinor: string; currency: string };
  cumulativeSuspensionThresholdMonths: number;
  proposedMonths: string;
}

export const scheduleOf = (v: PenaltyScheduleVersion): PenaltySchedule => ({
  lessSeriousLadder: v.lessSeriousLadder,
  seriousCategories: v.seriousCategories as AllegationCategory[],
  seriousFine: { amountMinor: BigInt(v.seriousFineMinor), currency: v.seriousFineCurrency.trim() },
  cumulativeSuspensionThresholdMonths: v.cumulativeThresholdMonths,
  proposedMonths: v.proposedMonths as ProposedMonthsPolicy,
});

const viewOf = (v: PenaltyScheduleVersion): PenaltyScheduleView => ({
  id: v.id,
  effectiveFrom: v.effectiveFrom,
  lessSeriousLadder: v.lessSeriousLadder,
  seriousCategories: v.seriousCategories,
  seriousFine: { amountMinor: v.seriousFineMinor, currency: v.seriousFineCurrency.trim() },
  cumulativeSuspensionThresholdMonths: v.cumulativeThresholdMonths,
  proposedMonths: v.proposedMonths,
  createdAt: v.createdAt.toISOString(),
});

/**
 * The penalty schedule's versions: admins add one from a day on (today or later: a day gone by
 * keeps the schedule it had), never edit one. A proposal uses the version in force on the day it
 * is made, in the case's jurisdiction.
 */
@Injectable()
export class PenaltySchedules {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly calendars: CalendarsService,
    private readonly audit: AuditLog,
  ) {}

  /** The version in force on `day` (YYYY-MM-DD); the built-in defaults if none is (never after the migration's seed). */
  async inForce(m: EntityManager, day: string): Promise<{ schedule: PenaltySchedule; effectiveFrom: string | null }> {
    const v = await m.findOne(PenaltyScheduleVersion, { where: { effectiveFrom: LessThanOrEqual(day) }, order: { effectiveFrom: 'DESC' } });
    return v ? { schedule: scheduleOf(v), effectiveFrom: v.effectiveFrom } : { schedule: DEFAULT_PENALTY_SCHEDULE, effectiveFrom: null };
  }

  /** The version in force now in a jurisdiction. */
  async inForceNow(m: EntityManager, jurisdictionCode: string): Promise<{ schedule: PenaltySchedule; effectiveFrom: string | null }> {
    const calendar = await this.calendars.calendarOf(jurisdictionCode, m);
    return this.inForce(m, localDateOf(calendar, this.clock.now()));
  }

  async list(): Promise<PenaltyScheduleView[]> {
    return (await this.db.manager.find(PenaltyScheduleVersion, { order: { effectiveFrom: 'ASC' } })).map(viewOf);
  }

  /** A new version from `effectiveFrom` (today or later, in the licensing jurisdiction): 400 naming the bad field, 409 when a version starts that day. */
  async create(input: NewPenaltySchedule, actor: { auditActor: AuditActor; userId: string | null; correlationId?: string }): Promise<PenaltyScheduleView> {
    const schedule: PenaltySchedule = {
      lessSeriousLadder: input.lessSeriousLadder.map((s) => ({ minMonths: s.minMonths, maxMonths: s.maxMonths })),
      seriousCategories: input.seriousCategories as AllegationCategory[],
      seriousFine: { amountMinor: BigInt(input.seriousFine.amountMinor), currency: input.seriousFine.currency },
      cumulativeSuspensionThresholdMonths: input.cumulativeSuspensionThresholdMonths,
      proposedMonths: input.proposedMonths as ProposedMonthsPolicy,
    };
    try {
      validateSchedule(schedule);
    } catch (e) {
      if (e instanceof InvalidPenaltyScheduleError) throw new ValidationFailedException([{ field: e.field, message: e.message, rule: 'penaltySchedule' }]);
      throw e;
    }
    const calendar = await this.calendars.calendarOf(this.config.get('licensing').LICENSING_JURISDICTION);
    const today = localDateOf(calendar, this.clock.now());
    if (input.effectiveFrom < today) {
      throw new ValidationFailedException([
        { field: 'effectiveFrom', message: `must be today (${today}) or later: a day gone by keeps the schedule it had`, rule: 'notInThePast' },
      ]);
    }
    return this.db.transaction(async (m) => {
      let v: PenaltyScheduleVersion;
      try {
        v = await m.save(
          PenaltyScheduleVersion,
          m.create(PenaltyScheduleVersion, {
            effectiveFrom: input.effectiveFrom,
            lessSeriousLadder: schedule.lessSeriousLadder.map((s) => ({ ...s })),
            seriousCategories: [...new Set(schedule.seriousCategories)],
            seriousFineMinor: input.seriousFine.amountMinor,
            seriousFineCurrency: input.seriousFine.currency,
            cumulativeThresholdMonths: schedule.cumulativeSuspensionThresholdMonths,
            proposedMonths: schedule.proposedMonths,
            createdBy: actor.userId,
            createdAt: this.clock.now(),
          }),
        );
      } catch (e) {
        if (isUniqueViolation(e, 'uq_penalty_schedule_effective_from'))
          throw new ConflictException('penalty-schedule-exists', `A version of the penalty schedule already starts on ${input.effectiveFrom}.`, {
            effectiveFrom: input.effectiveFrom,
          });
        throw e;
      }
      const view = viewOf(v);
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: 'complaints.penalty-schedule.created',
        subjectType: 'penalty_schedule',
        subjectId: v.id,
        changes: {
          effectiveFrom: view.effectiveFrom,
          lessSeriousLadder: view.lessSeriousLadder,
          seriousCategories: view.seriousCategories,
          seriousFine: view.seriousFine,
          cumulativeSuspensionThresholdMonths: view.cumulativeSuspensionThresholdMonths,
          proposedMonths: view.proposedMonths,
        },
        correlationId: actor.correlationId,
        chain: 'complaints',
      });
      return view;
    });
  }
}
