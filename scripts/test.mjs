#!/usr/bin/env node
/**
 * `npm test`: the whole suite, as CI runs it.
 *   1. find or start Postgres and Redis (the same rules as `npm start`);
 *   2. the checks of the files, as many side by side as there are cores (each printed whole when
 *      it ends): lint, the format (Prettier), the import boundaries (no cycles; each lib imports only the libs below it; no lib's SQL names another lib's table),
 *      typecheck, the API contract (the committed OpenAPI document, access snapshot and client
 *      types match the code), the migrations (they build exactly the schema the entities describe),
 *      Redocly's lint of the contract, and the web's build for the browser tests; then unit tests, end-to-end tests, browser tests (Debian's
 *      Chromium, installed with apt-get when missing, driving the real api + worker + web; test files
 *      in parallel workers), and the container image's assumptions (scripts/check-image.mjs: a
 *      build run unprivileged from a read-only copy), each reported;
 *   3. a closing summary line: `N passed, N failed` (tests), and the exit code of the worst step.
 * Extra arguments are passed to Jest (e.g. `npm test -- --testPathPatterns health`), but for
 * `--no-browser` and `--tests-only` (below).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './lib/chromium.mjs';
import { runOnSupportedNode } from './lib/node-runtime.mjs';
import { ensureServices, maskUrl, REPO_ROOT } from './lib/services.mjs';

// Settings from .env (when present) apply here too; the environment wins.
if (existsSync(path.join(REPO_ROOT, '.env'))) process.loadEnvFile(path.join(REPO_ROOT, '.env'));

// On a Node older than the project's, run again on one brought into .data/node (lib/node-runtime.mjs).
await runOnSupportedNode();

// Our own flags (not Jest's):
//   --no-browser  leaves out the browser tests;
//   --tests-only  runs the unit, end-to-end and browser tests only: lint, types, the contract, the
//                 migrations and the container image's assumptions are checks of the files, which
//                 answer the same on every Node; CI runs them once, on its first Node line.
const OWN_FLAGS = ['--no-browser', '--tests-only'];
const noBrowser = process.argv.includes('--no-browser');
const testsOnly = process.argv.includes('--tests-only');
const jestArgs = process.argv.slice(2).filter((a) => !OWN_FLAGS.includes(a));
const bin = (name) => path.join(REPO_ROOT, 'node_modules', '.bin', name);

function run(label, cmd, args, env) {
  console.log(`\n== ${label}: ${[path.basename(cmd), ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Like run(), with the output held back and printed whole when the command ends, so that checks
 * run side by side (runChecks) do not interleave their lines.
 */
