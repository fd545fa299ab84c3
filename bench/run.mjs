#!/usr/bin/env node
/**
 * Benchmark harness: the running application against a bare Fastify + pg baseline doing the
 * same queries, measured in the same run with the same load. See docs/benchmarks.md.
 *
 *   npm run bench -- <scenario> [--connections 50] [--duration 10] [--warmup 2]
 *                               [--url http://127.0.0.1:3000]
 *   npm run bench -- web [--web-url http://127.0.0.1:3001] [--pages /]   (page weight; bench/web.mjs)
 *   npm run bench -- scale --api 10k=<url> --api 1M=<url>   (daily routes at scale; bench/scale.mjs)
 *   npm run bench -- web-queue --web 1M=<url> --api 1M=<url>   (the web's queue page at scale; bench/web-queue.mjs)
 *   npm run bench -- reports-scale --api before=<url> --api after=<url> [--pid before=<pid> …]   (fund reports, CSV memory; bench/reports-scale.mjs)
 *   npm run bench -- mail-relay [--count 20000] [--filing-rps <n>]   (the worker's mail relay; bench/mail-relay.ts)
 *
 * The app must already be running at --url (e.g. `npm start`); the baseline server
 * (bench/baseline-server.mjs) is started here as a child process on a free port and stopped at
 * the end. Each target gets a warm-up run (not counted), then the measured run, baseline first.
 * The result is printed and written to .bench/<scenario>-<timestamp>.json.
 * Exit status: 0 all targets met and every response 2xx; 1 a target failed, or a non-2xx
 * response or a connection error/timeout occurred, or the scenario's database check failed;
 * 2 usage or setup error (app not running...).
 *
 * Database and Redis: DATABASE_URL, DATABASE_POOL_SIZE (default 10) and REDIS_URL are passed to
 * the baseline; give them the same values the app runs with.
 *
 * ---------------------------------------------------------------------------------------------
 * A scenario is one file, bench/scenarios/<name>.mjs, default-exporting:
 *
 * export default {
 *   name: 'verify',                          // = file name
 *   description: 'Public licence lookup by number',
 *
 *   // What autocannon sends, to both targets alike. Either one fixed path (+ optional method,
 *   // headers, body)...
 *   path: '/health/ready',
 *   method: 'GET', headers: {}, body: undefined,
 *   // ...or a function returning autocannon request objects; it gets what setup() returned and
 *   // { target: 'baseline' | 'app', phase: 'smoke' | 'warmup' | 'measure' } (called afresh for
 *   // each). Use setupRequest to vary each request, onResponse(status, body, context) to see
 *   // each answer (the smoke request is sent with fetch: setupRequest only, no onResponse):
 *   requests: (state, { target, phase }) => [{
 *     method: 'GET',
 *     setupRequest: (req) => ({ ...req, path: `/public/licenses/${pick(state.numbers)}` }),
 *   }],
 *
 *   // The baseline route(s): a Fastify route pattern (default: `path`) and the SAME work the
 *   // app does for it: either a handler...
 *   baseline: {
 *     path: '/public/licenses/:number',
 *     method: 'GET',
 *     handler: async ({ pool, redis }, request, reply) => body,   // pool: pg.Pool; redis: ioredis
 *   },
 *   // ...or the app's SQL (copy it from the app's log with DATABASE_LOG_SQL=true) and its params:
 *   baseline: {
 *     path: '/public/licenses/:number',
 *     sql: 'SELECT ... FROM licenses WHERE license_number = $1',
 *     params: (request) => [request.params.number],
 *     respond: (rows, reply) => rows[0] ?? reply.code(404).send(),  // optional; default: rows
 *   },
 *   // (an array of such routes is accepted too)
 *
 *   // Pass/fail gates, null = report only:
 *   //   minRatio  app req/s ÷ baseline req/s must be ≥ this
 *   //   maxP99Ms  the app's p99 latency must be ≤ this (ms)
 *   //   minRps    the app's req/s must be ≥ this (an absolute SPEC figure: holds on this machine only)
 *   targets: { minRatio: 0.5, maxP99Ms: 100 },
 *
 *   // Optional, run once before both targets (e.g. make sure 10,000 licences exist). `pool` is a
 *   // pg.Pool on DATABASE_URL, closed afterwards. What it returns is passed to requests().
 *   setup: async ({ appUrl, databaseUrl, redisUrl, pool }) => state,
 *
 *   // Optional, run once after both targets were measured: check what the load left in the
 *   // database (e.g. every 201 wrote its rows). Printed after the figures; ok: false fails the run.
 *   check: async ({ pool, state, results: { baseline, app } }) => ({ ok: true, lines: ['...'] }),
 * };
 * ---------------------------------------------------------------------------------------------
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/labour_cases';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const DATABASE_POOL_SIZE = process.env.DATABASE_POOL_SIZE || '10';

/** Each gate: how to check it against the measurements. Unknown keys are an error, not ignored. */
const TARGETS = {
  minRatio: { describe: (v) => `app/baseline req/s ≥ ${v}`, actual: (m) => m.ratio, pass: (a, v) => a >= v, fmt: (a) => a.toFixed(3) },
  maxP99Ms: { describe: (v) => `app p99 ≤ ${v} ms`, actual: (m) => m.app.p99, pass: (a, v) => a <= v, fmt: (a) => `${a} ms` },
  minRps: { describe: (v) => `app req/s ≥ ${v}`, actual: (m) => m.app.rps, pass: (a, v) => a >= v, fmt: (a) => `${a.toFixed(1)} req/s` },
};

