/**
 * Links mailed to an address (docs/auth.md, "Links by mail"): email verification before a worker
 * account exists, password reset, and agency staff invitations. The links come out of the outbox
 * sealed; `mailedLink` opens them with the app's keys, as the relay does when it sends.
 */
import { randomBytes } from 'node:crypto';
import { Response } from 'supertest';
import { TEST_PASSWORD, TestUser, createAgency, createUser, mailedLink, openSession, registerVerifiedWorker } from '../support/identity';
import { outboxMessages } from '../support/outbox';
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

const unique = () => `${Date.now()}.${randomBytes(3).toString('hex')}`;

describe('links by mail', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { AUTH_LOGIN_LIMIT_PER_IP: '1000', AUTH_LOGIN_LIMIT_PER_ACCOUNT: '1000', AUTH_LINK_BASE_URL: 'https://portal.example.gov/' },
    });
  });
  afterAll(() => t.close());

  const accounts = async (email: string) =>
    (await t.dataSource.query('SELECT id, roles, agency_id, display_name, preferred_language FROM app_user WHERE email = $1', [email])) as Record<
      string,
      unknown
    >[];
  const audited = async (action: string) =>
    (await t.dataSource.query('SELECT actor_id, subject_id, changes FROM audit_log WHERE action = $1 ORDER BY seq', [action])) as {
      actor_id: string;
      subject_id: string;
      changes: Record<string, unknown>;
    }[];

  describe('registration and email verification', () => {
    it("creates no account until the mailed link is opened with the same password; the mail is in the worker's language and the outbox holds the link sealed", async () => {
      const email = `maria.${unique()}@test.lcs`;
      await t.http.post('/auth/register').send({ email, password: TEST_PASSWORD, displayName: 'Maria', preferredLanguage: 'fil' }).expect(202);
      expect(await accounts(email)).toEqual([]);
      await t.http.post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);

      const { url, token, data } = await mailedLink(t, 'account.verify-email', email);
      expect(url).toBe(`https://portal.example.gov/account/verify-email?token=${token}`);
      const [mail] = await outboxMessages(t, { template: 'account.verify-email', recipient: email });
      expect(mail.language).toBe('fil');
      // Neither the opened data nor the row as stored holds the token.
      expect(JSON.stringify(mail.data)).not.toContain(token);
      const [stored] = await t.dataSource.query(`SELECT row_to_json(o)::text AS row FROM notification_outbox o WHERE id = $1`, [mail.id]);
      expect(stored.row).not.toContain(token);
      expect(data.verifyUrl).toEqual({ sealed: expect.stringMatching(/^v1\./) });
      // Only the hash of the token is stored.
      const links = await t.dataSource.query(`SELECT token_hash FROM account_link WHERE email = $1`, [email]);
      expect(links).toHaveLength(1);
      expect(links[0].token_hash).not.toContain(token);

      // A wrong password does not confirm (and leaves the link usable).
      const wrong = await t.http.post('/auth/verify-email').send({ token, password: 'not what was chosen' }).expect(401);
      expect(wrong.body.type).toBe('urn:lcs:problem:invalid-credentials');
      expect(await accounts(email)).toEqual([]);

      const res = await t.http.post('/auth/verify-email').send({ token, password: TEST_PASSWORD }).expect(200);
      expect(res.body).toEqual({ tokenType: 'Bearer', accessToken: expect.any(String), expiresIn: 900, refreshToken: expect.any(String) });
      const [account] = await accounts(email);
      expect(account).toMatchObject({ roles: ['worker'], display_name: 'Maria', preferred_language: 'fil' });
      await t.http.get('/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      const [entry] = (await audited('user.email.verified')).filter((e) => e.subject_id === account.id);
      expect(entry).toMatchObject({ actor_id: account.id });

      // Single use.
      const again = await t.http.post('/auth/verify-email').send({ token, password: TEST_PASSWORD }).expect(400);
      expect(again.body.type).toBe('urn:lcs:problem:invalid-link');
    });

    it('welcomes the worker once the account exists, in the language chosen at registration, with the sign-in page (never before, never twice)', async () => {
      const email = `sita.${unique()}@test.lcs`;
      await t.http.post('/auth/register').send({ email, password: TEST_PASSWORD, displayName: 'Sita Gurung', preferredLanguage: 'ne' }).expect(202);
      expect(await outboxMessages(t, { template: 'account.welcome', recipient: email })).toEqual([]);
      const { token } = await mailedLink(t, 'account.verify-email', email);
      await t.http.post('/auth/verify-email').send({ token, password: 'not what was chosen' }).expect(401);
      expect(await outboxMessages(t, { template: 'account.welcome', recipient: email })).toEqual([]);
      await t.http.post('/auth/verify-email').send({ token, password: TEST_PASSWORD }).expect(200);
      await t.http.post('/auth/verify-email').send({ token, password: TEST_PASSWORD }).expect(400);
      const [account] = await accounts(email);
      const welcome = await outboxMessages(t, { template: 'account.welcome', recipient: email });
      expect(welcome).toHaveLength(1);
      expect(welcome[0]).toMatchObject({
        language: 'ne',
        recipientUserId: account.id,
        data: { displayName: 'Sita Gurung', signInUrl: 'https://portal.example.gov/sign-in' },
      });
    });

    it("lets the owner of an address register although someone else registered it first; the other registration dies and the owner's password stands", async () => {
      const email = `victim.${unique()}@test.lcs`;
      const squatterPassword = 'the squatter chose this';
      await t.http.post('/auth/register').send({ email, password: squatterPassword, displayName: 'Squatter' }).expect(202);
      const squatterLink = await mailedLink(t, 'account.verify-email', email);
      // The owner, reading the mail, cannot be made to confirm the squatter's registration with their own password.
      await t.http.post('/auth/verify-email').send({ token: squatterLink.token, password: TEST_PASSWORD }).expect(401);

      const owner = await registerVerifiedWorker(t, { email, displayName: 'Owner' });
      expect(await accounts(email)).toEqual([expect.objectContaining({ id: owner.id, display_name: 'Owner' })]);
      await t.http.post('/auth/login').send({ email, password: squatterPassword }).expect(401);
      await t.http.post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      // The squatter's link died with the owner's confirmation.
      const late = await t.http.post('/auth/verify-email').send({ token: squatterLink.token, password: squatterPassword }).expect(400);
      expect(late.body.type).toBe('urn:lcs:problem:invalid-link');
    });

    it('answers a registration of an address with an account the same, and mails nothing', async () => {
      const existing = await createUser(t, { roles: ['inspector'], signIn: false });
      const fresh = `fresh.${unique()}@test.lcs`;
      const a = await t.http.post('/auth/register').send({ email: fresh, password: TEST_PASSWORD, displayName: 'A' });
      const b = await t.http.post('/auth/register').send({ email: existing.email, password: TEST_PASSWORD, displayName: 'A' });
      expect(a.status).toBe(202);
      expect(observable(b)).toEqual(observable(a));
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM account_link WHERE email = $1`, [existing.email]);
      expect(n).toBe(0);
    });

    it('refuses an expired link', async () => {
      const email = `late.${unique()}@test.lcs`;
      await t.http.post('/auth/register').send({ email, password: TEST_PASSWORD, displayName: 'Late' }).expect(202);
      const { token } = await mailedLink(t, 'account.verify-email', email);
      await t.dataSource.query(`UPDATE account_link SET expires_at = now() - interval '1 second' WHERE email = $1`, [email]);
      const res = await t.http.post('/auth/verify-email').send({ token, password: TEST_PASSWORD }).expect(400);
      expect(res.body.type).toBe('urn:lcs:problem:invalid-link');
      expect(await accounts(email)).toEqual([]);
    });

    it("resends a link only for the caller's own pending registration (address and password), answering the same otherwise", async () => {
      const email = `resend.${unique()}@test.lcs`;
      await t.http.post('/auth/register').send({ email, password: TEST_PASSWORD, displayName: 'Resend' }).expect(202);
      const first = await mailedLink(t, 'account.verify-email', email);
      const wrong = await t.http.post('/auth/verify-email/resend').send({ email, password: 'someone else guessing' });
      const nobody = await t.http.post('/auth/verify-email/resend').send({ email: `nobody.${unique()}@test.lcs`, password: TEST_PASSWORD });
      await expect(mailedLink(t, 'account.verify-email', email, [first.linkId])).rejects.toThrow(/no account.verify-email mail/);
      const right = await t.http.post('/auth/verify-email/resend').send({ email, password: TEST_PASSWORD });
      expect(right.status).toBe(202);
      expect(observable(wrong)).toEqual(observable(right));
      expect(observable(nobody)).toEqual(observable(right));
      const second = await mailedLink(t, 'account.verify-email', email, [first.linkId]);
      expect(second.token).not.toBe(first.token);
      await t.http.post('/auth/verify-email').send({ token: first.token, password: TEST_PASSWORD }).expect(400);
      await t.http.post('/auth/verify-email').send({ token: second.token, password: TEST_PASSWORD }).expect(200);
    });
  });

  describe('password reset', () => {
    it('answers the same whether or not the address has an account, and mails the account in its language', async () => {
      const user = await createUser(t, { roles: ['worker'], signIn: false });
      await t.dataSource.query(`UPDATE app_user SET preferred_language = 'ne' WHERE id = $1`, [user.id]);
      const known = await t.http.post('/auth/password-reset').send({ email: user.email.toUpperCase() });
      const unknown = await t.http.post('/auth/password-reset').send({ email: `ghost.${unique()}@test.lcs` });
      expect(known.status).toBe(202);
      expect(observable(unknown)).toEqual(observable(known));
      const { url } = await mailedLink(t, 'account.password-reset', user.email);
      expect(url).toMatch(/^https:\/\/portal\.example\.gov\/account\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
      const [mail] = await t.dataSource.query(`SELECT language FROM notification_outbox WHERE template = 'account.password-reset' AND recipient_user_id = $1`, [
        user.id,
      ]);
      expect(mail.language).toBe('ne');
    });

    it('sets the new password, ends every session of the account, works once, and is audited', async () => {
      const user = await createUser(t, { roles: ['supervisor'] });
      const other = await openSession(t, user.id);
      await t.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
      const { token } = await mailedLink(t, 'account.password-reset', user.email);
      const weak = await t.http.post('/auth/password-reset/confirm').send({ token, newPassword: 'password1' }).expect(400);
      expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'notCommon' })]);

      const newPassword = 'a brand new passphrase 2026';
      await t.http.post('/auth/password-reset/confirm').send({ token, newPassword }).expect(204);
      await t.http.get('/me').set('Authorization', user.bearer).expect(401);
      await t.http.get('/me').set('Authorization', other.bearer).expect(401);
      await t.http.post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      await t.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
      await t.http.post('/auth/login').send({ email: user.email, password: newPassword }).expect(200);

      const reused = await t.http.post('/auth/password-reset/confirm').send({ token, newPassword: 'yet another passphrase 1' }).expect(400);
      expect(reused.body.type).toBe('urn:lcs:problem:invalid-link');
      const [entry] = (await audited('user.password.reset')).filter((e) => e.subject_id === user.id);
      expect(entry.changes).toMatchObject({ sessionsEnded: 2 });
    });

    it('a newer link voids the earlier one; a disabled account gets none', async () => {
      const user = await createUser(t, { roles: ['worker'], signIn: false });
      await t.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
      const first = await mailedLink(t, 'account.password-reset', user.email);
      await t.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
      const second = await mailedLink(t, 'account.password-reset', user.email, [first.linkId]);
      expect(second.token).not.toBe(first.token);
      await t.http.post('/auth/password-reset/confirm').send({ token: first.token, newPassword: 'the first link is dead' }).expect(400);

      const disabled = await createUser(t, { roles: ['worker'], active: false, signIn: false });
      await t.http.post('/auth/password-reset').send({ email: disabled.email }).expect(202);
      await expect(mailedLink(t, 'account.password-reset', disabled.email)).rejects.toThrow(/no account.password-reset mail/);
    });
  });

  describe('agency staff invitations', () => {
    let agencyId: string;
    let admin: TestUser;

    beforeAll(async () => {
      agencyId = (await createAgency(t, { legalName: 'Kathmandu Manpower Pvt. Ltd.' })).id;
      admin = await createUser(t, { roles: ['agency_admin'], agencyId });
    });

    const invite = (email: string, extra: Record<string, unknown> = {}) =>
      t.http
        .post('/agency/users')
        .set('Authorization', admin.bearer)
        .send({ email, displayName: 'New Staff', ...extra });

    it('answers the same whether or not the address has an account anywhere, and creates no account', async () => {
      const worker = await createUser(t, { roles: ['worker'], signIn: false });
      const fresh = `staff.${unique()}@test.lcs`;
      const a = await invite(fresh, { preferredLanguage: 'ne' });
      const b = await invite(worker.email);
      expect(a.status).toBe(202);
      expect(observable(b)).toEqual(observable(a));
      expect(await accounts(fresh)).toEqual([]);
      expect(await accounts(worker.email)).toEqual([expect.objectContaining({ roles: ['worker'], agency_id: null })]);
      const { data } = await mailedLink(t, 'account.staff-invitation', fresh);
      expect(data).toMatchObject({ agencyName: 'Kathmandu Manpower Pvt. Ltd.', displayName: 'New Staff' });
      await expect(mailedLink(t, 'account.staff-invitation', worker.email)).rejects.toThrow(/no account.staff-invitation mail/);
    });

    it('the owner of the address accepts: a staff account of the agency, signed in, audited', async () => {
      const email = `accept.${unique()}@test.lcs`;
      await invite(email).expect(202);
      const { token } = await mailedLink(t, 'account.staff-invitation', email);
      const res = await t.http.post('/auth/invitations/accept').send({ token, password: 'my own staff passphrase' }).expect(200);
      const me = await t.http.get('/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ email, roles: ['agency_staff'], agencyId });
      const [entry] = (await audited('user.invitation.accepted')).filter((e) => e.subject_id === me.body.id);
      expect(entry.changes).toMatchObject({ roles: ['agency_staff'], agencyId, invitedBy: admin.id });
      await t.http.post('/auth/invitations/accept').send({ token, password: 'my own staff passphrase' }).expect(400);
    });

    it('never blocks a worker from registering with an invited address; the invitation then no longer opens', async () => {
      const email = `both.${unique()}@test.lcs`;
      await invite(email).expect(202);
      const { token } = await mailedLink(t, 'account.staff-invitation', email);
      await registerVerifiedWorker(t, { email });
      const res = await t.http.post('/auth/invitations/accept').send({ token, password: 'my own staff passphrase' }).expect(400);
      expect(res.body.type).toBe('urn:lcs:problem:invalid-link');
      expect(await accounts(email)).toEqual([expect.objectContaining({ roles: ['worker'] })]);
    });
  });

  it('refuses malformed and unknown tokens the same way (400)', async () => {
    const malformed = await t.http.post('/auth/password-reset/confirm').send({ token: 'short', newPassword: 'whatever you like 123' }).expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
    const unknown = await t.http
      .post('/auth/password-reset/confirm')
      .send({ token: randomBytes(32).toString('base64url'), newPassword: 'whatever you like 123' })
      .expect(400);
    expect(unknown.body.type).toBe('urn:lcs:problem:invalid-link');
  });
});

describe('links by mail: rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        AUTH_LOGIN_LIMIT_PER_ACCOUNT: '2',
        AUTH_LOGIN_LIMIT_PER_IP: '6',
        AUTH_LOGIN_WINDOW_SECONDS: '600',
        REDIS_PREFIX: `lcs-test-links-${randomBytes(4).toString('hex')}`,
      },
    });
  });
  afterAll(() => t.close());

  it('limits reset requests per address; link routes count per client address only (no shared per-account bucket)', async () => {
    const email = `target.${unique()}@test.lcs`;
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await t.http.post('/auth/password-reset').send({ email })).status);
    expect(seen).toEqual([202, 202, 429]);
    // Three token routes without an email: the per-account limit (2) would refuse the third if they shared a bucket.
    const tokens = [];
    for (let i = 0; i < 3; i++)
      tokens.push(
        (await t.http.post('/auth/password-reset/confirm').send({ token: randomBytes(32).toString('base64url'), newPassword: 'whatever you like 123' })).status,
      );
    expect(tokens).toEqual([400, 400, 400]);
    // The per-address limit (6) counts them all.
    const blocked = await t.http.post('/auth/invitations/accept').send({ token: randomBytes(32).toString('base64url'), password: 'whatever you like 123' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });
});
