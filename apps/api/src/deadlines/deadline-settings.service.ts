import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import type { Actor } from '@app/common';
import {
  DeadlineService,
  HolidaySetView,
  JurisdictionInput,
  JurisdictionView,
  JurisdictionsService,
  PoliciesService,
  ReplacedPolicyView,
} from '@app/deadlines';
import { SlaPolicyDto } from './deadlines.dto';

/**
 * What admins change in how deadlines are counted: jurisdictions and their holidays, and SLA
 * policies. Each change, the recomputation of the open deadlines it moves, and its audit entry
 * are one transaction.
 */
@Injectable()
export class DeadlineSettings {
  constructor(
    private readonly jurisdictions: JurisdictionsService,
    private readonly policies: PoliciesService,
    private readonly deadlines: DeadlineService,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Creates or replaces a jurisdiction (a replaced one recomputes its open deadlines); audited `jurisdiction.changed`. */
  upsertJurisdiction(code: string, input: JurisdictionInput, actor: Actor): Promise<JurisdictionView> {
    return this.db.transaction(async (m) => {
      const { before, after } = await this.jurisdictions.upsert(m, code, input);
      const recomputed = before ? await this.recompute(m, code) : 0;
      await this.record(m, actor, 'jurisdiction.changed', code, { from: before, to: after, openDeadlinesRecomputed: recomputed });
      return after;
    });
  }

  /** Declares (recomputing the open deadlines) or renames a holiday; audited `holiday.declared` or `holiday.renamed`. */
  setHoliday(code: string, date: string, name: string, actor: Actor): Promise<HolidaySetView> {
    return this.db.transaction(async (m) => {
      const { created } = await this.jurisdictions.setHoliday(m, code, date, name);
      const recomputed = created ? await this.recompute(m, code) : 0;
      await this.record(m, actor, created ? 'holiday.declared' : 'holiday.renamed', code, { date, name, openDeadlinesRecomputed: recomputed });
      return { date, name, openDeadlinesRecomputed: recomputed };
    });
  }

  /** Removes a holiday and recomputes the open deadlines; audited `holiday.removed`. */
  removeHoliday(code: string, date: string, actor: Actor): Promise<void> {
    return this.db.transaction(async (m) => {
      await this.jurisdictions.removeHoliday(m, code, date);
      const recomputed = await this.recompute(m, code);
      await this.record(m, actor, 'holiday.removed', code, { date, openDeadlinesRecomputed: recomputed });
    });
  }

  /** Replaces a kind's SLA and recomputes its open deadlines (time already paused is kept; levels fired stay fired); audited `sla-policy.changed`. */
  async replacePolicy(kind: string, rules: SlaPolicyDto, actor: Actor): Promise<ReplacedPolicyView> {
    const recomputed = await this.db.transaction(async (m) => {
      const { before, after } = await this.policies.replace(m, kind, rules);
      const n = await this.deadlines.recomputeKind(m, kind, rules, after.version);
      await this.audit.append(m, {
        actor: actor.auditActor,
        action: 'sla-policy.changed',
        subjectType: 'sla-policy',
        subjectId: kind,
        changes: { from: before, to: { ...rules }, version: after.version, openDeadlinesRecomputed: n },
        correlationId: actor.correlationId,
      });
      return n;
    });
    return { ...(await this.policies.get(kind)), recomputed };
  }

  private async recompute(m: EntityManager, code: string): Promise<number> {
    return this.deadlines.recomputeJurisdiction(m, code, await this.jurisdictions.openKindsIn(m, code));
  }

  private record(m: EntityManager, actor: Actor, action: string, code: string, changes: Record<string, unknown>) {
    return this.audit.append(m, { actor: actor.auditActor, action, subjectType: 'jurisdiction', subjectId: code, changes, correlationId: actor.correlationId });
  }
}
