import type { EntityManager } from 'typeorm';

/** A person a notice is addressed to: their account, address and language. */
export interface Recipient {
  userId: string;
  email: string;
  language: string;
}

/**
 * Who reads an agency's notices (escrow, renewal reminders, refund orders): its active agency
 * admins, each in their own language. A port: declared here, beside the mail it addresses, and
 * implemented once by the library that knows the accounts (libs/auth), so that the domain
 * libraries never read identity tables.
 */
export abstract class AgencyAdminRecipients {
  abstract agencyAdmins(m: EntityManager, agencyId: string): Promise<Recipient[]>;
}
