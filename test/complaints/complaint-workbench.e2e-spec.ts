/**
 * What the ministry's workbench (the web's staff pages, issue 21) asks of the API beyond the case
 * routes, end to end: the queue filtered by allegation category and by how near the nearest open
 * deadline is (overdue / due within 48 hours / further off), the inspectors' workloads for
 * assigning, and the audit trail searched by subject, actor, action and time.
 */
import { ManualClock } from '@app/common';
import { TestUser, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const HOUR = 3_600_000;

describe('the workbench routes', () => {
  const start = new Date('2026-03-02T01:00:00.000Z'); // Monday 2 March 2026, 09:00 in Manila
  const clock = new ManualClock(start);
  let t: TestApp;
  let inspector: TestUser;
  let other: TestUser;
  let supervisor: TestUser;
  let wages: { id: string; reference: string };
  let passport: { id: string; reference: string };

  const file = async (category: string) => {
    const body = {
      recruiterDescription: 'A sub-agent in Manila who showed no license',
      allegations: [{ category, facts: 'What happened, told in a few words.' }],
      language: 'en',
      anonymous: true,
    };
    return (await t.http.post('/public/complaints').send(body).expect(201)).body as { id: string; reference: string };
  };
  const queue = async (query: string, as: TestUser = supervisor) =>
    (await t.http.get(`/complaints?pageSize=100&${query}`).set('Authorization', as.bearer).expect(200)).body as {
      items: { id: string; nextDueAt: string | null }[];
      total: number;
    };
  const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id).sort();

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0' } });
    [inspector, other, supervisor] = await Promise.all([
      createUser(t, { roles: ['inspector'] }),
      createUser(t, { roles: ['inspector'] }),
      createUser(t, { roles: ['supervisor'] }),
    ]);
    wages = await file('unpaid-wages');
    passport = await file('retained-documents');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('filters the queue by allegation category', async () => {
    expect(ids(await queue('category=retained-documents'))).toEqual([passport.id]);
    expect(ids(await queue('category=unpaid-wages'))).toEqual([wages.id]);
    expect((await queue('category=abuse-harassment')).total).toBe(0);
    const bad = await t.http.get('/complaints?category=stolen-cow').set('Authorization', supervisor.bearer).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['category']);
  });

  it('filters the queue by how near the nearest open deadline is', async () => {
    const due = new Date((await queue('category=unpaid-wages')).items[0].nextDueAt!);
    const stateOf = async (at: Date) => {
      clock.set(at);
      const found: string[] = [];
      for (const s of ['overdue', 'due-soon', 'on-time']) if (ids(await queue(`deadlineState=${s}&category=unpaid-wages`)).includes(wages.id)) found.push(s);
      return found;
    };
    expect(due.getTime() - start.getTime()).toBeGreaterThanOrEqual(48 * HOUR); // the triage deadline is two days away or more
    expect(await stateOf(new Date(due.getTime() - 48 * HOUR - 1000))).toEqual(['on-time']);
    expect(await stateOf(new Date(due.getTime() - 48 * HOUR + 1000))).toEqual(['due-soon']);
    expect(await stateOf(new Date(due.getTime() - 1000))).toEqual(['due-soon']);
    expect(await stateOf(new Date(due.getTime() + 1000))).toEqual(['overdue']);
    // The old boolean says the same.
    expect(ids(await queue('overdue=true&category=unpaid-wages'))).toEqual([wages.id]);
    clock.set(start);
  });

  it("lists the inspectors' workloads, least loaded first, with their overdue cases", async () => {
    const version = async (id: string) => (await t.http.get(`/complaints/${id}`).set('Authorization', supervisor.bearer).expect(200)).body.version as number;
    for (const c of [wages, passport])
      await t.http
        .post(`/complaints/${c.id}/assign`)
        .set('Authorization', supervisor.bearer)
        .send({ userId: inspector.id, version: await version(c.id) })
        .expect(200);
    const load = async () =>
      (
        (await t.http.get('/complaints/workloads').set('Authorization', inspector.bearer).expect(200)).body as {
          userId: string;
          displayName: string;
          openCases: number;
          overdueCases: number;
        }[]
      ).filter((w) => [inspector.id, other.id].includes(w.userId));
    expect(await load()).toEqual([
      { userId: other.id, displayName: 'Test inspector', openCases: 0, overdueCases: 0 },
      { userId: inspector.id, displayName: 'Test inspector', openCases: 2, overdueCases: 0 },
    ]);
    clock.set(new Date(start.getTime() + 60 * 24 * HOUR)); // every triage deadline long past
    expect((await load())[1]).toEqual({ userId: inspector.id, displayName: 'Test inspector', openCases: 2, overdueCases: 2 });
    clock.set(start);
    await t.http
      .get('/complaints/workloads')
      .set('Authorization', (await createUser(t, { roles: ['welfare_officer'] })).bearer)
      .expect(403);
  });

  it('searches the audit trail by subject, actor, action and time', async () => {
    clock.set(new Date(start.getTime() + HOUR));
    const before = new Date(clock.now().getTime() - 1);
    const { version } = (await t.http.get(`/complaints/${wages.id}`).set('Authorization', inspector.bearer).expect(200)).body;
    await t.http.post(`/complaints/${wages.id}/actions/accept`).set('Authorization', inspector.bearer).send({ version }).expect(200);
    const search = async (query: string) =>
      (await t.http.get(`/audit/entries?${query}`).set('Authorization', supervisor.bearer).expect(200)).body as {
        items: { seq: string; action: string; actorId: string | null; subjectId: string | null; occurredAt: string }[];
        nextBefore: string | null;
      };

    const mine = await search(`actorId=${inspector.id}`);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.actorId === inspector.id)).toBe(true);
    expect(mine.items.map((e) => e.action)).toContain('complaint.accept');

    const accepted = await search(`action=complaint.accept&subjectType=complaint&subjectId=${wages.id}`);
    expect(accepted.items.map((e) => [e.action, e.subjectId])).toEqual([['complaint.accept', wages.id]]);
    // A dotted prefix finds the whole family, and nothing that only starts with the same letters.
    const family = await search(`action=complaint&subjectId=${wages.id}`);
    expect(family.items.length).toBeGreaterThan(1);
    expect(family.items.every((e) => e.action.startsWith('complaint.'))).toBe(true);
    expect((await search('action=complaint.acc')).items).toEqual([]);

    // Time: `from` included, `to` excluded.
    const acceptedAt = accepted.items[0].occurredAt;
    expect((await search(`action=complaint.accept&subjectId=${wages.id}&from=${encodeURIComponent(acceptedAt)}`)).items).toHaveLength(1);
    expect((await search(`action=complaint.accept&subjectId=${wages.id}&to=${encodeURIComponent(acceptedAt)}`)).items).toHaveLength(0);
    expect((await search(`subjectId=${wages.id}&to=${encodeURIComponent(before.toISOString())}`)).items.map((e) => e.action)).not.toContain('complaint.accept');

    // Keyset pages: newest first, no entry twice.
    const first = await search(`subjectId=${wages.id}&limit=1`);
    expect(first.nextBefore).toBe(first.items[0].seq);
    const second = await search(`subjectId=${wages.id}&limit=1&before=${first.nextBefore}`);
    expect(BigInt(second.items[0].seq)).toBeLessThan(BigInt(first.items[0].seq));

    const bad = await t.http.get('/audit/entries?from=yesterday&actorId=nobody').set('Authorization', supervisor.bearer).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['actorId', 'from']);
    await t.http.get('/audit/entries').set('Authorization', inspector.bearer).expect(403);
    clock.set(start);
  });
});
