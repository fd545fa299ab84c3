import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';

/*
 * What licensing asks other modules. AgencyHolds and RenewalStatus are abstract classes whose
 * implementation LicensingModule binds (`{ provide: AgencyHolds, useExisting: EscrowHolds }`).
 * The scorecard (here) and the clearance (applications/clearance.ts) are registries: modules that
 * depend on licensing register a contributor at start, so licensing never imports them.
 */

/** Processing holds (escrow below its requirement past the top-up deadline, …). */
export abstract class AgencyHolds {
  /** The reason of an active hold on the agency (e.g. 'escrow-below-requirement'), or null. */
  abstract activeHold(m: EntityManager, agencyId: string): Promise<string | null>;
}

@Injectable()
export class NoAgencyHolds extends AgencyHolds {
  async activeHold(): Promise<string | null> {
    return null;
  }
}

/**
 * Renewals: a renewal filed in time and not yet decided keeps a license from expiring at the end
 * of its last day (and "may place workers" says yes meanwhile). The renewal module replaces this.
 */
export abstract class RenewalStatus {
  abstract renewalPending(m: EntityManager, licenseId: string): Promise<boolean>;
}

@Injectable()
export class NoRenewalPending extends RenewalStatus {
  async renewalPending(): Promise<boolean> {
    return false;
  }
}

/** The public scorecard of an agency: counts only, never details. */
export class Scorecard {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2,
    description:
      'Complaints against the agency that the ministry accepted at triage and has not closed (complaints only, not inspections). Complaints not yet triaged, referred or dismissed are never counted.',
  })
  openComplaints: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 1,
    description: 'Allegations found to be violations in decided complaints (and decided appeals), closed.',
  })
  decidedViolations: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 340, description: 'Placements of workers the agency has recorded.' })
  deployments: number;
}

export const EMPTY_SCORECARD: Readonly<Scorecard> = Object.freeze({ openComplaints: 0, decidedViolations: 0, deployments: 0 });

/** One module's part of the scorecard (placements count deployments; complaints, the rest). */
export interface ScorecardContributor {
  /** Called once per public answer with every agency in it: one query, not one per agency. */
  forAgencies(agencyIds: readonly string[]): Promise<Map<string, Partial<Scorecard>>>;
}

/**
 * Where the scorecard's counts come from. Modules that know a count register a contributor at
 * start (`onModuleInit`); licensing never imports them. Counts of several contributors add up.
 */
@Injectable()
export class ScorecardSource {
  private readonly contributors: ScorecardContributor[] = [];

  register(contributor: ScorecardContributor): void {
    if (!this.contributors.includes(contributor)) this.contributors.push(contributor);
  }

  async forAgencies(agencyIds: readonly string[]): Promise<Map<string, Scorecard>> {
    const out = new Map<string, Scorecard>();
    for (const parts of await Promise.all(this.contributors.map((c) => c.forAgencies(agencyIds)))) {
      for (const [id, part] of parts) {
        const card = out.get(id) ?? { ...EMPTY_SCORECARD };
        for (const k of Object.keys(part) as (keyof Scorecard)[]) card[k] += part[k] ?? 0;
        out.set(id, card);
      }
    }
    return out;
  }
}
