/**
 * Operator commands, compiled with the API:
 *   node dist/apps/api/apps/api/src/cli.js migrate          run pending migrations
 *   node dist/apps/api/apps/api/src/cli.js migrate:revert   revert the last migration
 *   node dist/apps/api/apps/api/src/cli.js seed             add the demo data that is missing
 *   node dist/apps/api/apps/api/src/cli.js demo-logins      print the demo logins as JSON
 *   node dist/apps/api/apps/api/src/cli.js audit:verify     verify every audit chain (exit 1 when one is broken)
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule, ConfigValidationError, CryptoModule, loadConfig, loadDotEnv } from '@app/common';
import { describeVerification, verifyAllChains } from '@app/audit';
import { DatabaseModule, DemoSeedRefusedError, SeedModule, SeedRunner, buildDataSourceOptions } from '@app/database';
import { DOMAIN_SEED_MODULES } from './seed-modules';

async function withDataSource<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(buildDataSourceOptions(loadConfig().database));
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

async function withSeedRunner<T>(fn: (runner: SeedRunner) => Promise<T>): Promise<T> {
  @Module({ imports: [ConfigModule.forRoot(loadConfig()), DatabaseModule, CryptoModule, SeedModule, ...DOMAIN_SEED_MODULES] })
  class SeedAppModule {}
  const app = await NestFactory.createApplicationContext(SeedAppModule, { logger: ['error', 'warn', 'log'] });
  try {
    return await fn(app.get(SeedRunner));
  } finally {
    await app.close();
  }
}

const commands: Record<string, () => Promise<void>> = {
  migrate: () =>
    withDataSource(async (ds) => {
      const ran = await ds.runMigrations({ transaction: 'each' });
      console.log(ran.length ? `migrations applied: ${ran.map((m) => m.name).join(', ')}` : 'migrations: up to date');
    }),
  'migrate:revert': () =>
    withDataSource(async (ds) => {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    }),
  seed: () =>
    withSeedRunner(async (runner) => {
      const added = await runner.run();
      const total = Object.values(added).reduce((a, b) => a + b, 0);
      console.log(total ? `demo data: ${total} records added` : 'demo data: already present, nothing added');
    }),
  'demo-logins': () =>
    withSeedRunner(async (runner) => {
      console.log(JSON.stringify(runner.demoLogins()));
    }),
  'audit:verify': () =>
    withDataSource(async (ds) => {
      const results = await verifyAllChains(ds);
      for (const result of results) console.log(describeVerification(result));
      if (!results.every((r) => r.valid)) process.exitCode = 1;
    }),
};

async function main() {
  loadDotEnv();
  const name = process.argv[2];
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(`usage: cli.js <${Object.keys(commands).join('|')}>`);
    process.exit(2);
  }
  await command();
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigValidationError || e instanceof DemoSeedRefusedError ? e.message : e);
  process.exit(1);
});
