import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
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

/** One clearance check and its outcome. */
export class ClearanceCheck {
  @ApiProperty({
    enum: CLEARANCE_CHECKS,
    enumName: 'ClearanceCheckName',
    example: 'escrow',
    description:
      '`escrow`: the escrow account is open and meets its requirement; `unpaid-fines`, `refund-orders`: none outstanding; `no-revocation-pending` (renewal): the license is active; `no-live-license` (new, until approved): the agency holds no active or suspended license.',
  })
  check: ClearanceCheckName;

  @ApiProperty({ example: true, description: 'Whether it passes.' })
  ok: boolean;

  @ApiProperty({ example: 'balance 500000000 PHP meets the requirement 500000000', description: 'For the reviewer, in English: what was found.' })
  detail: string;
}

/** The clearance checks approval enforces, as they stand now. */
export class ClearanceView {
  @ApiProperty({ example: false, description: 'True when every check passes: only then can the application be approved.' })
  cleared: boolean;

  @ApiProperty({ type: [ClearanceCheck] })
  checks: ClearanceCheck[];
}
