import { Injectable } from '@nestjs/common';
import { readTogether } from '@app/database';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LicensingService, shareLockLiveLicense } from '@app/agencies';
import { AuditLog } from '@app/audit';
import { Accounts } from '@app/auth';
import {
  Actor,
  Clock,
  ConfigService,
  ConflictException,
  FieldError,
  NotFoundException,
  Page,
  PageQuery,
  StaleVersionException,
  ValidationFailedException,
  cappedCount,
  decodeCursor,
  encodeCursor,
  pageOf,
  pageOffset,
} from '@app/common';
import { FeeAssessment, FeeStatement, Placement, PlacementRevision, PlacementTermsRecord, StoredDiscrepancy } from '../entities';
import { discrepancies, underDeclared } from '../assessing/discrepancies';
import { AssessmentRecorder } from '../assessing/assessment-recorder';
import { FeesActor } from '../fees-actor';
import { FeesCalendar } from '../fees-calendar';
import { isOccupationCategory } from '../schedules/occupation-categories';
import { isKnownCurrency } from '../assessment';
import { RefundOrders } from '../refunds/refund-orders.service';
import { ModelContracts, PlacementContractInput } from '../contracts/model-contracts.service';
import { FeeLineInput, feeLineProblems, storedLineOf } from './fee-lines';
import {
  AssessmentView,
  PlacementSummary,
  PlacementView,
  RevisionView,
  assessmentViewOf,
  placementReference,
  refundOrderViewOf,
  revisionViewOf,
  summaryOf,
} from './placement-views';

export interface PlacementTermsInput {
  workerName: string;
  workerPassportNumber: string;
  workerEmail?: string | null;
  employerName: string;
  destinationCountry: string;
  occupationCategory: string;
  monthlySalaryMinor: string;
  salaryCurrency: string;
  recruitedOn: string;
  contractStart: string;
  contractMonths: number;
}

export interface RecordPlacementInput extends PlacementTermsInput {
  fees: FeeLineInput[];
  /** The contract's other terms (issue 20), checked with the salary and length against the model contract. */
  contract?: PlacementContractInput;
}

export interface AmendPlacementInput {
  /** The revision the amendment corrects (optimistic lock). */
  revision: number;
  reason: string;
  terms?: Partial<PlacementTermsInput>;
  /** The complete corrected list of fees (replaces the declared list). */
  fees?: FeeLineInput[];
}

export interface PlacementFilter extends PageQuery {
  /** Keyset paging: the `next` of the previous page. */
  cursor?: string;
  agencyId?: string;
  destinationCountry?: string;
}

/** Agencies may not place workers while "may place workers" says no; the answer's reason is passed on. */
export class MayNotPlaceWorkersException extends ConflictException {
  constructor(reason: string, extra: Record<string, unknown>) {
    super('agency-may-not-place', `The agency may not place workers now (${reason}); no placement was recorded.`, { reason, ...extra });
  }
}

const TERM_KEYS: (keyof PlacementTermsInput)[] = [
  'workerName',
  'workerPassportNumber',
  'workerEmail',
  'employerName',
  'destinationCountry',
  'occupationCategory',
  'monthlySalaryMinor',
  'salaryCurrency',
  'recruitedOn',
  'contractStart',
  'contractMonths',
];
/** Terms that change which rule applies or its cap: changing one re-assesses the fees. */
const ASSESSED_TERMS: (keyof PlacementTermsInput)[] = ['destinationCountry', 'occupationCategory', 'monthlySalaryMinor', 'salaryCurrency', 'recruitedOn'];

/**
 * Placements: recorded by an agency while it may place workers, corrected only by amendments
 * (each a revision kept for good), assessed after every change of their fees, and open to the
 * worker's own statement of what they paid.
 */
