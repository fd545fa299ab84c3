import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { isDottedName } from '../event-input';
import { DOMAIN_EVENT_SUBSCRIBER, DomainEventHandler } from './domain-event-subscriber';

export class DomainEventSubscriberError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainEventSubscriberError';
  }
}

/**
 * Every `@DomainEventSubscriber()` provider, by subscriber name (worker process). Two handlers
 * with one name, a malformed name or type, or a handler without `handle` stop the process.
 */
@Injectable()
export class DomainEventSubscriberRegistry implements OnModuleInit {
  private readonly byName = new Map<string, DomainEventHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const duplicates: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance || !this.reflector.get<boolean>(DOMAIN_EVENT_SUBSCRIBER, wrapper.metatype as Type)) continue;
      const handler = wrapper.instance as DomainEventHandler;
      const label = handler.constructor.name;
      const name = handler.subscriber;
      if (!isDottedName(name)) {
        problems.push(`${label}: subscriber must be a dotted lowercase name such as 'complaints.fee-violation-intake'`);
        continue;
      }
      if (!Array.isArray(handler.types) || handler.types.length === 0) problems.push(`${name}: types must list at least one event type`);
      else {
        const bad = handler.types.filter((t) => !isDottedName(t));
        if (bad.length) problems.push(`${name}: malformed event type(s) ${bad.map(String).join(', ')}`);
        if (new Set(handler.types).size !== handler.types.length) problems.push(`${name}: an event type is listed twice`);
      }
      if (typeof handler.handle !== 'function') problems.push(`${name}: no handle() method`);
      const existing = this.byName.get(name);
      if (existing && existing !== handler) duplicates.push(`${name} (${existing.constructor.name} and ${label})`);
      this.byName.set(name, handler);
    }
    if (duplicates.length) problems.unshift(`Domain event subscribers with one name: ${duplicates.join(', ')}`);
    if (problems.length) throw new DomainEventSubscriberError(problems.join('; '));
  }

  get(subscriber: string): DomainEventHandler | undefined {
    return this.byName.get(subscriber);
  }

  /** Subscriber names, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  all(): DomainEventHandler[] {
    return this.names().map((n) => this.byName.get(n)!);
  }
}
