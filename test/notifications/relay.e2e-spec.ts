/**
 * The outbox and its relay end to end: the API process enqueues in a business transaction, the
 * worker (booted in this process, on the same database and Redis prefix) sends through a real
 * SMTP server. Time is a ManualClock shared by both, so backoff and leases pass without waiting.
 */
import { EntityManager } from 'typeorm';
import { ManualClock } from '@app/common';
import { NotificationMessage, NotificationRelay, Notifications, NotificationsRelayScheduler, mailDate, mailMoney } from '@app/notifications';
import { TestUser, createUser } from '../support/identity';
import { TestSmtpServer } from '../support/smtp';
import { outboxMessages } from '../support/outbox';
import { waitFor } from '../support/wait';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';

const MAX_ATTEMPTS = 4;
const BACKOFF_BASE_MS = 1_000;

interface OutboxRow {
  id: string;
  state: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
}

describe('notifications: outbox and relay', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: TestWorker;
  let admin: TestUser;
  const clock = new ManualClock();
  let n = 0;

  const startWorker = () =>
    createTestWorker({
      databaseUrl: t.db.url,
      clock,
      env: {
        REDIS_PREFIX: t.config.redis.REDIS_PREFIX,
        SMTP_URL: smtp.url,
        MAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        MAIL_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS),
      },
    });

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({ clock, env: { SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS), MAIL_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS) } });
    worker = await startWorker();
    admin = await createUser(t, { roles: ['admin'] });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });
  afterEach(() => smtp.accept());

  const notifications = () => t.app.get(Notifications, { strict: false });
  const relayNow = () => worker.app.get(NotificationsRelayScheduler).triggerAndWait();
  const address = (label: string) => `${label}.${++n}.${Date.now()}@workers.test`;
  /** A message to an address (someone without an account): the outbox keeps it sealed. */
  type ToAddress = NotificationMessage & { to: { address: string } };
  const message = (to: string, overrides: Partial<NotificationMessage> = {}): ToAddress =>
    ({
      to: { address: to },
      template: 'case.received',
      language: 'en',
      data: { referenceNumber: `LC-2026-${String(n).padStart(6, '0')}`, trackingCode: 'K7QM-4XPA', trackingUrl: 'https://cases.example.gov/track' },
      dedupKey: `test:${to}`,
      ...overrides,
    }) as ToAddress;
  const enqueue = (msg: ToAddress) => t.dataSource.transaction((m) => notifications().enqueue(m, msg));
  const row = async (id: string): Promise<OutboxRow> => (await t.dataSource.query(`SELECT * FROM notification_outbox WHERE id = $1`, [id]))[0];

  it('never sends from the API process: it has no relay or mail transport', () => {
    expect(() => t.app.get(NotificationRelay, { strict: false })).toThrow();
    expect(() => t.app.get(NotificationsRelayScheduler, { strict: false })).toThrow();
  });

  it('delivers a message committed with its business change once, by the scheduled tick, in the recipient language (Nepali), with text and html parts', async () => {
    const to = address('sita');
    const { id, created } = await t.dataSource.transaction(async (m: EntityManager) => {
      await m.query(`SELECT 1`); // stands for the business change committed with the message
      return notifications().enqueue(m, message(to, { language: 'ne' }));
    });
    expect(created).toBe(true);
    // No trigger: the repeatable relay tick picks it up within a few seconds.
    const [mail] = await smtp.waitFor(to, 1, 10_000);
    expect(mail.subject).toBe(`उजुरी प्राप्त भयो: LC-2026-${String(n).padStart(6, '0')}`);
    expect(mail.text).toContain('तपाईंको उजुरी हामीलाई प्राप्त भएको छ।');
    expect(mail.text).toContain('K7QM-4XPA');
    expect(mail.html).toContain('<html lang="ne">');
    expect(mail.html).toContain('सन्दर्भ नम्बर');
    expect(mail.messageId).toBe(`<${id}@lcs>`);
    expect(mail.headers['content-language']).toBe('ne');
    expect(mail.envelopeFrom).toBe('no-reply@labour-cases.local');
    await relayNow();
    const r = await row(id);
    expect(r).toMatchObject({ state: 'sent', attempts: 1, message_id: `<${id}@lcs>` });
    expect(r.sent_at).not.toBeNull();
    expect(smtp.to(to)).toHaveLength(1);
  });

  it("writes typed dates and amounts when it sends, in the recipient's language: Nepali month names and digits, IDR with its ISO exponent", async () => {
    const to = address('bishnu');
    await enqueue({
      to: { address: to },
      template: 'complaint.accepted',
      language: 'ne',
      data: { referenceNumber: 'CMP-2026-000123-K', conciliationEnds: mailDate('2026-08-14') },
      dedupKey: `test:${to}`,
    });
    const [{ data }] = await outboxMessages(t, { recipient: to });
    expect(data).toEqual({ referenceNumber: 'CMP-2026-000123-K', conciliationEnds: { date: '2026-08-14' } }); // stored typed, not preformatted
    const idr = address('dewi');
    await enqueue({
      to: { address: idr },
      template: 'welfare.claim-approved',
      language: 'id',
      data: { referenceNumber: 'WC-2026-000057-7', amount: mailMoney(150000n, 'IDR') },
      dedupKey: `test:${idr}`,
    });
    await relayNow();
    const [ne] = await smtp.waitFor(to, 1);
    expect(ne.text).toContain('मेलमिलाप २०२६ अगस्ट १४ सम्ममा सकिन्छ।');
    expect(ne.text + ne.html).not.toMatch(/August|\b14\b/);
    expect(ne.html).toContain('<strong>२०२६ अगस्ट १४</strong>');
    const [id] = await smtp.waitFor(idr, 1);
    expect(id.text.replace(/\u00a0/g, ' ')).toContain('Klaim Anda disetujui sebesar Rp 1.500.');
  });

  it('still sends a row enqueued before typed values, with its dates and amounts preformatted as strings', async () => {
    const to = address('legacy');
    await t.dataSource.query(
      `INSERT INTO notification_outbox (recipient, template, language, data, dedup_key, state, attempts, next_attempt_at, created_at)
       VALUES ($1, 'welfare.claim-approved', 'fil', $2::jsonb, $3, 'pending', 0, $4, $4)`,
      [to, JSON.stringify({ referenceNumber: 'WC-2026-000001-1', amount: 'PHP 200,000.00' }), `test:${to}`, clock.now()],
    );
    await relayNow();
    const [mail] = await smtp.waitFor(to, 1);
    expect(mail.text).toContain('Naaprubahan ang iyong claim para sa halagang PHP 200,000.00.');
  });

  it('never sends a message whose transaction rolled back', async () => {
    const to = address('rolled-back');
    await expect(
      t.dataSource.transaction(async (m) => {
        await notifications().enqueue(m, message(to));
        throw new Error('the business step failed');
      }),
    ).rejects.toThrow('the business step failed');
    await relayNow();
    expect(smtp.to(to)).toHaveLength(0);
    expect(await outboxMessages(t, { recipient: to })).toHaveLength(0);
  });

  it('a programming error (data that does not fit the template) throws in the caller and rolls its transaction back', async () => {
    const to = address('bad-data');
    await expect(enqueue(message(to, { data: { referenceNumber: 'LC-1' } }))).rejects.toThrow(/cannot render/);
    expect(await outboxMessages(t, { recipient: to })).toHaveLength(0);
  });

  it('sends once when the same dedup key is enqueued twice (a retried business step)', async () => {
    const to = address('dedup');
    const first = await enqueue(message(to, { dedupKey: `case.received:${to}` }));
    const second = await enqueue(message(to, { dedupKey: `case.received:${to}`, language: 'fil' }));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    await relayNow();
    await relayNow();
    expect(smtp.to(to)).toHaveLength(1);
    expect(smtp.to(to)[0].subject).toMatch(/^Complaint received/); // the first one's language
  });

  it('retries with backoff while the SMTP server refuses (451), and delivers once after it recovers', async () => {
    const to = address('greylisted');
    smtp.refuse(451);
    const { id } = await enqueue(message(to, { language: 'id' }));
    await relayNow();
    const failed = await row(id);
    expect(smtp.refusedFor(to)).toBeGreaterThanOrEqual(1);
    expect(failed.state).toBe('pending');
    expect(failed.attempts).toBeGreaterThanOrEqual(1);
    expect(failed.last_error).toMatch(/451/);
    // The server's reply quotes the address; last_error is plain text, so it never keeps it.
    expect(failed.last_error).toContain('[address]');
    expect(failed.last_error).not.toContain(to);
    expect(smtp.to(to)).toHaveLength(0);

    smtp.accept();
    // The retry is due within base * 2^(attempts-1); move time past it.
    clock.advance(BACKOFF_BASE_MS * 2 ** (failed.attempts - 1) + 1);
    await relayNow();
    expect(smtp.to(to)).toHaveLength(1);
    expect(smtp.to(to)[0].subject).toMatch(/^Pengaduan diterima/);
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: smtp.refusedFor(to) + 1 });
  });

  it('marks a message failed after MAIL_MAX_ATTEMPTS refusals, lists it for admins, and an admin resend delivers it once', async () => {
    const to = address('always-refused');
    smtp.refuse(451);
    const { id } = await enqueue(message(to));
    for (let i = 0; i < MAX_ATTEMPTS + 2 && (await row(id)).state === 'pending'; i++) {
      await relayNow();
      clock.advance(BACKOFF_BASE_MS * 2 ** MAX_ATTEMPTS);
    }
    const failed = await row(id);
    expect(failed).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
    expect(failed.failed_at).not.toBeNull();
    expect(failed.last_error).toMatch(/451/);
    expect(smtp.refusedFor(to)).toBe(MAX_ATTEMPTS);
    // Failed is final: the relay leaves it alone however much time passes.
    clock.advance(24 * 3_600_000);
    await relayNow();
    expect(smtp.refusedFor(to)).toBe(MAX_ATTEMPTS);

    const list = await t.http.get('/admin/notifications').query({ state: 'failed' }).set('Authorization', admin.bearer).expect(200);
    const listed = list.body.items.find((i: { id: string }) => i.id === id);
    expect(listed).toMatchObject({ recipient: 'a***@w***.test', state: 'failed', attempts: MAX_ATTEMPTS, template: 'case.received' });
    expect(listed).not.toHaveProperty('data');

    smtp.accept();
    const resent = await t.http.post(`/admin/notifications/${id}/resend`).set('Authorization', admin.bearer).expect(200);
    expect(resent.body).toMatchObject({ id, state: 'pending', attempts: 0 });
    await relayNow();
    expect(smtp.to(to)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 1 });
    await t.http.post(`/admin/notifications/${id}/resend`).set('Authorization', admin.bearer).expect(409);
  });

  it('does not lose the messages of a worker that died after claiming them: they go out once when the lease runs out', async () => {
    const to = address('orphaned');
    const { id } = await enqueue(message(to));
    // A relay claims the row, then its process dies before sending anything.
    const claimed = await worker.app.get(NotificationRelay).claimDue(50);
    expect(claimed.map((c) => c.id)).toContain(id);
    await worker.close();
    worker = await startWorker();

    // While the lease holds, no other relay touches the row.
    await relayNow();
    expect(smtp.to(to)).toHaveLength(0);
    expect((await row(id)).state).toBe('pending');

    clock.advance(120_000 + 1); // MAIL_RELAY_LEASE_SECONDS' default
    await relayNow();
    await relayNow();
    expect(smtp.to(to)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('a relay that outlived its lease sends a duplicate with the same Message-ID but cannot overwrite what the relay that took over recorded', async () => {
    const to = address('slow-relay');
    const { id } = await enqueue(message(to));
    const relay = worker.app.get(NotificationRelay);
    const [stale] = (await relay.claimDue(50)).filter((c) => c.id === id);
    expect(stale).toBeDefined();
    clock.advance(120_000 + 1); // MAIL_RELAY_LEASE_SECONDS' default
    await relayNow(); // another tick takes the row over and sends it
    expect(smtp.to(to)).toHaveLength(1);
    // The slow relay finally gets to send: the documented at-least-once edge. Its update is fenced by its lease.
    await expect(relay.deliver(stale)).resolves.toBe('leaseLost');
    const copies = smtp.to(to);
    expect(copies).toHaveLength(2);
    expect(copies[1].messageId).toBe(copies[0].messageId);
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  describe('personal data at rest', () => {
    const DAY = 86_400_000;
    const maintain = () => worker.app.get(NotificationsRelayScheduler).maintainAndWait();

    it('keeps the address and the data sealed in the row: no plaintext, and an envelope copied to another message does not open', async () => {
      const to = address('sealed');
      const { id } = await enqueue({
        to: { address: to },
        template: 'account.welcome',
        language: 'en',
        data: { displayName: 'Imelda Quisumbing', signInUrl: 'https://x.test/sign-in' },
        dedupKey: `test:${to}`,
      });
      const [raw] = await t.dataSource.query(`SELECT * FROM notification_outbox WHERE id = $1`, [id]);
      expect(raw).toMatchObject({ recipient: null, data: null, recipient_enc: expect.stringMatching(/^v1\./), data_enc: expect.stringMatching(/^v1\./) });
      expect(raw.dedup_key).toMatch(/^h1:[A-Za-z0-9_-]{43}$/); // the caller's key named the address: only its digest is kept
      expect(JSON.stringify(raw)).not.toContain(to);
      expect(JSON.stringify(raw)).not.toContain('Imelda');
      // Another message given this one's sealed address (in its own transaction, before any relay can see it).
      const other = await t.dataSource.transaction(async (m) => {
        const { id: otherId } = await notifications().enqueue(m, message(address('other')));
        await m.query(`UPDATE notification_outbox SET recipient_enc = $2 WHERE id = $1`, [otherId, raw.recipient_enc]);
        return otherId;
      });
      await relayNow();
      await smtp.waitFor(to, 1);
      const refused = await waitFor('the copied envelope refused', async () => ((await row(other)).state === 'failed' ? row(other) : null));
      expect(refused.last_error).toContain('authentication-failed');
      expect(smtp.to(to)).toHaveLength(1); // its own message only
    });

    it('seals a legacy plaintext row (written before sealing) when the maintenance runs, and still sends it', async () => {
      const to = address('legacy-sealed');
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO notification_outbox (recipient, template, language, data, dedup_key, state, attempts, next_attempt_at, created_at)
         VALUES ($1, 'account.welcome', 'en', $2::jsonb, $3, 'pending', 0, $4, $4) RETURNING id`,
        [to, JSON.stringify({ displayName: 'Teodora Legacy', signInUrl: 'https://x.test/sign-in' }), `test:${to}`, new Date(clock.now().getTime() + DAY)],
      );
      expect((await maintain()).sealed).toBeGreaterThanOrEqual(1);
      const [raw] = await t.dataSource.query(`SELECT * FROM notification_outbox WHERE id = $1`, [id]);
      expect(raw).toMatchObject({ recipient: null, data: null, recipient_enc: expect.stringMatching(/^v1\./), dedup_key: expect.stringMatching(/^h1:/) });
      expect(JSON.stringify(raw)).not.toContain('Teodora');
      expect(JSON.stringify(raw)).not.toContain(to);
      // Still one message per key: the same key enqueued again is recognised by its digest.
      expect(
        (
          await enqueue({
            to: { address: to },
            template: 'account.welcome',
            language: 'en',
            data: { displayName: 'Teodora Legacy', signInUrl: 'https://x.test/sign-in' },
            dedupKey: `test:${to}`,
          })
        ).id,
      ).toBe(id);
      clock.advance(DAY);
      await relayNow();
      const [mail] = await smtp.waitFor(to, 1);
      expect(mail.text).toContain('Teodora Legacy');
    });

    it("purges a sent message's address and data NOTIFICATION_BODY_RETENTION_DAYS (30) after it was sent; the admin sees that it was", async () => {
      const to = address('retention');
      const { id } = await enqueue(message(to));
      const pending = await enqueue(message(address('still-pending'), { dedupKey: `test:pending:${n}` }));
      await t.dataSource.query(`UPDATE notification_outbox SET next_attempt_at = $2 WHERE id = $1`, [pending.id, new Date(clock.now().getTime() + 365 * DAY)]);
      await relayNow();
      await waitFor('sent', async () => (await row(id)).state === 'sent');
      clock.advance(29 * DAY);
      await maintain();
      expect((await outboxMessages(t, { id }))[0].recipient).toBe(to);
      clock.advance(1 * DAY + 1);
      expect((await maintain()).purged).toBeGreaterThanOrEqual(1);
      const [raw] = await t.dataSource.query(
        `SELECT recipient_enc, data_enc, recipient, data, body_purged_at, state, message_id FROM notification_outbox WHERE id = $1`,
        [id],
      );
      expect(raw).toMatchObject({ recipient_enc: null, data_enc: null, recipient: null, data: null, state: 'sent', message_id: `<${id}@lcs>` });
      expect(new Date(raw.body_purged_at).toISOString()).toBe(clock.now().toISOString());
      // A message that still has to be sent keeps its address, however old.
      expect((await outboxMessages(t, { id: pending.id }))[0].recipient).not.toBeNull();
      const detail = await t.http.get(`/admin/notifications/${id}`).set('Authorization', admin.bearer).expect(200);
      expect(detail.body).toMatchObject({ id, state: 'sent', recipient: null, data: null, bodyPurgedAt: clock.now().toISOString() });
    });
  });
});
