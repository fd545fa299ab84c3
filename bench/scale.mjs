/**
 * `npm run bench -- scale`: the ministry's daily routes timed against APIs serving data sets of
 * different sizes (docs/benchmarks.md, "Queues and lists at scale"), in one run.
 *
 *   npm run bench -- scale --api 10k=http://127.0.0.1:3010 --api 1M=http://127.0.0.1:3000
 *                          [--connections 4] [--duration 5] [--warmup 1] [--routes queue,case] [--target-p95 200]
 *
 * Each API must already run (as for the other scenarios: this harness never starts the app it
 * measures) on a database filled by `npm run seed:scale` (scripts/seed-scale.mjs): the staff it
 * signs in as are the generator's (scale-inspector-001@scale.lcs …, its password). Per size, one
 * route after the other: `--warmup` seconds of load (not counted), then `--duration` seconds
 * with `--connections` clients in a closed loop (each sends its next request when the previous
 * one is answered); every latency is kept, and p50/p95/p99 are exact. The baseline, measured
 * the same way in the same run against each API, is `GET /health/live`: the cost of a request
 * through the same process with no work (Nest, Fastify, the guard, the request log), so each
 * route's p95 above it is the route's own work. A route fails when its p95 is over
 * `--target-p95` at any size, or when any answer is not 2xx.
 *
 * Exit status: 0 every route within the target everywhere, with only 2xx answers; 1 otherwise;
 * 2 usage or setup problem (an API not answering, a sign-in refused).
 * The figures are written to .bench/scale-<timestamp>.json.
 */
import { parseArgs } from 'node:util';
import { UsageError, closedLoop, countOther, finish, gateRows, intOption, labelledUrls, pick, printTable } from './lib/closed-loop.mjs';
import { licenseNumber } from './lib/license-number.mjs';

export { UsageError };

/** The generator's password (scripts/seed-scale.mjs, SCALE_PASSWORD). */
const PASSWORD = process.env.SCALE_PASSWORD || 'scale bench password 2026';
const ACCOUNTS = { inspector: 'scale-inspector-001@scale.lcs', supervisor: 'scale-supervisor-001@scale.lcs', welfare: 'scale-welfare-001@scale.lcs' };

const isoDate = (d) => d.toISOString().slice(0, 10);

/** The license number scripts/seed-scale.mjs gives its agency `i` (agency 1 is the biggest: placements and cases skew towards the first). */
const scaleLicenseNumber = (i) => licenseNumber('PH-LRA', 2024, i);

/**
 * The routes: who calls, and the path of each request (a function: varied per request).
 * `setup` (per API) gathers what they need through the API itself.
 */
const ROUTES = [
  { name: 'health-live (baseline)', key: 'baseline', as: null, path: () => '/health/live' },
  { name: 'inspector queue (assigned to me)', key: 'queue-mine', as: 'inspector', path: () => '/complaints?assignedToMe=true' },
  { name: 'team queue, page 1', key: 'queue', as: 'inspector', path: () => '/complaints' },
  { name: 'team queue, pages 150-200', key: 'queue-deep', as: 'inspector', path: (s) => `/complaints?${pick(s.deepQueries)}` },
  { name: 'team queue, urgent only', key: 'queue-urgent', as: 'inspector', path: () => '/complaints?priority=urgent' },
  { name: 'team queue, overdue', key: 'queue-overdue', as: 'inspector', path: () => '/complaints?overdue=true' },
  { name: 'team queue, stage conciliation', key: 'queue-stage', as: 'inspector', path: () => '/complaints?stage=conciliation' },
  { name: "team queue, one agency's cases", key: 'queue-agency', as: 'inspector', path: (s) => `/complaints?agencyId=${pick(s.agencyIds)}` },
  { name: "supervisors' queue", key: 'queue-supervisor', as: 'supervisor', path: () => '/complaints?supervisorQueue=true' },
  { name: 'case detail', key: 'case', as: 'inspector', path: (s) => `/complaints/${pick(s.caseIds)}` },
  { name: 'licensing applications to take', key: 'applications', as: 'inspector', path: () => '/licensing/applications?state=submitted' },
  { name: 'licensing applications, all', key: 'applications-all', as: 'inspector', path: () => '/licensing/applications' },
  { name: 'welfare claims queue', key: 'claims', as: 'welfare', path: () => '/welfare/claims' },
  { name: 'welfare claims, under review', key: 'claims-review', as: 'welfare', path: () => '/welfare/claims?state=under_review' },
  { name: 'placements list', key: 'placements', as: 'inspector', path: () => '/placements' },
  { name: 'report: stages, last 30 days', key: 'report-stages', as: 'supervisor', path: (s) => `/complaints/reports/stages?from=${s.monthAgo}&to=${s.today}` },
  { name: 'report: SLA, last 30 days', key: 'report-sla', as: 'supervisor', path: (s) => `/complaints/reports/sla?from=${s.monthAgo}&to=${s.today}` },
  // No sign-in: the public license page (with its scorecard) of the generator's ten biggest agencies (most cases and placements).
  // Start the API with LICENSING_PUBLIC_CACHE_SECONDS=0 to time the answer built from the database each time.
  { name: 'public license page, ten biggest agencies', key: 'public-license-big', as: null, path: (s) => `/public/licenses/${pick(s.bigLicenses)}` },
  {
    name: 'report: per agency, last 30 days',
    key: 'report-agencies',
    as: 'supervisor',
    path: (s) => `/complaints/reports/agencies?from=${s.monthAgo}&to=${s.today}`,
  },
];

