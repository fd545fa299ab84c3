import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Actor, Clock, ConflictException, NotFoundException, ValidationFailedException } from '@app/common';
import { isExclusionViolation } from '@app/database';
import { DomainEvents } from '@app/events';
import { isKnownCurrency } from '../assessment';
import { ModelContractRecord, Placement, PlacementContract } from '../entities';
import { FeesCalendar } from '../fees-calendar';
import { isOccupationCategory } from '../schedules/occupation-categories';
import { CONTRACT_TERMS, ContractTerms, FARE_PAYERS, FarePayer, ModelTerms, checkAgainstModel } from './contract-terms';

/** Published when a placement's registered contract falls below the model (same transaction); the complaints module opens a case. */
export const CONTRACT_BELOW_MODEL_EVENT = 'fees.contract-below-model';

export interface ContractBelowModelPayload {
  placementId: string;
  placementReference: string;
  agencyId: string;
  modelContractId: string;
  findings: { term: string; model: string; contract: string }[];
}

export interface ModelContractInput {
  destinationCountry: string;
  occupationCategory: string;
  originCountry: string;
  validFrom: string;
  validTo?: string | null;
  minMonthlySalaryMinor: string;
  salaryCurrency: string;
  maxHoursPerWeek?: number | null;
  minRestDaysPerWeek: number;
  minPaidLeaveDaysPerYear: number;
  contractMonths: number;
  farePaidBy: FarePayer;
  source: string;
}

/** A model contract as the routes show it. */
export class ModelContractView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'HK', pattern: '^[A-Z]{2}$' })
  destinationCountry: string;

  @ApiProperty({ example: 'domestic-work' })
  occupationCategory: string;

  @ApiProperty({ example: '*', description: 'ISO 3166 alpha-2 of the origin, or `*` for every origin without a model of its own.' })
  originCountry: string;

  @ApiProperty({ format: 'date', example: '2025-01-01' })
  validFrom: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null, description: 'Last day in force (included); null while open-ended.' })
  validTo: string | null;

  @ApiProperty({ type: String, pattern: '^[0-9]+$', example: '499000', description: 'The minimum monthly basic salary, in minor units of `salaryCurrency`.' })
  minMonthlySalaryMinor: string;

  @ApiProperty({ example: 'HKD', pattern: '^[A-Z]{3}$' })
  salaryCurrency: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 48, description: 'The most hours of work a week; null: the model sets no limit.' })
  maxHoursPerWeek: number | null;

  @ApiProperty({ type: 'integer', example: 1, description: 'The fewest rest days a week.' })
  minRestDaysPerWeek: number;

  @ApiProperty({ type: 'integer', example: 7, description: 'The fewest paid leave days a year.' })
  minPaidLeaveDaysPerYear: number;

  @ApiProperty({ type: 'integer', example: 24, description: 'The standard duration in months: a shorter contract is below the model.' })
  contractMonths: number;

  @ApiProperty({
    enum: FARE_PAYERS,
    enumName: 'FarePayer',
    example: 'employer',
    description: 'Who pays the fare to the job and back: `employer` means the worker pays none of it.',
  })
  farePaidBy: string;

  @ApiProperty({ example: 'Standard Employment Contract for Domestic Helpers (ID 407), Labour Department, Hong Kong' })
  source: string;
}

/** The contract terms an agency registers with a placement, besides salary, start and length. */
export interface PlacementContractInput {
  hoursPerWeek?: number | null;
  restDaysPerWeek?: number | null;
  paidLeaveDaysPerYear?: number | null;
  farePaidBy?: FarePayer | null;
}

export class ContractFindingView {
  @ApiProperty({ enum: CONTRACT_TERMS, enumName: 'ContractTerm', example: 'monthly-salary' })
  term: string;

  @ApiProperty({ example: '499000 HKD', description: 'What the model requires.' })
  model: string;

  @ApiProperty({ example: '450000 HKD', description: "What the placement's contract says." })
  contract: string;
}

export class ContractUncheckedView {
  @ApiProperty({ enum: CONTRACT_TERMS, enumName: 'ContractTerm', example: 'hours-per-week' })
  term: string;

  @ApiProperty({ example: 'not stated' })
  reason: string;
}

