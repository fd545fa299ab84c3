/**
 * Abuse of the public complaint path (issue 17): guessing tracking secrets (limited per caller and
 * per case, never locking the holder of the right secret out), filing to make the ministry mail any
 * address (acknowledgements capped per address and day), and filing to flood an inspector (one
 * digest per period instead of one mail per case).
 */
import type Redis from 'ioredis';
import { ManualClock, REDIS } from '@app/common';
import { AssignmentDigest, formatComplaintReference } from '@app/complaints';
import { TestUser, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { outboxMessages } from '../support/outbox';

const PER_CALLER = 5;
const PER_CASE = 10;
const NAME = 'Dewi Lestari';
const PHONE = '+62 812 5550 1234';
const FACTS = 'The agency charged me six months of salary before departure.';

describe('complaints: abuse of the public path', () => {
  // Monday 2 March 2026, 09:30 in Manila (01:30 UTC): half-way through a digest period.
  const clock = new ManualClock(new Date('2026-03-02T01:30:00.000Z'));
  let t: TestApp;
  let inspectors: TestUser[];
  let addressSeq = 0;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        // One trusted proxy in front (the test client): X-Forwarded-For names the caller.
        TRUST_PROXY: '1',
        LICENSING_PUBLIC_LIMIT_PER_IP: '100000',
        COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR: String(PER_CASE),
        COMPLAINTS_SECRET_ATTEMPTS_PER_CALLER_PER_HOUR: String(PER_CALLER),
        COMPLAINTS_ACK_MAILS_PER_ADDRESS_PER_DAY: '3',
        COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES: '60',
      },
    });
    inspectors = await Promise.all([createUser(t, { roles: ['inspector'] }), createUser(t, { roles: ['inspector'] })]);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A fresh caller address (documentation range 203.0.113.0/24), so tests do not share counters. */
  const freshAddress = () => `203.0.113.${++addressSeq}`;
  const body = (over: Record<string, unknown> = {}) => ({
    recruiterDescription: 'A man at the bus terminal who said he worked for an agency',
    allegations: [{ category: 'excess-fees', facts: FACTS }],
    complainantName: NAME,
    phone: PHONE,
    email: 'dewi.lestari@workers.test',
    language: 'id',
    ...over,
  });
  const file = async (over: Record<string, unknown> = {}) =>
    (await t.http.post('/public/complaints').set('X-Forwarded-For', freshAddress()).send(body(over)).expect(201)).body as {
      id: string;
      reference: string;
      trackingSecret: string;
    };
  const track = (reference: string, secret: string, from: string) =>
    t.http.get(`/public/complaints/${reference}`).set('X-Forwarded-For', from).set('X-Tracking-Secret', secret);
  const wrong = (i: number) => `WRNG-${String(i).padStart(4, '0')}-BBBB-CCCC`;
  const expect429 = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) => {
    expect(res.status).toBe(429);
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBeGreaterThan(3500);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:too-many-requests', retryAfter: seconds });
  };

  describe('tracking secrets', () => {
    it("strangers' wrong secrets for a case make further wrong ones 429, but never refuse its right secret", async () => {
      const filed = await file();
      // Distributed guessing: four addresses, three wrong secrets each (under the per-caller limit).
      const guessers = [freshAddress(), freshAddress(), freshAddress(), freshAddress()];
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await track(filed.reference, wrong(i), guessers[i % 4]);
        statuses.push(res.status);
        if (res.status === 429) expect429(res);
      }
      expect(statuses).toEqual([...Array(PER_CASE).fill(404), 429, 429]);
      // The complainant, from their own address or from one of the guessers' (a shared network), gets in.
      await track(filed.reference, filed.trackingSecret, freshAddress()).expect(200);
      await track(filed.reference, filed.trackingSecret.toLowerCase(), guessers[0]).expect(200);
      // Wrong secrets for the case stay refused.
      expect429(await track(filed.reference, wrong(99), freshAddress()));
    });

    it('one address guessing across cases is refused everywhere once over its limit; other addresses are not', async () => {
      const target = await file();
      const guesser = freshAddress();
      // Sequential references (valid check digits): a different case (or none yet) each time, so no per-case counter fills.
      const [, year, serial] = /^CMP-(\d{4})-(\d{5})-\d$/.exec(target.reference)!;
      for (let i = 1; i <= PER_CALLER; i++) await track(formatComplaintReference(Number(year), Number(serial) + 100 + i), wrong(i), guesser).expect(404);
      // Refused before anything is checked, whatever the case and secret.
      expect429(await track(target.reference, wrong(0), guesser));
      expect429(await track(target.reference, target.trackingSecret, guesser));
      // Anyone else is unaffected.
      await track(target.reference, target.trackingSecret, freshAddress()).expect(200);
      await track(target.reference, wrong(0), freshAddress()).expect(404);
    });

    it('an IPv6 caller is counted by its /64: hopping addresses inside it does not reset the count', async () => {
      const target = await file();
      for (let i = 1; i <= PER_CALLER; i++) await track(target.reference, wrong(i), `2001:db8:17:${addressSeq}::${i.toString(16)}`).expect(404);
      expect429(await track(target.reference, wrong(0), `2001:db8:17:${addressSeq}:ffff:ffff:ffff:1`));
      await track(target.reference, target.trackingSecret, `2001:db8:18:${addressSeq}::1`).expect(200);
    });

    it('the counters hold a keyed hash of the address, never the address', async () => {
      const target = await file();
      const guesser = '198.51.100.77';
      await track(target.reference, wrong(1), guesser).expect(404);
      const redis = t.app.get<Redis>(REDIS, { strict: false });
      const keys = await redis.keys(`${t.config.redis.REDIS_PREFIX}:complaint-secret:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(' ')).not.toContain(guesser);
    });
  });

  describe('inspector digest', () => {
    const digests = async () =>
      (await outboxMessages(t, { template: 'complaint.assignments-digest' })).map((m) => ({
        userId: m.recipientUserId,
        data: m.data as { count: number; urgentCount: number; urgentCases: string; otherCases: string },
        dedupKey: m.dedupKey,
      }));

    it('filing mails no inspector; the digest mails each inspector once per period, listing references and categories only', async () => {
      const digest = t.app.get(AssignmentDigest, { strict: false });
      // Every case filed so far, plus an urgent one now.
      const urgent = await file({ allegations: [{ category: 'retained-documents', facts: 'They keep my passport.' }] });
      expect(await t.dataSource.query(`SELECT 1 FROM notification_outbox WHERE template = 'complaint.assigned'`)).toEqual([]);
      // The period (an hour) has not ended: nothing yet.
      expect(await digest.run()).toEqual({ mails: 0, cases: 0 });
      expect(await digests()).toEqual([]);

      clock.set(new Date(Math.ceil(clock.now().getTime() / 3_600_000) * 3_600_000 + 30_000));
      const assigned = (await t.dataSource.query(`SELECT reference, assigned_to FROM complaint WHERE assigned_to IS NOT NULL`)) as {
        reference: string;
        assigned_to: string;
      }[];
      expect(assigned.length).toBeGreaterThanOrEqual(5);
      const run = await digest.run();
      expect(run).toEqual({ mails: 2, cases: assigned.length });
      const mails = await digests();
      expect(mails.map((m) => m.userId).sort()).toEqual(inspectors.map((i) => i.id).sort());
      for (const m of mails) {
        const mine = assigned.filter((a) => a.assigned_to === m.userId).map((a) => a.reference);
        expect(m.data.count).toBe(mine.length);
        const listed = `${m.data.urgentCases}; ${m.data.otherCases}`.match(/CMP-\d{4}-\d{5}-\d/g) ?? [];
        expect(listed.sort()).toEqual(mine.sort());
        const text = JSON.stringify(m.data);
        for (const personal of [NAME, PHONE, FACTS, 'dewi.lestari', 'victim.test']) expect(text).not.toContain(personal);
      }
      const withUrgent = mails.find((m) => m.data.urgentCases.includes(urgent.reference))!;
      expect(withUrgent.data).toMatchObject({ urgentCount: 1, urgentCases: `${urgent.reference} (retained-documents)` });
      expect(withUrgent.data.otherCases).toMatch(/\(excess-fees\)/);

      // Taken once: a second run (another worker, a retry) sends nothing; a new case waits for the next period.
      expect(await digest.run()).toEqual({ mails: 0, cases: 0 });
      const next = await file();
      expect(await digest.run()).toEqual({ mails: 0, cases: 0 });
      clock.advance(3_600_000);
      expect(await digest.run()).toEqual({ mails: 1, cases: 1 });
      expect((await digests()).find((m) => m.data.otherCases.includes(next.reference))!.data).toMatchObject({
        count: 1,
        urgentCount: 0,
        urgentCases: '—',
        otherCases: `${next.reference} (excess-fees)`,
      });
    });
  });

  describe('acknowledgements', () => {
    const acknowledged = async (ids: string[]) =>
      (await Promise.all(ids.map((id) => outboxMessages(t, { template: 'case.received', dedupKey: `case.received:${id}` })))).flat().length;

    it('an address gets at most 3 a day; past that the case is filed (reference and secret shown) without mail', async () => {
      const victim = 'someone.else@victim.test';
      const filed = [];
      // Written differently each time: the cap counts the normalised address.
      for (const email of [victim, 'Someone.Else@VICTIM.test', victim, victim, victim.toUpperCase()]) filed.push(await file({ email }));
      for (const f of filed) expect(f).toMatchObject({ reference: expect.stringMatching(/^CMP-/), trackingSecret: expect.any(String) });
      expect(await acknowledged(filed.slice(0, 3).map((f) => f.id))).toBe(3);
      expect(await acknowledged(filed.slice(3).map((f) => f.id))).toBe(0);
      // The answer does not tell whether a mail went (that would reveal others' filings).
      expect(Object.keys(filed[4]).sort()).toEqual(Object.keys(filed[0]).sort());
      // Another address is unaffected.
      const other = await file({ email: 'another.person@workers.test' });
      expect(await acknowledged([other.id])).toBe(1);
      // A day later the address may be acknowledged again.
      clock.advance(24 * 3_600_000 + 1_000);
      const later = await file({ email: victim });
      expect(await acknowledged([later.id])).toBe(1);
    });
  });
});