@Injectable()
export class Placements {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly audit: AuditLog,
    private readonly licensing: LicensingService,
    private readonly calendar: FeesCalendar,
    private readonly recorder: AssessmentRecorder,
    private readonly refunds: RefundOrders,
    private readonly contracts: ModelContracts,
    private readonly accounts: Accounts,
  ) {}

  /** An agency user records a placement of their agency, in one transaction (see recordIn). */
  record(input: RecordPlacementInput, actor: Actor): Promise<PlacementView> {
    if (!actor.agencyId) throw new Error('placements: only an agency user records a placement of their agency');
    const agencyId = actor.agencyId;
    return this.db.transaction((m) => this.recordIn(m, agencyId, input, actor));
  }

  /** Amends a placement, in one transaction (see amendIn). */
  amend(id: string, input: AmendPlacementInput, actor: Actor): Promise<PlacementView> {
    return this.db.transaction((m) => this.amendIn(m, id, input, actor));
  }

  /** Records what the worker says they paid, in one transaction (see stateIn). */
  state(id: string, input: { lines: FeeLineInput[]; note?: string | null }, actor: Actor): Promise<AssessmentView> {
    return this.db.transaction((m) => this.stateIn(m, id, input, actor));
  }

  /** Records a placement of `agencyId` in the caller's transaction (the API's `record`, the demo seed). */
  async recordIn(m: EntityManager, agencyId: string, input: RecordPlacementInput, actor: FeesActor): Promise<PlacementView> {
    const today = await this.calendar.today(m);
    const errors = [...termProblems(input, today), ...feeLineProblems(input.fees, { recruitedOn: input.recruitedOn, today })];
    if (errors.length) throw new ValidationFailedException(errors);
    // Locks the agency's license row, so a suspension committing meanwhile waits or is seen.
    await shareLockLiveLicense(m, agencyId);
    const may = await this.licensing.mayPlaceWorkers(agencyId, this.clock.now(), m);
    if (!may.allowed)
      throw new MayNotPlaceWorkersException(may.reason!, {
        ...(may.licenseNumber ? { licenseNumber: may.licenseNumber } : {}),
        ...(may.hold ? { hold: may.hold } : {}),
      });
    const now = this.clock.now();
    const terms = storedTerms(input);
    const placement = await m.save(
      Placement,
      m.create(Placement, {
        ...terms,
        agencyId,
        licenseNumber: may.licenseNumber!,
        originCountry: this.config.get('fees').FEES_ORIGIN_COUNTRY,
        workerUserId: await this.workerAccount(m, terms.workerEmail),
        fees: input.fees.map(storedLineOf),
        revision: 1,
        recordedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await m.save(
      PlacementRevision,
      m.create(PlacementRevision, {
        placementId: placement.id,
        revision: 1,
        terms,
        fees: placement.fees,
        reason: null,
        actorId: actor.userId,
        actorRole: roleOf(actor),
        createdAt: now,
      }),
    );
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'fees.placement.recorded',
      subjectType: 'placement',
      subjectId: placement.id,
      changes: {
        agencyId,
        reference: placementReference(placement.seq),
        destinationCountry: terms.destinationCountry,
        occupationCategory: terms.occupationCategory,
        fees: placement.fees.length,
      },
      correlationId: actor.correlationId,
    });
    await this.contracts.recordFor(m, placement, input.contract, actor);
    await this.recorder.recordDeclared(m, placement, actor.correlationId);
    return this.viewOf(m, placement);
  }

  /**
   * Corrects a placement: the changed terms and/or the complete corrected list of fees, with a
   * reason. The earlier revision is kept; the fees are re-assessed when they or the terms that
   * decide the rule and its cap changed. 409 stale-version when `revision` is not the current one.
   */
  private async amendIn(m: EntityManager, id: string, input: AmendPlacementInput, actor: FeesActor): Promise<PlacementView> {
    const placement = await m.findOne(Placement, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!placement || (actor.agencyId && placement.agencyId !== actor.agencyId)) throw new NotFoundException('placement');
    if (placement.revision !== input.revision) throw new StaleVersionException('placement', placement.revision);
    const before = termsOf(placement);
    const merged: PlacementTermsRecord = storedTerms({ ...before, ...definedOnly(input.terms ?? {}) } as PlacementTermsInput);
    const changedTerms = TERM_KEYS.filter((k) => JSON.stringify(merged[k]) !== JSON.stringify(before[k]));
    const fees = input.fees ? input.fees.map(storedLineOf) : placement.fees;
    const feesChanged = JSON.stringify(fees) !== JSON.stringify(placement.fees);
    if (!changedTerms.length && !feesChanged) throw new ConflictException('empty-amendment', 'The amendment changes nothing.');
    const today = await this.calendar.today(m);
    const errors = [...termProblems(merged, today, 'terms'), ...feeLineProblems(input.fees ?? placement.fees, { recruitedOn: merged.recruitedOn, today })];
    if (errors.length) throw new ValidationFailedException(errors);

    const now = this.clock.now();
    Object.assign(placement, merged, { fees, revision: placement.revision + 1, updatedAt: now });
    if (changedTerms.includes('workerEmail')) placement.workerUserId = await this.workerAccount(m, merged.workerEmail);
    await m.save(Placement, placement);
    await m.save(
      PlacementRevision,
      m.create(PlacementRevision, {
        placementId: id,
        revision: placement.revision,
        terms: merged,
        fees,
        reason: input.reason,
        actorId: actor.userId,
        actorRole: roleOf(actor),
        createdAt: now,
      }),
    );
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'fees.placement.amended',
      subjectType: 'placement',
      subjectId: id,
      changes: {
        revision: placement.revision,
        reason: input.reason,
        terms: Object.fromEntries(changedTerms.map((k) => [k, { from: before[k], to: merged[k] }])),
        feesChanged,
      },
      correlationId: actor.correlationId,
    });
    if (feesChanged || changedTerms.some((k) => ASSESSED_TERMS.includes(k))) await this.recorder.recordDeclared(m, placement, actor.correlationId);
    return this.viewOf(m, placement);
  }

  /**
   * What the worker says they actually paid (stated by the worker themself, on their own
   * placement, or by an inspector for them): assessed the same way, and compared with the
   * declared fees. Stated lines need no receipt number.
   */
  private async stateIn(m: EntityManager, id: string, input: { lines: FeeLineInput[]; note?: string | null }, actor: FeesActor): Promise<AssessmentView> {
    const placement = await m.findOne(Placement, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!placement || !this.mayState(placement, actor)) throw new NotFoundException('placement');
    const errors = feeLineProblems(input.lines, { recruitedOn: placement.recruitedOn, today: await this.calendar.today(m) }, 'lines');
    if (errors.length) throw new ValidationFailedException(errors);
    const statement = await m.save(
      FeeStatement,
      m.create(FeeStatement, {
        placementId: id,
        lines: input.lines.map(storedLineOf),
        note: input.note ?? null,
        statedBy: actor.userId,
        statedByRole: roleOf(actor),
        createdAt: this.clock.now(),
      }),
    );
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'fees.statement.recorded',
      subjectType: 'placement',
      subjectId: id,
      changes: { statementId: statement.id, lines: statement.lines.length },
      correlationId: actor.correlationId,
    });
    const assessment = await this.recorder.recordStatement(m, placement, statement, actor.correlationId);
    return assessmentViewOf(assessment);
  }

  async get(id: string, actor: FeesActor): Promise<PlacementView> {
    const m = this.db.manager;
    const placement = await m.findOne(Placement, { where: { id }, relations: { agency: true } });
    if (!placement || !this.mayRead(placement, actor)) throw new NotFoundException('placement');
    return this.viewOf(m, placement);
  }

  /**
   * Newest first (seq descending), by keyset (`cursor`: the last seq) or offset (`page`). The
   * agency's name comes by a many-to-one join and the SQL LIMIT pages the rows themselves (no
   * DISTINCT over every placement, as TypeORM's skip/take with a join builds); `total` counts up
   * to TOTAL_CAP.
   */
  async list(q: PlacementFilter, actor: FeesActor): Promise<Page<PlacementSummary>> {
    const qb = this.db.manager.createQueryBuilder(Placement, 'p');
    const agencyId = actor.agencyId ?? q.agencyId;
    if (agencyId) qb.andWhere('p.agency_id = :agencyId', { agencyId });
    if (actor.roles.includes('worker')) qb.andWhere('p.worker_user_id = :me', { me: actor.userId });
    if (q.destinationCountry) qb.andWhere('p.destination_country = :d', { d: q.destinationCountry });
    const { total, capped } = await cappedCount(qb);
    if (q.cursor) {
      const [seq] = decodeCursor(q.cursor, ['bigint']);
      qb.andWhere('p.seq < :afterSeq', { afterSeq: seq });
    } else {
      qb.offset(pageOffset(q));
    }
    const rows = await qb
      .leftJoinAndSelect('p.agency', 'a')
      .orderBy('p.seq', 'DESC')
      .limit(q.pageSize + 1)
      .getMany();
    const items = rows.slice(0, q.pageSize);
    const last = items[items.length - 1];
    return { ...pageOf(items.map(summaryOf), total, q), next: rows.length > q.pageSize && last ? encodeCursor([String(last.seq)]) : null, totalCapped: capped };
  }

  async revisions(id: string, actor: FeesActor): Promise<RevisionView[]> {
    const placement = await this.db.manager.findOne(Placement, { where: { id } });
    if (!placement || !this.mayRead(placement, actor)) throw new NotFoundException('placement');
    const rows = await this.db.manager.find(PlacementRevision, { where: { placementId: id }, order: { revision: 'ASC' } });
    return rows.map(revisionViewOf);
  }

  async assessments(id: string, actor: FeesActor): Promise<AssessmentView[]> {
    const placement = await this.db.manager.findOne(Placement, { where: { id } });
    if (!placement || !this.mayRead(placement, actor)) throw new NotFoundException('placement');
    const rows = await this.db.manager.find(FeeAssessment, { where: { placementId: id }, order: { seq: 'ASC' } });
    return rows.map(assessmentViewOf);
  }

  /**
   * What a worker says they paid (in a complaint) against what the agency declared for that
   * worker's placement: the case's placement when it has one, else the worker account's latest
   * placement with the agency (in the destination country, when given). Per item and currency,
   * stated minus declared; `underDeclared` when the worker paid more than declared for some item.
   * Null when no placement of that worker with the agency is known.
   */
  async compareWithDeclared(
    m: EntityManager,
    who: { agencyId: string; placementId?: string | null; workerUserId?: string | null; destinationCountry?: string | null },
    stated: readonly { item: string; amountMinor: string; currency: string; date: string }[],
  ): Promise<{ placementId: string; placementReference: string; discrepancies: StoredDiscrepancy[]; underDeclared: boolean } | null> {
    let p: Placement | null = null;
    if (who.placementId) p = await m.findOne(Placement, { where: { id: who.placementId, agencyId: who.agencyId } });
    if (!p && who.workerUserId) {
      const mine = await m.find(Placement, { where: { agencyId: who.agencyId, workerUserId: who.workerUserId }, order: { seq: 'DESC' }, take: 20 });
      p = mine.find((x) => !who.destinationCountry || x.destinationCountry === who.destinationCountry) ?? mine[0] ?? null;
    }
    if (!p) return null;
    const diff = discrepancies(
      p.fees,
      stated.map((l) => ({ ...l, receiptNumber: '' })),
    );
    return { placementId: p.id, placementReference: placementReference(p.seq), discrepancies: diff, underDeclared: underDeclared(diff) };
  }

  /**
   * Placements per agency (the public scorecard's deployments), one query for many agencies: the
   * counts kept in `agency_deployment_counts` (a trigger on `placement`), at most 16 rows each.
   */
  async deployments(agencyIds: readonly string[]): Promise<Map<string, number>> {
    const rows = (await this.db.query(
      `SELECT agency_id, sum(deployments)::int AS n FROM agency_deployment_counts WHERE agency_id = ANY($1) GROUP BY agency_id`,
      [agencyIds],
    )) as {
      agency_id: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.agency_id, r.n]));
  }

  private mayRead(p: Placement, actor: FeesActor): boolean {
    if (actor.agencyId) return p.agencyId === actor.agencyId;
    if (actor.roles.includes('worker')) return p.workerUserId !== null && p.workerUserId === actor.userId;
    return true;
  }

  private mayState(p: Placement, actor: FeesActor): boolean {
    if (actor.roles.includes('worker')) return p.workerUserId !== null && p.workerUserId === actor.userId;
    return !actor.agencyId;
  }

  /** The worker's own account, when the agency gave the address of one (never told to the agency). */
  private async workerAccount(m: EntityManager, email: string | null): Promise<string | null> {
    if (!email) return null;
    return (await this.accounts.active(m, { email, role: 'worker' }))[0]?.id ?? null;
  }

  private async viewOf(m: EntityManager, p: Placement): Promise<PlacementView> {
    // The latest assessment of declared fees (an amendment of terms that decide nothing keeps the earlier one).
    const [latest, orders, contract] = await readTogether(m, [
      () => m.findOne(FeeAssessment, { where: { placementId: p.id, basis: 'declared' }, order: { seq: 'DESC' } }),
      () => this.refunds.forPlacement(m, p.id),
      () => this.contracts.forPlacement(m, p.id),
    ] as const);
    return {
      ...summaryOf(p),
      licenseNumber: p.licenseNumber,
      workerPassportNumber: p.workerPassportNumber,
      workerEmail: p.workerEmail,
      originCountry: p.originCountry,
      monthlySalaryMinor: p.monthlySalaryMinor,
      salaryCurrency: p.salaryCurrency.trim(),
      recruitedOn: p.recruitedOn,
      contractMonths: p.contractMonths,
      fees: p.fees,
      updatedAt: p.updatedAt.toISOString(),
      assessment: latest ? assessmentViewOf(latest) : null,
      refundOrders: orders.map(refundOrderViewOf),
      contract,
    };
  }
}

