import { Injectable } from '@nestjs/common';
import { DomainEventContext, DomainEventHandler, DomainEventSubscriber } from '@app/events';
import { CONTRACT_BELOW_MODEL_EVENT, ContractBelowModelPayload, placementDestination } from '@app/fees';
import { ComplaintIntake } from '../intake/complaint-intake.service';

/**
 * Like a fee excess (FeeViolationIntake): a placement whose registered contract falls below the
 * model contract of its corridor becomes a case against the agency (source: system), the findings
 * in its facts. One case per event (the event id is unique on the case), whatever the retries.
 */
@DomainEventSubscriber()
@Injectable()
export class ContractBelowModelIntake implements DomainEventHandler {
  readonly subscriber = 'complaints.contract-below-model-intake';
  readonly types = [CONTRACT_BELOW_MODEL_EVENT];

  constructor(private readonly intake: ComplaintIntake) {}

  async handle({ manager: m, event }: DomainEventContext): Promise<void> {
    const p = event.payload as unknown as ContractBelowModelPayload;
    const exists = (await m.query(`SELECT 1 FROM complaint WHERE source_event_id = $1`, [event.id])) as unknown[];
    if (exists.length) return;
    const placement = await placementDestination(m, p.placementId);
    const findings = p.findings.map((f) => `${f.term}: the model requires ${f.model}, the contract says ${f.contract}`).join('; ');
    await this.intake.file(
      m,
      {
        employerName: placement?.employerName ?? null,
        destinationCountry: placement?.destinationCountry ?? null,
        allegations: [
          {
            category: 'other',
            facts: `The contract registered with placement ${p.placementReference} falls below the model contract of its corridor: ${findings}.`,
          },
        ],
        language: 'en',
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
      },
    );
  }
}
