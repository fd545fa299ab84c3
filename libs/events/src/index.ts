// Both processes: publish in the caller's transaction.
export { EventsModule } from './events.module';
export { DomainEvents } from './domain-events.service';
export { DomainEventError, isDottedName, prepareDomainEvent } from './event-input';
export type { PublishDomainEvent, PreparedDomainEvent } from './event-input';

// Subscribing: a provider marked @DomainEventSubscriber() implementing DomainEventHandler.
export { DomainEventSubscriber } from './subscribers/domain-event-subscriber';
export type { DeliveredDomainEvent, DomainEventContext, DomainEventHandler } from './subscribers/domain-event-subscriber';

// Worker process only: the registry and the relay.
export { EventsWorkerModule } from './relay/events-worker.module';
export { DomainEventSubscriberRegistry, DomainEventSubscriberError } from './subscribers/subscriber-registry';
export { DomainEventRelay } from './relay/domain-event-relay';
export type { AttemptOutcome, DrainResult } from './relay/domain-event-relay';
export { eventBackoffMs } from './relay/backoff';
export { DELIVERY_STATES } from './domain-event-delivery.entity';
export type { DeliveryState } from './domain-event-delivery.entity';
export { EVENT_BACKOFF_BASE_MS, EVENT_BACKOFF_CAP_MS, EVENT_PAYLOAD_MAX_BYTES } from './events.constants';