function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      api: { type: 'string', multiple: true, default: [] },
      connections: { type: 'string', short: 'c', default: '4' },
      duration: { type: 'string', short: 'd', default: '5' },
      warmup: { type: 'string', short: 'w', default: '1' },
      routes: { type: 'string' },
      'target-p95': { type: 'string', default: '200' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage =
    'usage: npm run bench -- scale --api 10k=http://127.0.0.1:3010 --api 1M=http://127.0.0.1:3000 [--connections 4] [--duration 5] [--warmup 1] [--routes key,key] [--target-p95 200]\n' +
    `routes: ${ROUTES.map((r) => r.key).join(', ')}`;
  if (values.help) throw new UsageError(usage);
  const apis = labelledUrls(values.api, 'api', 'default=http://127.0.0.1:3000', usage);
  const int = (name, min) => intOption(values, name, min);
  let routes = ROUTES;
  if (values.routes) {
    const keys = values.routes.split(',').map((k) => k.trim());
    const unknown = keys.filter((k) => !ROUTES.some((r) => r.key === k));
    if (unknown.length) throw new UsageError(`unknown route(s): ${unknown.join(', ')}\n${usage}`);
    routes = ROUTES.filter((r) => r.key === 'baseline' || keys.includes(r.key));
  }
  return { apis, routes, connections: int('connections', 1), duration: int('duration', 1), warmup: int('warmup', 0), targetP95: int('target-p95', 1) };
}

async function getJson(url, token) {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw new UsageError(`GET ${url} answered ${res.status}: ${text.slice(0, 400)}`);
  return JSON.parse(text);
}

async function signIn(base, email) {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  if (!res.ok) {
    throw new UsageError(
      `${base}: signing in as ${email} answered ${res.status}: ${body.slice(0, 300)}\n` +
        'Seed the database with `npm run seed:scale` and start the API with a login limit the runs cannot reach (AUTH_LOGIN_LIMIT_PER_IP, AUTH_LOGIN_LIMIT_PER_ACCOUNT).',
    );
  }
  return JSON.parse(body).accessToken;
}

