import { Agency } from '@app/agencies';
import { Role, SessionService, TokenService, User } from '@app/auth';
import { FieldEncryption } from '@app/common';
import { secretLinkAad } from '@app/notifications';
import { PasswordHasher } from '../../libs/auth/src/passwords/password-hasher';
import { nextSeq } from './factory';
import { outboxMessages } from './outbox';
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

/**
 * The link (and its token) of the newest account mail of this template to this address: the
 * outbox holds it sealed, so it is opened here with the app's field-encryption keys, as the relay
 * would. Found through the account_link row (by address, or by the account of that address).
 */
export async function mailedLink(
  t: TestApp,
  template: 'account.verify-email' | 'account.password-reset' | 'account.staff-invitation' | 'account.agency-registration',
  email: string,
  /** Links to pass over (ids): with a ManualClock, links made at the same instant cannot be told apart by time. */
  exclude: string[] = [],
): Promise<{ url: string; token: string; data: Record<string, unknown>; linkId: string }> {
  // The outbox holds only a digest of each message's key (`<template>:<link id>`): the links
  // are found first, newest first, then their mail by its key.
  const links = (await t.dataSource.query(
    `SELECT l.id FROM account_link l
      WHERE (l.email = $1 OR l.user_id = (SELECT id FROM app_user WHERE email = $1)) AND NOT (l.id = ANY($2::uuid[]))
      ORDER BY l.created_at DESC`,
    [email.trim().toLowerCase(), exclude],
  )) as { id: string }[];
  let found: { data: Record<string, unknown>; id: string } | undefined;
  for (const link of links) {
    const [mail] = await outboxMessages(t, { template, dedupKey: `${template}:${link.id}` });
    if (mail?.data) {
      found = { data: mail.data, id: link.id };
      break;
    }
  }
  if (!found) throw new Error(`no ${template} mail to ${email}`);
  const [variable, sealed] = Object.entries(found.data).find(([, v]) => typeof v === 'object' && v !== null && 'sealed' in v) as [string, { sealed: string }];
  const url = t.app.get(FieldEncryption, { strict: false }).decrypt(sealed.sealed, secretLinkAad(template, variable));
  return { url, token: new URL(url).searchParams.get('token')!, data: found.data, linkId: found.id };
}

/**
 * A worker account made the way a person makes one: registration, then the mailed link opened
 * with the same password. Answers the account and its signed-in session (the verification's).
 */
export async function registerVerifiedWorker(
  t: TestApp,
  options: { email?: string; displayName?: string; preferredLanguage?: string; password?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `worker${nextSeq()}.${Date.now()}@test.lcs`;
  const password = options.password ?? TEST_PASSWORD;
  const body = {
    email,
    password,
    displayName: options.displayName ?? 'Test Worker',
    ...(options.preferredLanguage ? { preferredLanguage: options.preferredLanguage } : {}),
  };
  const earlier = ((await t.dataSource.query('SELECT id FROM account_link WHERE email = $1', [email.toLowerCase()])) as { id: string }[]).map((r) => r.id);
  const registered = await t.http.post('/auth/register').send(body);
  if (registered.status !== 202) throw new Error(`registration answered ${registered.status}`);
  const { token } = await mailedLink(t, 'account.verify-email', email, earlier);
  const verified = await t.http.post('/auth/verify-email').send({ token, password });
  if (verified.status !== 200) throw new Error(`verification answered ${verified.status}: ${JSON.stringify(verified.body)}`);
  const [{ id }] = (await t.dataSource.query('SELECT id FROM app_user WHERE email = $1', [email.toLowerCase()])) as { id: string }[];
  const { accessToken, refreshToken } = verified.body as { accessToken: string; refreshToken: string };
  return {
    id,
    email: email.toLowerCase(),
    roles: ['worker'],
    agencyId: null,
    accessToken,
    refreshToken,
    sessionId: refreshToken.split('.')[0],
    bearer: `Bearer ${accessToken}`,
  };
}
