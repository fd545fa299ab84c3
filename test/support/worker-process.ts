/**
 * The real worker as a separate process, with the test deadline kinds: for tests that kill it
 * (SIGKILL) mid-work. Configured by the environment like the production worker.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/common';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TestDeadlineKindsModule } from './deadline-kinds';

async function main() {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(), { extraModules: [TestDeadlineKindsModule] }), {
    logger: ['error', 'warn'],
  });
  await app.init();
  console.log('test worker ready');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
