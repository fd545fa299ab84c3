import type { DataSource, EntityManager } from 'typeorm';
import { ConfigService, DEV_ONLY_FIELD_ENCRYPTION_KEYS, DEV_ONLY_FIELD_INDEX_KEY, FieldEncryption, ManualClock } from '@app/common';
import { sealBody } from '../outbox-sealing';
import { Mailbox, RecipientDirectory } from '../recipients';
import { ClaimedMessage, NotificationRelay, RECIPIENT_INACTIVE } from './notification-relay';
import type { MailTransport } from './mail-transport';

/**
 * The relay's resolution of whom a message goes to, at send time: the address a row holds, or
 * its account's current one from the recipient directory; a disabled account gets nothing.
 * The database, the SMTP transport and the directory are fakes that record what they are asked.
 */
const crypto = FieldEncryption.fromSettings({
  NODE_ENV: 'test',
  FIELD_ENCRYPTION_KEYS: DEV_ONLY_FIELD_ENCRYPTION_KEYS,
  FIELD_INDEX_KEY: DEV_ONLY_FIELD_INDEX_KEY,
});
const clock = new ManualClock(new Date('2026-09-01T00:00:00.000Z'));
const config = {
  get: (k: string) =>
    ({
      mail: {
        MAIL_FROM: 'no-reply@lcs.test',
        MAIL_MAX_ATTEMPTS: 8,
        MAIL_BACKOFF_BASE_MS: 5000,
        MAIL_RELAY_LEASE_SECONDS: 120,
        MAIL_RELAY_CONCURRENCY: 4,
        MAIL_RELAY_BATCH_SIZE: 10,
      },
      app: { SHUTDOWN_TIMEOUT_MS: 10_000 },
    })[k],
} as unknown as ConfigService;

const ROSA = '11111111-1111-4111-8111-111111111111';
const GONE = '22222222-2222-4222-8222-222222222222';
const DATA = { referenceNumber: 'LC-1', trackingCode: 'K7QM', trackingUrl: 'https://x.test/track' };

class FakeDirectory extends RecipientDirectory {
  readonly asked: string[][] = [];
  failing = false;
  constructor(public boxes: Record<string, string>) {
    super();
  }
  members(): never {
    throw new Error('the relay never asks who an audience is');
  }
  async mailboxes(_m: EntityManager, ids: readonly string[]): Promise<Map<string, Mailbox>> {
    this.asked.push([...ids]);
    if (this.failing) throw new Error('connection terminated');
    return new Map(ids.filter((id) => this.boxes[id]).map((id) => [id, { userId: id, email: this.boxes[id], language: 'en' as const }]));
  }
}

function setUp(boxes: Record<string, string>) {
  const statements: { sql: string; params: unknown[] }[] = [];
  const db = {
    manager: {} as EntityManager,
    createQueryRunner: () => ({
      query: async (sql: string, params: unknown[]) => {
        statements.push({ sql, params });
        // A batch fenced by leases (sent, handed back) answers the ids it updated: here, all of them.
        const ids = /unnest/.test(sql) ? (params[0] as string[]) : [];
        return { records: ids.map((id) => ({ id })), affected: ids.length || 1 };
      },
      release: async () => undefined,
    }),
  } as unknown as DataSource;
  const sent: string[] = [];
  const transport = {
    sendMail: async (mail: { envelope: { to: string[] } }) => (sent.push(...mail.envelope.to), { messageId: '<x@lcs>' }),
    close: () => undefined,
  } as unknown as MailTransport;
  const directory = new FakeDirectory(boxes);
  const relay = new NotificationRelay(db, transport, config, clock, crypto, directory);
  const updates = () => statements.filter((s) => s.sql.trimStart().startsWith('UPDATE'));
  return { relay, directory, sent, updates };
}

let seq = 0;
function claimed(to: { address?: string; userId?: string }): ClaimedMessage {
  const id = `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  const body = sealBody(crypto, id, to.address ?? null, DATA);
  return {
    id,
    recipient_enc: body.recipientEnc,
    data_enc: body.dataEnc,
    recipient: null,
    data: null,
    recipient_user_id: to.userId ?? null,
    template: 'case.received',
    language: 'en',
    attempts: 0,
    lease: clock.now(),
  };
}

describe('NotificationRelay: whom a message goes to, resolved when it is sent', () => {
  it("sends a message to an account to the account's address as it is now", async () => {
    const { relay, sent, updates } = setUp({ [ROSA]: 'rosa.new@workers.test' });
    expect(await relay.deliver(claimed({ userId: ROSA }))).toBe('sent');
    expect(sent).toEqual(['rosa.new@workers.test']);
    expect(updates()[0].sql).toMatch(/SET state = 'sent'/);
  });

  it('fails a message whose account was disabled (or is gone) at once, sending nothing, and says why', async () => {
    const { relay, sent, updates } = setUp({});
    expect(await relay.deliver(claimed({ userId: GONE }))).toBe('failed');
    expect(sent).toEqual([]);
    const [failed] = updates();
    expect(failed.sql).toMatch(/SET state = 'failed'/);
    expect(failed.params).toContain(RECIPIENT_INACTIVE);
  });

  it('sends a message holding an address (someone without an account, or an older row) to it, without asking the directory, even with an account id beside it', async () => {
    const { relay, directory, sent } = setUp({ [ROSA]: 'rosa.account@workers.test' });
    expect(await relay.deliver(claimed({ address: 'rosa.contact@workers.test', userId: ROSA }))).toBe('sent');
    expect(sent).toEqual(['rosa.contact@workers.test']);
    expect(directory.asked).toEqual([]);
  });

  it("retries when the directory cannot be read (a database outage is not the recipient's fault)", async () => {
    const { relay, directory, sent, updates } = setUp({ [ROSA]: 'rosa@workers.test' });
    directory.failing = true;
    expect(await relay.deliver(claimed({ userId: ROSA }))).toBe('retrying');
    expect(sent).toEqual([]);
    expect(updates()[0].sql).not.toMatch(/'failed'/);
  });

  it('uses the mailboxes read once for the round, and treats an account missing from them as disabled', async () => {
    const { relay, directory, sent } = setUp({});
    const round = new Map<string, Mailbox>([[ROSA, { userId: ROSA, email: 'rosa@workers.test', language: 'en' }]]);
    expect(await relay.deliver(claimed({ userId: ROSA }), round)).toBe('sent');
    expect(await relay.deliver(claimed({ userId: GONE }), round)).toBe('failed');
    expect(sent).toEqual(['rosa@workers.test']);
    expect(directory.asked).toEqual([]);
  });
});
