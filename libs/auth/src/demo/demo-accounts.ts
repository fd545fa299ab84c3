import { EntityManager } from 'typeorm';
import type { DemoLogin } from '@app/database';
import type { Language, Role } from '@app/common';
import { PasswordHasher } from '../passwords/password-hasher';
import { User } from '../users/user.entity';
import { DEMO_PASSWORD } from './demo-password';

/** A demo account: the demo password, and an agency for agency roles. */
export interface DemoAccount {
  email: string;
  displayName: string;
  roles: Role[];
  preferredLanguage: Language;
  /** For agency roles: the agency's id (the agencies library, which seeds its staff, resolves it). */
  agencyId?: string | null;
  note: string;
}

/**
 * Adds the demo accounts that are missing (by address) and returns how many it added: the one
 * way demo accounts are written, by this library's seeder (ministry staff and workers) and by the
 * agencies library's (agency staff).
 */
export async function addMissingDemoAccounts(m: EntityManager, hasher: PasswordHasher, accounts: readonly DemoAccount[]): Promise<number> {
  const existing = new Set((await m.find(User, { select: { email: true } })).map((u) => u.email));
  const missing = accounts.filter((a) => !existing.has(a.email));
  if (!missing.length) return 0;
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  for (const a of missing) {
    await m.insert(User, {
      email: a.email,
      displayName: a.displayName,
      roles: a.roles,
      preferredLanguage: a.preferredLanguage,
      agencyId: a.agencyId ?? null,
      passwordHash,
    });
  }
  return missing.length;
}

/** The logins the start-up banner prints for these accounts. */
export function demoLoginsOf(accounts: readonly Pick<DemoAccount, 'roles' | 'email' | 'note'>[]): DemoLogin[] {
  return accounts.map((a) => ({ role: a.roles.join(','), email: a.email, password: DEMO_PASSWORD, note: a.note }));
}