class UsageError extends Error {}

async function parseCli() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      connections: { type: 'string', short: 'c', default: '50' },
      duration: { type: 'string', short: 'd', default: '10' },
      warmup: { type: 'string', short: 'w', default: '2' },
      url: { type: 'string', short: 'u', default: 'http://127.0.0.1:3000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    throw new UsageError(
      'usage: npm run bench -- <scenario> [--connections 50] [--duration 10] [--warmup 2] [--url http://127.0.0.1:3000]\n' +
        `scenarios: ${(await scenarioNames()).join(', ') || '(none)'}; and web (page weight in a browser: npm run bench -- web --help); and scale (npm run bench -- scale --help); and web-queue (npm run bench -- web-queue --help); and reports-scale (npm run bench -- reports-scale --help); and mail-relay (npm run bench -- mail-relay --help)`,
    );
  }
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  return {
    scenario: positionals[0],
    connections: int('connections', 1),
    duration: int('duration', 1),
    warmup: int('warmup', 0),
    url: values.url.replace(/\/+$/, ''),
  };
}

async function scenarioNames() {
  const dir = join(BENCH_DIR, 'scenarios');
  return existsSync(dir)
    ? (await readdir(dir))
        .filter((f) => f.endsWith('.mjs'))
        .map((f) => f.slice(0, -4))
        .sort()
    : [];
}

async function loadScenario(name) {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) throw new UsageError(`bad scenario name "${name}"`);
  const file = join(BENCH_DIR, 'scenarios', `${name}.mjs`);
  if (!existsSync(file)) {
    throw new UsageError(`no scenario "${name}" (${relative(ROOT, file)}); have: ${(await scenarioNames()).join(', ')}`);
  }
  const { default: s } = await import(pathToFileURL(file).href);
  if (!s || typeof s !== 'object') throw new UsageError(`${file}: must default-export a scenario object`);
  if (typeof s.path !== 'string' && typeof s.requests !== 'function') {
    throw new UsageError(`${file}: needs "path" (string) or "requests" (function returning autocannon requests)`);
  }
  if (!s.baseline) throw new UsageError(`${file}: needs "baseline" (route(s) doing the app's work)`);
  for (const key of Object.keys(s.targets ?? {})) {
    if (!TARGETS[key]) throw new UsageError(`${file}: unknown target "${key}" (known: ${Object.keys(TARGETS).join(', ')})`);
  }
  return { file, scenario: s };
}

/** The app must be up already; we never start it (it is measured as it runs). */
async function checkApp(url) {
  try {
    const res = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(3_000) });
    if (res.ok) return;
    throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    throw new UsageError(
      `The app does not answer ${url}/health/live (${e.cause?.code ?? e.message}).\n` +
        'Start it first, e.g. `npm run build && npm start` (or `PORT=3000 node dist/apps/api/apps/api/src/main.js`),\n' +
        'or point --url at where it runs.',
    );
  }
}

