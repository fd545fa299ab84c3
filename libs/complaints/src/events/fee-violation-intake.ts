import { Injectable } from '@nestjs/common';
import { Accounts } from '@app/auth';
import { DomainEventContext, DomainEventHandler, DomainEventSubscriber } from '@app/events';
import { FEE_VIOLATION_EVENT, FeeViolationPayload, placementDestination } from '@app/fees';
import { ComplaintIntake } from '../intake/complaint-intake.service';

const KIND_FACTS: Record<string, string> = {
  'placement-fee-over-cap': 'placement fee over the cap',
  'item-over-cap': 'cost item over its cap',
  'item-not-allowed': 'cost item not allowed',
  'protected-category': 'fee charged in a protected category',
};

/**
 * The system's door: each fee violation found by the fees module becomes a case against the agency
 * (source: system), its refund orders linked. One case per event (the event id is unique on the
 * case), whatever the retries.
 */
@DomainEventSubscriber()
@Injectable()
export class FeeViolationIntake implements DomainEventHandler {
  readonly subscriber = 'complaints.fee-violation-intake';
  readonly types = [FEE_VIOLATION_EVENT];

  constructor(
    private readonly intake: ComplaintIntake,
    private readonly accounts: Accounts,
  ) {}

  async handle({ manager: m, event }: DomainEventContext): Promise<void> {
    const p = event.payload as unknown as FeeViolationPayload;
    const exists = (await m.query(`SELECT 1 FROM complaint WHERE source_event_id = $1`, [event.id])) as unknown[];
    if (exists.length) return;
    const placement = await placementDestination(m, p.placementId);
    // The worker's own statement: the case is theirs (in their account, mailed in their language)
    // and their identity is protected. What the agency reads names no placement, employer or day:
    // it keeps those records and could tell which worker complained.
    const [worker] = p.workerUserId ? await this.accounts.active(m, { ids: [p.workerUserId], role: 'worker' }) : [];
    const facts = worker
      ? p.violations.map((v) => `${KIND_FACTS[v.kind] ?? v.kind}: ${v.item}, ${v.excessMinor} ${v.currency} (minor units) over`).join('; ')
      : p.violations.map((v) => `${KIND_FACTS[v.kind] ?? v.kind}: ${v.item} charged ${v.date}, ${v.excessMinor} ${v.currency} (minor units) over`).join('; ');
    const what = worker
      ? `A worker's statement of what they paid this agency breaks the fee rules${facts ? `: ${facts}` : ''}${p.underDeclared ? `${facts ? '; ' : ': '}the worker says they paid more than the agency declared` : ''}.`
      : `${p.basis === 'worker-statement' ? "The worker's statement of what they paid" : 'The fees the agency declared'} for placement ${p.placementReference} break the fee rules: ${facts}${p.underDeclared ? '; the worker says they paid more than the agency declared' : ''}.`;
    await this.intake.file(
      m,
      {
        employerName: worker ? null : (placement?.employerName ?? null),
        destinationCountry: placement?.destinationCountry ?? null,
        allegations: [{ category: 'excess-fees', protectedCategoryFee: p.serious, facts: what }],
        language: worker?.language ?? 'en',
        identityProtected: Boolean(worker),
      },
      {
        source: 'system',
        channel: 'system',
        auditActor: 'system',
        actorId: null,
        correlationId: event.correlationId ?? undefined,
        sourceEventId: event.id,
        agencyId: p.agencyId,
        placementId: p.placementId,
        refundOrderIds: p.refundOrderIds,
        complainantUserId: worker?.id ?? null,
      },
    );
  }
}
