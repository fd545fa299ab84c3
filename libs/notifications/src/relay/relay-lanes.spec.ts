import type { DataSource } from 'typeorm';
import { ConfigService, DEV_ONLY_FIELD_ENCRYPTION_KEYS, DEV_ONLY_FIELD_INDEX_KEY, FieldEncryption, ManualClock } from '@app/common';
import { sealBody } from '../outbox-sealing';
import { RecipientDirectory } from '../recipients';
import type { MailTransport } from './mail-transport';
import { NotificationRelay } from './notification-relay';

/**
 * The relay's tick: lanes over batches claimed ahead. The outbox is an in-memory table that
 * answers the relay's statements as Postgres would (claim with a lease, updates fenced by it);
 * the transport takes a few milliseconds per message and counts how many are in flight.
 * (Against Postgres and a real SMTP server: test/notifications/relay-parallel.e2e-spec.ts.)
 */
const crypto = FieldEncryption.fromSettings({
  NODE_ENV: 'test',
  FIELD_ENCRYPTION_KEYS: DEV_ONLY_FIELD_ENCRYPTION_KEYS,
  FIELD_INDEX_KEY: DEV_ONLY_FIELD_INDEX_KEY,
});
const DATA = { referenceNumber: 'LC-1', trackingCode: 'K7QM', trackingUrl: 'https://x.test/track' };
const CONCURRENCY = 4;
const BATCH = 10;

interface Row {
  id: string;
  state: 'pending' | 'sent' | 'failed';
  nextAttemptAt: number;
  attempts: number;
  recipientEnc: string;
  dataEnc: string;
}

function setUp(count: number, sendMs = 2) {
  const clock = new ManualClock(new Date('2026-09-01T00:00:00.000Z'));
  const rows: Row[] = Array.from({ length: count }, (_, i) => {
    const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    const sealed = sealBody(crypto, id, `w${i}@workers.test`, DATA);
    return { id, state: 'pending', nextAttemptAt: clock.now().getTime(), attempts: 0, recipientEnc: sealed.recipientEnc!, dataEnc: sealed.dataEnc };
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fenced = (ids: string[], leases: string[]) =>
    ids.map((id) => byId.get(id)!).filter((r, i) => r.state === 'pending' && r.nextAttemptAt === Date.parse(leases[i]));
  const db = {
    createQueryRunner: () => ({
      release: async () => undefined,
      query: async (sql: string, p: unknown[]) => {
        if (sql.includes('FOR UPDATE SKIP LOCKED')) {
          const [now, limit, lease] = p as [Date, number, Date];
          const due = rows.filter((r) => r.state === 'pending' && r.nextAttemptAt <= now.getTime()).slice(0, limit);
          for (const r of due) r.nextAttemptAt = lease.getTime();
          const records = due.map((r) => ({
            id: r.id,
            recipient_enc: r.recipientEnc,
            recipient: null,
            recipient_user_id: null,
            template: 'case.received',
            language: 'en',
            data_enc: r.dataEnc,
            data: null,
            attempts: r.attempts,
          }));
          return { records, affected: records.length };
        }
        if (sql.includes("SET state = 'sent'") && sql.includes('unnest')) {
          const hit = fenced(p[0] as string[], p[1] as string[]);
          for (const r of hit) Object.assign(r, { state: 'sent', attempts: r.attempts + 1 });
          return { records: hit.map((r) => ({ id: r.id })), affected: hit.length };
        }
        if (sql.includes('unnest')) {
          // Handed back: due now, no attempt counted.
          const hit = fenced(p[0] as string[], p[1] as string[]);
          for (const r of hit) r.nextAttemptAt = (p[2] as Date).getTime();
          return { records: hit.map((r) => ({ id: r.id })), affected: hit.length };
        }
        // A failure: retried later (the backoff's next_attempt_at) or failed.
        const [id, lease, next, attempts] = p as [string, Date, Date, number];
        const r = byId.get(id)!;
        if (r.state !== 'pending' || r.nextAttemptAt !== lease.getTime()) return { records: [], affected: 0 };
        if (sql.includes("state = 'failed'")) Object.assign(r, { state: 'failed', attempts });
        else Object.assign(r, { nextAttemptAt: next.getTime(), attempts });
        return { records: [], affected: 1 };
      },
    }),
  } as unknown as DataSource;
  const sends: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failOn: ((n: number) => boolean) | null = null;
  const transport = {
    sendMail: async (mail: { envelope: { to: string[] } }) => {
      const n = sends.push(mail.envelope.to[0]);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, sendMs));
      inFlight -= 1;
      if (failOn?.(n)) throw Object.assign(new Error('451 4.3.2 try again later'), { code: 'EMESSAGE', responseCode: 451, command: 'DATA' });
      return { messageId: 'ignored' };
    },
    close: () => undefined,
  } as unknown as MailTransport;
  const config = {
    get: (k: string) =>
      ({
        mail: {
          MAIL_FROM: 'Labour Case System <no-reply@lcs.test>',
          MAIL_MAX_ATTEMPTS: 8,
          MAIL_BACKOFF_BASE_MS: 5000,
          MAIL_RELAY_LEASE_SECONDS: 120,
          MAIL_RELAY_CONCURRENCY: CONCURRENCY,
          MAIL_RELAY_BATCH_SIZE: BATCH,
        },
        app: { SHUTDOWN_TIMEOUT_MS: 10_000 },
      })[k],
  } as unknown as ConfigService;
  const relay = new NotificationRelay(db, transport, config, clock, crypto, {} as RecipientDirectory);
  const leased = () => rows.filter((r) => r.state === 'pending' && r.nextAttemptAt > clock.now().getTime());
  return {
    relay,
    rows,
    sends,
    leased,
    maxInFlight: () => maxInFlight,
    failWhen: (f: (n: number) => boolean) => (failOn = f),
  };
}

