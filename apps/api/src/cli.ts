/**
 * Operator commands, compiled with the API:
 *   node dist/apps/api/apps/api/src/cli.js migrate          run pending migrations
 *   node dist/apps/api/apps/api/src/cli.js migrate:revert   revert the last migration
 *   node dist/apps/api/apps/api/src/cli.js seed             add the demo data that is missing
 *   node dist/apps/api/apps/api/src/cli.js demo-logins      print the demo logins as JSON
 *   node dist/apps/api/apps/api/src/cli.js audit:verify     verify every audit chain, and the signed checkpoints
 *                                                            in AUDIT_CHECKPOINT_DIR when set (exit 1 when one is broken);
 *                                                            from each chain's first entry, in one snapshot
 *   node dist/apps/api/apps/api/src/cli.js audit:verify --restart[=<chain>]   the same, then the worker's background
 *                                                            verification starts a new pass from the first entry of every
 *                                                            chain (or of one), forgetting a recorded break
 *   node dist/apps/api/apps/api/src/cli.js audit:checkpoint-keygen   print a new Ed25519 key pair for the checkpoints
 * migrate and migrate:revert connect as DATABASE_MIGRATION_URL (the owner role) when it is set.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigModule, ConfigValidationError, CryptoModule, loadConfig, loadDotEnv } from '@app/common';
import {
  CheckpointKeyError,
  describeCheckpointVerification,
  describeVerification,
  generateCheckpointKeys,
  loadCheckpointPublicKey,
  readCheckpoints,
  restartVerification,
  verifyAllChains,
  verifyCheckpoints,
} from '@app/audit';
import { DatabaseModule, DemoSeedRefusedError, SeedModule, SeedRunner, buildDataSourceOptions, buildMigrationDataSourceOptions } from '@app/database';
import { DOMAIN_SEED_MODULES } from './seed-modules';

async function withDataSource<T>(fn: (ds: DataSource) => Promise<T>, as: 'runtime' | 'owner' = 'runtime'): Promise<T> {
  const db = loadConfig().database;
  const ds = new DataSource(as === 'owner' ? buildMigrationDataSourceOptions(db) : buildDataSourceOptions(db));
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
    }, 'owner'),
  'migrate:revert': () =>
    withDataSource(async (ds) => {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    }, 'owner'),
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
  'audit:verify': async () => {
    const { AUDIT_CHECKPOINT_DIR: dir, AUDIT_CHECKPOINT_PUBLIC_KEY: publicKey } = loadConfig().audit;
    if (dir && !publicKey) throw new CheckpointKeyError('AUDIT_CHECKPOINT_PUBLIC_KEY', 'must be set to check the checkpoints in AUDIT_CHECKPOINT_DIR');
    const stored = dir && publicKey ? await readCheckpoints(resolve(dir), loadCheckpointPublicKey(publicKey)) : null;
    await withDataSource((ds) =>
      // The chains and the checkpoints in one snapshot.
      ds.transaction('REPEATABLE READ', async (m) => {
        await m.query('SET TRANSACTION READ ONLY');
        const results = await verifyAllChains(m);
        for (const result of results) console.log(describeVerification(result));
        let ok = results.every((r) => r.valid);
        if (stored) {
          for (const p of stored.problems)
            console.log(`audit checkpoints: ${p.file} line ${p.line} is refused (${p.problem}): the checkpoint store was altered`);
          const checked = await verifyCheckpoints(m, stored.checkpoints);
          for (const c of checked) console.log(describeCheckpointVerification(c));
          if (!checked.length) console.log(`audit checkpoints: none yet in ${dir}`);
          ok &&= !stored.problems.length && checked.every((c) => c.valid);
        } else {
          console.log('audit checkpoints: not checked (AUDIT_CHECKPOINT_DIR is not set)');
        }
        if (!ok) process.exitCode = 1;
      }),
    );
    const restart = process.argv.slice(3).find((a) => a === '--restart' || a.startsWith('--restart='));
    if (restart) {
      const chain = restart.includes('=') ? restart.slice('--restart='.length) : undefined;
      const n = await withDataSource((ds) => restartVerification(ds, new Date(), chain));
      console.log(`audit verification: a new pass from the first entry of ${n} chain(s) at the worker's next run`);
    }
  },
  'audit:checkpoint-keygen': async () => {
    const keys = generateCheckpointKeys();
    console.log(
      `# the worker only:\nAUDIT_CHECKPOINT_SIGNING_KEY=${keys.signingKey}\n# audit:verify (and anyone checking):\nAUDIT_CHECKPOINT_PUBLIC_KEY=${keys.publicKey}`,
    );
  },
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
  console.error(e instanceof ConfigValidationError || e instanceof DemoSeedRefusedError || e instanceof CheckpointKeyError ? e.message : e);
  process.exit(1);
});
