import { DEMO_PASSWORD } from '@app/auth';
import { TEST_PASSWORD, TestUser, createAgency, createUser, mailedLink } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

const NEW_PASSWORD = 'a brand new passphrase';

describe('password rules wherever a password is set', () => {
  let t: TestApp;
  let admin: TestUser;
  let agencyAdmin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, { roles: ['admin'] });
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: (await createAgency(t)).id });
  });
  afterAll(() => t.close());

  const usersWith = async (email: string) => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM app_user WHERE email = $1', [email]))[0].n);
  const linksFor = async (email: string) => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM account_link WHERE email = $1', [email]))[0].n);

  it.each([
    ['eight spaces', () => ' '.repeat(8), 'notOnlyWhitespace'],
    ['too few characters besides spaces', () => 'a b c d e f g', 'minNonWhitespace'],
    ['the published demo password', () => DEMO_PASSWORD, 'notDemoPassword'],
    ["the account's own email", (email: string) => email.toUpperCase(), 'notEmail'],
    ['the local part of the email with a year', (email: string) => `${email.split('@')[0]} 2026`, 'notEmail'],
  ])('registration refuses %s, naming `password` and the rule, and creates nothing', async (_, password, rule) => {
    const email = `rosa.reyes.${Date.now()}@example.com`;
    const res = await t.http
      .post('/auth/register')
      .send({ email, password: password(email), displayName: 'Rosa' })
      .expect(400);
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:validation-failed' });
    expect(res.body.errors).toEqual([{ field: 'password', rule, message: expect.any(String) }]);
    // No account, and no pending registration (nothing mailed).
    expect(await usersWith(email)).toBe(0);
    expect(await linksFor(email)).toBe(0);
  });

  it('an admin cannot give an account its own email as password', async () => {
    const email = `ines.cruz.${Date.now()}@ministry.example`;
    const res = await t.http
      .post('/admin/users')
      .set('Authorization', admin.bearer)
      .send({ email, password: email, displayName: 'Ines', roles: ['inspector'] })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', rule: 'notEmail' })]);
    expect(await usersWith(email)).toBe(0);
  });

  it('an invited staff member cannot choose the demo password or the invited address; the invitation still opens afterwards', async () => {
    const email = `staff.${Date.now()}@agency.example`;
    await t.http.post('/agency/users').set('Authorization', agencyAdmin.bearer).send({ email, displayName: 'Staff' }).expect(202);
    const { token } = await mailedLink(t, 'account.staff-invitation', email);
    for (const [password, rule] of [
      [DEMO_PASSWORD.toUpperCase(), 'notDemoPassword'],
      [`${email.split('@')[0]} 2026`, 'notEmail'],
    ]) {
      const res = await t.http.post('/auth/invitations/accept').send({ token, password }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', rule })]);
    }
    expect(await usersWith(email)).toBe(0);
    // A refused password does not use the link up.
    await t.http.post('/auth/invitations/accept').send({ token, password: NEW_PASSWORD }).expect(200);
    expect(await usersWith(email)).toBe(1);
  });

  it("a password reset refuses the account's own address as the new password, and the link still opens afterwards", async () => {
    const user = await createUser(t, { roles: ['worker'] });
    await t.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
    const { token } = await mailedLink(t, 'account.password-reset', user.email);
    const res = await t.http.post('/auth/password-reset/confirm').send({ token, newPassword: user.email.toUpperCase() }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'notEmail' })]);
    await t.http.post('/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(204);
    await t.http.post('/auth/login').send({ email: user.email, password: NEW_PASSWORD }).expect(200);
  });

  it("changing one's password refuses a new one that is blank or holds the email, naming `newPassword`, and keeps the old one", async () => {
    const user = await createUser(t, { roles: ['worker'] });
    for (const [newPassword, rule] of [
      [' '.repeat(12), 'notOnlyWhitespace'],
      [`${user.email}!`, 'notEmail'],
      [DEMO_PASSWORD, 'notDemoPassword'],
    ]) {
      const res = await t.http.post('/me/password').set('Authorization', user.bearer).send({ currentPassword: TEST_PASSWORD, newPassword }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'newPassword', rule, message: expect.any(String) }]);
    }
    await t.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });
});

