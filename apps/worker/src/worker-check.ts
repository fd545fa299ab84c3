import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JobHandlers, PeriodicWork } from '@app/common';
import { DeadlineHandlerRegistry } from '@app/deadlines';
import { WORKER_DEADLINE_KINDS, WORKER_OWN_LOOPS, WORKER_PERIODIC_WORK, WORKER_QUEUES, WorkerQueue } from './worker-jobs';

export class WorkerSetupError extends Error {
  constructor(problems: readonly string[]) {
    super(`The worker cannot start (apps/worker/src/worker-jobs.ts):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'WorkerSetupError';
  }
}

/** What the worker actually has: its providers (class and, when built, instance) and the deadline kinds with a handler. */
export interface WorkerInventory {
  providers: readonly { type: abstract new (...args: never[]) => unknown; instance?: unknown }[];
  deadlineKinds: readonly string[];
}

export interface WorkerDeclaration {
  queues: readonly WorkerQueue[];
  deadlineKinds: readonly string[];
  periodic: readonly (abstract new (...args: never[]) => unknown)[];
  loops: readonly (abstract new (...args: never[]) => unknown)[];
}

export const WORKER_DECLARATION: WorkerDeclaration = {
  queues: WORKER_QUEUES,
  deadlineKinds: WORKER_DEADLINE_KINDS,
  periodic: WORKER_PERIODIC_WORK,
  loops: WORKER_OWN_LOOPS,
};

type AnyClass = abstract new (...args: never[]) => unknown;

const isA = (type: AnyClass, base: AnyClass) => type === base || (type as unknown as { prototype: unknown }).prototype instanceof base;

/**
 * Every way the worker differs from its declaration, each naming what is missing: a declared
 * processor, PeriodicWork or loop no module provides; a job name a queue carries that its
 * processor has no handler for; a deadline kind with no handler; a processor or PeriodicWork
 * running without being declared. Empty when they agree.
 */
export function workerProblems(found: WorkerInventory, declared: WorkerDeclaration = WORKER_DECLARATION): string[] {
  const problems: string[] = [];
  const instanceOf = (type: unknown) => found.providers.find((p) => p.type === type);
  for (const q of declared.queues) {
    const p = instanceOf(q.processor);
    if (!p) {
      problems.push(`processor ${q.processor.name} (queue '${q.queue}') is declared, but no module of the worker provides it`);
      continue;
    }
    const handlers = p.instance as Partial<JobHandlers> | undefined;
    for (const job of q.jobs) {
      if (typeof handlers?.handles !== 'function' || !handlers.handles(job))
        problems.push(`processor ${q.processor.name} (queue '${q.queue}') has no handler for job '${job}'`);
    }
  }
  for (const kind of declared.deadlineKinds) {
    if (!found.deadlineKinds.includes(kind))
      problems.push(`deadline kind '${kind}' has no handler: no module of the worker provides its @DeadlineKindHandler('${kind}')`);
  }
  for (const type of [...declared.periodic, ...declared.loops]) {
    if (!instanceOf(type)) problems.push(`${type.name} is declared, but no module of the worker provides it`);
  }
  const declaredProcessors = new Set<unknown>(declared.queues.map((q) => q.processor));
  const declaredPeriodic = new Set<unknown>(declared.periodic);
  for (const { type } of found.providers) {
    if (isA(type, WorkerHost) && !declaredProcessors.has(type)) problems.push(`processor ${type.name} runs but is not declared in WORKER_QUEUES`);
    if (isA(type, PeriodicWork) && !declaredPeriodic.has(type)) problems.push(`${type.name} (PeriodicWork) runs but is not declared in WORKER_PERIODIC_WORK`);
  }
  return problems;
}

/**
 * Refuses to start the worker when what it runs differs from its declaration (workerProblems).
 * Runs when the root module initialises, after the imported modules (the deadline handler registry
 * is filled by then) and before the timers start. The kinds in use in the database are checked
 * too, by DeadlinesRuntime.
 */
@Injectable()
export class WorkerStartupCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: DeadlineHandlerRegistry,
  ) {}

  onModuleInit(): void {
    const providers = this.discovery
      .getProviders()
      .filter((w) => typeof w.metatype === 'function' && w.instance)
      .map((w) => ({ type: w.metatype as abstract new (...args: never[]) => unknown, instance: w.instance as unknown }));
    const problems = workerProblems({ providers, deadlineKinds: this.registry.kinds() });
    if (problems.length) throw new WorkerSetupError(problems);
  }
}
