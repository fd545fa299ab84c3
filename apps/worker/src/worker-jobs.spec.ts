import { WorkerHost } from '@nestjs/bullmq';
import type { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import type { AppConfig } from '@app/common';
import { PeriodicWork } from '@app/common';
import { DEADLINES_QUEUE, deadlineKindOf } from '@app/deadlines';
import { WORKER_DECLARATION, WorkerInventory, workerProblems } from './worker-check';
import { WORKER_DEADLINE_KINDS, WORKER_QUEUES } from './worker-jobs';
import { WorkerModule } from './worker.module';

type AnyClass = abstract new (...args: never[]) => unknown;

/**
 * The worker's modules as Nest would read them (imports and providers, dynamic modules included),
 * without building anything: every provider class it would instantiate.
 */
function providerClasses(root: DynamicModule): Type[] {
  const seen = new Set<unknown>();
  const found = new Set<Type>();
  const visit = (m: unknown) => {
    if (!m || seen.has(m)) return;
    seen.add(m);
    const dynamic = typeof m === 'object' ? (m as DynamicModule) : undefined;
    const type = (dynamic ? dynamic.module : m) as Type;
    const read = (key: string): unknown[] => [
      ...((Reflect.getMetadata(key, type) as unknown[]) ?? []),
      ...(((dynamic as Record<string, unknown> | undefined)?.[key] as unknown[]) ?? []),
    ];
    for (const p of read(MODULE_METADATA.PROVIDERS)) {
      if (typeof p === 'function') found.add(p as Type);
      else if (p && typeof p === 'object' && 'useClass' in p) found.add((p as { useClass: Type }).useClass);
    }
    for (const i of read(MODULE_METADATA.IMPORTS)) visit(i);
  };
  visit(root);
  return [...found];
}

/** The inventory the start-up check would see, from the static graph: processors built with no dependencies (they only keep them). */
function inventoryOf(classes: Type[]): WorkerInventory {
  return {
    providers: classes.map((type) => ({
      type: type as AnyClass,
      instance: type.prototype instanceof WorkerHost ? new (type as new () => unknown)() : undefined,
    })),
    deadlineKinds: classes.map((c) => deadlineKindOf(c)).filter((k): k is string => !!k),
  };
}

describe('what the worker runs (worker-jobs.ts) and its start-up check', () => {
  const classes = providerClasses(WorkerModule.forRoot({} as AppConfig));
  const real = inventoryOf(classes);

  it('the worker as wired agrees with its declaration: every job name and deadline kind has a handler', () => {
    expect(workerProblems(real)).toEqual([]);
    expect(WORKER_DEADLINE_KINDS).toEqual(
      expect.arrayContaining(['complaint.triage', 'license.expiry', 'fees.refund-payment', 'welfare.decision', 'escrow.top-up']),
    );
  });

  it('a deadline kind whose handler is missing is named', () => {
    const without = inventoryOf(classes.filter((c) => deadlineKindOf(c) !== 'license.expiry'));
    expect(workerProblems(without)).toEqual([
      `deadline kind 'license.expiry' has no handler: no module of the worker provides its @DeadlineKindHandler('license.expiry')`,
    ]);
  });

  it('a job name its processor has no handler for is named', () => {
    const deadlines = WORKER_QUEUES.find((q) => q.queue === DEADLINES_QUEUE)!;
    const providers = real.providers.map((p) => (p.type === deadlines.processor ? { ...p, instance: { handles: (job: string) => job !== 'fire' } } : p));
    expect(workerProblems({ ...real, providers })).toEqual([`processor DeadlinesProcessor (queue 'deadlines') has no handler for job 'fire'`]);
    // A job name added to a queue without a handler in its processor.
    const declared = { ...WORKER_DECLARATION, queues: WORKER_QUEUES.map((q) => (q === deadlines ? { ...q, jobs: [...q.jobs, 'recompute'] } : q)) };
    expect(workerProblems(real, declared)).toEqual([`processor DeadlinesProcessor (queue 'deadlines') has no handler for job 'recompute'`]);
  });

  it('a declared processor or PeriodicWork that no module provides is named', () => {
    const notifications = WORKER_QUEUES.find((q) => q.queue !== DEADLINES_QUEUE)!.processor;
    const periodic = WORKER_DECLARATION.periodic[0];
    const providers = real.providers.filter((p) => p.type !== notifications && p.type !== periodic);
    expect(workerProblems({ ...real, providers })).toEqual([
      `processor NotificationsProcessor (queue 'notifications') is declared, but no module of the worker provides it`,
      `${periodic.name} is declared, but no module of the worker provides it`,
    ]);
  });

  it('a processor or PeriodicWork that runs without being declared is named', () => {
    class StrayProcessor extends WorkerHost {
      process(): Promise<void> {
        return Promise.resolve();
      }
    }
    class StrayTicker extends PeriodicWork {
      readonly name = 'stray';
      readonly everyMs = 1000;
      protected work(): Promise<void> {
        return Promise.resolve();
      }
    }
    const providers = [...real.providers, { type: StrayProcessor as AnyClass }, { type: StrayTicker as AnyClass }];
    expect(workerProblems({ ...real, providers })).toEqual([
      'processor StrayProcessor runs but is not declared in WORKER_QUEUES',
      'StrayTicker (PeriodicWork) runs but is not declared in WORKER_PERIODIC_WORK',
    ]);
  });
});
