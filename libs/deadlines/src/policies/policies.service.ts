import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundException, ValidationFailedException } from '@app/common';
import { SlaPolicy } from '../entities/sla-policy.entity';
import { DeadlineHandlerRegistry } from '../handlers/handler-registry';
import { PolicyRules, policyProblems } from './policy-rules';

export interface PolicyView extends PolicyRules {
  kind: string;
  description: string;
  supportedActions: string[];
  version: number;
  updatedAt: string;
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
        .execute();
      added += result.identifiers.filter(Boolean).length;
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