/** A placement's registered contract terms and their check against the model, as recorded. */
export class PlacementContractView {
  @ApiProperty({ type: 'integer', nullable: true, example: 48 })
  hoursPerWeek: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 1 })
  restDaysPerWeek: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 7 })
  paidLeaveDaysPerYear: number | null;

  @ApiProperty({
    type: String,
    enum: FARE_PAYERS,
    nullable: true,
    example: 'employer',
    description: 'Who pays the fare (`employer`, `shared`, `worker`); null when not stated.',
  })
  farePaidBy: string | null;

  @ApiProperty({
    enum: ['meets-model', 'below-model', 'no-model'],
    example: 'meets-model',
    description:
      '`below-model`: at least one term is below the model contract in force on the recruitment date (`findings`); `no-model`: none covers the corridor then.',
  })
  outcome: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The model contract checked against.' })
  modelContractId: string | null;

  @ApiProperty({ type: [ContractFindingView], description: 'Each term below the model, the two figures side by side.' })
  findings: ContractFindingView[];

  @ApiProperty({ type: [ContractUncheckedView], description: "Terms not compared: not stated, or a salary in another currency than the model's." })
  unchecked: ContractUncheckedView[];
}

export const placementContractViewOf = (c: PlacementContract): PlacementContractView => ({
  hoursPerWeek: c.hoursPerWeek,
  restDaysPerWeek: c.restDaysPerWeek,
  paidLeaveDaysPerYear: c.paidLeaveDaysPerYear,
  farePaidBy: c.farePaidBy,
  outcome: c.outcome,
  modelContractId: c.modelContractId,
  findings: c.findings,
  unchecked: c.unchecked,
});

export const modelContractViewOf = (r: ModelContractRecord): ModelContractView => ({
  id: r.id,
  destinationCountry: r.destinationCountry,
  occupationCategory: r.occupationCategory,
  originCountry: r.originCountry,
  validFrom: r.validFrom,
  validTo: r.validTo,
  minMonthlySalaryMinor: String(r.minMonthlySalaryMinor),
  salaryCurrency: r.salaryCurrency.trim(),
  maxHoursPerWeek: r.maxHoursPerWeek,
  minRestDaysPerWeek: r.minRestDaysPerWeek,
  minPaidLeaveDaysPerYear: r.minPaidLeaveDaysPerYear,
  contractMonths: r.contractMonths,
  farePaidBy: r.farePaidBy,
  source: r.source,
});

export const modelTermsOf = (r: ModelContractRecord): ModelTerms => ({
  minMonthlySalaryMinor: BigInt(r.minMonthlySalaryMinor),
  salaryCurrency: r.salaryCurrency.trim(),
  maxHoursPerWeek: r.maxHoursPerWeek,
  minRestDaysPerWeek: r.minRestDaysPerWeek,
  minPaidLeaveDaysPerYear: r.minPaidLeaveDaysPerYear,
  contractMonths: r.contractMonths,
  farePaidBy: r.farePaidBy,
});

/**
 * Model (standard) employment contracts per corridor and occupation (issue 20): admin-maintained,
 * effective-dated, never edited (ended and followed by a new one), overlaps refused by the
 * database. The placements check their contracts against the one in force on the recruitment date.
 */
