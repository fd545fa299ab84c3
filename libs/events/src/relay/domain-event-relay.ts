import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { Clock, ConfigService } from '@app/common';
import { DeliveredDomainEvent, DomainEventHandler } from '../subscribers/domain-event-subscriber';
import { DomainEventSubscriberRegistry } from '../subscribers/subscriber-registry';
import { eventBackoffMs } from './backoff';
import { describeHandlerError } from './failure';

/** What one attempt came to. */
export type AttemptOutcome =
  /** The handler committed; the delivery is done. */
  | 'handled'
  /** The handler failed; the delivery waits for its back-off. */
  | 'retrying'
  /** The handler failed for the last allowed time; the delivery is failed for good. */
  | 'failed'
  /** Another relay was working on it, or it was settled meanwhile: nothing was done. */
  | 'skipped'
  /** The handler failed and the failure could not be written (database down): retried at the next poll. */
  | 'unrecorded';

export type DrainResult = Record<AttemptOutcome, number>;

interface EventRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  correlation_id: string | null;
  occurred_at: Date;
}

/** At most this many horizon marks are kept (one per poll that saw new events; older ones are dropped, which only slows the floors). */
const MAX_MARKS = 1_000;

const emptyResult = (): DrainResult => ({ handled: 0, retrying: 0, failed: 0, skipped: 0, unrecorded: 0 });

/**
 * Delivers domain events to subscribers (worker process only). Every EVENTS_POLL_MS (0: never;
 * tests call `drainOnce`) it walks the subscribers; for each, it takes batches of events of its
 * types that have no settled delivery and are not waiting out a back-off, oldest first, and
 * handles each in its own transaction:
 *
 * 1. a session advisory lock on (subscriber, event) taken with `pg_try_advisory_lock`: another
 *    relay already on it means skip (it comes back at a later poll if it is still open);
 * 2. the claim, in the handler's transaction: `INSERT ... 'done' ON CONFLICT DO UPDATE ... WHERE
 *    state = 'retrying' AND next_attempt_at <= now`, which returns no row when the delivery is
 *    already done or failed. The primary key (event_id, subscriber) is what guarantees one
 *    committed effect: a second claim of the same pair blocks on the first's uncommitted row and
 *    then finds it done;
 * 3. the handler, with that transaction's EntityManager; commit. A throw rolls back the claim and
 *    the handler's writes together;
 * 4. on failure, a second transaction on the same connection (the advisory lock still held)
 *    records attempts + 1, last_error and next_attempt_at (exponential back-off, capped), or
 *    'failed' once EVENTS_MAX_ATTEMPTS attempts have failed (logged at error level).
 *
 * A subscriber starts from the first event ever published (there is no "subscribed since").
 *
 * Floors: so that a poll does not re-read the whole history, the relay remembers per subscriber
 * an id below which every event is done, and scans above it. Ids come from a sequence before
 * commit, so event 7 can become visible after event 8; a floor never passes an id that a
 * still-running transaction might hold. `DomainEvents.publish` takes a transaction id before the
 * event's sequence number, so once every transaction that was running when the relay saw
 * max(id) = N has ended (`pg_snapshot_xmin` has passed that snapshot's xmax), no event at or
 * below N can still appear. The floors live in memory: a restarted worker scans from the
 * beginning once.
 */
