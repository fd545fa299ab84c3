import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClearanceContributor, ClearanceSource, OutstandingObligation, Scorecard, ScorecardContributor, ScorecardSource } from '@app/agencies';
import { Placements } from './placements/placements.service';
import { RefundOrders } from './refunds/refund-orders.service';

/**
 * What fees tells licensing: deployments (placements recorded) for the public scorecard, and open
 * refund orders, which block a license application's clearance until paid or cancelled.
 */
@Injectable()
export class FeesContributions implements OnModuleInit, ScorecardContributor, ClearanceContributor {
  constructor(
    private readonly scorecards: ScorecardSource,
    private readonly clearance: ClearanceSource,
    private readonly placements: Placements,
    private readonly refunds: RefundOrders,
  ) {}

  onModuleInit(): void {
    this.scorecards.register(this);
    this.clearance.register(this);
  }

  async forAgencies(agencyIds: readonly string[]): Promise<Map<string, Partial<Scorecard>>> {
    const counts = await this.placements.deployments(agencyIds);
    return new Map([...counts].map(([id, deployments]) => [id, { deployments }]));
  }

  async outstanding(m: EntityManager, agencyId: string): Promise<OutstandingObligation[]> {
    return (await this.refunds.open(m, agencyId)).map((o) => ({
      kind: 'refund-order',
      reference: o.reference,
      amountMinor: o.amountMinor,
      currency: o.currency,
    }));
  }
}
