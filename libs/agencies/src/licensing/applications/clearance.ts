import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Something an agency owes that blocks its license's approval (a fine, a refund order). */
export interface OutstandingObligation {
  kind: 'unpaid-fine' | 'refund-order';
  /** The case or order reference, for the reviewer. */
  reference: string;
  amountMinor: string | null;
  currency: string | null;
}

/** One module's obligations (refund orders from fees; fines from sanctions). */
export interface ClearanceContributor {
  outstanding(m: EntityManager, agencyId: string): Promise<OutstandingObligation[]>;
}

/**
 * Where unpaid fines and refund orders come from: modules that know them register a contributor
 * at start (`onModuleInit`), so licensing never imports them.
 */
@Injectable()
export class ClearanceSource {
  private readonly contributors: ClearanceContributor[] = [];

  register(contributor: ClearanceContributor): void {
    if (!this.contributors.includes(contributor)) this.contributors.push(contributor);
  }

  async outstanding(m: EntityManager, agencyId: string): Promise<OutstandingObligation[]> {
    const all: OutstandingObligation[] = [];
    for (const c of this.contributors) all.push(...(await c.outstanding(m, agencyId)));
    return all;
  }
}

export const CLEARANCE_CHECKS = ['escrow', 'unpaid-fines', 'refund-orders', 'no-revocation-pending', 'no-live-license'] as const;
export type ClearanceCheckName = (typeof CLEARANCE_CHECKS)[number];

export interface ClearanceCheck {
  check: ClearanceCheckName;
  ok: boolean;
  detail: string;
}

export interface ClearanceView {
  cleared: boolean;
  checks: ClearanceCheck[];
}
