/**
 * The relay sends many messages at once over a pool of SMTP connections (MAIL_RELAY_CONCURRENCY,
 * SMTP_POOL_CONNECTIONS), against a real SMTP server: every message arrives exactly once, a send
 * the server refuses for now is retried with its backoff and then arrives once, and one slow
 * message does not hold up the others.
 */
import { randomBytes } from 'node:crypto';
import { ManualClock } from '@app/common';
import { NotificationMessage, Notifications, NotificationsRelayScheduler } from '@app/notifications';
import { TestSmtpServer } from '../support/smtp';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';

const BACKOFF_BASE_MS = 1_000;
const CONNECTIONS = 6;
const IN_FLIGHT = 16;

describe('notifications: the relay sends in parallel over pooled connections', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: TestWorker;
  const clock = new ManualClock();

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const env = { SMTP_URL: smtp.url, MAIL_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS), MAIL_MAX_ATTEMPTS: '8' };
    t = await createTestApp({ clock, env });
    worker = await createTestWorker({
      databaseUrl: t.db.url,
      clock,
      env: {
        ...env,
        REDIS_PREFIX: t.config.redis.REDIS_PREFIX,
        MAIL_RELAY_CONCURRENCY: String(IN_FLIGHT),
        MAIL_RELAY_BATCH_SIZE: '25',
        SMTP_POOL_CONNECTIONS: String(CONNECTIONS),
      },
    });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });
  afterEach(() => {
    smtp.failFirstAttempt = null;
    smtp.slowRecipients.clear();
  });

  const relayNow = () => worker.app.get(NotificationsRelayScheduler).triggerAndWait();

  /** `count` acknowledgements to distinct addresses, committed together; answers their ids and addresses. */
  const enqueue = async (label: string, count: number) => {
    const run = randomBytes(3).toString('hex');
    const messages: NotificationMessage[] = Array.from({ length: count }, (_, i) => ({
      to: { address: `${label}.${run}.${i}@workers.test` },
      template: 'case.received',
      language: 'en',
      data: { referenceNumber: `LC-2026-${String(i).padStart(6, '0')}`, trackingCode: 'K7QM-4XPA', trackingUrl: 'https://cases.example.gov/track' },
      dedupKey: `test:${label}:${run}:${i}`,
    }));
    const rows = await t.dataSource.transaction((m) => t.app.get(Notifications, { strict: false }).enqueueMany(m, messages));
    return { ids: rows.map((r) => r.id), addresses: messages.map((m) => (m.to as { address: string }).address) };
  };

  const outbox = async (ids: string[]) =>
    (await t.dataSource.query(`SELECT id, state, attempts, message_id FROM notification_outbox WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      state: string;
      attempts: number;
      message_id: string;
    }[];

  /** How many times the server accepted each of these messages. */
  const receivedCounts = (ids: string[]) => {
    const counts = new Map(ids.map((id) => [`<${id}@lcs>`, 0]));
    for (const m of smtp.received) if (counts.has(m.messageId)) counts.set(m.messageId, counts.get(m.messageId)! + 1);
    return [...counts.values()];
  };

  it('delivers every message exactly once while the server refuses a fifth of first attempts; each refused one is retried after its backoff', async () => {
    const { ids } = await enqueue('parallel', 150);
    const refused = new Set(ids.filter((_, i) => i % 5 === 2).map((id) => `<${id}@lcs>`));
    smtp.failFirstAttempt = (messageId) => refused.has(messageId);
    smtp.maxSessions = smtp.sessions;

    for (let tick = 0; tick < 100; tick++) {
      const result = await relayNow();
      // A tick that met a refusal stops claiming; the sends it had in flight are recorded, the rest handed back.
      expect(result.unrecorded + result.leaseLost + result.failed).toBe(0);
      const left = (await outbox(ids)).filter((r) => r.state !== 'sent').length;
      if (!left) break;
      // The retries are due within base * 2^0: move time past them.
      clock.advance(BACKOFF_BASE_MS + 1);
    }

    const rows = await outbox(ids);
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(150);
    expect(receivedCounts(ids).every((n) => n === 1)).toBe(true);
    expect(rows.every((r) => r.message_id === `<${r.id}@lcs>`)).toBe(true);
    // Each refused message went out on its second attempt, every other one on its first.
    expect(smtp.failedOnce.size).toBe(refused.size);
    expect(
      rows
        .filter((r) => r.attempts === 2)
        .map((r) => `<${r.id}@lcs>`)
        .sort(),
    ).toEqual([...refused].sort());
    expect(rows.filter((r) => r.attempts === 1)).toHaveLength(150 - refused.size);
    // In parallel, over as many pooled connections as configured and no more.
    expect(smtp.maxSessions).toBe(CONNECTIONS);
  });

  it('keeps the other messages going while one is slow: they do not wait for it', async () => {
    // The slow one first (due a moment before the others, so it is claimed first).
    const slow = await enqueue('slow-first', 1);
    clock.advance(1);
    const rest = await enqueue('slow-rest', 59);
    const ids = [...slow.ids, ...rest.ids];
    const addresses = [...slow.addresses, ...rest.addresses];
    smtp.slowRecipients.set(addresses[0], 3_000);
    let othersWhenSlowArrived = -1;
    const counting = waitFor(
      'the slow message',
      async () => {
        if (smtp.to(addresses[0]).length) othersWhenSlowArrived = addresses.slice(1).filter((a) => smtp.to(a).length).length;
        return othersWhenSlowArrived >= 0;
      },
      30_000,
      10,
    );
    await relayNow();
    await counting;
    await waitFor('all 60', () => Promise.resolve(addresses.every((a) => smtp.to(a).length > 0)), 30_000);
    // The 59 others went out over the other connections in the meantime (a relay sending in rounds
    // that wait for their slowest message would have sent at most the slow one's round).
    expect(othersWhenSlowArrived).toBe(59);
    expect(receivedCounts(ids).every((n) => n === 1)).toBe(true);
  });
});
