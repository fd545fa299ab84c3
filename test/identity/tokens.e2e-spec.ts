import { JwtService } from '@nestjs/jwt';
import { TEST_PASSWORD, TestUser, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('tokens and sessions', () => {
  let t: TestApp;
  let user: TestUser;
  const jwt = new JwtService();

  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t, { roles: ['inspector'] });
  });
  afterAll(() => t.close());

  /** A token as the API signs them, with some claims or options replaced. */
  function forge(claims: Record<string, unknown> = {}, secret = t.config.auth.AUTH_JWT_SECRET, algorithm: 'HS256' | 'HS512' = 'HS256') {
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      sub: user.id,
      sid: user.sessionId,
      iss: t.config.auth.AUTH_JWT_ISSUER,
      aud: t.config.auth.AUTH_JWT_AUDIENCE,
      iat: now,
      exp: now + 600,
      ...claims,
    };
    for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
    return jwt.sign(payload, { secret, algorithm });
  }
  const me = (token: string) => t.http.get('/me').set('Authorization', `Bearer ${token}`);

  it('accepts the token a sign-in issues and a correctly forged control token (so the refusals below are meaningful)', async () => {
    await me(user.accessToken).expect(200);
    await me(forge()).expect(200);
  });

  it.each([
    ['expired', () => forge({ exp: Math.floor(Date.now() / 1000) - 5 })],
    ['wrong audience', () => forge({ aud: 'another-api' })],
    ['wrong issuer', () => forge({ iss: 'someone-else' })],
    ['no expiry', () => forge({ exp: undefined })],
    ['signed with another secret', () => forge({}, 'x'.repeat(64))],
    ['another HMAC algorithm (HS512)', () => forge({}, undefined, 'HS512')],
    [
      'alg: none',
      () => {
        const now = Math.floor(Date.now() / 1000);
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, sid: user.sessionId, iss: t.config.auth.AUTH_JWT_ISSUER, aud: t.config.auth.AUTH_JWT_AUDIENCE, exp: now + 600 })}.`;
      },
    ],
    [
      'tampered signature',
      () => {
        const [h, p, s] = user.accessToken.split('.');
        const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
        return `${h}.${p}.${flipped}`;
      },
    ],
    [
      'tampered payload (another subject, original signature)',
      () => {
        const [h, , s] = user.accessToken.split('.');
        const now = Math.floor(Date.now() / 1000);
        return `${h}.${b64({ sub: '00000000-0000-4000-8000-000000000000', sid: user.sessionId, iss: t.config.auth.AUTH_JWT_ISSUER, aud: t.config.auth.AUTH_JWT_AUDIENCE, exp: now + 600 })}.${s}`;
      },
    ],
    ['garbage', () => 'not.a.jwt'],
    // Correctly signed, but the ids are not UUIDs: the session lookup must not reach the database with them.
    ['signed with a sid that is not a UUID', () => forge({ sid: 'not-a-uuid' })],
    ['signed with a sid shaped like a UUID but not one', () => forge({ sid: 'gggggggg-0000-4000-8000-000000000000' })],
    ['signed with a sub that is not a UUID', () => forge({ sub: '1 OR 1=1' })],
    ['signed with a numeric sid', () => forge({ sid: 42 })],
  ])('refuses a token that is %s with 401 problem+json', async (_what, make) => {
    const res = await me(make());
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:lcs:problem:unauthenticated');
  });

  it('refuses a valid token whose session belongs to someone else', async () => {
    const other = await createUser(t, { roles: ['worker'] });
    await me(forge({ sid: other.sessionId })).expect(401);
  });

  it('refuses the token of a disabled user at once', async () => {
    const victim = await createUser(t, { roles: ['worker'] });
    await me(victim.accessToken).expect(200);
    await t.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [victim.id]);
    await me(victim.accessToken).expect(401);
  });

  it('logout ends the session: its access and refresh tokens stop working', async () => {
    const u = await createUser(t, { roles: ['worker'] });
    await t.http.post('/auth/logout').set('Authorization', u.bearer).expect(204);
    await me(u.accessToken).expect(401);
    await t.http.post('/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
    // Twice in a row: the second logout has no session left to end.
    await t.http.post('/auth/logout').set('Authorization', u.bearer).expect(401);
  });

  it('refresh rotates the token; replaying the old one revokes the whole session', async () => {
    const u = await createUser(t, { roles: ['worker'] });
    const first = await t.http.post('/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(u.refreshToken);
    expect(first.body).toMatchObject({ tokenType: 'Bearer', expiresIn: t.config.auth.AUTH_ACCESS_TTL_SECONDS });
    await me(first.body.accessToken).expect(200);

    // The stolen old token comes back: refused, and the session is over for everyone.
    const replay = await t.http.post('/auth/refresh').send({ refreshToken: u.refreshToken });
    expect(replay.status).toBe(401);
    await me(first.body.accessToken).expect(401);
    await me(u.accessToken).expect(401);
    await t.http.post('/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    const [session] = await t.dataSource.query('SELECT revoked_reason FROM auth_session WHERE id = $1', [u.sessionId]);
    expect(session.revoked_reason).toBe('refresh-reuse');
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_type = 'session' AND subject_id = $1`, [u.sessionId]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('auth.refresh.reused');
  });

  it('two refreshes racing with the same token: exactly one wins', async () => {
    const u = await createUser(t, { roles: ['worker'] });
    const results = await Promise.all([1, 2].map(() => t.http.post('/auth/refresh').send({ refreshToken: u.refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it.each([
    ['session part of hyphens', '-'.repeat(36) + '.' + 'A'.repeat(43)],
    ['session part of UUID characters in the wrong groups', 'a'.repeat(32) + '----.' + 'A'.repeat(43)],
  ])('refuses a refresh token whose %s (looks like a UUID, is not one) with 401', async (_what, refreshToken) => {
    const res = await t.http.post('/auth/refresh').send({ refreshToken });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['malformed', 'abc'],
    ['unknown session', '00000000-0000-4000-8000-000000000000.' + 'A'.repeat(43)],
    ['missing', undefined],
  ])('refuses a %s refresh token', async (_what, refreshToken) => {
    const res = await t.http.post('/auth/refresh').send(refreshToken === undefined ? {} : { refreshToken });
    expect([400, 401]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('an expired refresh token is refused', async () => {
    const u = await createUser(t, { roles: ['worker'] });
    await t.dataSource.query(`UPDATE auth_session SET expires_at = now() - interval '1 second' WHERE id = $1`, [u.sessionId]);
    await t.http.post('/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
    await me(u.accessToken).expect(401);
  });

  it('sign-in after all this still works', async () => {
    await t.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });
});
