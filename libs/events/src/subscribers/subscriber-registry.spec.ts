import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { DomainEventContext, DomainEventHandler, DomainEventSubscriber } from './domain-event-subscriber';
import { DomainEventSubscriberRegistry } from './subscriber-registry';

function subscriber(name: string, types: string[]) {
  @DomainEventSubscriber()
  @Injectable()
  class Handler implements DomainEventHandler {
    readonly subscriber = name;
    readonly types = types;
    async handle(_ctx: DomainEventContext): Promise<void> {}
  }
  return Handler;
}

async function registryWith(...providers: ReturnType<typeof subscriber>[]) {
  // Providers in a module of their own, as a domain module would declare them.
  @Module({ providers })
  class Subscribers {}
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule, Subscribers], providers: [DomainEventSubscriberRegistry] }).compile();
  await moduleRef.init();
  return moduleRef.get(DomainEventSubscriberRegistry);
}

describe('DomainEventSubscriberRegistry', () => {
  it('finds every @DomainEventSubscriber() provider by name', async () => {
    const registry = await registryWith(
      subscriber('complaints.fee-violation-intake', ['fees.violation-found']),
      subscriber('audit.mirror', ['fees.violation-found', 'fees.refund-ordered']),
    );
    expect(registry.names()).toEqual(['audit.mirror', 'complaints.fee-violation-intake']);
    expect(registry.get('audit.mirror')?.types).toEqual(['fees.violation-found', 'fees.refund-ordered']);
  });

  it('stops the process when two handlers share a subscriber name', async () => {
    await expect(
      registryWith(subscriber('complaints.intake', ['fees.violation-found']), subscriber('complaints.intake', ['fees.refund-ordered'])),
    ).rejects.toThrow(/Domain event subscribers with one name: complaints\.intake \(Handler and Handler\)/);
  });

  it('stops the process on a malformed subscriber name or event type, or no types', async () => {
    await expect(registryWith(subscriber('Intake', ['fees.violation-found']))).rejects.toThrow(/subscriber must be a dotted lowercase name/);
    await expect(registryWith(subscriber('complaints.intake', ['fees.Violation']))).rejects.toThrow(/malformed event type\(s\) fees\.Violation/);
    await expect(registryWith(subscriber('complaints.intake', []))).rejects.toThrow(/types must list at least one event type/);
    await expect(registryWith(subscriber('complaints.intake', ['fees.x', 'fees.x']))).rejects.toThrow(/listed twice/);
  });
});
