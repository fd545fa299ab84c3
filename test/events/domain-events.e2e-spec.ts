/**
 * Domain events end to end, against the real Postgres: publish in a business transaction, the
 * worker's relay delivers to test subscribers whose effect is a row written through the
 * delivery's transaction. Effect rows have no unique key, so a double delivery would show as
 * two rows. Two worker contexts in this process stand for two worker processes. The relays do
 * not poll (EVENTS_POLL_MS=0): tests drain them, and move a ManualClock past back-offs.
 */
import { Injectable, Module } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ManualClock } from '@app/common';
import {
  DeliveredDomainEvent,
  DomainEventContext,
  DomainEventError,
  DomainEventHandler,
  DomainEventRelay,
  DomainEventSubscriber,
  DomainEvents,
  DrainResult,
  EVENT_BACKOFF_BASE_MS,
  EVENT_BACKOFF_CAP_MS,
  PublishDomainEvent,
} from '@app/events';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

const MAX_ATTEMPTS = 3;

/** handle() calls per `${subscriber}:${eventId}` in this process (both workers), committed or not. */
const calls = new Map<string, number>();
/** The last event each subscriber was handed, per event id. */
const received = new Map<string, DeliveredDomainEvent>();

async function recordEffect(subscriber: string, ctx: DomainEventContext): Promise<number> {
  const key = `${subscriber}:${ctx.event.id}`;
  const n = (calls.get(key) ?? 0) + 1;
  calls.set(key, n);
  received.set(key, ctx.event);
  await ctx.manager.query(`INSERT INTO test_event_effect (subscriber, event_id, aggregate_id, attempt) VALUES ($1, $2, $3, $4)`, [
    subscriber,
    ctx.event.id,
    ctx.event.aggregateId,
    ctx.attempt,
  ]);
  return n;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

@DomainEventSubscriber()
@Injectable()
class RecorderA implements DomainEventHandler {
  readonly subscriber = 'test.recorder-a';
  readonly types = ['test.thing-happened'];
  async handle(ctx: DomainEventContext): Promise<void> {
    // A little work inside the transaction, so two relays really interleave.
    await pause(Math.random() * 2);
    await recordEffect(this.subscriber, ctx);
  }
}

@DomainEventSubscriber()
@Injectable()
class RecorderB implements DomainEventHandler {
  readonly subscriber = 'test.recorder-b';
  readonly types = ['test.thing-happened'];
  async handle(ctx: DomainEventContext): Promise<void> {
    await pause(Math.random() * 2);
    await recordEffect(this.subscriber, ctx);
  }
}

/** Writes its effect, then throws on its first `payload.failTimes` calls for an event. */
@DomainEventSubscriber()
@Injectable()
class FlakySubscriber implements DomainEventHandler {
  readonly subscriber = 'test.flaky';
  readonly types = ['test.flaky-requested'];
  async handle(ctx: DomainEventContext): Promise<void> {
    const n = await recordEffect(this.subscriber, ctx);
    if (n <= Number(ctx.event.payload.failTimes)) throw new Error(`flaky failure ${n}`);
  }
}

/** Writes its effect, then always throws. */
@DomainEventSubscriber()
@Injectable()
class BrokenSubscriber implements DomainEventHandler {
  readonly subscriber = 'test.broken';
  readonly types = ['test.broken-requested'];
  async handle(ctx: DomainEventContext): Promise<void> {
    await recordEffect(this.subscriber, ctx);
    throw new Error('broken for good');
  }
}

@Module({ providers: [RecorderA, RecorderB, FlakySubscriber, BrokenSubscriber] })
class TestSubscribersModule {}

/** A subscriber that only exists in a worker started late. */
@DomainEventSubscriber()
@Injectable()
class LateJoiner implements DomainEventHandler {
  readonly subscriber = 'test.late-joiner';
  readonly types = ['test.thing-happened'];
  async handle(ctx: DomainEventContext): Promise<void> {
    await recordEffect(this.subscriber, ctx);
  }
}

@Module({ providers: [LateJoiner] })
class LateSubscriberModule {}

/** Takes its time over each event: for stopping a worker mid-batch. */
@DomainEventSubscriber()
@Injectable()
class SlowSubscriber implements DomainEventHandler {
  readonly subscriber = 'test.slow';
  readonly types = ['test.slow-requested'];
  async handle(ctx: DomainEventContext): Promise<void> {
    await pause(25);
    await recordEffect(this.subscriber, ctx);
  }
}

@Module({ providers: [SlowSubscriber] })
class SlowSubscriberModule {}

interface DeliveryRow {
  event_id: string;
  subscriber: string;
  state: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  processed_at: Date | null;
}

describe('domain events: publish in the business transaction, deliver once per subscriber', () => {
  const clock = new ManualClock(new Date('2026-05-04T02:00:00.000Z'));
  const env = { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0', EVENTS_BATCH_SIZE: '25', EVENTS_MAX_ATTEMPTS: String(MAX_ATTEMPTS), DATABASE_POOL_SIZE: '8' };
  let db: TestDatabase;
  let w1: TestWorker;
  let w2: TestWorker;
  let ds: DataSource;
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    w1 = await createTestWorker({ databaseUrl: db.url, clock, env, extraModules: [TestSubscribersModule] });
    w2 = await createTestWorker({ databaseUrl: db.url, clock, env, extraModules: [TestSubscribersModule] });
    ds = w1.app.get(DataSource);
    // As the owner: the runtime role the workers connect as creates no tables.
    await db.asOwner(
      `CREATE TABLE test_event_effect (id bigserial PRIMARY KEY, subscriber text NOT NULL, event_id bigint NOT NULL, aggregate_id text NOT NULL, attempt int NOT NULL)`,
    );
  });
  afterAll(async () => {
    await w1?.close();
    await w2?.close();
    await db?.drop();
  });

  const events = () => w1.app.get(DomainEvents, { strict: false });
  const relay1 = () => w1.app.get(DomainEventRelay, { strict: false });
  const relay2 = () => w2.app.get(DomainEventRelay, { strict: false });
  const aggregate = (label: string) => `${label}-${++n}`;
  const thing = (aggregateId: string, overrides: Partial<PublishDomainEvent> = {}): PublishDomainEvent => ({
    type: 'test.thing-happened',
    aggregateType: 'test-aggregate',
    aggregateId,
    payload: { aggregateId, amountMinor: '125000', lines: [{ code: 'placement', over: true }] },
    ...overrides,
  });
  const publish = (e: PublishDomainEvent) => ds.transaction((m: EntityManager) => events().publish(m, e));
  const effects = async (where: string, params: unknown[]): Promise<{ subscriber: string; event_id: string; attempt: number }[]> =>
    ds.query(`SELECT subscriber, event_id::text AS event_id, attempt FROM test_event_effect WHERE ${where} ORDER BY id`, params);
  const deliveries = async (eventId: string): Promise<DeliveryRow[]> =>
    ds.query(
      `SELECT event_id::text AS event_id, subscriber, state, attempts, last_error, next_attempt_at, processed_at FROM domain_event_delivery WHERE event_id = $1 ORDER BY subscriber`,
      [eventId],
    );
  const sum = (rs: DrainResult[], k: keyof DrainResult) => rs.reduce((t, r) => t + r[k], 0);

  it('never delivers an event whose transaction rolled back', async () => {
    const id = aggregate('rolled-back');
    await expect(
      ds.transaction(async (m) => {
        await events().publish(m, thing(id));
        throw new Error('the business step failed');
      }),
    ).rejects.toThrow('the business step failed');
    await relay1().drainOnce();
    await relay2().drainOnce();
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM domain_event WHERE aggregate_id = $1`, [id]);
    expect(count).toBe(0);
    expect(await effects('aggregate_id = $1', [id])).toEqual([]);
  });

  it('refuses to publish outside a transaction, or a malformed event, before writing anything', async () => {
    await expect(events().publish(ds.manager, thing(aggregate('no-tx')))).rejects.toThrow(DomainEventError);
    await expect(publish(thing(aggregate('bad-type'), { type: 'Test.Thing' }))).rejects.toThrow(/type must be dotted lowercase/);
    await expect(publish(thing(aggregate('bigint'), { payload: { amountMinor: 125000n } }))).rejects.toThrow(/bigint/);
    const [{ count }] = await ds.query(
      `SELECT count(*)::int AS count FROM domain_event WHERE aggregate_id LIKE 'no-tx-%' OR aggregate_id LIKE 'bad-type-%' OR aggregate_id LIKE 'bigint-%'`,
    );
    expect(count).toBe(0);
  });

  it('delivers a committed event exactly once to each of its two subscribers, as published', async () => {
    const id = aggregate('once');
    const eventId = await ds.transaction(async (m) => {
      await m.query(`SELECT 1`); // stands for the business change committed with the event
      return events().publish(m, thing(id, { correlationId: 'req-once-1' }));
    });
    expect(eventId).toMatch(/^\d+$/);

    const first = await relay1().drainOnce();
    expect(first).toMatchObject({ handled: 2, retrying: 0, failed: 0 });
    const again = await Promise.all([relay1().drainOnce(), relay2().drainOnce()]);
    expect(sum(again, 'handled')).toBe(0);

    expect(await effects('event_id = $1', [eventId])).toEqual([
      { subscriber: expect.stringMatching(/^test\.recorder-[ab]$/), event_id: eventId, attempt: 1 },
      { subscriber: expect.stringMatching(/^test\.recorder-[ab]$/), event_id: eventId, attempt: 1 },
    ]);
    const rows = await deliveries(eventId);
    expect(rows.map((r) => [r.subscriber, r.state, r.attempts, r.last_error, r.next_attempt_at])).toEqual([
      ['test.recorder-a', 'done', 1, null, null],
      ['test.recorder-b', 'done', 1, null, null],
    ]);
    expect(rows[0].processed_at).toEqual(clock.now());
    expect(received.get(`test.recorder-a:${eventId}`)).toEqual({
      id: eventId,
      type: 'test.thing-happened',
      aggregateType: 'test-aggregate',
      aggregateId: id,
      payload: { aggregateId: id, amountMinor: '125000', lines: [{ code: 'placement', over: true }] },
      correlationId: 'req-once-1',
      occurredAt: clock.now(),
    });
  });

  it('a handler that throws twice then succeeds: one effect, its writes from failed attempts rolled back, attempts recorded, back-off respected', async () => {
    const eventId = await publish({
      type: 'test.flaky-requested',
      aggregateType: 'test-aggregate',
      aggregateId: aggregate('flaky'),
      payload: { failTimes: 2 },
    });
    const key = `test.flaky:${eventId}`;

    expect(await relay1().drainOnce()).toMatchObject({ retrying: 1, handled: 0 });
    let [row] = await deliveries(eventId);
    expect(row).toMatchObject({ state: 'retrying', attempts: 1, last_error: 'Error: flaky failure 1', processed_at: null });
    expect(row.next_attempt_at).toEqual(new Date(clock.now().getTime() + EVENT_BACKOFF_BASE_MS));

    // Still in back-off: neither relay touches it.
    await Promise.all([relay1().drainOnce(), relay2().drainOnce()]);
    expect(calls.get(key)).toBe(1);

    clock.advance(EVENT_BACKOFF_BASE_MS);
    expect(await relay2().drainOnce()).toMatchObject({ retrying: 1 });
    [row] = await deliveries(eventId);
    expect(row).toMatchObject({ state: 'retrying', attempts: 2, last_error: 'Error: flaky failure 2' });
    expect(row.next_attempt_at).toEqual(new Date(clock.now().getTime() + 2 * EVENT_BACKOFF_BASE_MS));

    clock.advance(2 * EVENT_BACKOFF_BASE_MS);
    expect(await relay1().drainOnce()).toMatchObject({ handled: 1 });
    [row] = await deliveries(eventId);
    expect(row).toMatchObject({ state: 'done', attempts: 3, next_attempt_at: null, last_error: 'Error: flaky failure 2' });
    expect(row.processed_at).toEqual(clock.now());
    expect(calls.get(key)).toBe(3);
    // The first two attempts wrote their effect too, and were rolled back with their claim.
    expect(await effects('event_id = $1', [eventId])).toEqual([{ subscriber: 'test.flaky', event_id: eventId, attempt: 3 }]);

    clock.advance(EVENT_BACKOFF_CAP_MS);
    await Promise.all([relay1().drainOnce(), relay2().drainOnce()]);
    expect(calls.get(key)).toBe(3);
  });

  it(`a handler that always throws ends 'failed' after EVENTS_MAX_ATTEMPTS, logged at error level, and is never tried again`, async () => {
    const eventId = await publish({ type: 'test.broken-requested', aggregateType: 'test-aggregate', aggregateId: aggregate('broken'), payload: {} });
    const outcomes: DrainResult[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      outcomes.push(await relay1().drainOnce());
      clock.advance(EVENT_BACKOFF_CAP_MS);
    }
    expect(outcomes.map((o) => [o.retrying, o.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    const [row] = await deliveries(eventId);
    expect(row).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, last_error: 'Error: broken for good', next_attempt_at: null });
    expect(row.processed_at).not.toBeNull();
    expect(await effects('event_id = $1', [eventId])).toEqual([]);

    const errors = w1.logs.lines.filter((l) => l.level === 50 && l.eventId === eventId);
    expect(errors).toEqual([
      expect.objectContaining({
        subscriber: 'test.broken',
        attempts: MAX_ATTEMPTS,
        err: 'Error: broken for good',
        msg: expect.stringMatching(/failed for good/),
      }),
    ]);

    clock.advance(10 * EVENT_BACKOFF_CAP_MS);
    await Promise.all([relay1().drainOnce(), relay2().drainOnce()]);
    expect(calls.get(`test.broken:${eventId}`)).toBe(MAX_ATTEMPTS);
    expect((await deliveries(eventId))[0].attempts).toBe(MAX_ATTEMPTS);
  });

  it('an operator can retry a failed delivery by deleting its row', async () => {
    const [failed] = (await ds.query(`SELECT event_id::text AS event_id FROM domain_event_delivery WHERE subscriber = 'test.broken' AND state = 'failed'`)) as {
      event_id: string;
    }[];
    await ds.query(`DELETE FROM domain_event_delivery WHERE subscriber = 'test.broken' AND event_id = $1`, [failed.event_id]);
    expect(await relay1().drainOnce()).toMatchObject({ retrying: 1 });
    expect((await deliveries(failed.event_id))[0]).toMatchObject({ state: 'retrying', attempts: 1 });
  });

  it('an event whose transaction commits after a later event was delivered is still delivered (ids are taken before commit)', async () => {
    const early = aggregate('early');
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    let earlyId: string;
    try {
      earlyId = await events().publish(runner.manager, thing(early));
      const laterId = await publish(thing(aggregate('later')));
      expect(BigInt(laterId)).toBeGreaterThan(BigInt(earlyId));
      for (let i = 0; i < 3; i++) await Promise.all([relay1().drainOnce(), relay2().drainOnce()]);
      expect((await effects('event_id = $1', [laterId])).length).toBe(2);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    await relay1().drainOnce();
    expect((await effects('event_id = $1', [earlyId])).map((e) => e.subscriber).sort()).toEqual(['test.recorder-a', 'test.recorder-b']);
  });

  it('two relays draining concurrently while 200 events are published apply each event once per subscriber', async () => {
    const label = `burst-${++n}`;
    const published: string[] = [];
    let publishing = true;
    // Four publishers at once, so commits land out of id order.
    const publisher = (async () => {
      await Promise.all(
        [0, 1, 2, 3].map(async (p) => {
          for (let i = 0; i < 50; i++) {
            published.push(await publish(thing(`${label}-${p}-${i}`)));
            if (i % 10 === 0) await pause(1);
          }
        }),
      );
      publishing = false;
    })();
    const handledBy = [0, 0];
    const drainer = async (relay: DomainEventRelay, k: number) => {
      for (let round = 0; publishing || round < 200; round++) {
        const r = await relay.drainOnce();
        handledBy[k] += r.handled;
        if (!publishing) {
          const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM test_event_effect WHERE aggregate_id LIKE $1`, [`${label}-%`]);
          if (count >= 400) break;
        }
      }
    };
    await Promise.all([publisher, drainer(relay1(), 0), drainer(relay2(), 1)]);
    // One more round each: nothing is left, and nothing is applied twice.
    const extra = await Promise.all([relay1().drainOnce(), relay2().drainOnce()]);
    expect(sum(extra, 'handled')).toBe(0);

    expect(published).toHaveLength(200);
    const [totals] = await ds.query(
      `SELECT count(*)::int AS effects, count(DISTINCT (subscriber, event_id))::int AS distinct_pairs,
              count(*) FILTER (WHERE subscriber = 'test.recorder-a')::int AS a, count(*) FILTER (WHERE subscriber = 'test.recorder-b')::int AS b
         FROM test_event_effect WHERE event_id = ANY($1::bigint[])`,
      [published],
    );
    expect(totals).toEqual({ effects: 400, distinct_pairs: 400, a: 200, b: 200 });
    const [d] = await ds.query(
      `SELECT count(*)::int AS rows, count(*) FILTER (WHERE state = 'done' AND attempts = 1)::int AS done_first_time FROM domain_event_delivery WHERE event_id = ANY($1::bigint[])`,
      [published],
    );
    expect(d).toEqual({ rows: 400, done_first_time: 400 });
    // Both relays did part of the work (the race was real).
    expect(handledBy[0]).toBeGreaterThan(0);
    expect(handledBy[1]).toBeGreaterThan(0);
    expect(handledBy[0] + handledBy[1]).toBe(400);
  });

  it('delivers to a new subscriber every event published before it first ran, by its own poll, and stops cleanly', async () => {
    const existing = (await ds.query(`SELECT id::text AS id FROM domain_event WHERE type = 'test.thing-happened' ORDER BY id`)) as { id: string }[];
    expect(existing.length).toBeGreaterThan(200);
    const late = await createTestWorker({ databaseUrl: db.url, clock, env: { ...env, EVENTS_POLL_MS: '50' }, extraModules: [LateSubscriberModule] });
    try {
      await waitFor(
        'the late subscriber to catch up',
        async () => {
          const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM test_event_effect WHERE subscriber = 'test.late-joiner'`);
          return count >= existing.length;
        },
        30_000,
      );
    } finally {
      await late.close();
    }
    const got = await effects(`subscriber = 'test.late-joiner'`, []);
    expect(got.map((e) => e.event_id).sort()).toEqual(existing.map((e) => e.id).sort());
    expect(late.logs.lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('a worker stopped mid-batch finishes the batch in hand and takes no other', async () => {
    const slow = await createTestWorker({ databaseUrl: db.url, clock, env: { ...env, EVENTS_BATCH_SIZE: '5' }, extraModules: [SlowSubscriberModule] });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(await publish({ type: 'test.slow-requested', aggregateType: 'test-aggregate', aggregateId: aggregate('slow'), payload: {} }));
    const count = async () => (await effects(`subscriber = 'test.slow'`, [])).length;
    let drained: Promise<DrainResult> | undefined;
    try {
      drained = slow.app.get(DomainEventRelay, { strict: false }).drainOnce();
      await waitFor('the first batch to start', async () => (await count()) > 0, 10_000, 5);
    } finally {
      await slow.close();
    }
    const result = await drained!;
    const done = await count();
    // Whole batches only: the one in hand when the stop came (or, on a slow machine, the next).
    expect(done % 5).toBe(0);
    expect(done).toBeLessThan(20);
    expect(result.handled).toBe(done);
    const [{ rows }] = await ds.query(`SELECT count(*)::int AS rows FROM domain_event_delivery WHERE subscriber = 'test.slow' AND state = 'done'`);
    expect(rows).toBe(done);
    expect(slow.logs.lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