/** Starts bench/baseline-server.mjs for this scenario and waits for the port it prints. */
function startBaseline(scenarioFile) {
  const child = spawn(process.execPath, [join(BENCH_DIR, 'baseline-server.mjs'), scenarioFile], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL, DATABASE_POOL_SIZE, REDIS_URL },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error('baseline server did not report its port within 15 s')), 15_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        const { port } = JSON.parse(line);
        if (Number.isInteger(port)) {
          clearTimeout(timer);
          resolvePort(port);
        }
      } catch {
        process.stderr.write(`[baseline] ${line}\n`);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`baseline server exited early (code ${code}, signal ${signal})`));
    });
  });
  return { child, ready };
}

async function stopBaseline(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Autocannon's request list for one run (built afresh per run, so per-run state resets). */
function buildRequests(scenario, state, target, phase) {
  if (typeof scenario.requests === 'function') return scenario.requests(state, { target, phase });
  return [{ method: scenario.method ?? 'GET', path: scenario.path, headers: scenario.headers, body: scenario.body }];
}

/** One request to each target before loading it: fail clearly rather than measure errors. */
async function smokeTest(label, base, scenario, state) {
  let req = { method: 'GET', headers: {}, ...buildRequests(scenario, state, label, 'smoke')[0] };
  if (typeof req.setupRequest === 'function') req = req.setupRequest({ ...req }, {}) ?? req;
  const res = await fetch(base + req.path, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    signal: AbortSignal.timeout(5_000),
  }).catch((e) => {
    throw new UsageError(`${label}: ${req.method} ${req.path} failed: ${e.cause?.code ?? e.message}`);
  });
  const text = await res.text();
  if (res.status < 200 || res.status > 299) {
    throw new UsageError(`${label}: ${req.method} ${req.path} answered ${res.status} before the run:\n${text.slice(0, 600)}`);
  }
}

function cannon(opts) {
  return new Promise((resolveRun, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolveRun(result)));
  });
}

async function measure(label, base, scenario, state, opts) {
  const common = { url: base, connections: opts.connections, pipelining: 1, timeout: 10 };
  if (opts.warmup > 0) {
    process.stderr.write(`${label}: warming up ${opts.warmup} s (not counted)...\n`);
    await cannon({ ...common, duration: opts.warmup, requests: buildRequests(scenario, state, label, 'warmup') });
  }
  process.stderr.write(`${label}: measuring ${opts.duration} s with ${opts.connections} connections...\n`);
  const r = await cannon({ ...common, duration: opts.duration, requests: buildRequests(scenario, state, label, 'measure') });
  return {
    target: label,
    url: base,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    latencyMean: r.latency.average,
    latencyMax: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: r.statusCodeStats,
    duration: r.duration,
  };
}

