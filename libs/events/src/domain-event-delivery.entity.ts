import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DomainEvent } from './domain-event.entity';

export const DELIVERY_STATES = ['retrying', 'done', 'failed'] as const;
/**
 * - `done`: the subscriber's handler committed (written in the handler's own transaction, so a
 *   row says done exactly when the effect exists);
 * - `retrying`: the last attempt failed; the next is not before next_attempt_at;
 * - `failed`: EVENTS_MAX_ATTEMPTS attempts failed; never retried again unless an operator deletes the row.
 * No row: not attempted yet (or every attempt so far was lost with its process).
 */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One subscriber's progress on one event. Internal to this library: the relay writes it; operators
 * read it (docs/events.md).
 */
@Entity({ name: 'domain_event_delivery' })
// Operators: what is retrying or failed, per subscriber.
@Index('ix_domain_event_delivery_unsettled', ['subscriber', 'state', 'nextAttemptAt'], { where: `state <> 'done'` })
@Check('ck_domain_event_delivery_state', `state IN ('retrying','done','failed')`)
@Check('ck_domain_event_delivery_attempts', `attempts >= 0`)
export class DomainEventDelivery {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_domain_event_delivery' })
  eventId: string;

  @ManyToOne(() => DomainEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_domain_event_delivery_event' })
  event?: DomainEvent;

  /** The subscriber's stable name, e.g. 'complaints.fee-violation-intake'. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_domain_event_delivery' })
  subscriber: string;

  @Column({ type: 'text' })
  state: DeliveryState;

  /** Attempts so far, the successful one included. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** The last failure, short (kept after a later success, as history). */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Retrying: not before this instant. Null otherwise. */
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** When it became done or failed. */
  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
