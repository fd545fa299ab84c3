import { Injectable } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Actor, ConfigService, localDateOf, Clock, ConflictException, NotFoundException, ValidationFailedException } from '@app/common';
import { CalendarsService } from '@app/deadlines';
import { isExclusionViolation } from '@app/database';
import { BenefitRule, CLAIM_TYPE_POLICY, ClaimType, SEEDED_BENEFIT_SCHEDULE, validateRule } from '../core';
import { BenefitScheduleEntry } from '../entities/benefit-schedule-entry.entity';
import { WELFARE_CLAIM_TYPE } from '../api-enums';
import { rethrowWelfare } from '../welfare-errors';

export type StoredRule =
  | { kind: 'fixed'; amountMinor: string; currency: string }
  | { kind: 'by-degree'; maxAmountMinor: string; currency: string }
  | { kind: 'reimbursement'; capMinor: string; currency: string };

export const ruleOf = (r: StoredRule): BenefitRule =>
  r.kind === 'fixed'
    ? { kind: 'fixed', amountMinor: BigInt(r.amountMinor), currency: r.currency }
    : r.kind === 'by-degree'
      ? { kind: 'by-degree', maxAmountMinor: BigInt(r.maxAmountMinor), currency: r.currency }
      : { kind: 'reimbursement', capMinor: BigInt(r.capMinor), currency: r.currency };

export const storedRuleOf = (r: BenefitRule): StoredRule =>
  r.kind === 'fixed'
    ? { kind: 'fixed', amountMinor: r.amountMinor.toString(), currency: r.currency }
    : r.kind === 'by-degree'
      ? { kind: 'by-degree', maxAmountMinor: r.maxAmountMinor.toString(), currency: r.currency }
      : { kind: 'reimbursement', capMinor: r.capMinor.toString(), currency: r.currency };

const MINOR = { type: String, pattern: '^[0-9]+$' } as const;
const CURRENCY = { example: 'PHP', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the amounts.' } as const;

/** The same amount for every claim of the type. */
export class FixedBenefitRule {
  @ApiProperty({ enum: ['fixed'], example: 'fixed' })
  kind: 'fixed';

  @ApiProperty({ ...MINOR, example: '20000000', description: 'The amount paid, in minor units of `currency`, as a decimal string.' })
  amountMinor: string;

  @ApiProperty(CURRENCY)
  currency: string;
}

/** Partial disability: the maximum times the degree in percent, rounded once (half-even). */
export class ByDegreeBenefitRule {
  @ApiProperty({ enum: ['by-degree'], example: 'by-degree' })
  kind: 'by-degree';

  @ApiProperty({ ...MINOR, example: '10000000', description: 'The amount for a 100 % degree, in minor units of `currency`, as a decimal string.' })
  maxAmountMinor: string;

  @ApiProperty(CURRENCY)
  currency: string;
}

/** What was claimed, up to a cap. */
export class ReimbursementBenefitRule {
  @ApiProperty({ enum: ['reimbursement'], example: 'reimbursement' })
  kind: 'reimbursement';

  @ApiProperty({ ...MINOR, example: '5000000', description: 'The most that is reimbursed, in minor units of `currency`, as a decimal string.' })
  capMinor: string;

  @ApiProperty(CURRENCY)
  currency: string;
}

/** One effective-dated entry of the benefit schedule: what a claim of one type is paid when its incident falls in `validFrom`..`validTo`. */
@ApiExtraModels(FixedBenefitRule, ByDegreeBenefitRule, ReimbursementBenefitRule)
export class BenefitScheduleView {
  @ApiProperty({ format: 'uuid', description: "The entry's id." })
  id: string;

  @ApiProperty({ ...WELFARE_CLAIM_TYPE, example: 'death:natural', description: 'The claim type the entry prices.' })
  claimType: string;

  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(FixedBenefitRule) }, { $ref: getSchemaPath(ByDegreeBenefitRule) }, { $ref: getSchemaPath(ReimbursementBenefitRule) }],
    discriminator: {
      propertyName: 'kind',
      mapping: {
        fixed: getSchemaPath(FixedBenefitRule),
        'by-degree': getSchemaPath(ByDegreeBenefitRule),
        reimbursement: getSchemaPath(ReimbursementBenefitRule),
      },
    },
    description: 'How the amount is computed, by `kind`.',
  })
  rule: StoredRule;

  @ApiProperty({ description: 'Whether the type is paid at most once per incident (death natural and accidental count as one).' })
  oneTime: boolean;

  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First incident date the entry applies to.' })
  validFrom: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null, description: 'Last incident date it applies to (included); null: open-ended.' })
  validTo: string | null;

  @ApiProperty({
    example: 'OWWA Death and Disability Benefit programme, under the OWWA Omnibus Policies (Board of Trustees Resolution No. 038, s. 2003)',
    description: 'Where the figure comes from (the legal instrument), and any note on it.',
  })
  source: string;
}

