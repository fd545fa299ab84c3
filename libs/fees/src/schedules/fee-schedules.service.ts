import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Actor, Clock, ConflictException, NotFoundException, Page, PageQuery, ValidationFailedException, pageOf, pageOffset } from '@app/common';
import { isExclusionViolation } from '@app/database';
import { validateRule } from '../assessment';
import { FeeRuleRecord } from '../entities';
import { rethrowAsProblem } from '../fee-errors';
import { FeesCalendar } from '../fees-calendar';
import { isCostItem } from './cost-items';
import { FeeRuleInput, FeeRuleView, toFeeRule, viewOfRule } from './fee-rule-mapping';
import { isOccupationCategory } from './occupation-categories';

export interface CorridorKey {
  destinationCountry: string;
  occupationCategory: string;
  originCountry: string;
}

export interface RuleFilter extends PageQuery {
  destinationCountry?: string;
  occupationCategory?: string;
  originCountry?: string;
  /** Only rules in force on this date. */
  inForceOn?: string;
}

/**
 * The fee schedules: effective-dated rules per corridor. A rule is never edited; it is ended
 * (its last day set) and followed by a new one, so an assessment made under it can always be
 * explained. Overlapping rules for one key are refused by the database (exclusion constraint).
 */
@Injectable()
export class FeeSchedules {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly calendar: FeesCalendar,
  ) {}

  /** Creates a rule (400 naming the field when it cannot be applied; 409 when it overlaps another for the same key). */
  create(input: FeeRuleInput, actor: Actor): Promise<FeeRuleView> {
    return this.db.transaction((m) => this.createIn(m, input, actor));
  }

  private async createIn(
    m: EntityManager,
    input: FeeRuleInput,
    actor: { auditActor: AuditActor; userId: string | null; correlationId?: string },
  ): Promise<FeeRuleView> {
    checkVocabulary(input);
    try {
      validateRule(toFeeRule(input));
    } catch (e) {
      rethrowAsProblem(e, (f) => f.replace(/^rule\./, ''));
    }
    if (input.validTo && input.validTo < input.validFrom)
      throw new ValidationFailedException([{ field: 'validTo', message: 'must be on or after validFrom', rule: 'dateOrder' }]);
    let saved: FeeRuleRecord;
    try {
      saved = await m.save(
        FeeRuleRecord,
        m.create(FeeRuleRecord, {
          ...input,
          validTo: input.validTo ?? null,
          createdBy: actor.userId,
          createdAt: this.clock.now(),
        }),
      );
    } catch (e) {
      if (isExclusionViolation(e, 'ex_fee_rule_overlap')) throw await this.overlapConflict(input, input.validFrom, input.validTo ?? null);
      throw e;
    }
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'fees.rule.created',
      subjectType: 'fee_rule',
      subjectId: saved.id,
      changes: {
        destinationCountry: saved.destinationCountry,
        occupationCategory: saved.occupationCategory,
        originCountry: saved.originCountry,
        validFrom: saved.validFrom,
        validTo: saved.validTo,
        placementFeeCap: saved.placementFeeCap,
        protected: saved.protected,
        source: saved.source,
      },
      correlationId: actor.correlationId,
    });
    return viewOfRule(saved);
  }

  /**
   * Sets a rule's last day in force. Only today or later: the rule that applied to a day gone by
   * stays the rule of that day. 409 when it was already ended earlier than asked (extend by a new rule).
   */
  end(id: string, validTo: string, actor: Actor): Promise<FeeRuleView> {
    return this.db.transaction((m) => this.endIn(m, id, validTo, actor));
  }

  private async endIn(m: EntityManager, id: string, validTo: string, actor: { auditActor: AuditActor; correlationId?: string }): Promise<FeeRuleView> {
    const rule = await m.findOne(FeeRuleRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!rule) throw new NotFoundException('fee rule');
    const today = await this.calendar.today(m);
    if (validTo < today)
      throw new ValidationFailedException([
        { field: 'validTo', message: `must be today (${today}) or later: a rule's past days are history`, rule: 'notInPast' },
      ]);
    if (validTo < rule.validFrom)
      throw new ValidationFailedException([{ field: 'validTo', message: `must be on or after the rule's first day (${rule.validFrom})`, rule: 'dateOrder' }]);
    if (rule.validTo !== null && rule.validTo <= validTo) {
      throw new ConflictException('fee-rule-already-ended', `The rule already ends on ${rule.validTo}; to extend it, create a new rule from the next day.`, {
        validTo: rule.validTo,
      });
    }
    const before = rule.validTo;
    rule.validTo = validTo;
    await m.save(FeeRuleRecord, rule);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'fees.rule.ended',
      subjectType: 'fee_rule',
      subjectId: id,
      changes: { validTo: { from: before, to: validTo } },
      correlationId: actor.correlationId,
    });
    return viewOfRule(rule);
  }

  async get(id: string): Promise<FeeRuleView> {
    const rule = await this.db.manager.findOne(FeeRuleRecord, { where: { id } });
    if (!rule) throw new NotFoundException('fee rule');
    return viewOfRule(rule);
  }

  async list(q: RuleFilter): Promise<Page<FeeRuleView>> {
    const qb = this.db.manager.createQueryBuilder(FeeRuleRecord, 'r');
    if (q.destinationCountry) qb.andWhere('r.destination_country = :d', { d: q.destinationCountry });
    if (q.occupationCategory) qb.andWhere('r.occupation_category = :o', { o: q.occupationCategory });
    if (q.originCountry) qb.andWhere('r.origin_country = :g', { g: q.originCountry });
    if (q.inForceOn) qb.andWhere(`r.valid_from <= :on AND (r.valid_to IS NULL OR r.valid_to >= :on)`, { on: q.inForceOn });
    qb.orderBy('r.destination_country')
      .addOrderBy('r.occupation_category')
      .addOrderBy('r.origin_country')
      .addOrderBy('r.valid_from', 'DESC')
      .skip(pageOffset(q))
      .take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows.map(viewOfRule), total, q);
  }

  /**
   * The rule in force for a corridor on a date: the origin's own rule if there is one, else the
   * rule for every origin ('*'); null when neither covers the date.
   */
  async ruleInForce(m: EntityManager, key: CorridorKey, date: string): Promise<FeeRuleRecord | null> {
    return m
      .createQueryBuilder(FeeRuleRecord, 'r')
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

  /** Outside the failed transaction (Postgres refuses further statements in it). */
  private async overlapConflict(key: CorridorKey, from: string, to: string | null): Promise<ConflictException> {
    const clash = await this.db.manager
      .createQueryBuilder(FeeRuleRecord, 'r')
      .where('r.destination_country = :d AND r.occupation_category = :o AND r.origin_country = :g', {
        d: key.destinationCountry,
        o: key.occupationCategory,
        g: key.originCountry,
      })
      .andWhere(`daterange(r.valid_from, r.valid_to, '[]') && daterange(:from::date, :to::date, '[]')`, { from, to })
      .getOne();
    return new ConflictException(
      'fee-rule-overlap',
      'Another rule for the same destination, occupation and origin is in force on some of these days; end it first.',
      clash ? { ruleId: clash.id, validFrom: clash.validFrom, validTo: clash.validTo } : {},
    );
  }
}

function checkVocabulary(input: FeeRuleInput): void {
  const errors: { field: string; message: string; rule: string }[] = [];
  if (!isOccupationCategory(input.occupationCategory))
    errors.push({ field: 'occupationCategory', message: 'is not a known occupation category (see GET /public/fees/vocabulary)', rule: 'occupationCategory' });
  input.allowedItems.forEach((a, i) => {
    if (!isCostItem(a.item))
      errors.push({ field: `allowedItems[${i}].item`, message: `'${a.item}' is not a known cost item (see GET /public/fees/vocabulary)`, rule: 'costItem' });
  });
  input.prohibitedItems.forEach((p, i) => {
    if (!isCostItem(p))
      errors.push({ field: `prohibitedItems[${i}]`, message: `'${p}' is not a known cost item (see GET /public/fees/vocabulary)`, rule: 'costItem' });
  });
  if (errors.length) throw new ValidationFailedException(errors);
}
