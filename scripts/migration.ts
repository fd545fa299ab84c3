/**
 * Migration tooling that never depends on the state of a developer's database: both commands
 * migrate a scratch database from zero and compare it with the entities.
 *
 *   npm run migration:generate -- <Name>   writes migrations/<timestamp>-<Name>.ts
 *   npm run migration:check                fails when the entities and the migrations disagree
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, loadDotEnv } from '@app/common';
import { buildMigrationDataSourceOptions, findSchemaDrift, findSchemaDriftWithDown } from '@app/database';

async function check(): Promise<number> {
  const options = buildMigrationDataSourceOptions(loadConfig().database) as ReturnType<typeof buildMigrationDataSourceOptions> & { url: string };
  const drift = await findSchemaDrift(options);
  if (drift.length === 0) {
    console.log('migration:check: entities and migrations agree');
    return 0;
  }
  console.error('migration:check: the entities differ from what the migrations build. Missing SQL:\n');
  for (const q of drift) console.error(`  ${q};`);
  console.error('\nWrite a migration: npm run migration:generate -- <Name>');
  return 1;
}

async function generate(name: string | undefined): Promise<number> {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    console.error('usage: npm run migration:generate -- <Name>   (PascalCase, e.g. AddUsers)');
    return 2;
  }
  const options = buildMigrationDataSourceOptions(loadConfig().database) as ReturnType<typeof buildMigrationDataSourceOptions> & { url: string };
  const { up, down } = await findSchemaDriftWithDown(options);
  if (up.length === 0) {
    console.log('migration:generate: nothing to do, the migrations already match the entities');
    return 0;
  }
  const timestamp = Date.now();
  const lines = (qs: string[]) => qs.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  const file = join(__dirname, '..', 'migrations', `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines([...down].reverse())}
  }
}
`,
  );
  console.log(`migration:generate: wrote ${file} (${up.length} statements); review it before committing`);
  return 0;
}

loadDotEnv();
const [command, arg] = process.argv.slice(2);
(command === 'check' ? check() : command === 'generate' ? generate(arg) : Promise.resolve(2))
  .then((code) => {
    if (code === 2 && command !== 'generate') console.error('usage: migration.ts <check|generate Name>');
    process.exit(code);
  })
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