const view = (e: BenefitScheduleEntry): BenefitScheduleView => ({
  id: e.id,
  claimType: e.claimType,
  rule: e.rule as unknown as StoredRule,
  oneTime: e.oneTime,
  validFrom: e.validFrom,
  validTo: e.validTo,
  source: e.source,
});

/** Benefit schedules: effective-dated per claim type, admin-maintained, overlaps refused by the database. */
@Injectable()
export class BenefitSchedules {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly calendars: CalendarsService,
    private readonly config: ConfigService,
  ) {}

  /** Creates an entry, in one transaction (audited `welfare.schedule.created`). */
  create(
    input: { claimType: ClaimType; rule: StoredRule; validFrom: string; validTo?: string | null; source: string },
    actor: Actor,
  ): Promise<BenefitScheduleView> {
    return this.db.transaction((m) => this.createIn(m, input, actor));
  }

  /** Ends an entry on `validTo`: today (the home jurisdiction's local date) or later; in one transaction. */
  end(id: string, validTo: string, actor: Actor): Promise<BenefitScheduleView> {
    return this.db.transaction(async (m) => {
      const today = localDateOf(await this.calendars.calendarOf(this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION, m), this.clock.now());
      return this.endIn(m, id, validTo, today, actor);
    });
  }

  private async createIn(
    m: EntityManager,
    input: { claimType: ClaimType; rule: StoredRule; validFrom: string; validTo?: string | null; source: string },
    actor: { auditActor: AuditActor; userId: string | null },
  ): Promise<BenefitScheduleView> {
    try {
      validateRule(ruleOf(input.rule));
    } catch (e) {
      rethrowWelfare(e, 'rule.');
    }
    let saved: BenefitScheduleEntry;
    try {
      saved = await m.save(
        BenefitScheduleEntry,
        m.create(BenefitScheduleEntry, {
          claimType: input.claimType,
          rule: input.rule as unknown as Record<string, unknown>,
          oneTime: CLAIM_TYPE_POLICY[input.claimType].oneTime,
          validFrom: input.validFrom,
          validTo: input.validTo ?? null,
          source: input.source,
          createdBy: actor.userId,
          createdAt: this.clock.now(),
        }),
      );
    } catch (e) {
      if (isExclusionViolation(e, 'ex_benefit_schedule_overlap'))
        throw new ConflictException('benefit-schedule-overlap', `Another ${input.claimType} schedule is in force on some of these days; end it first.`);
      throw e;
    }
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'welfare.schedule.created',
      subjectType: 'benefit_schedule_entry',
      subjectId: saved.id,
      changes: { claimType: saved.claimType, rule: input.rule, validFrom: saved.validFrom, validTo: saved.validTo, source: saved.source },
    });
    return view(saved);
  }

  /** Sets an entry's last day (today or later is the caller's rule; a later end than the current one is 409: create a new entry). */
  private async endIn(m: EntityManager, id: string, validTo: string, today: string, actor: { auditActor: AuditActor }): Promise<BenefitScheduleView> {
    const e = await m.findOne(BenefitScheduleEntry, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw new NotFoundException('benefit schedule entry');
    if (validTo < today || validTo < e.validFrom)
      throw new ValidationFailedException([
        { field: 'validTo', message: `must be today (${today}) or later, and not before the entry's first day (${e.validFrom})`, rule: 'dateOrder' },
      ]);
    if (e.validTo !== null && e.validTo <= validTo)
      throw new ConflictException('benefit-schedule-already-ended', `The entry already ends on ${e.validTo}.`, { validTo: e.validTo });
    const before = e.validTo;
    e.validTo = validTo;
    await m.save(BenefitScheduleEntry, e);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'welfare.schedule.ended',
      subjectType: 'benefit_schedule_entry',
      subjectId: id,
      changes: { validTo: { from: before, to: validTo } },
    });
    return view(e);
  }

  async list(): Promise<BenefitScheduleView[]> {
    return (await this.db.manager.find(BenefitScheduleEntry, { order: { claimType: 'ASC', validFrom: 'DESC' } })).map(view);
  }

  inForce(m: EntityManager, claimType: string, date: string): Promise<BenefitScheduleEntry | null> {
    return m
      .createQueryBuilder(BenefitScheduleEntry, 'b')
      .where('b.claim_type = :t AND b.valid_from <= :d AND (b.valid_to IS NULL OR b.valid_to >= :d)', { t: claimType, d: date })
      .getOne();
  }
}

/** Writes the seeded schedule (the demo seed and the tests); entries already there are left alone. */
export async function seedBenefitSchedule(m: EntityManager): Promise<number> {
  let n = 0;
  for (const e of SEEDED_BENEFIT_SCHEDULE) {
    const rows = (await m.query(
      `INSERT INTO benefit_schedule_entry (claim_type, rule, one_time, valid_from, valid_to, source, created_at) VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING RETURNING id`,
      [e.type, JSON.stringify(storedRuleOf(e.rule)), CLAIM_TYPE_POLICY[e.type].oneTime, e.validFrom, e.validTo, `${e.source}${e.note ? ` (${e.note})` : ''}`],
    )) as unknown[];
    n += rows.length;
  }
  return n;
}