function table(rows) {
  const header = ['target', 'req/s (mean)', 'p50 (ms)', 'p99 (ms)', 'non-2xx', 'errors'];
  const body = rows.map((r) => [r.target, r.rps.toFixed(1), String(r.p50), String(r.p99), String(r.non2xx), String(r.errors)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    totalMemMb: Math.round(os.totalmem() / 2 ** 20),
    loadavg: os.loadavg(),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    note: 'app, baseline and autocannon share this machine',
  };
}

async function main() {
  const opts = await parseCli();
  const { file, scenario } = await loadScenario(opts.scenario);
  await checkApp(opts.url);

  let state;
  if (typeof scenario.setup === 'function') {
    process.stderr.write(`setup: ${scenario.name ?? opts.scenario}...\n`);
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
    try {
      state = await scenario.setup({ appUrl: opts.url, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, pool });
    } finally {
      await pool.end();
    }
  }

  const { child, ready } = startBaseline(file);
  const onSignal = () => void stopBaseline(child).then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let baseline, app;
  try {
    const port = await ready;
    const baselineUrl = `http://127.0.0.1:${port}`;
    await smokeTest('baseline', baselineUrl, scenario, state);
    await smokeTest('app', opts.url, scenario, state);
    baseline = await measure('baseline', baselineUrl, scenario, state, opts);
    app = await measure('app', opts.url, scenario, state, opts);
  } finally {
    await stopBaseline(child);
  }

  let check = null;
  if (typeof scenario.check === 'function') {
    process.stderr.write('check: what the run left in the database...\n');
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
    try {
      check = await scenario.check({ pool, state, results: { baseline, app } });
    } catch (e) {
      check = { ok: false, lines: [`check could not run: ${e.message}`] };
    } finally {
      await pool.end();
    }
  }

  const ratio = baseline.rps > 0 ? app.rps / baseline.rps : 0;
  const m = { app, baseline, ratio };
  const targets = Object.entries(scenario.targets ?? {}).map(([key, value]) => {
    const t = TARGETS[key];
    const actual = t.actual(m);
    if (value === null || value === undefined) return { key, value: null, actual, pass: null, text: `${key}: report only (${t.fmt(actual)})` };
    const pass = t.pass(actual, value);
    return { key, value, actual, pass, text: `${key}: ${t.describe(value)}, got ${t.fmt(actual)}  ${pass ? 'PASS' : 'FAIL'}` };
  });
  const failures = [
    ...targets.filter((t) => t.pass === false).map((t) => `target ${t.key} not met`),
    ...[baseline, app].filter((r) => r.non2xx > 0).map((r) => `${r.target}: ${r.non2xx} non-2xx responses`),
    ...[baseline, app].filter((r) => r.errors > 0).map((r) => `${r.target}: ${r.errors} errors (${r.timeouts} timeouts)`),
    ...(check && !check.ok ? ['database check failed'] : []),
  ];

  console.log(`\n${scenario.name ?? opts.scenario}: ${scenario.description ?? ''}`);
  console.log(`${opts.connections} connections, ${opts.duration} s measured after ${opts.warmup} s warm-up, each target in turn\n`);
  console.log(table([baseline, app]));
  console.log(`\nratio app/baseline (req/s): ${ratio.toFixed(3)}`);
  for (const t of targets) console.log(t.text);
  if (targets.length === 0) console.log('no targets (report only)');
  if (check) console.log(`\n${(check.lines ?? []).join('\n')}\ndatabase check: ${check.ok ? 'PASS' : 'FAIL'}`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(ROOT, '.bench', `${opts.scenario}-${stamp}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(
    out,
    JSON.stringify(
      {
        scenario: scenario.name ?? opts.scenario,
        description: scenario.description,
        at: new Date().toISOString(),
        options: opts,
        machine: machine(),
        results: { baseline, app },
        ratio,
        targets,
        check,
        ok: failures.length === 0,
        failures,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwritten ${relative(ROOT, out)}`);
  if (failures.length) {
    console.log(`FAIL: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('OK');
  }
}

// The benches with their own runner, each `(argv) => Promise` throwing its module's UsageError:
// `web`: the web pages' weight in a real browser (bench/web.mjs), not a load test;
// `scale`: the daily routes at several data sizes (bench/scale.mjs);
// `web-queue`: the web's case queue page at scale, through a signed-in session (bench/web-queue.mjs);
// `reports-scale`: the fund reports and the per-agency CSV at scale, with the API's memory (bench/reports-scale.mjs).
// `mail-relay`: the worker's mail relay emptying the outbox into a local SMTP server (bench/mail-relay.ts).
const OWN_RUNNERS = {
  web: () => import('./web.mjs').then((m) => [m.runWebBench, m.UsageError]),
  scale: () => import('./scale.mjs').then((m) => [m.runScaleBench, m.UsageError]),
  'web-queue': () => import('./web-queue.mjs').then((m) => [m.runWebQueueBench, m.UsageError]),
  'reports-scale': () => import('./reports-scale.mjs').then((m) => [m.runReportsScaleBench, m.UsageError]),
  'mail-relay': () => import('./mail-relay.mjs').then((m) => [m.runMailRelayBench, m.UsageError]),
};
const own = Object.hasOwn(OWN_RUNNERS, process.argv[2]) ? OWN_RUNNERS[process.argv[2]] : null;
const entry = own
  ? own().then(([run, OwnUsageError]) => run(process.argv.slice(3)).catch((e) => Promise.reject(e instanceof OwnUsageError ? new UsageError(e.message) : e)))
  : main();
entry.catch((e) => {
  console.error(e instanceof UsageError ? e.message : e);
  process.exit(e instanceof UsageError ? 2 : 1);
});
