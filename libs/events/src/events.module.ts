import { Module } from '@nestjs/common';
import { DomainEvents } from './domain-events.service';

/**
 * For both processes: `DomainEvents` (publish in the caller's transaction). The entities
 * (domain_event, domain_event_delivery) are registered with the DataSource by their file names,
 * like every entity; nothing here delivers events or touches Redis. Needs DatabaseModule and
 * ClockModule from the root module. The worker adds `EventsWorkerModule`.
 */
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class EventsModule {}