describe('wrong current passwords on POST /me/password are limited like sign-in', () => {
  let t: TestApp;
  let caller = 0;
  // Each test calls from addresses of its own (TRUST_PROXY=true takes X-Forwarded-For), so the per-address counters do not mix.
  const address = () => `198.51.100.${++caller}`;

  beforeAll(async () => {
    t = await createTestApp({
      env: { AUTH_LOGIN_LIMIT_PER_ACCOUNT: '3', AUTH_LOGIN_LIMIT_PER_IP: '5', AUTH_LOGIN_WINDOW_SECONDS: '600', TRUST_PROXY: 'true' },
    });
  });
  afterAll(() => t.close());

  const change = (user: TestUser, from: string, currentPassword: string, newPassword = NEW_PASSWORD) =>
    t.http.post('/me/password').set('Authorization', user.bearer).set('X-Forwarded-For', from).send({ currentPassword, newPassword });

  it('answers 429 with Retry-After past the per-account limit, even to the right password, and changes nothing', async () => {
    const user = await createUser(t, { roles: ['worker'] });
    const from = address();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await change(user, from, `wrong guess ${i}`)).status);
    expect(statuses).toEqual([400, 400, 400]);
    const blocked = await change(user, from, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(blocked.body).toMatchObject({ type: 'urn:lcs:problem:too-many-requests', retryAfter });
    // The account's limit holds from any address.
    expect((await change(user, address(), TEST_PASSWORD)).status).toBe(429);
    await t.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const refused = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.password.change.refused' AND subject_id = $1`, [
      user.id,
    ]);
    expect(refused[0].n).toBe(3);
  });

  it('counts only wrong passwords: a right one gives its attempt back', async () => {
    const user = await createUser(t, { roles: ['worker'] });
    const from = address();
    const statuses = [];
    statuses.push((await change(user, from, 'wrong guess 1')).status);
    statuses.push((await change(user, from, 'wrong guess 2')).status);
    statuses.push((await change(user, from, TEST_PASSWORD, NEW_PASSWORD)).status);
    statuses.push((await change(user, from, 'wrong guess 3')).status);
    statuses.push((await change(user, from, 'wrong guess 4')).status);
    expect(statuses).toEqual([400, 400, 204, 400, 429]);
  });

  it('limits each caller address across accounts', async () => {
    const from = address();
    const [a, b, c] = [await createUser(t, { roles: ['worker'] }), await createUser(t, { roles: ['worker'] }), await createUser(t, { roles: ['worker'] })];
    const statuses = [];
    for (const user of [a, a, b, b, c]) statuses.push((await change(user, from, 'wrong guess')).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    expect((await change(c, from, 'wrong guess')).status).toBe(429);
    // The same account from another address is not blocked by that address.
    expect((await change(c, address(), 'wrong guess')).status).toBe(400);
  });

  it('holds under concurrent guesses: no more wrong passwords are verified than the limit', async () => {
    const user = await createUser(t, { roles: ['worker'] });
    const from = address();
    const statuses = (await Promise.all(Array.from({ length: 8 }, (_, i) => change(user, i % 2 ? from : address(), `wrong guess ${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it("is not blocked by someone guessing at the account's sign-in", async () => {
    const user = await createUser(t, { roles: ['worker'] });
    const attacker = address();
    const logins = [];
    for (let i = 0; i < 4; i++)
      logins.push(
        (
          await t.http
            .post('/auth/login')
            .set('X-Forwarded-For', attacker)
            .send({ email: user.email, password: `guess ${i}` })
        ).status,
      );
    expect(logins).toEqual([401, 401, 401, 429]);
    await change(user, address(), TEST_PASSWORD).expect(204);
  });
});
