import { Injectable, Logger } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundException, ValidationFailedException } from '@app/common';
import { SlaPolicy } from '../entities/sla-policy.entity';
import { DeadlineHandlerRegistry } from '../handlers/handler-registry';
import { DayCounting, ESCALATION_ACTIONS, EscalationLevel, PolicyRules, policyProblems } from './policy-rules';

/** A deadline kind's SLA as admins read and edit it. */
export class PolicyView implements PolicyRules {
  @ApiProperty({ example: 'complaint.triage', description: 'The deadline kind.' })
  kind: string;

  @ApiProperty({
    example: 'Triage of a newly filed complaint',
    description: "What the deadline is, from the kind's handler (`(no handler registered for this kind)` when none is).",
  })
  description: string;

  @ApiProperty({
    enum: ESCALATION_ACTIONS,
    enumName: 'EscalationAction',
    enumSchema: {
      description:
        "What an escalation level does. `notify-assignee`, `notify-supervisors`: mail (the engine, any kind); `raise-priority`, `move-to-supervisors-queue`, `act`: done by the kind's handler, for kinds that support them.",
    },
    isArray: true,
    example: ['raise-priority', 'move-to-supervisors-queue'],
    description: "The actions beyond the engine's own (`notify-assignee`, `notify-supervisors`) that this kind's escalation levels may use.",
  })
  supportedActions: string[];

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 3650,
    example: 2,
    description: 'How long the subject has, in days (ignored by kinds whose callers give the due time themselves).',
  })
  durationDays: number;

  @ApiProperty({
    enum: ['calendar', 'business'],
    enumName: 'DayCounting',
    enumSchema: {
      description: "How a deadline's days are counted: `calendar` (every day) or `business` (on the jurisdiction's calendar, skipping weekends and holidays).",
    },
    example: 'business',
    description: "`business`: days counted on the jurisdiction's calendar (weekends and holidays skipped); `calendar`: every day.",
  })
  counting: DayCounting;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0.01,
    maximum: 0.99,
    example: 0.8,
    description: 'Share of the time at which a reminder fires (0.8 = at 80%); null for no reminder.',
  })
  reminderShare: number | null;

  @ApiProperty({ type: [EscalationLevel], maxItems: 10, description: 'Level 1 fires at the breach (plus its `afterHours`), level 2 after it, and so on.' })
  escalations: EscalationLevel[];

  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'Bumped on every change; open deadlines record the version they were computed with.' })
  version: number;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T08:15:00.000Z' })
  updatedAt: string;
}

/** A policy just replaced, with how many open deadlines were recomputed. */
export class ReplacedPolicyView extends PolicyView {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 12,
    description: 'Open deadlines of the kind recomputed under the new policy, in the same transaction.',
  })
  recomputed: number;
}

@Injectable()
export class PoliciesService {
  private readonly logger = new Logger('SlaPolicies');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: DeadlineHandlerRegistry,
  ) {}

  /** Writes the default policy of every registered kind that has none yet (never overwrites an admin's edit). */
  async ensureDefaults(): Promise<number> {
    let added = 0;
    for (const handler of this.registry.all()) {
      const { kind, defaultPolicy } = handler.definition;
      const problems = policyProblems(defaultPolicy, handler.definition.supportedActions);
      if (problems.length) throw new Error(`the default SLA policy of ${kind} is invalid: ${JSON.stringify(problems)}`);
      const result = await this.db
        .createQueryBuilder()
        .insert()
        .into(SlaPolicy)
        .values({ kind, ...defaultPolicy, version: 1 })
        .orIgnore()
        .returning('kind')
        .execute();
      // Only the rows really inserted come back (ON CONFLICT DO NOTHING returns none for a kind that has its policy).
      added += (result.raw as unknown[]).length;
    }
    if (added) this.logger.log(`SLA policies: ${added} default(s) written`);
    return added;
  }

  async rulesOf(kind: string, manager: EntityManager = this.db.manager): Promise<{ rules: PolicyRules; version: number }> {
    const row = await manager.findOne(SlaPolicy, { where: { kind } });
    if (!row) throw new NotFoundException('SLA policy');
    return { rules: toRules(row), version: row.version };
  }

  async list(): Promise<PolicyView[]> {
    const rows = await this.db.getRepository(SlaPolicy).find({ order: { kind: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  async get(kind: string): Promise<PolicyView> {
    const row = await this.db.getRepository(SlaPolicy).findOne({ where: { kind } });
    if (!row) throw new NotFoundException('SLA policy');
    return this.view(row);
  }

  /** Validates and stores new rules, bumping the version. The caller recomputes open deadlines in the same transaction. */
  async replace(manager: EntityManager, kind: string, rules: PolicyRules): Promise<{ before: PolicyRules; after: SlaPolicy }> {
    const handler = this.registry.get(kind);
    const row = await manager.findOne(SlaPolicy, { where: { kind }, lock: { mode: 'pessimistic_write' } });
    if (!row || !handler) throw new NotFoundException('SLA policy');
    const problems = policyProblems(rules, handler.definition.supportedActions);
    if (problems.length) throw new ValidationFailedException(problems.map((p) => ({ ...p, rule: 'slaPolicy' })));
    const before = toRules(row);
    Object.assign(row, rules, { version: row.version + 1 });
    await manager.save(SlaPolicy, row);
    return { before, after: row };
  }

  private view(row: SlaPolicy): PolicyView {
    const handler = this.registry.get(row.kind);
    return {
      kind: row.kind,
      description: handler?.definition.description ?? '(no handler registered for this kind)',
      supportedActions: handler?.definition.supportedActions ?? [],
      ...toRules(row),
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** A policy row `p` in raw SQL, its columns named as the entity's properties (for reads that join it with other tables). */
export const POLICY_COLUMNS = `p.duration_days AS "durationDays", p.counting, p.reminder_share::float8 AS "reminderShare", p.escalations, p.version`;
export type PolicyRow = Pick<SlaPolicy, 'durationDays' | 'counting' | 'reminderShare' | 'escalations' | 'version'>;

export const toRules = (row: PolicyRow): PolicyRules => ({
  durationDays: row.durationDays,
  counting: row.counting,
  reminderShare: row.reminderShare,
  escalations: row.escalations,
});
