/** One worker process of `bench:deadlines`: the real worker module plus the benchmark's deadline kind. */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/common';
import { DeadlineFireContext, DeadlineHandler, DeadlineKindDefinition, DeadlineKindHandler, DeadlineOutcome } from '@app/deadlines';
import { WorkerModule } from '../apps/worker/src/worker.module';

/** Its effect is a row per call, so duplicates of the handler itself can be counted. */
@DeadlineKindHandler('bench.burst')
@Injectable()
class BenchBurstHandler implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: 'bench.burst',
    description: 'benchmark: one breach level that acts',
    defaultPolicy: { durationDays: 1, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['act'] }] },
    supportedActions: ['act'],
  };

  async fire(ctx: DeadlineFireContext): Promise<DeadlineOutcome> {
    await ctx.manager.query('INSERT INTO bench_fired (deadline_id) VALUES ($1)', [ctx.deadline.id]);
    return 'acted';
  }
}

@Module({ providers: [BenchBurstHandler] })
class BenchKindsModule {}

async function main() {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { extraModules: [BenchKindsModule] }), { logger: ['error', 'warn'] });
  await app.init();
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
