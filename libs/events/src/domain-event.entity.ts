import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DOTTED_NAME_SQL } from './events.constants';

/**
 * One domain event: a fact a module recorded in the transaction of the change it reports
 * (transactional outbox), e.g. `fees.violation-found`. Written only by `DomainEvents.publish`,
 * never updated; delivered to subscribers by the relay in the worker. Internal to this library.
 */
@Entity({ name: 'domain_event' })
// What the relay scans per subscriber: events of its types, in id order (each then probed
// against pk_domain_event_delivery for that subscriber).
@Index('ix_domain_event_type_id', ['type', 'id'])
// Operators and handlers: every event about one aggregate.
@Index('ix_domain_event_aggregate', ['aggregateType', 'aggregateId'])
@Check('ck_domain_event_type', `type ~ '${DOTTED_NAME_SQL}'`)
@Check('ck_domain_event_payload_object', `jsonb_typeof(payload) = 'object'`)
export class DomainEvent {
  /**
   * Order of publication (an identity, never given by a caller). Ids are handed out before
   * commit, so a lower id can become visible after a higher one; the relay allows for that.
   * A decimal string: the column is a bigint.
   */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_domain_event' })
  id: string;

  /** Dotted lowercase, `<module>.<what-happened>`, e.g. 'fees.violation-found'. */
  @Column({ type: 'text' })
  type: string;

  /** What the event is about, e.g. 'fee-assessment'. */
  @Column({ type: 'text' })
  aggregateType: string;

  @Column({ type: 'text' })
  aggregateId: string;

  /** Plain JSON (no bigint, no Date): ids and facts a subscriber needs, not personal data it can look up. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** The request or job that published it, for following one story through the logs. */
  @Column({ type: 'text', nullable: true })
  correlationId: string | null;

  /** From the injectable Clock, in the publishing transaction. */
  @Column({ type: 'timestamptz' })
  occurredAt: Date;
}
