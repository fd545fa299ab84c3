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

/**
 * Where unpaid fines and refund orders come from (the sanctions and complaints modules, as they
 * land). Replace the default in ApplicationsModule: `{ provide: ClearanceSource, useExisting: … }`.
 */
export abstract class ClearanceSource {
  abstract outstanding(m: EntityManager, agencyId: string): Promise<OutstandingObligation[]>;
}

@Injectable()
export class NoOutstandingObligations extends ClearanceSource {
  async outstanding(): Promise<OutstandingObligation[]> {
    return [];
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