/** Sign in, then find through the API what the routes need: cases, agencies, a deep cursor. */
async function setup(api) {
  try {
    const res = await fetch(`${api.url}/health/live`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    throw new UsageError(`${api.label}: the API does not answer ${api.url}/health/live (${e.cause?.code ?? e.message}); start it first (docs/benchmarks.md).`);
  }
  const tokens = {};
  for (const [role, email] of Object.entries(ACCOUNTS)) tokens[role] = await signIn(api.url, email);
  const caseIds = new Set();
  const agencyIds = new Set();
  // Walk the team queue by cursor for 200 pages of 25 (or to its end): the cursors of pages 150–200
  // are the "deep page" requests; cases and agencies met on the way feed the other routes. An API
  // without cursors (one built before them, measured for comparison) is asked for `page=150..200`.
  const deepQueries = [];
  let cursor = null;
  for (let page = 1; page <= 200; page++) {
    const body = await getJson(`${api.url}/complaints${cursor ? `?cursor=${cursor}` : page > 1 ? `?page=${page}` : ''}`, tokens.inspector);
    for (const item of body.items) {
      if (caseIds.size < 2000) caseIds.add(item.id);
      if (item.agencyId && agencyIds.size < 200) agencyIds.add(item.agencyId);
    }
    if (body.items.length < (body.pageSize ?? 25)) break;
    if (body.next === undefined) {
      // No cursors: the deep pages by number, not walked (each would cost the OFFSET being measured).
      api.offsetOnly = true;
      for (let p = 150; p <= 200; p++) deepQueries.push(`page=${p}`);
      break;
    }
    if (!body.next) break;
    cursor = body.next;
    if (page >= 149) deepQueries.push(`cursor=${cursor}`);
  }
  if (!deepQueries.length) deepQueries.push(cursor ? `cursor=${cursor}` : 'page=1');
  const bigLicenses = Array.from({ length: 10 }, (_, i) => scaleLicenseNumber(i + 1));
  for (const number of bigLicenses) await getJson(`${api.url}/public/licenses/${number}`);
  const today = new Date();
  return {
    tokens,
    bigLicenses,
    caseIds: [...caseIds],
    agencyIds: [...agencyIds],
    deepQueries,
    today: isoDate(today),
    monthAgo: isoDate(new Date(today.getTime() - 30 * 86_400_000)),
  };
}

/** `connections` clients in a closed loop for `seconds` on one route; every latency kept (ms). */
async function load(base, route, state, connections, seconds) {
  const token = route.as ? state.tokens[route.as] : null;
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const send = async () => {
    const res = await fetch(base + route.path(state), { headers, signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    return res.status;
  };
  const r = await closedLoop(send, connections, seconds);
  return { ...r, non2xx: countOther(r.statuses, (s) => s >= 200 && s <= 299) };
}

export async function runScaleBench(argv) {
  const opts = parseCli(argv);
  const results = {};
  for (const api of opts.apis) {
    process.stderr.write(`${api.label}: setup (sign-ins, 200 queue pages by cursor)...\n`);
    const state = await setup(api);
    results[api.label] = {
      meta: {
        url: api.url,
        offsetOnly: !!api.offsetOnly,
        caseIds: state.caseIds.length,
        agencyIds: state.agencyIds.length,
        deepQueries: state.deepQueries.length,
      },
    };
    for (const route of opts.routes) {
      if (opts.warmup > 0) await load(api.url, route, state, opts.connections, opts.warmup);
      process.stderr.write(`${api.label}: ${route.name}...\n`);
      results[api.label][route.key] = await load(api.url, route, state, opts.connections, opts.duration);
      // Sample the answer's shape for the report (total, capped) once.
      if (route.as && route.key.startsWith('queue')) {
        const body = await getJson(api.url + route.path(state), state.tokens[route.as]);
        results[api.label][route.key].total = body.total;
        results[api.label][route.key].totalCapped = body.totalCapped ?? null;
      }
    }
  }

  const labels = opts.apis.map((a) => a.label);
  const { header, rows, failures } = gateRows({
    routes: opts.routes,
    labels,
    results,
    targetP95: opts.targetP95,
    gated: (route) => route.key !== 'baseline',
    wrong: (r) => r.non2xx,
    wrongText: 'non-2xx',
  });
  console.log(
    `\nscale: the daily routes, ${opts.connections} clients in a closed loop, ${opts.duration} s each after ${opts.warmup} s warm-up; latencies in ms`,
  );
  printTable(header, rows);
  for (const l of labels) {
    const q = results[l].queue;
    if (q && q.total !== undefined) console.log(`${l}: the team queue's total ${q.total}${q.totalCapped ? ' (capped)' : ''}`);
  }

  await finish('scale', { options: { ...opts, routes: opts.routes.map((r) => r.key) }, results }, failures);
}