@Injectable()
export class ModelContracts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly calendar: FeesCalendar,
    private readonly events: DomainEvents,
  ) {}

  /** Creates a model contract, in one transaction (audited `fees.model-contract.created`). */
  create(input: ModelContractInput, actor: Actor): Promise<ModelContractView> {
    return this.db.transaction((m) => this.createIn(m, input, actor));
  }

  /** Ends a model contract on `validTo`, in one transaction (audited `fees.model-contract.ended`). */
  end(id: string, validTo: string, actor: Actor): Promise<ModelContractView> {
    return this.db.transaction((m) => this.endIn(m, id, validTo, actor));
  }

  private async createIn(
    m: EntityManager,
    input: ModelContractInput,
    actor: { auditActor: AuditActor; userId: string | null; correlationId?: string },
  ): Promise<ModelContractView> {
    const errors: { field: string; message: string; rule: string }[] = [];
    if (!isOccupationCategory(input.occupationCategory))
      errors.push({ field: 'occupationCategory', message: 'is not a known occupation category (see GET /public/fees/vocabulary)', rule: 'occupationCategory' });
    if (!isKnownCurrency(input.salaryCurrency)) errors.push({ field: 'salaryCurrency', message: 'is not a known ISO 4217 currency', rule: 'currency' });
    if (input.validTo && input.validTo < input.validFrom) errors.push({ field: 'validTo', message: 'must be on or after validFrom', rule: 'dateOrder' });
    if (errors.length) throw new ValidationFailedException(errors);
    let saved: ModelContractRecord;
    try {
      await m.query('SAVEPOINT model_contract');
      saved = await m.save(
        ModelContractRecord,
        m.create(ModelContractRecord, {
          ...input,
          validTo: input.validTo ?? null,
          maxHoursPerWeek: input.maxHoursPerWeek ?? null,
          createdBy: actor.userId,
          createdAt: this.clock.now(),
        }),
      );
      await m.query('RELEASE SAVEPOINT model_contract');
    } catch (e) {
      await m.query('ROLLBACK TO SAVEPOINT model_contract');
      if (isExclusionViolation(e, 'ex_model_contract_overlap')) {
        const clash = await m
          .createQueryBuilder(ModelContractRecord, 'r')
          .where('r.destination_country = :d AND r.occupation_category = :o AND r.origin_country = :g', {
            d: input.destinationCountry,
            o: input.occupationCategory,
            g: input.originCountry,
          })
          .andWhere(`daterange(r.valid_from, r.valid_to, '[]') && daterange(:from::date, :to::date, '[]')`, {
            from: input.validFrom,
            to: input.validTo ?? null,
          })
          .getOne();
        throw new ConflictException(
          'model-contract-overlap',
          'Another model contract for the same destination, occupation and origin is in force on some of these days; end it first.',
          clash ? { modelContractId: clash.id, validFrom: clash.validFrom, validTo: clash.validTo } : {},
        );
      }
      throw e;
    }
    const view = modelContractViewOf(saved);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'fees.model-contract.created',
      subjectType: 'model_contract',
      subjectId: saved.id,
      changes: { ...view, id: undefined },
      correlationId: actor.correlationId,
    });
    return view;
  }

  /** Sets the last day in force: today or later (the past is history); only shortens (409 otherwise). */
  private async endIn(m: EntityManager, id: string, validTo: string, actor: { auditActor: AuditActor; correlationId?: string }): Promise<ModelContractView> {
    const r = await m.findOne(ModelContractRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!r) throw new NotFoundException('model contract');
    const today = await this.calendar.today(m);
    if (validTo < today)
      throw new ValidationFailedException([
        { field: 'validTo', message: `must be today (${today}) or later: a model's past days are history`, rule: 'notInPast' },
      ]);
    if (validTo < r.validFrom)
      throw new ValidationFailedException([{ field: 'validTo', message: `must be on or after the model's first day (${r.validFrom})`, rule: 'dateOrder' }]);
    if (r.validTo !== null && r.validTo <= validTo)
      throw new ConflictException('model-contract-already-ended', `The model already ends on ${r.validTo}; to extend it, create a new one from the next day.`, {
        validTo: r.validTo,
      });
    const before = r.validTo;
    r.validTo = validTo;
    await m.update(ModelContractRecord, { id }, { validTo });
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'fees.model-contract.ended',
      subjectType: 'model_contract',
      subjectId: id,
      changes: { validTo: { from: before, to: validTo } },
      correlationId: actor.correlationId,
    });
    return modelContractViewOf(r);
  }

  async list(q: { destinationCountry?: string; occupationCategory?: string; inForceOn?: string }): Promise<ModelContractView[]> {
    const qb = this.db.manager.createQueryBuilder(ModelContractRecord, 'r');
    if (q.destinationCountry) qb.andWhere('r.destination_country = :d', { d: q.destinationCountry });
    if (q.occupationCategory) qb.andWhere('r.occupation_category = :o', { o: q.occupationCategory });
    if (q.inForceOn) qb.andWhere(`r.valid_from <= :on AND (r.valid_to IS NULL OR r.valid_to >= :on)`, { on: q.inForceOn });
    const rows = await qb
      .orderBy('r.destination_country')
      .addOrderBy('r.occupation_category')
      .addOrderBy('r.origin_country')
      .addOrderBy('r.valid_from', 'DESC')
      .getMany();
    return rows.map(modelContractViewOf);
  }

  /**
   * Registers a new placement's contract terms and checks them, with its salary and length,
   * against the model in force on the recruitment date (in the placement's transaction). A term
   * below the model is a finding, audited (`fees.placement.contract-below-model`).
   */
  async recordFor(
    m: EntityManager,
    p: Placement,
    input: PlacementContractInput | undefined,
    actor: { auditActor: AuditActor; correlationId?: string },
  ): Promise<PlacementContract> {
    const model = await this.inForce(
      m,
      { destinationCountry: p.destinationCountry, occupationCategory: p.occupationCategory, originCountry: p.originCountry },
      p.recruitedOn,
    );
    const terms = {
      hoursPerWeek: input?.hoursPerWeek ?? null,
      restDaysPerWeek: input?.restDaysPerWeek ?? null,
      paidLeaveDaysPerYear: input?.paidLeaveDaysPerYear ?? null,
      farePaidBy: input?.farePaidBy ?? null,
    };
    const check = model
      ? checkAgainstModel(modelTermsOf(model), {
          ...terms,
          monthlySalaryMinor: BigInt(p.monthlySalaryMinor),
          salaryCurrency: p.salaryCurrency.trim(),
          contractMonths: p.contractMonths,
        })
      : null;
    const row = m.create(PlacementContract, {
      placementId: p.id,
      ...terms,
      modelContractId: model?.id ?? null,
      outcome: check?.outcome ?? 'no-model',
      findings: check?.findings ?? [],
      unchecked: check?.unchecked ?? [],
      checkedAt: this.clock.now(),
    });
    await m.insert(PlacementContract, row);
    if (check?.outcome === 'below-model') {
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: 'fees.placement.contract-below-model',
        subjectType: 'placement',
        subjectId: p.id,
        changes: { modelContractId: model!.id, findings: check.findings },
        correlationId: actor.correlationId,
      });
      // Like a fee excess: the finding becomes a case against the agency (complaints subscribes).
      const payload: ContractBelowModelPayload = {
        placementId: p.id,
        placementReference: `PLC-${p.seq}`,
        agencyId: p.agencyId,
        modelContractId: model!.id,
        findings: check.findings,
      };
      await this.events.publish(m, {
        type: CONTRACT_BELOW_MODEL_EVENT,
        aggregateType: 'placement',
        aggregateId: p.id,
        payload: payload as unknown as Record<string, unknown>,
        correlationId: actor.correlationId,
      });
    }
    return row;
  }

  /** The placement's contract as registered and checked; null for a placement recorded before issue 20. */
  async forPlacement(m: EntityManager, placementId: string): Promise<PlacementContractView | null> {
    const c = await m.findOne(PlacementContract, { where: { placementId } });
    return c ? placementContractViewOf(c) : null;
  }

  /** The registered contract of a placement, every term (salary and length from the placement): what a worker's account is compared with. */
  async registeredTerms(m: EntityManager, placementId: string): Promise<{ placement: Placement; terms: ContractTerms } | null> {
    const p = await m.findOne(Placement, { where: { id: placementId } });
    if (!p) return null;
    const c = await m.findOne(PlacementContract, { where: { placementId } });
    return {
      placement: p,
      terms: {
        monthlySalaryMinor: BigInt(p.monthlySalaryMinor),
        salaryCurrency: p.salaryCurrency.trim(),
        contractMonths: p.contractMonths,
        hoursPerWeek: c?.hoursPerWeek ?? null,
        restDaysPerWeek: c?.restDaysPerWeek ?? null,
        paidLeaveDaysPerYear: c?.paidLeaveDaysPerYear ?? null,
        farePaidBy: c?.farePaidBy ?? null,
      },
    };
  }

  /** The model in force for a corridor on a date: the origin's own, else the one for every origin ('*'); null when none. */
  inForce(
    m: EntityManager,
    key: { destinationCountry: string; occupationCategory: string; originCountry: string },
    date: string,
  ): Promise<ModelContractRecord | null> {
    return m
      .createQueryBuilder(ModelContractRecord, 'r')
      .where('r.destination_country = :d AND r.occupation_category = :o AND r.origin_country IN (:g, :any)', {
        d: key.destinationCountry,
        o: key.occupationCategory,
        g: key.originCountry,
        any: '*',
      })
      .andWhere(`r.valid_from <= :on AND (r.valid_to IS NULL OR r.valid_to >= :on)`, { on: date })
      .orderBy(`CASE WHEN r.origin_country = '*' THEN 1 ELSE 0 END`, 'ASC')
      .limit(1)
      .getOne();
  }
}