const roleOf = (actor: FeesActor) => (actor.auditActor === 'system' ? 'system' : actor.auditActor.role);

const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function storedTerms(t: PlacementTermsInput): PlacementTermsRecord {
  return {
    workerName: t.workerName,
    workerPassportNumber: t.workerPassportNumber,
    workerEmail: t.workerEmail ? t.workerEmail.toLowerCase() : null,
    employerName: t.employerName,
    destinationCountry: t.destinationCountry,
    occupationCategory: t.occupationCategory,
    monthlySalaryMinor: BigInt(t.monthlySalaryMinor).toString(),
    salaryCurrency: t.salaryCurrency.trim(),
    recruitedOn: t.recruitedOn,
    contractStart: t.contractStart,
    contractMonths: t.contractMonths,
  };
}

function termsOf(p: Placement): PlacementTermsRecord {
  return storedTerms({ ...p, salaryCurrency: p.salaryCurrency });
}

/** What the DTO cannot check: known currency and occupation, the order of the dates. */
function termProblems(
  t: Pick<PlacementTermsInput, 'salaryCurrency' | 'occupationCategory' | 'recruitedOn' | 'contractStart'>,
  today: string,
  prefix = '',
): FieldError[] {
  const f = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const errors: FieldError[] = [];
  if (!isKnownCurrency(t.salaryCurrency.trim()))
    errors.push({ field: f('salaryCurrency'), message: `'${t.salaryCurrency}' is not a known ISO 4217 currency`, rule: 'currency' });
  if (!isOccupationCategory(t.occupationCategory))
    errors.push({
      field: f('occupationCategory'),
      message: `'${t.occupationCategory}' is not a known occupation category (see GET /public/fees/vocabulary)`,
      rule: 'occupationCategory',
    });
  if (t.recruitedOn > today) errors.push({ field: f('recruitedOn'), message: `is in the future (today is ${today})`, rule: 'notInFuture' });
  if (t.contractStart < t.recruitedOn)
    errors.push({ field: f('contractStart'), message: `is before the worker was recruited (${t.recruitedOn})`, rule: 'notBeforeRecruitment' });
  return errors;
}
