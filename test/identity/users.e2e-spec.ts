import { TEST_PASSWORD, TestUser, createAgency, createUser, mailedLink } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('accounts: admin, agency admin, self-service', () => {
  let t: TestApp;
  let admin: TestUser;
  let agencyA: string;
  let agencyB: string;
  let adminA: TestUser;
  let adminB: TestUser;
  let staffB: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    agencyA = (await createAgency(t)).id;
    agencyB = (await createAgency(t)).id;
    admin = await createUser(t, { roles: ['admin'] });
    adminA = await createUser(t, { roles: ['agency_admin'], agencyId: agencyA });
    adminB = await createUser(t, { roles: ['agency_admin'], agencyId: agencyB });
    staffB = await createUser(t, { roles: ['agency_staff'], agencyId: agencyB });
  });
  afterAll(() => t.close());

  const history = async (subjectId: string) => (await t.app.get((await import('@app/audit')).AuditLog).historyOf('user', subjectId)).map((e) => e.action);

  describe('admin', () => {
    it('creates an inspector who can then sign in; the creation is audited', async () => {
      const email = `Ines.${Date.now()}@Ministry.example`;
      const res = await t.http
        .post('/admin/users')
        .set('Authorization', admin.bearer)
        .send({ email, password: TEST_PASSWORD, displayName: 'Ines', roles: ['inspector'] })
        .expect(201);
      expect(res.body).toMatchObject({ email: email.toLowerCase(), roles: ['inspector'], agencyId: null, active: true });
      expect(res.body).not.toHaveProperty('passwordHash');
      await t.http.post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      expect(await history(res.body.id)).toEqual(expect.arrayContaining(['user.created', 'auth.login.succeeded']));
    });

    it('refuses a second account with the same email, whatever its case (409), and writes nothing', async () => {
      const email = `dup.${Date.now()}@test.lcs`;
      await t.http
        .post('/admin/users')
        .set('Authorization', admin.bearer)
        .send({ email, password: TEST_PASSWORD, displayName: 'A', roles: ['inspector'] })
        .expect(201);
      const res = await t.http
        .post('/admin/users')
        .set('Authorization', admin.bearer)
        .send({ email: email.toUpperCase(), password: TEST_PASSWORD, displayName: 'B', roles: ['supervisor'] });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM app_user WHERE email = $1', [email]);
      expect(count).toBe(1);
    });

    it.each([
      [{ roles: ['agency_staff'] }, 'agencyId', 'requiredForAgencyRoles'],
      [{ roles: ['inspector'], agencyId: '00000000-0000-4000-8000-000000000000' }, 'agencyId', 'onlyForAgencyRoles'],
      [{ roles: ['agency_staff'], agencyId: '00000000-0000-4000-8000-000000000000' }, 'agencyId', 'exists'],
      [{ roles: ['inspector', 'agency_admin'] }, 'roles', 'roleSet'],
      [{ roles: ['worker', 'inspector'] }, 'roles', 'roleSet'],
      [{ roles: ['emperor'] }, 'roles', 'isIn'],
      [{ roles: ['inspector'], password: 'password1' }, 'password', 'notCommon'],
      [{ roles: ['inspector'], password: 'short' }, 'password', 'minLength'],
      [{ roles: ['inspector'], password: 'x'.repeat(129) }, 'password', 'maxLength'],
    ])('refuses %j with 400 naming %s', async (fields, field, rule) => {
      const email = `bad.${Date.now()}.${Math.random()}@test.lcs`;
      const res = await t.http
        .post('/admin/users')
        .set('Authorization', admin.bearer)
        .send({ email, password: TEST_PASSWORD, displayName: 'X', ...fields });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM app_user WHERE email = $1', [email]);
      expect(count).toBe(0);
    });

    it('lists users with filters and pagination', async () => {
      const res = await t.http
        .get('/admin/users')
        .query({ role: 'agency_admin', agencyId: agencyB, page: 1, pageSize: 10 })
        .set('Authorization', admin.bearer)
        .expect(200);
      expect(res.body.items.map((u: { id: string }) => u.id)).toEqual([adminB.id]);
      expect(res.body.total).toBe(1);
      await t.http.get('/admin/users').query({ role: 'king' }).set('Authorization', admin.bearer).expect(400);
    });

    it('disabling a user ends all their sessions at once; enabling does not revive them', async () => {
      const victim = await createUser(t, { roles: ['inspector'] });
      await t.http.get('/me').set('Authorization', victim.bearer).expect(200);
      const res = await t.http.post(`/admin/users/${victim.id}/disable`).set('Authorization', admin.bearer).send({ reason: 'left the ministry' }).expect(200);
      expect(res.body.active).toBe(false);
      await t.http.get('/me').set('Authorization', victim.bearer).expect(401);
      await t.http.post('/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(401);
      await t.http.post('/auth/login').send({ email: victim.email, password: TEST_PASSWORD }).expect(401);
      await t.http.post(`/admin/users/${victim.id}/enable`).set('Authorization', admin.bearer).expect(200);
      await t.http.get('/me').set('Authorization', victim.bearer).expect(401);
      await t.http.post('/auth/login').send({ email: victim.email, password: TEST_PASSWORD }).expect(200);
      expect(await history(victim.id)).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
    });

    it('changing roles ends all sessions of the account; the new roles apply at the next sign-in', async () => {
      const user = await createUser(t, { roles: ['inspector'] });
      await t.http
        .put(`/admin/users/${user.id}/roles`)
        .set('Authorization', admin.bearer)
        .send({ roles: ['supervisor'] })
        .expect(200);
      await t.http.get('/me').set('Authorization', user.bearer).expect(401);
      const login = await t.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const me = await t.http.get('/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      expect(me.body.roles).toEqual(['supervisor']);
      const [entry] = (await t.app.get((await import('@app/audit')).AuditLog).historyOf('user', user.id)).filter((e) => e.action === 'user.roles.changed');
      expect(entry.changes).toMatchObject({ from: { roles: ['inspector'] }, to: { roles: ['supervisor'] }, sessionsEnded: 1 });
      expect(entry.actorId).toBe(admin.id);
    });

    it('cannot disable itself or drop its own admin role (409)', async () => {
      await t.http.post(`/admin/users/${admin.id}/disable`).set('Authorization', admin.bearer).send({ reason: 'oops' }).expect(409);
      await t.http
        .put(`/admin/users/${admin.id}/roles`)
        .set('Authorization', admin.bearer)
        .send({ roles: ['inspector'] })
        .expect(409);
    });

    it('answers 404 for an unknown user and 400 for a malformed id', async () => {
      await t.http.get('/admin/users/00000000-0000-4000-8000-000000000000').set('Authorization', admin.bearer).expect(404);
      const res = await t.http.get('/admin/users/not-a-uuid').set('Authorization', admin.bearer).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('agency admin', () => {
    it('invites only agency_staff, only to its own agency; the account exists once the invitee accepts', async () => {
      const email = `staff.${Date.now()}@a.test`;
      const res = await t.http.post('/agency/users').set('Authorization', adminA.bearer).send({ email, displayName: 'Staff A' }).expect(202);
      expect(res.body).toEqual({ status: 'accepted', message: expect.any(String) });
      const { token } = await mailedLink(t, 'account.staff-invitation', email);
      const accepted = await t.http.post('/auth/invitations/accept').send({ token, password: TEST_PASSWORD }).expect(200);
      const me = await t.http.get('/me').set('Authorization', `Bearer ${accepted.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ email, roles: ['agency_staff'], agencyId: agencyA });
    });

    it('cannot set the password of a staff account: the invitee chooses it', async () => {
      const res = await t.http
        .post('/agency/users')
        .set('Authorization', adminA.bearer)
        .send({ email: `pw.${Date.now()}@a.test`, displayName: 'X', password: TEST_PASSWORD })
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', rule: 'whitelistValidation' })]);
    });

    it('cannot choose roles or an agency (unknown fields are refused)', async () => {
      const base = { email: `x.${Date.now()}@a.test`, displayName: 'X' };
      const roles = await t.http
        .post('/agency/users')
        .set('Authorization', adminA.bearer)
        .send({ ...base, roles: ['agency_admin'] })
        .expect(400);
      expect(roles.body.errors).toEqual([expect.objectContaining({ field: 'roles', rule: 'whitelistValidation' })]);
      await t.http
        .post('/agency/users')
        .set('Authorization', adminA.bearer)
        .send({ ...base, agencyId: agencyB })
        .expect(400);
    });

    it("sees only its own agency's accounts: another agency's are not found (404)", async () => {
      const list = await t.http.get('/agency/users').set('Authorization', adminA.bearer).expect(200);
      expect(list.body.items.every((u: { agencyId: string }) => u.agencyId === agencyA)).toBe(true);
      expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(staffB.id);
      const read = await t.http.get(`/agency/users/${staffB.id}`).set('Authorization', adminA.bearer).expect(404);
      expect(read.headers['content-type']).toMatch(PROBLEM);
      await t.http.post(`/agency/users/${staffB.id}/disable`).set('Authorization', adminA.bearer).send({ reason: 'not mine' }).expect(404);
      // Nothing changed for the other agency's user.
      await t.http.get('/me').set('Authorization', staffB.bearer).expect(200);
    });

    it('disables its own staff (ending their sessions) but not a fellow agency admin', async () => {
      const staff = await createUser(t, { roles: ['agency_staff'], agencyId: agencyA });
      const otherAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: agencyA });
      await t.http.post(`/agency/users/${staff.id}/disable`).set('Authorization', adminA.bearer).send({ reason: 'left' }).expect(200);
      await t.http.get('/me').set('Authorization', staff.bearer).expect(401);
      await t.http.post(`/agency/users/${otherAdmin.id}/disable`).set('Authorization', adminA.bearer).send({ reason: 'coup' }).expect(404);
    });
  });

  describe('self-service', () => {
    it('reads and updates one’s own profile; roles cannot be changed there', async () => {
      const worker = await createUser(t, { roles: ['worker'] });
      const me = await t.http.get('/me').set('Authorization', worker.bearer).expect(200);
      expect(me.body).toMatchObject({ id: worker.id, roles: ['worker'], preferredLanguage: 'en' });
      const res = await t.http.patch('/me').set('Authorization', worker.bearer).send({ preferredLanguage: 'ne', displayName: ' Sita ' }).expect(200);
      expect(res.body).toMatchObject({ preferredLanguage: 'ne', displayName: 'Sita' });
      await t.http
        .patch('/me')
        .set('Authorization', worker.bearer)
        .send({ roles: ['admin'] })
        .expect(400);
      await t.http.patch('/me').set('Authorization', worker.bearer).send({ preferredLanguage: 'xx' }).expect(400);
    });

    it("keeps a phone number on one's own account, sealed at rest, and removes it with null", async () => {
      const worker = await createUser(t, { roles: ['worker'] });
      expect((await t.http.get('/me').set('Authorization', worker.bearer).expect(200)).body.phone).toBeNull();
      const set = await t.http.patch('/me').set('Authorization', worker.bearer).send({ phone: ' +977 980 123 4567 ' }).expect(200);
      expect(set.body.phone).toBe('+977 980 123 4567');
      expect((await t.http.get('/me').set('Authorization', worker.bearer).expect(200)).body.phone).toBe('+977 980 123 4567');
      const [row] = await t.dataSource.query(`SELECT phone_enc FROM app_user WHERE id = $1`, [worker.id]);
      expect(row.phone_enc).toMatch(/^v1\./);
      expect(row.phone_enc).not.toContain('980');
      const bad = await t.http.patch('/me').set('Authorization', worker.bearer).send({ phone: 'call me maybe' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['phone']);
      // An administrator's view of the account has no phone: it is shown to its owner only.
      expect((await t.http.get(`/admin/users/${worker.id}`).set('Authorization', admin.bearer).expect(200)).body).not.toHaveProperty('phone');
      expect((await t.http.patch('/me').set('Authorization', worker.bearer).send({ phone: null }).expect(200)).body.phone).toBeNull();
      expect((await t.dataSource.query(`SELECT phone_enc FROM app_user WHERE id = $1`, [worker.id]))[0].phone_enc).toBeNull();
    });

    it('refuses null for a field of PATCH /me with 400 naming it, and changes nothing', async () => {
      const worker = await createUser(t, { roles: ['worker'] });
      const before = (await t.http.get('/me').set('Authorization', worker.bearer).expect(200)).body;
      for (const body of [{ displayName: null }, { preferredLanguage: null }, { displayName: null, preferredLanguage: null }]) {
        const res = await t.http.patch('/me').set('Authorization', worker.bearer).send(body);
        expect(res.status).toBe(400);
        expect(res.body.type).toBe('urn:lcs:problem:validation-failed');
        expect(res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`).sort()).toEqual(
          Object.keys(body)
            .map((f) => `${f}:isNotNull`)
            .sort(),
        );
      }
      expect((await t.http.get('/me').set('Authorization', worker.bearer).expect(200)).body).toEqual(before);
    });

    it('changing the password ends the other sessions, keeps this one, and needs the current password', async () => {
      const user = await createUser(t, { roles: ['worker'] });
      const other = await t.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const wrong = await t.http
        .post('/me/password')
        .set('Authorization', user.bearer)
        .send({ currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
      const common = await t.http.post('/me/password').set('Authorization', user.bearer).send({ currentPassword: TEST_PASSWORD, newPassword: 'iloveyou' });
      expect(common.status).toBe(400);
      expect(common.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'notCommon' })]);
      await t.http
        .post('/me/password')
        .set('Authorization', user.bearer)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' })
        .expect(204);
      await t.http.get('/me').set('Authorization', user.bearer).expect(200);
      await t.http.get('/me').set('Authorization', `Bearer ${other.body.accessToken}`).expect(401);
      await t.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
      await t.http.post('/auth/login').send({ email: user.email, password: 'a brand new passphrase' }).expect(200);
    });
  });
});
