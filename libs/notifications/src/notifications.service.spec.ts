import type { EntityManager } from 'typeorm';
import { DEV_ONLY_FIELD_ENCRYPTION_KEYS, DEV_ONLY_FIELD_INDEX_KEY, FieldEncryption, ManualClock } from '@app/common';
import { NotificationMessage } from './message-input';
import { Notifications } from './notifications.service';
import { dedupDigest, openBody } from './outbox-sealing';
import { AccountAudience, Mailbox, Member, RecipientDirectory } from './recipients';

/**
 * Notifications resolves audiences to people when it enqueues: one row per person, an account's
 * row without any address. The directory is a fake; the INSERT's parameters are what the table
 * would hold.
 */
const crypto = FieldEncryption.fromSettings({
  NODE_ENV: 'test',
  FIELD_ENCRYPTION_KEYS: DEV_ONLY_FIELD_ENCRYPTION_KEYS,
  FIELD_INDEX_KEY: DEV_ONLY_FIELD_INDEX_KEY,
});
const AGENCY = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ANA = '11111111-1111-4111-8111-111111111111';
const BUDI = '22222222-2222-4222-8222-222222222222';
const SITA = '33333333-3333-4333-8333-333333333333';

class FakeDirectory extends RecipientDirectory {
  readonly asked: AccountAudience[] = [];
  async members(_m: EntityManager, audience: AccountAudience): Promise<Member[]> {
    this.asked.push(audience);
    if ('agencyAdmins' in audience)
      return audience.agencyAdmins === AGENCY
        ? [
            { userId: ANA, language: 'fil' },
            { userId: BUDI, language: 'id' },
          ]
        : [];
    if ('role' in audience) return [{ userId: SITA, language: 'ne' }];
    return audience.user === SITA ? [{ userId: SITA, language: 'ne' }] : [];
  }
  mailboxes(): Promise<Map<string, Mailbox>> {
    throw new Error('enqueueing never reads an address');
  }
}

interface Row {
  id: string;
  recipientEnc: string | null;
  userId: string | null;
  template: string;
  language: string;
  dataEnc: string;
  dedupKey: string;
}

function setUp() {
  const rows: Row[] = [];
  const manager = {
    query: async (sql: string, p: unknown[]) => {
      if (!sql.startsWith('INSERT')) return [];
      const [ids, enc, users, templates, languages, data, keys] = p as string[][];
      ids.forEach((id, i) =>
        rows.push({ id, recipientEnc: enc[i], userId: users[i], template: templates[i], language: languages[i], dataEnc: data[i], dedupKey: keys[i] }),
      );
      return ids.map((id, i) => ({ id, dedup_key: keys[i] }));
    },
  } as unknown as EntityManager;
  const directory = new FakeDirectory();
  return { notifications: new Notifications(new ManualClock(), crypto, directory), manager, rows, directory };
}

const staff = (to: NotificationMessage['to'], extra: Partial<NotificationMessage> = {}): NotificationMessage => ({
  to,
  template: 'deadline.breached',
  data: { subjectLabel: 'Case CMP-1', dueAt: 'yesterday', escalationLevel: 1 },
  dedupKey: 'deadline-d1-v1-l1',
  ...extra,
});

describe('Notifications: audiences resolved to people', () => {
  it("writes an agency's admins one row each, in each one's language, with their id appended to the key and no address", async () => {
    const { notifications, manager, rows } = setUp();
    const written = await notifications.enqueueMany(manager, [staff({ agencyAdmins: AGENCY })]);
    expect(written).toHaveLength(2);
    expect(rows.map((r) => [r.userId, r.language, r.recipientEnc])).toEqual([
      [ANA, 'fil', null],
      [BUDI, 'id', null],
    ]);
    expect(rows.map((r) => r.dedupKey)).toEqual([dedupDigest(crypto, `deadline-d1-v1-l1:${ANA}`), dedupDigest(crypto, `deadline-d1-v1-l1:${BUDI}`)]);
  });

  it("keeps the caller's key for one account, and the caller's language over the account's when given", async () => {
    const { notifications, manager, rows } = setUp();
    await notifications.enqueue(manager, staff({ user: SITA }, { language: 'en' }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: SITA, language: 'en', recipientEnc: null, dedupKey: dedupDigest(crypto, 'deadline-d1-v1-l1') });
  });

  it('writes nothing for a disabled account or an agency without active admins', async () => {
    const { notifications, manager, rows } = setUp();
    expect(await notifications.enqueue(manager, staff({ user: ANA }))).toEqual({ id: null, created: false });
    expect(await notifications.enqueueMany(manager, [staff({ agencyAdmins: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' })])).toEqual([]);
    expect(rows).toEqual([]);
  });

  it('seals an address (someone without an account) bound to its row, and asks the directory nothing', async () => {
    const { notifications, manager, rows, directory } = setUp();
    await notifications.enqueue(manager, {
      to: { address: 'rosa@workers.test', userId: ANA },
      template: 'case.received',
      data: { referenceNumber: 'LC-1', trackingCode: 'K', trackingUrl: 'https://x.test' },
      dedupKey: 'case.received:1',
    });
    expect(directory.asked).toEqual([]);
    expect(JSON.stringify(rows)).not.toContain('rosa@workers.test');
    const opened = openBody(crypto, { id: rows[0].id, recipient_enc: rows[0].recipientEnc, data_enc: rows[0].dataEnc, recipient: null, data: null });
    expect(opened.recipient).toBe('rosa@workers.test');
    expect(rows[0]).toMatchObject({ userId: ANA, language: 'en' });
  });

  it('validates every message before resolving any audience', async () => {
    const { notifications, manager, directory } = setUp();
    await expect(notifications.enqueueMany(manager, [staff({ role: 'supervisor' }), staff({ user: 'not-a-uuid' })])).rejects.toThrow(/to.user must be a uuid/);
    expect(directory.asked).toEqual([]);
  });
});
