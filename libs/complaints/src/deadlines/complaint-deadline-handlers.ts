import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Complaint } from '../entities';
import {
  DeadlineFireContext,
  DeadlineHandler,
  DeadlineKindDefinition,
  DeadlineKindHandler,
  DeadlineOutcome,
  EscalationAction,
  lockSubjectRows,
} from '@app/deadlines';
import { AuditLog } from '@app/audit';
import { ConfigService } from '@app/common';
import { ComplaintLifecycle } from '../cases/complaint-lifecycle.service';
import { COMPLAINT_DEADLINE_DEFAULTS, ComplaintDeadlineKind } from './complaint-deadline-kinds';
import type { ComplaintAction, ComplaintStage } from '../lifecycle/complaint-transitions';

/**
 * What a case's deadline does when it fires, beyond the engine's mail: raise the priority, move
 * the case to the supervisors' queue, or (act) move it on as the policy says: a conciliation that
 * ran out goes to adjudication; a lapsed appeal window closes the case and the sanctions apply.
 * The move is `acted` (the engine closes the deadline); a raised priority or a move to the
 * supervisors' queue is `escalated` (the deadline stays breached until the case meets it).
 */
abstract class ComplaintDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition;
  /** The move `act` makes, and the stage it expects the case in (else the case moved on meanwhile). */
  protected readonly actMove?: { stage: ComplaintStage; action: ComplaintAction };

  constructor(
    kind: ComplaintDeadlineKind,
    supportedActions: EscalationAction[],
    private readonly lifecycle: ComplaintLifecycle,
    private readonly audit: AuditLog,
  ) {
    const d = COMPLAINT_DEADLINE_DEFAULTS[kind];
    this.definition = { kind, description: d.description, defaultPolicy: d.policy, supportedActions };
  }

  /** The case before its deadline, as every move on the case locks them (the engine's subject-locks.ts). */
  lockSubjects(m: EntityManager, subjectIds: readonly string[], mode: 'wait' | 'skip'): Promise<string[]> {
    return lockSubjectRows(m, Complaint, subjectIds, mode);
  }

  async fire({ manager: m, deadline, actions, correlationId }: DeadlineFireContext): Promise<DeadlineOutcome> {
    const c = await m.findOne(Complaint, { where: { id: deadline.subjectId }, lock: { mode: 'pessimistic_write' } });
    if (!c) return 'nothing';
    const changes: Record<string, unknown> = {};
    if (actions.includes('raise-priority') && c.priority !== 'urgent') {
      c.priority = 'urgent';
      changes.priority = { from: 'normal', to: 'urgent' };
    }
    if (actions.includes('move-to-supervisors-queue') && !c.inSupervisorQueue) {
      c.inSupervisorQueue = true;
      changes.inSupervisorQueue = true;
    }
    if (Object.keys(changes).length) {
      c.version += 1;
      await m.save(Complaint, c);
      await this.audit.append(m, {
        actor: 'system',
        action: 'complaint.escalated',
        subjectType: 'complaint',
        subjectId: c.id,
        changes: { ...changes, deadline: deadline.kind },
        correlationId,
        chain: 'complaints',
      });
    }
    if (actions.includes('act') && this.actMove && c.stage === this.actMove.stage) {
      await this.lifecycle.actIn(m, c.id, this.actMove.action, {}, { userId: null, roles: ['system'], agencyId: null, auditActor: 'system', correlationId });
      return 'acted';
    }
    return Object.keys(changes).length ? 'escalated' : 'nothing';
  }
}

@DeadlineKindHandler('complaint.triage')
@Injectable()
export class ComplaintTriageDeadline extends ComplaintDeadline {
  constructor(lifecycle: ComplaintLifecycle, audit: AuditLog) {
    super('complaint.triage', ['raise-priority', 'move-to-supervisors-queue'], lifecycle, audit);
  }
}

@DeadlineKindHandler('complaint.triage.urgent')
@Injectable()
export class ComplaintUrgentTriageDeadline extends ComplaintDeadline {
  constructor(lifecycle: ComplaintLifecycle, audit: AuditLog) {
    super('complaint.triage.urgent', ['raise-priority', 'move-to-supervisors-queue'], lifecycle, audit);
  }
}

@DeadlineKindHandler('complaint.conciliation')
@Injectable()
export class ComplaintConciliationDeadline extends ComplaintDeadline {
  protected override readonly actMove = { stage: 'conciliation' as const, action: 'expire-conciliation' as const };
  constructor(lifecycle: ComplaintLifecycle, audit: AuditLog) {
    super('complaint.conciliation', ['act'], lifecycle, audit);
  }
}

@DeadlineKindHandler('complaint.settlement-compliance')
@Injectable()
export class ComplaintSettlementDeadline extends ComplaintDeadline {
  constructor(lifecycle: ComplaintLifecycle, audit: AuditLog) {
    super('complaint.settlement-compliance', [], lifecycle, audit);
  }
}

@DeadlineKindHandler('complaint.agency-answer')
@Injectable()
export class ComplaintAnswerDeadline extends ComplaintDeadline {
  constructor(lifecycle: ComplaintLifecycle, audit: AuditLog) {
    super('complaint.agency-answer', [], lifecycle, audit);
  }
}

@DeadlineKindHandler('complaint.decision')
@Injectable()
export class ComplaintDecisionDeadline extends ComplaintDeadline {
  constructor(lifecycle: ComplaintLifecycle, audit: AuditLog) {
    super('complaint.decision', ['move-to-supervisors-queue'], lifecycle, audit);
  }
}

@DeadlineKindHandler('complaint.decision.urgent')
@Injectable()
export class ComplaintUrgentDecisionDeadline extends ComplaintDeadline {
  constructor(lifecycle: ComplaintLifecycle, audit: AuditLog) {
    super('complaint.decision.urgent', ['move-to-supervisors-queue'], lifecycle, audit);
  }
}

@DeadlineKindHandler('complaint.appeal-window')
@Injectable()
export class ComplaintAppealWindowDeadline extends ComplaintDeadline {
  protected override readonly actMove = { stage: 'decided' as const, action: 'lapse-appeal-window' as const };
  constructor(lifecycle: ComplaintLifecycle, audit: AuditLog) {
    super('complaint.appeal-window', ['act'], lifecycle, audit);
  }
}

/** Fines are their own subject ('fine'); the engine tells the supervisors, nothing more to do here. */
@DeadlineKindHandler('complaint.fine-payment')
@Injectable()
export class FinePaymentDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition;
  constructor(config: ConfigService) {
    const d = COMPLAINT_DEADLINE_DEFAULTS['complaint.fine-payment'];
    this.definition = {
      kind: 'complaint.fine-payment',
      description: d.description,
      defaultPolicy: { ...d.policy, durationDays: config.get('complaints').COMPLAINTS_FINE_DAYS },
      supportedActions: [],
    };
  }

  async fire(): Promise<DeadlineOutcome> {
    return 'nothing';
  }
}

export const COMPLAINT_DEADLINE_HANDLERS = [
  FinePaymentDeadline,
  ComplaintTriageDeadline,
  ComplaintUrgentTriageDeadline,
  ComplaintConciliationDeadline,
  ComplaintSettlementDeadline,
  ComplaintAnswerDeadline,
  ComplaintDecisionDeadline,
  ComplaintUrgentDecisionDeadline,
  ComplaintAppealWindowDeadline,
];