function runQuiet(label, cmd, args, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks = [];
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    const done = (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n== ${label}: ${[path.basename(cmd), ...args].join(' ')} (${seconds} s)\n${Buffer.concat(chunks).toString()}`);
      resolve(code);
    };
    child.on('error', (e) => {
      chunks.push(Buffer.from(`${e.message}\n`));
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/**
 * The checks of the files (lint, types, the contract...) are each one single-threaded process:
 * run them as many at a time as there are cores, each reported whole when it ends. Answers the
 * steps in the order given.
 */
async function runChecks(checks, env, parallel = Math.max(2, availableParallelism())) {
  const codes = new Array(checks.length);
  let next = 0;
  const lane = async () => {
    while (next < checks.length) {
      const i = next++;
      const c = checks[i];
      codes[i] = await runQuiet(c.label, c.cmd, c.args, c.env ?? env);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, checks.length) }, lane));
  return checks.map((c, i) => ({ name: c.name, code: codes[i] }));
}

/** Jest workers per project: at least two (CI's machine has two cores), more on a bigger machine. */
const JEST_WORKERS = Math.max(2, availableParallelism() - 1);
/**
 * Browser test workers: one more than the cores. A browser test spends most of its time waiting
 * (for a page, for the worker to fire a deadline, for mail), so a third file in flight on CI's
 * two cores shortens the run where a third end-to-end file (CPU-bound: Nest and Postgres) would not.
 */
const BROWSER_WORKERS = Math.max(3, availableParallelism() + 1);
/** The workers option, unless the command line gives its own. */
const workersArgs = (n = JEST_WORKERS) => (process.argv.some((a) => /^(--maxWorkers|-w)\b/.test(a)) ? [] : [`--maxWorkers=${n}`]);

/** Node options every Jest run needs (also in package.json's test:* scripts). */
const JEST_NODE_OPTIONS = ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'];

/** The slowest test files of a Jest run, to see where CI's time goes (CI has 30 minutes). */
function slowestFiles(report, n = 5) {
  return (report.testResults ?? [])
    .map((f) => ({ file: path.relative(REPO_ROOT, f.name), seconds: (f.endTime - f.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, n);
}

async function jest(label, project, env, reportDir, extraArgs = []) {
  const out = path.join(reportDir, `${project}.json`);
  // A filter (`npm test -- --testPathPatterns health`) need not match something in every project.
  const filtered = jestArgs.length ? ['--passWithNoTests'] : [];
  const code = await run(label, bin('jest'), ['--selectProjects', project, '--json', `--outputFile=${out}`, ...filtered, ...extraArgs, ...jestArgs], env);
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    // A file whose tests passed can still fail as a whole (an afterAll hook: e.g. the contract check): count it.
    const failedFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
    return { code, passed: r.numPassedTests, failed: r.numFailedTests + failedFiles, skipped: r.numPendingTests, slowest: slowestFiles(r) };
  } catch {
    return { code: code || 1, passed: 0, failed: 1, skipped: 0 };
  }
}

/** Debian's Chromium (installed when missing), then the browser tests in parallel workers. */
async function browserTests(env, jestEnv, reportDir) {
  try {
    await ensureChromium({ log: (m) => console.log(`[browser] ${m}`), env });
  } catch (e) {
    console.error(`\n== browser tests: ${e.message}`);
    return { code: 1, passed: 0, failed: 1, skipped: 0 };
  }
  // Each test file drives its own Chromium against the one stack the global set-up starts.
  return jest('browser tests', 'browser', jestEnv, reportDir, workersArgs(BROWSER_WORKERS));
}

/** Runs a step, adding how long it took to its result. */
async function timed(step) {
  const started = Date.now();
  const result = await step();
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

const suiteStarted = Date.now();

async function main() {
  const services = await ensureServices({ log: (m) => console.log(`[services] ${m}`) });
  const env = { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, NODE_ENV: 'test' };
  // Jest loads ES-module-only packages (NestJS 12) through require(esm), which needs vm modules.
  const jestEnv = { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, ...JEST_NODE_OPTIONS].filter(Boolean).join(' ') };
  console.log(`[services] tests use ${maskUrl(services.databaseUrl)} and ${maskUrl(services.redisUrl)}`);
  const reportDir = mkdtempSync(path.join(tmpdir(), 'lcs-test-'));
  const steps = [];
  let webBuilt = false;
  try {
    if (testsOnly) console.log('\n== lint, typecheck, contract, migrations, openapi lint: left out (--tests-only)');
    else {
      const ts = (script, ...args) => ['--transpile-only', '-r', 'tsconfig-paths/register', script, ...args];
      const checks = [
        { name: 'lint', label: 'lint', cmd: bin('eslint'), args: ['.'] },
        { name: 'format', label: 'format (Prettier, .prettierrc.json)', cmd: bin('prettier'), args: ['--check', '.'] },
        { name: 'typecheck', label: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'] },
        {
          name: 'contract',
          label: 'contract (docs/openapi.json, docs/access.md, client types)',
          cmd: bin('ts-node'),
          args: ts('scripts/openapi.ts', '--check'),
        },
        { name: 'migrations', label: 'migrations match the entities', cmd: bin('ts-node'), args: ts('scripts/migration.ts', 'check') },
        {
          name: 'boundaries',
          label: 'import boundaries (.dependency-cruiser.cjs)',
          cmd: bin('depcruise'),
          args: ['apps', 'libs', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
        },
        { name: 'tables', label: "no lib's SQL names another lib's table", cmd: process.execPath, args: ['scripts/check-table-owners.mjs'] },
        {
          name: 'openapi lint',
          label: 'openapi lint',
          cmd: bin('redocly'),
          args: ['lint', 'docs/openapi.json', '--config', 'redocly.yaml'],
          env: { ...env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        },
      ];
      // The web's build, which the browser tests' set-up would otherwise make later, alone on a core.
      if (!noBrowser) checks.push({ name: 'web build', label: 'web build (for the browser tests)', cmd: process.execPath, args: ['scripts/build-web.mjs'] });
      const checksStarted = Date.now();
      steps.push(...(await runChecks(checks, env)));
      console.log(`\n== the checks of the files took ${((Date.now() - checksStarted) / 1000).toFixed(0)} s`);
      webBuilt = !noBrowser && steps.find((s) => s.name === 'web build')?.code === 0;
    }
    // Two Jest workers, as many as this project's CI machine has cores (Jest's default leaves one
    // idle): each end-to-end file has a database of its own, so files do not meet.
    steps.push({ name: 'unit', ...(await timed(() => jest('unit tests', 'unit', jestEnv, reportDir, workersArgs()))) });
    steps.push({ name: 'e2e', ...(await timed(() => jest('end-to-end tests', 'e2e', jestEnv, reportDir, workersArgs()))) });
    if (noBrowser) console.log('\n== browser tests: left out (--no-browser)');
    else steps.push({ name: 'browser', ...(await timed(() => browserTests(env, webBuilt ? { ...jestEnv, LCS_SKIP_BUILD: '1' } : jestEnv, reportDir))) });
    // What the container image assumes, without a container engine: the built processes run as
    // an unprivileged user from a read-only copy, writing only to their data directory.
    // (Not when Jest arguments pick some tests only.)
    if (jestArgs.length === 0 && !testsOnly)
      steps.push({
        name: 'image',
        ...(await timed(async () => ({ code: await run('container image assumptions', process.execPath, ['scripts/check-image.mjs'], env) }))),
      });
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
    await services.stop();
  }
  console.log('\n== summary');
  for (const s of steps) {
    const counts = s.passed === undefined ? '' : ` (${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped)`;
    const took = s.seconds === undefined ? '' : `, ${s.seconds.toFixed(0)} s`;
    console.log(`  ${s.code === 0 ? 'ok  ' : 'FAIL'} ${s.name}${counts}${took}`);
    for (const f of s.slowest ?? []) console.log(`         ${f.seconds.toFixed(0).padStart(5)} s  ${f.file}`);
  }
  console.log(`  in all ${((Date.now() - suiteStarted) / 1000).toFixed(0)} s`);
  const passed = steps.reduce((n, s) => n + (s.passed ?? 0), 0);
  const failedTests = steps.reduce((n, s) => n + (s.failed ?? 0), 0);
  const failedSteps = steps.filter((s) => s.code !== 0).length;
  // Lint or typecheck failures count as failures in the closing line too.
  const failed = failedTests + steps.filter((s) => s.passed === undefined && s.code !== 0).length;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failedSteps ? 1 : 0);
}

main().catch((e) => {
  console.error(e?.message ?? e);
  process.exit(1);
});