@Injectable()
export class DomainEventRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DomainEventRelay');
  private timer?: NodeJS.Timeout;
  private stopping = false;
  /** The drain in progress or the last one: drains run one at a time in a process. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Per subscriber: every event of its types with an id at or below this is done for it. */
  private readonly floors = new Map<string, bigint>();
  /** Every event id at or below this is visible (no transaction that could hold one is still running). */
  private safeId = 0n;
  private marks: { maxId: bigint; xmax: bigint }[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: DomainEventSubscriberRegistry,
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('events').EVENTS_POLL_MS > 0) this.schedule();
  }

  /** Stops polling and waits for the batch in progress to finish (no new batch, no new poll). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain.catch(() => undefined);
  }

  /**
   * One poll: every subscriber's due events, batch after batch, until none is left (or the
   * process is stopping). Resolves when done; a drain already running finishes first. For the
   * timer and for tests (EVENTS_POLL_MS=0).
   */
  drainOnce(): Promise<DrainResult> {
    const run = this.chain.catch(() => undefined).then(() => (this.stopping ? emptyResult() : this.drain()));
    this.chain = run;
    return run;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drainOnce()
        .catch((e: unknown) =>
          this.logger.error({ msg: 'domain event poll failed; trying again at the next poll', err: e instanceof Error ? e.message : String(e) }),
        )
        .finally(() => {
          if (!this.stopping) this.schedule();
        });
    }, this.config.get('events').EVENTS_POLL_MS);
  }

  private async drain(): Promise<DrainResult> {
    const total = emptyResult();
    const handlers = this.registry.all();
    if (!handlers.length) return total;
    await this.advanceSafeHorizon();
    for (const handler of handlers) {
      if (this.stopping) break;
      await this.drainSubscriber(handler, total);
    }
    if (total.handled || total.retrying || total.failed || total.unrecorded) this.logger.log({ msg: 'domain events delivered', ...total });
    return total;
  }

  private async drainSubscriber(h: DomainEventHandler, total: DrainResult): Promise<void> {
    const { EVENTS_BATCH_SIZE } = this.config.get('events');
    let after = this.floors.get(h.subscriber) ?? 0n;
    for (;;) {
      const rows = (await this.db.query(
        `SELECT e.id, e.type, e.aggregate_type, e.aggregate_id, e.payload, e.correlation_id, e.occurred_at
           FROM domain_event e
          WHERE e.type = ANY($1::text[]) AND e.id > $2::bigint
            AND NOT EXISTS (
              SELECT 1 FROM domain_event_delivery d
               WHERE d.event_id = e.id AND d.subscriber = $3 AND (d.state <> 'retrying' OR d.next_attempt_at > $4))
          ORDER BY e.id
          LIMIT $5`,
        [h.types, after.toString(), h.subscriber, this.clock.now(), EVENTS_BATCH_SIZE],
      )) as EventRow[];
      for (const row of rows) total[await this.attempt(h, toEvent(row))] += 1;
      if (rows.length) after = BigInt(rows[rows.length - 1].id);
      // The batch in hand is finished; a stopping process takes no other.
      if (rows.length < EVENTS_BATCH_SIZE || this.stopping) break;
    }
    await this.advanceFloor(h);
  }

  /**
   * Handles one event for one subscriber, or records why not. Public for tests (two relays
   * racing for one event); the relay calls it for each event of a batch.
   */
  async attempt(h: DomainEventHandler, event: DeliveredDomainEvent): Promise<AttemptOutcome> {
    const qr = this.db.createQueryRunner();
    let locked = false;
    try {
      const [{ got }] = (await qr.query(`SELECT pg_try_advisory_lock(hashtext('domain-event:' || $1), ($2::bigint % 2147483647)::int) AS got`, [
        h.subscriber,
        event.id,
      ])) as { got: boolean }[];
      if (!got) return 'skipped';
      locked = true;
      await qr.startTransaction();
      try {
        const now = this.clock.now();
        const claimed = (await qr.query(
          `INSERT INTO domain_event_delivery AS d (event_id, subscriber, state, attempts, processed_at)
           VALUES ($1, $2, 'done', 1, $3)
           ON CONFLICT (event_id, subscriber) DO UPDATE
              SET state = 'done', attempts = d.attempts + 1, next_attempt_at = NULL, processed_at = EXCLUDED.processed_at
            WHERE d.state = 'retrying' AND d.next_attempt_at <= EXCLUDED.processed_at
           RETURNING d.attempts`,
          [event.id, h.subscriber, now],
        )) as { attempts: number }[];
        if (!claimed.length) {
          await qr.rollbackTransaction();
          return 'skipped';
        }
        await h.handle({ manager: qr.manager, event, attempt: claimed[0].attempts });
        await qr.commitTransaction();
        return 'handled';
      } catch (e) {
        if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
        return await this.recordFailure(qr, h, event, e);
      }
    } catch (e) {
      // The lock query itself failed (database down): nothing was attempted.
      this.logger.error({ msg: 'domain event delivery could not start', eventId: event.id, subscriber: h.subscriber, err: (e as Error).message });
      return 'unrecorded';
    } finally {
      if (locked) {
        await qr
          .query(`SELECT pg_advisory_unlock(hashtext('domain-event:' || $1), ($2::bigint % 2147483647)::int)`, [h.subscriber, event.id])
          .catch(() => undefined);
      }
      await qr.release();
    }
  }

  /** In its own transaction, on the connection that still holds the advisory lock. */
  private async recordFailure(qr: QueryRunner, h: DomainEventHandler, event: DeliveredDomainEvent, error: unknown): Promise<AttemptOutcome> {
    const lastError = describeHandlerError(error);
    const { EVENTS_MAX_ATTEMPTS } = this.config.get('events');
    const log = { eventId: event.id, type: event.type, subscriber: h.subscriber, correlationId: event.correlationId, err: lastError };
    try {
      await qr.startTransaction();
      const counted = (await qr.query(
        `INSERT INTO domain_event_delivery AS d (event_id, subscriber, state, attempts, last_error)
         VALUES ($1, $2, 'retrying', 1, $3)
         ON CONFLICT (event_id, subscriber) DO UPDATE SET attempts = d.attempts + 1, last_error = EXCLUDED.last_error
          WHERE d.state = 'retrying'
         RETURNING d.attempts`,
        [event.id, h.subscriber, lastError],
      )) as { attempts: number }[];
      if (!counted.length) {
        // Settled meanwhile (a commit whose answer was lost): nothing to record.
        await qr.commitTransaction();
        return 'skipped';
      }
      const attempts = counted[0].attempts;
      const now = this.clock.now();
      const giveUp = attempts >= EVENTS_MAX_ATTEMPTS;
      const nextAttemptAt = giveUp ? null : new Date(now.getTime() + eventBackoffMs(attempts));
      await qr.query(`UPDATE domain_event_delivery SET state = $3, next_attempt_at = $4, processed_at = $5 WHERE event_id = $1 AND subscriber = $2`, [
        event.id,
        h.subscriber,
        giveUp ? 'failed' : 'retrying',
        nextAttemptAt,
        giveUp ? now : null,
      ]);
      await qr.commitTransaction();
      if (giveUp) this.logger.error({ msg: 'domain event delivery failed for good; an operator must look at it (docs/events.md)', attempts, ...log });
      else this.logger.warn({ msg: 'domain event handler failed; will retry', attempts, nextAttemptAt, ...log });
      return giveUp ? 'failed' : 'retrying';
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      this.logger.error({ msg: 'domain event failure not recorded; it is retried at the next poll', ...log, recordErr: (e as Error).message });
      return 'unrecorded';
    }
  }

  /** Notes max(id) with the snapshot that saw it, and moves safeId up to the marks whose transactions have all ended. */
  private async advanceSafeHorizon(): Promise<void> {
    const [r] = (await this.db.query(
      `SELECT coalesce(max(id), 0)::text AS max_id,
              pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
              pg_snapshot_xmax(pg_current_snapshot())::text AS xmax
         FROM domain_event`,
    )) as { max_id: string; xmin: string; xmax: string }[];
    const maxId = BigInt(r.max_id);
    const xmin = BigInt(r.xmin);
    const last = this.marks[this.marks.length - 1];
    if (maxId > this.safeId && (!last || maxId > last.maxId)) this.marks.push({ maxId, xmax: BigInt(r.xmax) });
    // Marks are in the order taken (xmax never decreases): resolve from the oldest.
    while (this.marks.length && this.marks[0].xmax <= xmin) {
      const { maxId: resolved } = this.marks.shift()!;
      if (resolved > this.safeId) this.safeId = resolved;
    }
    if (this.marks.length > MAX_MARKS) this.marks.splice(0, this.marks.length - MAX_MARKS);
  }

  /**
   * Raises the subscriber's floor to just below its first event (up to safeId) that is not done.
   * Retrying and failed deliveries hold the floor, so an operator's retry (docs/events.md) is seen
   * at the next poll.
   */
  private async advanceFloor(h: DomainEventHandler): Promise<void> {
    const floor = this.floors.get(h.subscriber) ?? 0n;
    if (this.safeId <= floor) return;
    const [r] = (await this.db.query(
      `SELECT min(e.id)::text AS first_open
         FROM domain_event e
        WHERE e.type = ANY($1::text[]) AND e.id > $2::bigint AND e.id <= $3::bigint
          AND NOT EXISTS (SELECT 1 FROM domain_event_delivery d WHERE d.event_id = e.id AND d.subscriber = $4 AND d.state = 'done')`,
      [h.types, floor.toString(), this.safeId.toString(), h.subscriber],
    )) as { first_open: string | null }[];
    const next = r.first_open === null ? this.safeId : BigInt(r.first_open) - 1n;
    if (next > floor) this.floors.set(h.subscriber, next);
  }
}

function toEvent(r: EventRow): DeliveredDomainEvent {
  return {
    id: String(r.id),
    type: r.type,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    payload: r.payload,
    correlationId: r.correlation_id,
    occurredAt: r.occurred_at,
  };
}
