import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Clock } from '@app/common';
import { DomainEvents } from '@app/events';
import { FeeAssessment, FeeStatement, Placement } from '../entities';
import { coreLineOf } from '../placements/fee-lines';
import { placementReference } from '../placements/placement-views';
import { RefundOrders } from '../refunds/refund-orders.service';
import { discrepancies, underDeclared } from './discrepancies';
import { AssessedLines, FeeAssessor } from './fee-assessor';

/** Published when fees break the rules: the complaints module turns each into a case (source: system). */
export const FEE_VIOLATION_EVENT = 'fees.violation-found';

export interface FeeViolationPayload {
  placementId: string;
  placementReference: string;
  agencyId: string;
  assessmentId: string;
  basis: 'declared' | 'worker-statement';
  /** Refund orders opened by this assessment (declared fees only). */
  refundOrderIds: string[];
  serious: boolean;
  violations: { kind: string; item: string; date: string; excessMinor: string; currency: string }[];
  /** A worker statement that says more was paid than the agency declared. */
  underDeclared: boolean;
  /**
   * The worker's account, when the worker stated it themselves (not an inspector for them): the
   * case it opens is theirs (they follow it and are mailed), and the agency is never told who.
   */
  workerUserId?: string | null;
}

/**
 * Stores assessments, in the caller's transaction: of a placement's declared fees (opening refund
 * orders for new excess and publishing fees.violation-found when it does), and of a worker's
 * statement (published when it finds a violation or more paid than declared; no refund order:
 * a statement is a claim for an inspector to verify, not a receipt).
 */
@Injectable()
export class AssessmentRecorder {
  constructor(
    private readonly assessor: FeeAssessor,
    private readonly refunds: RefundOrders,
    private readonly events: DomainEvents,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async recordDeclared(m: EntityManager, p: Placement, correlationId?: string): Promise<FeeAssessment> {
    const result = await this.assess(m, p, p.fees.map(coreLineOf));
    const assessment = await this.save(m, p, result, { basis: 'declared', statementId: null, discrepancies: null }, correlationId);
    const orders = await this.refunds.openFor(m, p, assessment, correlationId);
    if (orders.length)
      await this.publish(
        m,
        p,
        assessment,
        orders.map((o) => o.id),
        false,
        correlationId,
      );
    return assessment;
  }

  async recordStatement(m: EntityManager, p: Placement, statement: FeeStatement, correlationId?: string): Promise<FeeAssessment> {
    const result = await this.assess(m, p, statement.lines.map(coreLineOf), 'lines');
    const diff = discrepancies(p.fees, statement.lines);
    const assessment = await this.save(m, p, result, { basis: 'worker-statement', statementId: statement.id, discrepancies: diff }, correlationId);
    const worker = statement.statedByRole === 'worker' ? statement.statedBy : null;
    if (result.violations.length || underDeclared(diff)) await this.publish(m, p, assessment, [], underDeclared(diff), correlationId, worker);
    return assessment;
  }

  private assess(m: EntityManager, p: Placement, lines: ReturnType<typeof coreLineOf>[], fieldPrefix = 'fees'): Promise<AssessedLines> {
    return this.assessor.assessLines(
      m,
      { destinationCountry: p.destinationCountry, occupationCategory: p.occupationCategory, originCountry: p.originCountry },
      { monthlyBasicSalaryMinor: BigInt(p.monthlySalaryMinor), salaryCurrency: p.salaryCurrency.trim() },
      lines,
      fieldPrefix,
    );
  }

  private async save(
    m: EntityManager,
    p: Placement,
    r: AssessedLines,
    basis: Pick<FeeAssessment, 'basis' | 'statementId' | 'discrepancies'>,
    correlationId?: string,
  ): Promise<FeeAssessment> {
    const assessment = await m.save(
      FeeAssessment,
      m.create(FeeAssessment, {
        placementId: p.id,
        revision: p.revision,
        ...basis,
        outcome: r.outcome,
        serious: r.serious,
        violations: r.violations,
        problems: r.problems,
        ruleIds: [...r.rules.keys()].sort(),
        assessedAt: this.clock.now(),
      }),
    );
    await this.audit.append(m, {
      actor: 'system',
      action: 'fees.placement.assessed',
      subjectType: 'placement',
      subjectId: p.id,
      changes: {
        assessmentId: assessment.id,
        basis: assessment.basis,
        revision: p.revision,
        outcome: r.outcome,
        serious: r.serious,
        violations: r.violations.length,
        problems: r.problems.map((x) => x.code),
      },
      correlationId,
    });
    return assessment;
  }

  private async publish(
    m: EntityManager,
    p: Placement,
    a: FeeAssessment,
    refundOrderIds: string[],
    under: boolean,
    correlationId?: string,
    workerUserId: string | null = null,
  ): Promise<void> {
    const payload: FeeViolationPayload = {
      placementId: p.id,
      placementReference: placementReference(p.seq),
      agencyId: p.agencyId,
      assessmentId: a.id,
      basis: a.basis,
      refundOrderIds,
      serious: a.serious,
      violations: a.violations.map((v) => ({ kind: v.kind, item: v.item, date: v.date, excessMinor: v.excessMinor, currency: v.currency })),
      underDeclared: under,
      workerUserId,
    };
    await this.events.publish(m, {
      type: FEE_VIOLATION_EVENT,
      aggregateType: 'placement',
      aggregateId: p.id,
      payload: payload as unknown as Record<string, unknown>,
      correlationId,
    });
  }
}