describe('NotificationRelay.relayDue: lanes over batches claimed ahead', () => {
  it('sends every due message once, MAIL_RELAY_CONCURRENCY at a time, and answers once every outcome is written', async () => {
    const t = setUp(95);
    const result = await t.relay.relayDue();
    expect(result).toMatchObject({ claimed: 95, sent: 95, retrying: 0, failed: 0, leaseLost: 0, unrecorded: 0, released: 0, budgetSpent: false });
    expect(new Set(t.sends).size).toBe(95);
    expect(t.sends).toHaveLength(95);
    expect(t.maxInFlight()).toBe(CONCURRENCY);
    expect(t.rows.every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('stops claiming after a retryable failure: the sends in flight finish, the rows not started are handed back, due now and not counted', async () => {
    const t = setUp(60);
    t.failWhen((n) => n === 3);
    const result = await t.relay.relayDue();
    expect(result.retrying).toBe(1);
    expect(result.released).toBeGreaterThan(0);
    expect(result.sent + result.retrying + result.released).toBe(result.claimed);
    expect(result.claimed).toBeLessThan(60);
    // Nothing waits out a lease; the one that failed waits for its backoff.
    expect(t.leased().map((r) => r.attempts)).toEqual([1]);
    expect(t.rows.filter((r) => r.state === 'pending' && r.attempts === 0)).toHaveLength(60 - result.sent - 1);
    expect(t.sends).toHaveLength(result.sent + 1);
  });

  it('stops claiming when its time budget is spent, says so, and leaves nothing claimed behind', async () => {
    const t = setUp(200, 5);
    t.relay.tickBudgetMs = 20;
    const result = await t.relay.relayDue();
    expect(result.budgetSpent).toBe(true);
    expect(result.claimed).toBeLessThan(200);
    expect(result.sent).toBe(result.claimed);
    expect(t.leased()).toEqual([]);
    expect(t.rows.filter((r) => r.state === 'sent')).toHaveLength(result.sent);
  });

  it('a stopping process starts no other message: the ones in flight are recorded, the others handed back', async () => {
    const t = setUp(100, 5);
    const tick = t.relay.relayDue();
    await new Promise((r) => setTimeout(r, 12));
    t.relay.onModuleDestroy();
    const result = await tick;
    t.relay.finishedStopping();
    expect(result.sent).toBeGreaterThan(0);
    expect(result.sent + result.released).toBe(result.claimed);
    expect(t.leased()).toEqual([]);
    expect(t.sends).toHaveLength(result.sent);
  });
});
