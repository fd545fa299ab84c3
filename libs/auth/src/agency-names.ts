import type { EntityManager } from 'typeorm';

/**
 * What the accounts need of the agencies: an agency's legal name (an invitation's mail names it;
 * an agency account must name a registered agency). A port, declared here because libs/auth sits
 * below libs/agencies, which owns the agencies and implements it (`RegisteredAgencyNames`,
 * provided in the API by the global AgencyNamesModule), as libs/notifications' RecipientDirectory
 * is implemented by this library.
 */
export abstract class AgencyNames {
  /** The agency's legal name; null when no agency has this id. */
  abstract legalName(m: EntityManager, agencyId: string): Promise<string | null>;
}
