import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { DomainEventError, PublishDomainEvent, prepareDomainEvent } from './event-input';

/**
 * Publishes domain events in the caller's transaction (transactional outbox). The relay in the
 * worker delivers them to subscribers after commit; nothing here talks to Redis or to a subscriber.
 */
@Injectable()
export class DomainEvents {
  constructor(private readonly clock: Clock) {}

  /**
   * Writes the event with the EntityManager of the caller's transaction, so the business change
   * and its event commit or roll back together; returns the event's id (a decimal string).
   * Validates first and throws DomainEventError (a programming error) for a bad type, aggregate
   * or payload, or a manager that is not in a transaction.
   */
  async publish(m: EntityManager, e: PublishDomainEvent): Promise<string> {
    const prepared = prepareDomainEvent(e);
    if (!m?.queryRunner?.isTransactionActive) {
      throw new DomainEventError('publish needs the EntityManager of a transaction (dataSource.transaction(m => ...)): the event must commit with its change');
    }
    // The transaction takes its id before the event takes its sequence number. The relay relies on
    // it: once every transaction that was running when it saw event N has ended, no event below N
    // can still appear (see DomainEventRelay's safe horizon).
    await m.query(`SELECT pg_current_xact_id()`);
    const rows = (await m.query(
      `INSERT INTO domain_event (type, aggregate_type, aggregate_id, payload, correlation_id, occurred_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       RETURNING id`,
      [prepared.type, prepared.aggregateType, prepared.aggregateId, prepared.payloadJson, prepared.correlationId, this.clock.now()],
    )) as { id: string }[];
    return String(rows[0].id);
  }
}
