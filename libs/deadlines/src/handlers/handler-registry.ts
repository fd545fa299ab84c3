import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DEADLINE_HANDLER, DeadlineHandler } from './deadline-handler';

export class DeadlineHandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineHandlerError';
  }
}

/** Every `@DeadlineKindHandler()` provider, by kind. Two handlers for one kind stop the process. */
@Injectable()
export class DeadlineHandlerRegistry implements OnModuleInit {
  private readonly byKind = new Map<string, DeadlineHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const duplicates: string[] = [];
    const misnamed: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const declared = wrapper.metatype && wrapper.instance ? this.reflector.get<string | undefined>(DEADLINE_HANDLER, wrapper.metatype as Type) : undefined;
      if (!declared) continue;
      const handler = wrapper.instance as DeadlineHandler;
      const kind = handler.definition.kind;
      if (kind !== declared) misnamed.push(`${handler.constructor.name} (@DeadlineKindHandler('${declared}'), definition ${kind})`);
      const existing = this.byKind.get(kind);
      if (existing && existing !== handler) duplicates.push(`${kind} (${existing.constructor.name} and ${handler.constructor.name})`);
      this.byKind.set(kind, handler);
    }
    if (misnamed.length) throw new DeadlineHandlerError(`Deadline handlers whose decorator and definition name different kinds: ${misnamed.join(', ')}`);
    if (duplicates.length) throw new DeadlineHandlerError(`Deadline kinds with two handlers: ${duplicates.join(', ')}`);
  }

  get(kind: string): DeadlineHandler | undefined {
    return this.byKind.get(kind);
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  all(): DeadlineHandler[] {
    return [...this.byKind.values()];
  }
}
