/**
 * The admin API over the outbox: lists, detail, metrics and resend (no worker here: rows are
 * put in the states under test directly, and a ManualClock fixes "now").
 */
import { AuditLog } from '@app/audit';
import { ManualClock } from '@app/common';
import { Notifications } from '@app/notifications';
import { TestUser, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;
const MINUTE = 60_000;

describe('notifications: admin API', () => {
  let t: TestApp;
  let admin: TestUser;
  let inspector: TestUser;
  const clock = new ManualClock(new Date('2026-07-14T09:00:00.000Z'));
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await createUser(t, { roles: ['admin'] });
    inspector = await createUser(t, { roles: ['inspector'] });
  });
  afterAll(() => t?.close());

  /** A row in the given state, created `ageMs` before the clock's now. */
  const insert = async (state: 'pending' | 'sent' | 'failed', ageMs = 0, sentAgoMs = 0): Promise<string> => {
    const now = clock.now().getTime();
    const to = `row${++n}@workers.test`;
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO notification_outbox (recipient, template, language, data, dedup_key, state, attempts, last_error, next_attempt_at, created_at, sent_at, failed_at)
       VALUES ($1, 'case.received', 'fil', $2::jsonb, $3, $4, $5, $6, $7, $7, $8, $9) RETURNING id`,
      [
        to,
        JSON.stringify({ referenceNumber: `LC-${n}`, trackingCode: 'AAAA-BBBB', trackingUrl: 'https://x.test/track' }),
        `admin-test:${n}`,
        state,
        state === 'pending' ? 0 : 3,
        state === 'failed' ? 'EENVELOPE 451 at RCPT TO: 451 4.3.0 Try again later' : null,
        new Date(now - ageMs),
        state === 'sent' ? new Date(now - sentAgoMs) : null,
        state === 'failed' ? new Date(now) : null,
      ],
    );
    return id;
  };
  const get = (path: string, who: TestUser = admin) => t.http.get(path).set('Authorization', who.bearer);

  it('reports the backlog, the age of the oldest pending message, failed and sent-in-the-last-hour counts', async () => {
    const empty = await get('/admin/notifications/metrics').expect(200);
    expect(empty.body).toEqual({ backlog: 0, oldestPendingAgeSeconds: 0, failed: 0, sentLastHour: 0 });
    await insert('pending', 5 * MINUTE);
    await insert('pending', 1 * MINUTE);
    await insert('failed', 10 * MINUTE);
    await insert('sent', 30 * MINUTE, 10 * MINUTE);
    await insert('sent', 3 * 60 * MINUTE, 2 * 60 * MINUTE); // sent two hours ago: not counted
    const res = await get('/admin/notifications/metrics').expect(200);
    expect(res.body).toEqual({ backlog: 2, oldestPendingAgeSeconds: 300, failed: 1, sentLastHour: 1 });
  });

  it('lists newest first, filtered by state, paginated, with masked addresses and never the data', async () => {
    const older = await insert('failed', 2 * MINUTE);
    const newer = await insert('failed', 1 * MINUTE);
    const res = await get('/admin/notifications?state=failed&page=1&pageSize=2').expect(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([newer, older]);
    for (const item of res.body.items) {
      expect(item).toMatchObject({ state: 'failed', template: 'case.received', language: 'fil' });
      // Masked in lists: the full address only when one message is read (audited).
      expect(item.recipient).toBe('r***@w***.test');
      expect(item).not.toHaveProperty('data');
      expect(item).not.toHaveProperty('dedupKey');
    }
    const sent = await get('/admin/notifications?state=sent').expect(200);
    expect(sent.body.items.every((i: { state: string }) => i.state === 'sent')).toBe(true);
    await get('/admin/notifications?state=lost').expect(400);
    await get('/admin/notifications?pageSize=1000').expect(400);
  });

  it('shows one message with its address and template data, and audits the read; an unknown id is 404, a malformed one 400', async () => {
    const id = await insert('sent', MINUTE);
    const res = await get(`/admin/notifications/${id}`).set('X-Request-Id', `view-${id}`).expect(200);
    expect(res.body).toMatchObject({
      id,
      state: 'sent',
      recipient: `row${n}@workers.test`,
      data: { referenceNumber: expect.stringMatching(/^LC-/) },
      dedupKey: expect.any(String),
      bodyPurgedAt: null,
    });
    const [entry] = await t.app.get(AuditLog).historyOf('notification', id);
    expect(entry).toMatchObject({
      action: 'notification.viewed',
      actorId: admin.id,
      actorRole: 'admin',
      correlationId: `view-${id}`,
      changes: { template: 'case.received', purged: false },
    });
    expect(JSON.stringify(entry)).not.toContain('@workers.test');
    const missing = await get('/admin/notifications/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.headers['content-type']).toMatch(PROBLEM);
    await get('/admin/notifications/not-a-uuid').expect(400);
  });

  it('resends a failed message: pending, attempts 0, due now, audited with the admin as actor', async () => {
    const id = await insert('failed', 30 * MINUTE);
    clock.advance(MINUTE);
    const res = await t.http.post(`/admin/notifications/${id}/resend`).set('Authorization', admin.bearer).set('X-Request-Id', `resend-${id}`).expect(200);
    expect(res.body).toMatchObject({ id, state: 'pending', attempts: 0, nextAttemptAt: clock.now().toISOString(), failedAt: null });
    const [row] = await t.dataSource.query(`SELECT state, attempts, next_attempt_at FROM notification_outbox WHERE id = $1`, [id]);
    expect(row).toMatchObject({ state: 'pending', attempts: 0 });
    expect(new Date(row.next_attempt_at).toISOString()).toBe(clock.now().toISOString());
    const [entry] = await t.app.get(AuditLog).historyOf('notification', id);
    expect(entry).toMatchObject({ action: 'notification.resent', actorId: admin.id, actorRole: 'admin', correlationId: `resend-${id}` });
    expect(entry.changes).toMatchObject({ state: { from: 'failed', to: 'pending' }, attempts: { from: 3, to: 0 } });
  });

  it.each(['pending', 'sent'] as const)('refuses to resend a %s message (409) and changes nothing', async (state) => {
    const id = await insert(state, MINUTE, MINUTE);
    const res = await t.http.post(`/admin/notifications/${id}/resend`).set('Authorization', admin.bearer).expect(409);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('urn:lcs:problem:notification-not-failed');
    const [row] = await t.dataSource.query(`SELECT state FROM notification_outbox WHERE id = $1`, [id]);
    expect(row.state).toBe(state);
    expect(await t.app.get(AuditLog).historyOf('notification', id)).toEqual([]);
  });

  it('answers 404 to a resend of an unknown message', async () => {
    await t.http.post('/admin/notifications/00000000-0000-4000-8000-000000000000/resend').set('Authorization', admin.bearer).expect(404);
  });

  it('is for admins only', async () => {
    await get('/admin/notifications', inspector).expect(403);
    await t.http.get('/admin/notifications/metrics').expect(401);
  });

  it('enqueue stamps the message with the injected clock (created and due at its now)', async () => {
    const { id } = await t.dataSource.transaction((m) =>
      t.app.get(Notifications, { strict: false }).enqueue(m, {
        to: { address: 'clock@workers.test' },
        template: 'account.welcome',
        language: 'id',
        data: { displayName: 'Dewi', signInUrl: 'https://x.test/sign-in' },
        dedupKey: 'admin-test:clock',
      }),
    );
    const res = await get(`/admin/notifications/${id}`).expect(200);
    expect(res.body).toMatchObject({ state: 'pending', language: 'id', createdAt: clock.now().toISOString(), nextAttemptAt: clock.now().toISOString() });
    // Sealed in the table, opened for the admin who reads it.
    expect(res.body).toMatchObject({ recipient: 'clock@workers.test', data: { displayName: 'Dewi', signInUrl: 'https://x.test/sign-in' } });
    const listed = await get('/admin/notifications?state=pending&pageSize=100').expect(200);
    expect(listed.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ recipient: 'c***@w***.test' });
  });

  it("shows a message to an account with the account's current address (the row holds none), masked in lists, and none once the account is disabled", async () => {
    const worker = await createUser(t, { roles: ['worker'], email: `account${++n}.${Date.now()}@workers.test`, signIn: false });
    const { id } = await t.dataSource.transaction((m) =>
      t.app.get(Notifications, { strict: false }).enqueue(m, {
        to: { user: worker.id },
        template: 'account.welcome',
        data: { displayName: 'Imelda', signInUrl: 'https://x.test/sign-in' },
        dedupKey: `admin-test:account:${worker.id}`,
      }),
    );
    const [row] = await t.dataSource.query(`SELECT recipient_enc, recipient FROM notification_outbox WHERE id = $1`, [id]);
    expect(row).toEqual({ recipient_enc: null, recipient: null });
    expect((await get(`/admin/notifications/${id}`).expect(200)).body).toMatchObject({ recipient: worker.email, recipientUserId: worker.id, language: 'en' });
    const listed = await get('/admin/notifications?state=pending&pageSize=100').expect(200);
    expect(listed.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ recipient: 'a***@w***.test', recipientUserId: worker.id });
    await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [worker.id]);
    expect((await get(`/admin/notifications/${id}`).expect(200)).body).toMatchObject({ recipient: null, recipientUserId: worker.id });
  });
});
