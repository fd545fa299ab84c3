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
  /**
   * Revocations pending against the agency (a decided one still open to appeal or under appeal, or
   * one proposed and awaiting decision), each as a sentence naming the case, for the reviewer.
   */
  pendingRevocations?(m: EntityManager, agencyId: string): Promise<string[]>;
  /** Violations decided against the agency since `since` (each a sentence naming the case): a provisional period's record. */
  violationsSince?(m: EntityManager, agencyId: string, since: Date): Promise<string[]>;
  /** The agency's open cases, for the reviewer of its application. */
  openCases?(m: EntityManager, agencyId: string): Promise<OpenCase[]>;
}

/** An open case against the agency, as the reviewer of its application sees it. */
export class OpenCase {
  @ApiProperty({ example: 'CMP-2026-00042-7' })
  reference: string;

  @ApiProperty({ enum: ['complaint', 'inspection'], example: 'complaint' })
  kind: string;

  @ApiProperty({ example: 'adjudication', description: 'The case stage (docs/complaints.md).' })
  stage: string;

  @ApiProperty({ enum: ['normal', 'urgent'], example: 'normal' })
  priority: string;

  @ApiProperty({ type: String, format: 'date-time' })
  openedAt: string;
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

  async violationsSince(m: EntityManager, agencyId: string, since: Date): Promise<string[]> {
    const all: string[] = [];
    for (const c of this.contributors) all.push(...((await c.violationsSince?.(m, agencyId, since)) ?? []));
    return all;
  }

  async openCases(m: EntityManager, agencyId: string): Promise<OpenCase[]> {
    const all: OpenCase[] = [];
    for (const c of this.contributors) all.push(...((await c.openCases?.(m, agencyId)) ?? []));
    return all;
  }

  async pendingRevocations(m: EntityManager, agencyId: string): Promise<string[]> {
    const all: string[] = [];
    for (const c of this.contributors) all.push(...((await c.pendingRevocations?.(m, agencyId)) ?? []));
    return all;
  }
}

export const CLEARANCE_CHECKS = ['escrow', 'unpaid-fines', 'refund-orders', 'no-revocation-pending', 'no-live-license', 'not-disqualified'] as const;
export type ClearanceCheckName = (typeof CLEARANCE_CHECKS)[number];

/** One clearance check and its outcome. */
export class ClearanceCheck {
  @ApiProperty({
    enum: CLEARANCE_CHECKS,
    enumName: 'ClearanceCheckName',
    example: 'escrow',
    description:
      '`escrow`: the escrow account is open and meets its requirement; `unpaid-fines`, `refund-orders`: none outstanding; `no-revocation-pending` (renewal): the license is active, no decided revocation is still open to appeal or under appeal, and no case in adjudication proposes revocation; `no-live-license` (new, until approved): the agency holds no active or suspended license; `not-disqualified` (new): neither the agency nor an owner or officer it shares with a revoked agency is within LICENSING_DISQUALIFICATION_YEARS of that revocation.',
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
