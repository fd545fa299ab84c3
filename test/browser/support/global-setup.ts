/**
 * Global set-up of the browser tests: the whole system, for real, once per run.
 *
 *   1. build the web app (scripts/build-web.mjs: `nest build web` + its assets; LCS_SKIP_BUILD=1 skips it
 *      when dist is fresh, as `npm test` does after building it beside its other checks);
 *   2. a fresh database, migrated (Postgres from DATABASE_URL, else 127.0.0.1:5432);
 *   3. a real SMTP server catching the mail the worker sends;
 *   4. the api and the worker (from their TypeScript, as the e2e process tests start them) and
 *      the web (from its build, as production runs it), each a process of its own on a free port,
 *      sharing the database and a Redis prefix of this run's own;
 *   5. the demo data (`cli.ts seed`, as `npm start` adds it) beside those processes' start, once per run;
 *   6. the addresses written to a file the test files read (support/stack.ts).
 * Process output goes to .data/browser-runs/<time>/{api,worker,web}.log (the last runs are kept).
 * global-teardown.ts stops everything and drops the database.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
// Relative imports: Jest's module mapper does not apply to global set-up.
import { buildDataSourceOptions } from '../../../libs/database/src/data-source.options';
import { TEST_DATABASE_URL, TEST_REDIS_URL, databaseUrl } from '../../support/env';
import { TestSmtpServer } from '../../support/smtp';
import { CHROMIUM_PATH } from './chromium';
import { Proc, ROOT, freePort, startProcess, stopProcess, waitForHttp } from './processes';
import { BrowserStack, STACK_FILE_ENV } from './stack';

export interface BrowserRun {
  procs: Proc[];
  databaseName: string;
  redisPrefix: string;
  smtp: TestSmtpServer;
  runDir: string;
}

declare global {
  var __LCS_BROWSER_RUN__: BrowserRun | undefined;
}

const READY_TIMEOUT_MS = 180_000;
const KEEP_RUNS = 3;

function run(label: string, cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: process.env, maxBuffer: 20 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(0, 8000));
}

function newRunDir(): string {
  const base = join(ROOT, '.data', 'browser-runs');
  mkdirSync(base, { recursive: true });
  const old = readdirSync(base).sort();
  for (const name of old.slice(0, Math.max(0, old.length - (KEEP_RUNS - 1)))) rmSync(join(base, name), { recursive: true, force: true });
  const dir = join(base, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function createDatabase(): Promise<string> {
  const name = `lcs_browser_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    // A test database need not survive a crash of Postgres: commits return without waiting for the
    // WAL to reach the disk (about 5 ms each on CI's machine), which most journeys wait on.
    await admin.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const ds = new DataSource({ ...buildDataSourceOptions({ DATABASE_URL: databaseUrl(name), DATABASE_POOL_SIZE: 2, DATABASE_LOG_SQL: 'false' }), entities: [] });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  return name;
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium; \`npm test\` does it), or set LCS_CHROMIUM_PATH`);
  }
  const runDir = newRunDir();

  if (!['1', 'true'].includes(process.env.LCS_SKIP_BUILD ?? '')) {
    run('web build', process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')]);
  }

  const [databaseName, smtp, apiPort, webPort] = await Promise.all([createDatabase(), TestSmtpServer.start(), freePort(), freePort()]);
  const redisPrefix = `lcs-browser-${randomBytes(4).toString('hex')}`;
  const sessionSecret = randomBytes(32).toString('hex');
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const shared = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl(databaseName),
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    SMTP_URL: smtp.url,
    PUBLIC_URL: webUrl,
    AUTH_LINK_BASE_URL: webUrl,
    DOCUMENTS_DIR: join(runDir, 'documents'),
    // Every test signs in from 127.0.0.1: the per-address limit is for people, not for this run.
    AUTH_LOGIN_LIMIT_PER_IP: '100000',
    // The fixtures of many files sign in as the same demo officers within the window; the limit per
    // account is tested end to end (test/identity), not here.
    AUTH_LOGIN_LIMIT_PER_ACCOUNT: '100000',
    // Every page reaches the API from the web's one address (so do the fixtures): the public
    // verification's limit per address is for people, not for this run either.
    LICENSING_PUBLIC_LIMIT_PER_IP: '100000',
    // Likewise the wrong tracking secrets per address across cases (the per-case limit is tested here; the per-address one in complaint-abuse.e2e-spec.ts).
    COMPLAINTS_SECRET_ATTEMPTS_PER_CALLER_PER_HOUR: '10000',
    // The fixtures change the registry between two page loads (a new agency suspended, then the
    // list of suspended ones): a visitor sees such a change within 10 seconds (the web keeps public
    // answers that long), a test must see it at once. The keeping itself is unit tested
    // (apps/web/src/api/api-transport.spec.ts) and measured by `npm run bench -- web`.
    WEB_PUBLIC_CACHE_SECONDS: '0',
  };
  const procs: Proc[] = [];
  globalThis.__LCS_BROWSER_RUN__ = { procs, databaseName, redisPrefix, smtp, runDir };
  try {
    const api = startProcess(
      'api',
      'apps/api/src/main.ts',
      { ...shared, HOST: '127.0.0.1', PORT: String(apiPort), TRUST_PROXY: '127.0.0.1' },
      { typescript: true, logFile: join(runDir, 'api.log') },
    );
    const worker = startProcess('worker', 'apps/worker/src/main.ts', shared, { typescript: true, logFile: join(runDir, 'worker.log') });
    const web = startProcess(
      'web',
      'dist/apps/web/apps/web/src/main.js',
      { ...shared, WEB_HOST: '127.0.0.1', WEB_PORT: String(webPort), API_URL: apiUrl, WEB_SESSION_SECRET: sessionSecret },
      { typescript: false, logFile: join(runDir, 'web.log') },
    );
    // The demo data (the ministry's accounts, as `npm start` adds them), once for every file, beside
    // the processes' start (the seed is idempotent and needs only the database and Redis).
    const seed = startProcess('seed', 'apps/api/src/cli.ts', shared, { typescript: true, logFile: join(runDir, 'seed.log'), args: ['seed'] });
    procs.push(api, worker, web);
    await Promise.all([
      waitForHttp(api, `${apiUrl}/health/ready`, READY_TIMEOUT_MS),
      waitForHttp(web, `${webUrl}/health/live`, READY_TIMEOUT_MS),
      seed.exited.then((code) => {
        if (code !== 0) throw new Error(`the demo seed failed (exit ${code}):\n${seed.tail()}`);
      }),
    ]);
    if (worker.child.exitCode !== null) throw new Error(`the worker exited (code ${worker.child.exitCode}):\n${worker.tail()}`);
    await waitForHttp(web, `${webUrl}/health/ready`, 30_000);
  } catch (e) {
    await Promise.all(procs.map((p) => stopProcess(p)));
    throw e;
  }

  const stackInfo: BrowserStack = { webUrl, apiUrl, databaseUrl: shared.DATABASE_URL, redisUrl: TEST_REDIS_URL, redisPrefix, sessionSecret, demoSeeded: true };
  const file = join(runDir, 'stack.json');
  writeFileSync(file, JSON.stringify(stackInfo, null, 2));
  process.env[STACK_FILE_ENV] = file;
  console.log(`\n[browser] api ${apiUrl}, worker, web ${webUrl} ready in ${((Date.now() - started) / 1000).toFixed(1)} s; logs in ${runDir}`);
}
