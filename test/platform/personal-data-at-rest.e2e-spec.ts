/**
 * Personal data at rest (issue 17): what a database dump holds after the paths that store
 * personal data have run through HTTP, and their mail has been sent. A complainant's email,
 * phone and name (protected or not) must appear nowhere in `pg_dump`'s text: not in the case,
 * not in the outbox, not in the audit log. The outbox holds no address of anyone in plain text.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { seedBenefitSchedule } from '@app/welfare';
import { NotificationsRelayScheduler } from '@app/notifications';
import { placementBody, seedFees } from '../support/fees-fixtures';
import { TEST_PASSWORD, TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestSmtpServer } from '../support/smtp';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';

const run = promisify(execFile);

/** The whole database as `pg_dump` writes it (schema and data, plain SQL). Fails, never skips, without pg_dump. */
async function dump(url: string): Promise<string> {
  try {
    const { stdout } = await run('pg_dump', ['--no-owner', '--no-privileges', url], { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'pg_dump is not installed (or not on PATH): this test needs it to read the database as a backup would (Debian: apt-get install postgresql-client)',
        { cause: e },
      );
    }
    throw e;
  }
}

/** The COPY block of one table in a dump: its rows, as text. */
function tableData(text: string, table: string): string {
  const start = text.indexOf(`COPY public.${table} (`);
  if (start < 0) throw new Error(`no COPY block for ${table} in the dump`);
  return text.slice(start, text.indexOf('\n\\.\n', start));
}

// What complainants give: distinctive, so a hit anywhere in the dump is theirs.
const PROTECTED = { name: 'Perpetua Quintanilla', email: 'perpetua.quintanilla@hidden-workers.test', phone: '+63 917 555 8842' };
const NAMED = { name: 'Saturnino Balagtas', email: 'saturnino.balagtas@named-workers.test', phone: '+977 980 555 3311' };

