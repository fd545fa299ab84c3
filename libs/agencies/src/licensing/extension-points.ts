import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/*
 * What licensing asks other modules, as injectable abstract classes with a default that answers
 * "nothing" until the module that knows lands. To plug the real one in, replace the default's
 * line in LicensingModule's providers (`{ provide: AgencyHolds, useExisting: EscrowHolds }`)
 * and import the module that provides it.
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
export interface Scorecard {
  openComplaints: number;
  decidedViolations: number;
  deployments: number;
}

export const EMPTY_SCORECARD: Readonly<Scorecard> = Object.freeze({ openComplaints: 0, decidedViolations: 0, deployments: 0 });

/**
 * Where the scorecard's counts come from (complaints, decisions and placements, as those modules
 * land). Called once per public answer with every agency in it: one query, not one per agency.
 */
export abstract class ScorecardSource {
  abstract forAgencies(agencyIds: readonly string[]): Promise<Map<string, Scorecard>>;
}

@Injectable()
export class EmptyScorecards extends ScorecardSource {
  async forAgencies(): Promise<Map<string, Scorecard>> {
    return new Map();
  }
}
