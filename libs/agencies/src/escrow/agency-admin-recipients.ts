import type { EntityManager } from 'typeorm';
import type { Recipient } from '@app/deadlines';

/**
 * Who reads an agency's escrow notices: its active agency admins. Implemented by the application,
 * which knows the accounts (libs/auth imports this library, so this library cannot import it).
 * Only the worker needs it: that is where the top-up deadline fires.
 */
export abstract class AgencyAdminRecipients {
  abstract agencyAdmins(m: EntityManager, agencyId: string): Promise<Recipient[]>;
}
