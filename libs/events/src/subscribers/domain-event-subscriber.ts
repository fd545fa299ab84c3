import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const DOMAIN_EVENT_SUBSCRIBER = 'lcs:domain-event-subscriber';

/**
 * Marks a provider as a subscriber to domain events (a `DomainEventHandler`), found by discovery
 * in the worker. Declare it in the subscribing module's providers; the module must be imported
 * by the worker.
 */
export const DomainEventSubscriber = () => SetMetadata(DOMAIN_EVENT_SUBSCRIBER, true);

/** An event as a handler receives it. */
export interface DeliveredDomainEvent {
  /** A decimal string (the column is a bigint). */
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** Exactly what was published. */
  payload: Record<string, unknown>;
  correlationId: string | null;
  occurredAt: Date;
}

export interface DomainEventContext {
  /**
   * The delivery's transaction: write the effect through it. It also holds this subscriber's
   * claim on the event, so the effect and "done" commit together, or neither does.
   */
  manager: EntityManager;
  event: DeliveredDomainEvent;
  /** 1 for the first attempt; more after failures. */
  attempt: number;
}

/**
 * A module's subscriber. `handle` runs in the worker, once per event and subscriber as far as
 * committed effects go: an attempt that throws is rolled back whole and retried with back-off.
 * It may be called more than once for one event (after a failure, or when a worker dies mid-way),
 * so it must not do anything outside `ctx.manager` that cannot be repeated (enqueue mail through
 * the notifications outbox with ctx.manager instead of sending it).
 */
export interface DomainEventHandler {
  /**
   * Stable name, dotted lowercase: 'complaints.fee-violation-intake'. Deliveries are recorded
   * under it: renaming a subscriber makes it a new one, which starts from the first event.
   */
  readonly subscriber: string;
  /** The event types it handles ('fees.violation-found'). */
  readonly types: string[];
  handle(ctx: DomainEventContext): Promise<void>;
}
