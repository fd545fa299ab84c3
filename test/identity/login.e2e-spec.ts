import { randomBytes } from 'node:crypto';
import { Response } from 'supertest';
import { TEST_PASSWORD, TestUser, createUser, mailedLink } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

/** What a caller can observe of a response, minus what differs on every request anyway. */
const observable = (res: Response) => {
  const { correlationId, instance, ...body } = res.body as Record<string, unknown>;
  void correlationId;
  void instance;
  const headers = { ...res.headers };
  for (const h of ['date', 'x-request-id', 'content-length', 'connection', 'keep-alive']) delete headers[h];
  return { status: res.status, headers, body };
};

describe('sign-in and registration', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_LOGIN_LIMIT_PER_IP: '1000' } });
    user = await createUser(t, { roles: ['worker'], signIn: false });
  });
  afterAll(() => t.close());

  it('signs in with the right password (email case and spaces do not matter) and audits it', async () => {
    const res = await t.http
      .post('/auth/login')
      .send({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD })
      .expect(200);
    expect(res.body).toEqual({ tokenType: 'Bearer', accessToken: expect.any(String), expiresIn: 900, refreshToken: expect.any(String) });
    const [entry] = await t.dataSource.query(`SELECT actor_id, action FROM audit_log WHERE subject_id = $1 ORDER BY seq DESC LIMIT 1`, [user.id]);
    expect(entry).toEqual({ actor_id: user.id, action: 'auth.login.succeeded' });
  });

  it('answers an unknown email, a wrong password and a disabled account identically', async () => {
    const disabled = await createUser(t, { roles: ['worker'], active: false, signIn: false });
    const unknown = await t.http.post('/auth/login').send({ email: `nobody.${Date.now()}@test.lcs`, password: TEST_PASSWORD });
    const wrong = await t.http.post('/auth/login').send({ email: user.email, password: 'not the password at all' });
    const off = await t.http.post('/auth/login').send({ email: disabled.email, password: TEST_PASSWORD });
    expect(unknown.status).toBe(401);
    expect(observable(wrong)).toEqual(observable(unknown));
    expect(observable(off)).toEqual(observable(unknown));
    expect(unknown.body).toMatchObject({ type: 'urn:lcs:problem:invalid-credentials', detail: 'The email or password is not right.' });
  });

  it('audits failures without the email address (a digest only)', async () => {
    const email = `ghost.${Date.now()}@test.lcs`;
    await t.http.post('/auth/login').send({ email, password: 'whatever you like' }).expect(401);
    const rows = await t.dataSource.query(`SELECT changes::text AS changes FROM audit_log WHERE action = 'auth.login.failed'`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.changes).not.toContain('@');
    expect(rows.map((r: { changes: string }) => JSON.parse(r.changes).reason)).toEqual(expect.arrayContaining(['unknown-email', 'wrong-password']));
  });

  it('registration answers the same whether or not the email is taken, and never creates a second account', async () => {
    const email = `new.${Date.now()}@test.lcs`;
    const body = { email, password: TEST_PASSWORD, displayName: 'Maria', preferredLanguage: 'fil' };
    const first = await t.http.post('/auth/register').send(body);
    const { token } = await mailedLink(t, 'account.verify-email', email);
    const again = await t.http.post('/auth/register').send({ ...body, displayName: 'Impostor', password: 'another fine passphrase' });
    const taken = await t.http.post('/auth/register').send({ ...body, email: user.email });
    expect(first.status).toBe(202);
    expect(observable(again)).toEqual(observable(first));
    expect(observable(taken)).toEqual(observable(first));
    // No account until the address is confirmed; the first registration's link creates it.
    expect(await t.dataSource.query('SELECT 1 FROM app_user WHERE email = $1', [email])).toEqual([]);
    await t.http.post('/auth/verify-email').send({ token, password: TEST_PASSWORD }).expect(200);
    const accounts = await t.dataSource.query('SELECT display_name, roles, preferred_language FROM app_user WHERE email = $1', [email]);
    expect(accounts).toEqual([{ display_name: 'Maria', roles: ['worker'], preferred_language: 'fil' }]);
    // The confirmed registration's password stands; the other registration died with it.
    await t.http.post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    await t.http.post('/auth/login').send({ email, password: 'another fine passphrase' }).expect(401);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM account_link WHERE email = $1 AND used_at IS NULL', [email]);
    expect(n).toBe(0);
  });

  it('registration refuses a common or short password, naming the field, and creates nothing', async () => {
    const email = `weak.${Date.now()}@test.lcs`;
    const res = await t.http.post('/auth/register').send({ email, password: 'qwerty123', displayName: 'W' }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', rule: 'notCommon' })]);
    await t.http.post('/auth/register').send({ email, password: 'short', displayName: 'W' }).expect(400);
    await t.http
      .post('/auth/register')
      .send({ email, password: TEST_PASSWORD, displayName: 'W', roles: ['admin'] })
      .expect(400);
    const [{ count }] = await t.dataSource.query(
      'SELECT (SELECT count(*) FROM app_user WHERE email = $1) + (SELECT count(*) FROM account_link WHERE email = $1) AS count',
      [email],
    );
    expect(Number(count)).toBe(0);
  });
});

describe('sign-in rate limits (Redis-backed, shared by every instance)', () => {
  const prefix = `lcs-test-rl-${randomBytes(4).toString('hex')}`;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // Two API instances sharing one Redis prefix, as two replicas behind a load balancer would.
    const env = { AUTH_LOGIN_LIMIT_PER_ACCOUNT: '3', AUTH_LOGIN_LIMIT_PER_IP: '8', AUTH_LOGIN_WINDOW_SECONDS: '600', REDIS_PREFIX: prefix };
    a = await createTestApp({ env });
    b = await createTestApp({ env });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('answers 429 with Retry-After after the per-account limit, counting attempts on every instance', async () => {
    const email = `target.${Date.now()}@test.lcs`;
    const statuses = [];
    for (const app of [a, b, a]) statuses.push((await app.http.post('/auth/login').send({ email, password: 'wrong guess number' })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const blocked = await b.http.post('/auth/login').send({ email, password: 'wrong guess number' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(blocked.body).toMatchObject({ type: 'urn:lcs:problem:too-many-requests', retryAfter: Number(blocked.headers['retry-after']) });
    // Another account from the same address is not blocked by this one.
    await a.http
      .post('/auth/login')
      .send({ email: `other.${Date.now()}@test.lcs`, password: 'wrong guess number' })
      .expect(401);
  });

  it('answers 429 after the per-address limit, whatever the accounts tried', async () => {
    // This address has made 5 attempts in the test above; 3 more reach the limit of 8.
    const seen = [];
    for (let i = 0; i < 4; i++)
      seen.push((await a.http.post('/auth/login').send({ email: `spray${i}.${Date.now()}@test.lcs`, password: 'wrong guess number' })).status);
    expect(seen).toEqual([401, 401, 401, 429]);
    const res = await b.http.post('/auth/register').send({ email: `reg.${Date.now()}@test.lcs`, password: TEST_PASSWORD, displayName: 'R' });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('keeps no email or address in the Redis keys', async () => {
    const Redis = (await import('ioredis')).default;
    const redis = new Redis(a.config.redis.REDIS_URL);
    try {
      const keys = await redis.keys(`{${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) {
        expect(k).not.toMatch(/@|127\.0\.0\.1|::1/);
      }
    } finally {
      redis.disconnect();
    }
  });
});
