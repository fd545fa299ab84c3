import type { EntityManager } from 'typeorm';
import type { Role } from '@app/common';
import type { Language } from './languages';

/**
 * Who a message is for. Mail is addressed to people, not to addresses: an account by its id, a
 * group of accounts (an agency's admins, the holders of a role), or, for someone without an
 * account (a complainant who gave an address, an invitee, a registrant before verification),
 * the address itself, which the outbox keeps sealed.
 *
 * - `{ user }`: one account. The outbox keeps the id; the relay reads the account's address
 *   when it sends. A disabled account gets nothing.
 * - `{ agencyAdmins }`: the active agency admins of the agency, one message each (in each one's
 *   language), with `:<userId>` appended to the caller's dedup key. Who they are is read when the
 *   message is enqueued (the event's admins); their addresses when it is sent.
 * - `{ role }`: every active account holding the role (`{ role: 'supervisor' }`), likewise.
 * - `{ address, userId? }`: an address, sealed in the outbox (AES-GCM, bound to the row). `userId`
 *   names the account the person also has, for the admin view only: the address given wins.
 */
export type Audience = { user: string } | { agencyAdmins: string } | { role: Role } | { address: string; userId?: string };

/** The audiences that name accounts (the directory resolves them). */
export type AccountAudience = Exclude<Audience, { address: string }>;

/** An account an audience names: who, and the language they read. */
export interface Member {
  userId: string;
  language: Language;
}

/** Where an account's mail goes now. */
export interface Mailbox extends Member {
  email: string;
}

/**
 * The recipient directory: the one way this library learns who people are. A port, declared here
 * beside the mail it addresses and implemented once by the library that owns the accounts
 * (libs/auth, `AccountRecipientDirectory`), so that no domain library reads identity tables and
 * the outbox never needs an account's address. Provided in every process (`RecipientDirectoryModule`).
 */
export abstract class RecipientDirectory {
  /** The active accounts an audience names now, each with their preferred language; none for a disabled or unknown account. */
  abstract members(m: EntityManager, audience: AccountAudience): Promise<Member[]>;
  /** The current address of each account that is still active (disabled and unknown ones are absent). */
  abstract mailboxes(m: EntityManager, userIds: readonly string[]): Promise<Map<string, Mailbox>>;
}
