import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventsModule } from '../events.module';
import { DomainEventSubscriberRegistry } from '../subscribers/subscriber-registry';
import { DomainEventRelay } from './domain-event-relay';

/**
 * The worker's part: the registry of `@DomainEventSubscriber()` providers (found in every module
 * of the process) and the relay that delivers to them. Needs DatabaseModule, ConfigModule and
 * ClockModule from the worker's root module; no Redis. The API never imports this.
 */
@Module({
  imports: [DiscoveryModule, EventsModule],
  providers: [DomainEventSubscriberRegistry, DomainEventRelay],
  exports: [EventsModule, DomainEventSubscriberRegistry, DomainEventRelay],
})
export class EventsWorkerModule {}
