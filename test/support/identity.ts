import { Agency } from '@app/agencies';
import { Role, SessionService, TokenService, User } from '@app/auth';
import { PasswordHasher } from '../../libs/auth/src/passwords/password-hasher';
import { nextSeq } from './factory';
import type { TestApp } from './test-app';

/** The password of every account these helpers create: not a common one, so the policy accepts it. */
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  roles: Role[];
  agencyId: string | null;
  /** A live session's tokens (absent when created with `signIn: false`). */
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  /** `Authorization` header value for supertest's `.set(...)`. */
  bearer: string;
}

// One argon2 hash per test process: hashing costs ~50 ms by design.
let passwordHash: Promise<string> | undefined;

export async function createAgency(t: TestApp, overrides: Partial<Agency> = {}): Promise<Agency> {
  const n = nextSeq();
  return t.dataSource.getRepository(Agency).save({ legalName: `Test Agency ${n}`, registrationNumber: `TA-${n}-${Date.now()}`, ...overrides });
}

/**
 * An account with the given roles and, unless `signIn` is false, an open session with tokens,
 * issued the way a login issues them (without the login route, so rate limits do not interfere).
 */
export async function createUser(
  t: TestApp,
  options: { roles: Role[]; agencyId?: string | null; active?: boolean; email?: string; signIn?: boolean },
): Promise<TestUser> {
  passwordHash ??= t.app.get(PasswordHasher, { strict: false }).hash(TEST_PASSWORD);
  const email = options.email ?? `user${nextSeq()}.${Date.now()}@test.lcs`;
  const user = await t.dataSource.getRepository(User).save({
    email,
    displayName: `Test ${options.roles.join('+')}`,
    roles: options.roles,
    agencyId: options.agencyId ?? null,
    active: options.active ?? true,
    passwordHash: await passwordHash,
  });
  const base = { id: user.id, email, roles: options.roles, agencyId: user.agencyId };
  if (options.signIn === false) return { ...base, accessToken: '', refreshToken: '', sessionId: '', bearer: '' };
  return { ...base, ...(await openSession(t, user.id)) };
}

/** A new session for an existing account: tokens as a login would return them. */
export async function openSession(t: TestApp, userId: string): Promise<Pick<TestUser, 'accessToken' | 'refreshToken' | 'sessionId' | 'bearer'>> {
  const sessions = t.app.get(SessionService, { strict: false });
  const tokens = t.app.get(TokenService, { strict: false });
  const { session, refreshToken } = await sessions.open(t.dataSource.manager, userId);
  const { token } = tokens.signAccessToken(userId, session.id);
  return { accessToken: token, refreshToken, sessionId: session.id, bearer: `Bearer ${token}` };
}
