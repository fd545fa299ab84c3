/**
 * Mail is addressed to people, not addresses (issue 16): the recipient directory (libs/auth)
 * says who an audience is when a message is enqueued, the outbox keeps account ids (or a sealed
 * address for someone without an account), and the relay reads the account's address when it
 * sends: an address changed in between gets the mail, a disabled account gets none.
 */
import { Accounts } from '@app/auth';
import { ManualClock } from '@app/common';
import { Notifications, NotificationsRelayScheduler, RECIPIENT_INACTIVE, RecipientDirectory } from '@app/notifications';
import { TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestSmtpServer } from '../support/smtp';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';

describe('notifications: addressed to people', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: TestWorker;
  const clock = new ManualClock();
  let n = 0;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({ clock, env: { SMTP_URL: smtp.url } });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { REDIS_PREFIX: t.config.redis.REDIS_PREFIX, SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  const directory = () => t.app.get(RecipientDirectory, { strict: false });
  const accounts = () => t.app.get(Accounts, { strict: false });
  const notifications = () => t.app.get(Notifications, { strict: false });
  const relayNow = () => worker.app.get(NotificationsRelayScheduler).triggerAndWait();
  const user = async (roles: TestUser['roles'], options: { agencyId?: string; active?: boolean; language?: string } = {}) => {
    const u = await createUser(t, {
      roles,
      agencyId: options.agencyId,
      active: options.active,
      email: `person${++n}.${Date.now()}@people.test`,
      signIn: false,
    });
    if (options.language) await t.dataSource.query(`UPDATE app_user SET preferred_language = $2 WHERE id = $1`, [u.id, options.language]);
    return u;
  };
  /** Every column of every outbox row, as text: what a dump of the table would show. */
  const outboxAsText = async () =>
    ((await t.dataSource.query(`SELECT string_agg(row_to_json(o)::text, E'\\n') AS dump FROM notification_outbox o`)) as { dump: string | null }[])[0].dump ??
    '';

  describe('the recipient directory (libs/auth)', () => {
    it("names an agency's active admins, each with their language: not its staff, not a disabled admin, not another agency's", async () => {
      const agency = await createAgency(t);
      const other = await createAgency(t);
      const ana = await user(['agency_admin'], { agencyId: agency.id, language: 'fil' });
      const budi = await user(['agency_admin'], { agencyId: agency.id, language: 'id' });
      await user(['agency_admin'], { agencyId: agency.id, active: false });
      await user(['agency_staff'], { agencyId: agency.id });
      await user(['agency_admin'], { agencyId: other.id });
      const members = await directory().members(t.dataSource.manager, { agencyAdmins: agency.id });
      expect(members.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
        [
          { userId: ana.id, language: 'fil' },
          { userId: budi.id, language: 'id' },
        ].sort((a, b) => a.userId.localeCompare(b.userId)),
      );
    });

    it('names one account while it is active, and the holders of a role', async () => {
      const sup = await user(['supervisor'], { language: 'ne' });
      const gone = await user(['supervisor'], { active: false });
      expect(await directory().members(t.dataSource.manager, { user: sup.id })).toEqual([{ userId: sup.id, language: 'ne' }]);
      expect(await directory().members(t.dataSource.manager, { user: gone.id })).toEqual([]);
      const supervisors = (await directory().members(t.dataSource.manager, { role: 'supervisor' })).map((m) => m.userId);
      expect(supervisors).toContain(sup.id);
      expect(supervisors).not.toContain(gone.id);
    });

    it("gives each active account's current address, and none for a disabled one", async () => {
      const a = await user(['worker']);
      const b = await user(['worker'], { active: false });
      const boxes = await directory().mailboxes(t.dataSource.manager, [a.id, b.id]);
      expect([...boxes.keys()]).toEqual([a.id]);
      expect(boxes.get(a.id)).toMatchObject({ email: a.email, language: 'en' });
    });

    it("answers the other libraries' account questions (Accounts): active holders of a role, by id or address, and whether an address is taken", async () => {
      const insp = await user(['inspector']);
      const off = await user(['inspector'], { active: false });
      const found = await accounts().active(t.dataSource.manager, { ids: [insp.id, off.id], role: 'inspector' });
      expect(found.map((a) => a.id)).toEqual([insp.id]);
      expect(await accounts().active(t.dataSource.manager, { ids: [insp.id], role: 'worker' })).toEqual([]);
      const inspectors = await accounts().activeIdsWithRole(t.dataSource.manager, 'inspector');
      expect(inspectors).toContain(insp.id);
      expect(inspectors).not.toContain(off.id);
      expect((await accounts().active(t.dataSource.manager, { email: insp.email.toUpperCase() }))[0]?.id).toBe(insp.id);
      expect(await accounts().emailTaken(t.dataSource.manager, off.email)).toBe(true);
      expect(await accounts().emailTaken(t.dataSource.manager, `nobody${n}@people.test`)).toBe(false);
    });
  });

  describe('the outbox and the relay', () => {
    const welcome = (to: Parameters<Notifications['enqueue']>[1]['to'], key: string) =>
      t.dataSource.transaction((m) =>
        notifications().enqueue(m, {
          to,
          template: 'account.welcome',
          data: { displayName: 'Test Person', signInUrl: 'https://x.test/sign-in' },
          dedupKey: key,
        }),
      );

    it("keeps an account's id and no address, and sends to the address the account has when the mail goes out", async () => {
      const rosa = await user(['worker'], { language: 'fil' });
      const { id } = await welcome({ user: rosa.id }, `people:changed:${rosa.id}`);
      const [row] = (await t.dataSource.query(`SELECT recipient_enc, recipient, recipient_user_id, language FROM notification_outbox WHERE id = $1`, [
        id,
      ])) as Record<string, unknown>[];
      expect(row).toEqual({ recipient_enc: null, recipient: null, recipient_user_id: rosa.id, language: 'fil' });
      // Her address changes before the relay runs: the mail follows her.
      const changed = `changed.${rosa.email}`;
      await t.dataSource.query(`UPDATE app_user SET email = $2 WHERE id = $1`, [rosa.id, changed]);
      await relayNow();
      const [mail] = await smtp.waitFor(changed, 1);
      expect(mail.subject).toBeTruthy();
      expect(smtp.to(rosa.email)).toHaveLength(0);
      const [sent] = await outboxMessages(t, { id: id! });
      expect(sent).toMatchObject({ state: 'sent', holdsAddress: false, recipient: changed });
    });

    it('sends nothing to an account disabled before the mail goes out: the message fails at once, saying why', async () => {
      const tomas = await user(['worker']);
      const { id } = await welcome({ user: tomas.id }, `people:disabled:${tomas.id}`);
      await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [tomas.id]);
      await relayNow();
      const [row] = (await t.dataSource.query(`SELECT state, attempts, last_error FROM notification_outbox WHERE id = $1`, [id])) as Record<string, unknown>[];
      expect(row).toEqual({ state: 'failed', attempts: 1, last_error: RECIPIENT_INACTIVE });
      expect(smtp.to(tomas.email)).toHaveLength(0);
      // Enqueued after it was disabled: not even a row.
      expect(await welcome({ user: tomas.id }, `people:disabled-again:${tomas.id}`)).toEqual({ id: null, created: false });
    });

    it("holds no complainant's address in plain text: the public door's acknowledgement keeps it sealed, and a worker account's complaint keeps only the account's id", async () => {
      const typed = `Complainant.${Date.now()}@Workers.test`;
      const filed = (
        await t.http
          .post('/public/complaints')
          .send({
            agencyName: 'Sealed Address Agency',
            allegations: [{ category: 'unpaid-wages', facts: 'Two months of salary were never paid.', occurredOn: '2026-01-31' }],
            complainantName: 'Rosalinda Sealed',
            email: typed,
            language: 'en',
          })
          .expect(201)
      ).body as { id: string };
      const [ack] = await outboxMessages(t, { dedupKey: `case.received:${filed.id}` });
      expect(ack).toMatchObject({ holdsAddress: true, recipient: typed });
      const worker = await createUser(t, { roles: ['worker'], email: `account.complainant.${Date.now()}@workers.test` });
      const mine = (
        await t.http
          .post('/me/complaints')
          .set('Authorization', worker.bearer)
          .send({
            agencyName: 'Sealed Address Agency',
            allegations: [{ category: 'unpaid-wages', facts: 'My salary was withheld.', occurredOn: '2026-01-31' }],
            language: 'en',
          })
          .expect(201)
      ).body as { id: string };
      const [accountAck] = await outboxMessages(t, { dedupKey: `case.received:${mine.id}` });
      expect(accountAck).toMatchObject({ holdsAddress: false, recipientUserId: worker.id, recipient: worker.email });
      const dump = (await outboxAsText()).toLowerCase();
      expect(dump).not.toContain(typed.toLowerCase());
      expect(dump).not.toContain(worker.email.toLowerCase());
      await relayNow();
      expect(await smtp.waitFor(typed, 1)).toHaveLength(1);
      expect(await smtp.waitFor(worker.email, 1)).toHaveLength(1);
      expect((await outboxAsText()).toLowerCase()).not.toContain(typed.toLowerCase());
    });
  });
});