describe('personal data at rest: a pg_dump after the paths that store it', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: TestWorker;
  let inspector: TestUser;
  let supervisor: TestUser;
  let agencyAdmin: TestUser;
  let licenseNumber: string;
  const registered = { email: `ligaya.registered.${Date.now()}@workers.test`, displayName: 'Ligaya Registered' };
  const placementWorker = { email: 'crisanto.placed@workers.test', passport: 'P9083415Q' };
  let text: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
    worker = await createTestWorker({ databaseUrl: t.db.url, env: { REDIS_PREFIX: t.config.redis.REDIS_PREFIX, SMTP_URL: smtp.url } });
    await seedFees(t);
    await t.dataSource.transaction((m) => seedBenefitSchedule(m));
    [inspector, supervisor] = await Promise.all((['inspector', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
    const agencyId = (await createAgency(t, { legalName: 'Dump Test Manpower Inc.' })).id;
    licenseNumber = (await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201)).body
      .number;
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });

    // A worker registers an account.
    await t.http.post('/auth/register').send({ email: registered.email, password: TEST_PASSWORD, displayName: registered.displayName }).expect(202);

    // Two complaints from the public: one identity-protected, one named; both with email and phone.
    const file = (who: typeof PROTECTED, identityProtected: boolean) =>
      t.http
        .post('/public/complaints')
        .send({
          licenseNumber,
          allegations: [{ category: 'unpaid-wages', facts: 'Three months of salary were never paid.' }],
          complainantName: who.name,
          email: who.email,
          phone: who.phone,
          language: 'en',
          identityProtected,
        })
        .expect(201);
    const cases = [(await file(PROTECTED, true)).body, (await file(NAMED, false)).body];
    // Accepted by the inspector: more mail to the complainant and the agency, more audit entries.
    for (const c of cases) {
      const { version } = (await t.http.get(`/complaints/${c.id}`).set('Authorization', inspector.bearer).expect(200)).body;
      await t.http.post(`/complaints/${c.id}/actions/accept`).set('Authorization', inspector.bearer).send({ version }).expect(200);
    }

    // A placement with a passport number and fees over the cap (a refund order, mailed to the worker).
    const placement = await t.http
      .post('/placements')
      .set('Authorization', agencyAdmin.bearer)
      .send(
        placementBody({
          workerName: 'Crisanto Placed',
          workerPassportNumber: placementWorker.passport,
          workerEmail: placementWorker.email,
          recruitedOn: '2026-01-10',
          contractStart: '2026-02-01',
          fees: [{ item: 'placement-fee', amountMinor: '3000000', currency: 'PHP', date: '2026-01-20', receiptNumber: 'OR-DUMP-1' }],
        }),
      )
      .expect(201);
    await t.http
      .post('/welfare/contributions')
      .set('Authorization', agencyAdmin.bearer)
      .send({ placementId: placement.body.id, paidOn: '2026-02-01', receiptNumber: 'OWWA-DUMP-1' })
      .expect(201);
    // A death claim filed for the beneficiary by a welfare officer (a worker account files only
    // as the member), with the beneficiary's details and bank account.
    const officer = await createUser(t, { roles: ['welfare_officer'] });
    // The beneficiary is named on the member's register first (by the officer, with proof): encrypted there too.
    await t.http
      .post(`/welfare/members/${placementWorker.passport}/beneficiaries`)
      .set('Authorization', officer.bearer)
      .send({
        name: 'Remedios Beneficiary',
        relationship: 'spouse',
        idNumber: 'UMID-9988-7766',
        email: 'remedios.b@workers.test',
        proof: { kind: 'marriage-certificate', reference: 'PSA-M-2011-0042' },
      })
      .expect(201);
    await t.http
      .post('/welfare/claims')
      .set('Authorization', officer.bearer)
      .send({
        claimType: 'death:accidental',
        workerPassportNumber: placementWorker.passport,
        workerName: 'Crisanto Placed',
        incidentDate: '2026-02-20',
        facts: 'What happened, in words.',
        payout: 'BDO 0099-8877-66',
        language: 'en',
        beneficiary: { name: 'Remedios Beneficiary', relationship: 'spouse', idNumber: 'UMID-9988-7766' },
      })
      .expect(201);

    // The fee over the cap becomes a case of its own (a domain event the worker relays): more mail.
    await waitFor('the fee-violation case', async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM complaint`))[0].n >= 3, 30_000);
    // The relay sends what all of that queued.
    await waitFor(
      'every message sent',
      async () => {
        await worker.app.get(NotificationsRelayScheduler).triggerAndWait();
        return (await outboxMessages(t)).every((m) => m.state === 'sent');
      },
      30_000,
      200,
    );
    text = await dump(t.db.url);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('the mail went out: both complainants were written to, and the outbox has nothing left to send', async () => {
    expect((await smtp.waitFor(PROTECTED.email, 2)).map((m) => m.subject).join('\n')).toMatch(/Complaint received/);
    await smtp.waitFor(NAMED.email, 2);
    await smtp.waitFor(placementWorker.email, 1);
    expect((await outboxMessages(t)).filter((m) => m.state !== 'sent')).toEqual([]);
  });

  it.each([
    ["the protected complainant's email", PROTECTED.email],
    ["the protected complainant's phone", PROTECTED.phone],
    ["the protected complainant's phone, digits only", PROTECTED.phone.replace(/\D/g, '')],
    ["the protected complainant's name", PROTECTED.name],
    ["the named complainant's email", NAMED.email],
    ["the named complainant's phone", NAMED.phone],
    ["the named complainant's phone, digits only", NAMED.phone.replace(/\D/g, '')],
    ["the named complainant's name", NAMED.name],
    ["the welfare beneficiary's name", 'Remedios Beneficiary'],
    ["the welfare beneficiary's identity number", 'UMID-9988-7766'],
    ["the welfare beneficiary's address", 'remedios.b@workers.test'],
  ])('holds nowhere %s in plain text', (_what, value) => {
    expect(text.length).toBeGreaterThan(10_000); // a real dump, not an empty one
    const lower = text.toLowerCase();
    const at = lower.indexOf(value.toLowerCase());
    // On failure, show where: the line of the dump that holds it.
    expect(at < 0 ? null : text.slice(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at))).toBeNull();
  });

  it('the outbox holds no address, name or key of anyone in plain text: every message sealed (or purged), every dedup key a digest', async () => {
    const outbox = tableData(text, 'notification_outbox');
    const messages = await outboxMessages(t);
    expect(messages.length).toBeGreaterThanOrEqual(8);
    const recipients = [...new Set(messages.map((m) => m.recipient).filter((r): r is string => r !== null))];
    // (The inspector is mailed a digest of new cases once an hour, not per case: not in this run.)
    expect(recipients).toEqual(expect.arrayContaining([PROTECTED.email, NAMED.email, placementWorker.email, agencyAdmin.email]));
    for (const address of [...recipients, registered.email]) expect(outbox.toLowerCase()).not.toContain(address.toLowerCase());
    for (const name of ['Crisanto', 'Maria Santos', registered.displayName, 'Dump Test Manpower']) expect(outbox).not.toContain(name);
    expect(outbox).not.toMatch(/\S+@\S+\.test/);
  });
});
