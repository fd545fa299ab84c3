/**
 * `npm run bench -- reports-scale`: the reports that read history (the welfare fund's balance by
 * day and its position, `GET /welfare/fund`, the per-agency CSV) timed against APIs serving the
 * same data (docs/benchmarks.md, "Reports at scale"), with the growth of each API's memory while it
 * sends the CSV.
 *
 *   npm run bench -- reports-scale --api before=http://127.0.0.1:3460 --api after=http://127.0.0.1:3461
 *                                  [--pid before=<pid> --pid after=<pid>] [--runs 10] [--burst 8] [--routes key,key]
 *
 * Each API must already run on a database filled by `npm run seed:scale` (its supervisor signs in).
 * Per API, route after route: one request not counted, then `--runs` requests one after the other
 * (one client: a supervisor opening a report, not a load test); every latency kept. With `--pid`
 * (the API's process id on this machine), its resident memory (VmRSS) is sampled every 10 ms
 * during each request of the CSV routes: the figure is the highest sample minus the one just
 * before the request; and once more during a burst of `--burst` requests at the same time (eight
 * supervisors downloading the CSV at once), with the burst's wall time. Exit status: 0 every answer 2xx; 1 otherwise; 2 usage or setup problem.
 * The figures are written to .bench/reports-scale-<timestamp>.json.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, finish, intOption, labelledUrls, ms, percentile, printTable } from './lib/closed-loop.mjs';

export { UsageError };

const PASSWORD = process.env.SCALE_PASSWORD || 'scale bench password 2026';
const SUPERVISOR = 'scale-supervisor-001@scale.lcs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysAgo = (n) => isoDate(new Date(Date.now() - n * 86400_000));

const ROUTES = [
  { key: 'fund-balance-day', name: 'fund balance by day (open: the last 366 days)', path: () => '/welfare/reports/fund-balance' },
  { key: 'fund-balance-30d', name: 'fund balance by day, last 30 days', path: () => `/welfare/reports/fund-balance?from=${daysAgo(30)}&to=${daysAgo(0)}` },
  { key: 'fund-balance-month', name: 'fund balance by month (open: 120 months)', path: () => '/welfare/reports/fund-balance?bucket=month' },
  { key: 'fund-position', name: 'fund position today', path: () => '/welfare/reports/fund-position' },
  {
    key: 'fund-position-past',
    name: 'fund position a year ago, income of that year',
    path: () => `/welfare/reports/fund-position?from=${daysAgo(730)}&to=${daysAgo(365)}`,
  },
  { key: 'fund', name: 'GET /welfare/fund', path: () => '/welfare/fund' },
  { key: 'agencies-csv', name: 'per-agency CSV, every agency (no period)', path: () => '/complaints/reports/agencies?format=csv', csv: true },
  {
    key: 'agencies-csv-year',
    name: 'per-agency CSV, last 365 days',
    path: () => `/complaints/reports/agencies?format=csv&from=${daysAgo(365)}&to=${daysAgo(0)}`,
    csv: true,
  },
];

function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      api: { type: 'string', multiple: true },
      pid: { type: 'string', multiple: true },
      runs: { type: 'string', default: '10' },
      burst: { type: 'string', default: '8' },
      routes: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage = `usage: npm run bench -- reports-scale --api <label>=<url> [--api …] [--pid <label>=<pid> …] [--runs 10] [--burst 8] [--routes key,key]\nroutes: ${ROUTES.map((r) => r.key).join(', ')}`;
  if (values.help) throw new UsageError(usage);
  if (!values.api?.length) throw new UsageError(`at least one --api <label>=<url>\n${usage}`);
  const apis = labelledUrls(values.api, 'api', null, usage);
  const pids = Object.fromEntries(
    (values.pid ?? []).map((p) => {
      const [label, pid] = p.split('=');
      if (!apis.some((a) => a.label === label) || !/^\d+$/.test(pid ?? '')) throw new UsageError(`--pid ${p}: <label>=<pid> of an --api\n${usage}`);
      return [label, Number(pid)];
    }),
  );
  let routes = ROUTES;
  if (values.routes) {
    const keys = values.routes.split(',');
    const unknown = keys.filter((k) => !ROUTES.some((r) => r.key === k));
    if (unknown.length) throw new UsageError(`unknown route(s): ${unknown.join(', ')}\n${usage}`);
    routes = ROUTES.filter((r) => keys.includes(r.key));
  }
  return { apis, pids, runs: intOption(values, 'runs', 1), burst: intOption(values, 'burst', 0), routes };
}

/** The process's resident memory in MB (Linux /proc), or NaN. */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function signIn(base) {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: SUPERVISOR, password: PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  if (!res.ok) throw new UsageError(`${base}: signing in as ${SUPERVISOR} answered ${res.status}: ${body.slice(0, 300)} (seed with npm run seed:scale)`);
  return JSON.parse(body).accessToken;
}

/** One request: its time, status, size, whether it came chunked, and (with a pid) the API's RSS growth during it. */
async function once(base, route, token, pid) {
  const before = pid ? rssMb(pid) : NaN;
  let peak = before;
  const timer = pid ? setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10) : null;
  const t0 = performance.now();
  try {
    const res = await fetch(base + route.path(), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(120_000) });
    const body = new Uint8Array(await res.arrayBuffer());
    const took = performance.now() - t0;
    if (pid) peak = Math.max(peak, rssMb(pid));
    return {
      ms: took,
      status: res.status,
      bytes: body.length,
      chunked: res.headers.get('transfer-encoding') === 'chunked',
      rssGrowthMb: peak - before,
      rssBeforeMb: before,
    };
  } finally {
    if (timer) clearInterval(timer);
  }
}

export async function runReportsScaleBench(argv) {
  const opts = parseCli(argv);
  const results = {};
  for (const api of opts.apis) {
    const token = await signIn(api.url);
    const pid = opts.pids[api.label];
    results[api.label] = {};
    for (const route of opts.routes) {
      process.stderr.write(`${api.label}: ${route.name}...\n`);
      await once(api.url, route, token, null);
      const samples = [];
      for (let i = 0; i < opts.runs; i++) samples.push(await once(api.url, route, token, route.csv ? pid : null));
      const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
      let burst = null;
      if (route.csv && opts.burst > 0) {
        const before = pid ? rssMb(pid) : NaN;
        let peak = before;
        const timer = pid ? setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10) : null;
        const t0 = performance.now();
        const all = await Promise.all(Array.from({ length: opts.burst }, () => once(api.url, route, token, null)));
        if (timer) clearInterval(timer);
        burst = {
          requests: opts.burst,
          ms: performance.now() - t0,
          non2xx: all.filter((s) => s.status < 200 || s.status > 299).length,
          rssGrowthMb: pid ? peak - before : null,
        };
      }
      results[api.label][route.key] = {
        burst,
        runs: samples.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted.at(-1),
        non2xx: samples.filter((s) => s.status < 200 || s.status > 299).length + (burst?.non2xx ?? 0),
        bytes: samples[0].bytes,
        chunked: samples[0].chunked,
        rssGrowthMb: route.csv && pid ? Math.max(...samples.map((s) => s.rssGrowthMb)) : null,
        rssBeforeMb: route.csv && pid ? samples[0].rssBeforeMb : null,
      };
    }
  }
  const labels = opts.apis.map((a) => a.label);
  const header = ['route', ...labels.flatMap((l) => [`${l} p50`, `${l} p95`])];
  const rows = opts.routes.map((r) => [r.key, ...labels.flatMap((l) => [ms(results[l][r.key].p50), ms(results[l][r.key].p95)])]);
  console.log(`\nreports-scale: ${opts.runs} requests per route one after the other (1 client), after one not counted; ms`);
  printTable(header, rows);
  for (const r of opts.routes.filter((x) => x.csv))
    for (const l of labels) {
      const x = results[l][r.key];
      console.log(
        `${l} ${r.key}: ${x.bytes} bytes${x.chunked ? ' (chunked)' : ''}` +
          (x.rssGrowthMb !== null ? `; API RSS ${x.rssBeforeMb.toFixed(0)} MB before, at most +${x.rssGrowthMb.toFixed(1)} MB during a request` : '') +
          (x.burst
            ? `; ${x.burst.requests} at once: ${ms(x.burst.ms)} ms${x.burst.rssGrowthMb !== null ? `, RSS +${x.burst.rssGrowthMb.toFixed(1)} MB` : ''}`
            : ''),
      );
    }
  const failures = labels.flatMap((l) => opts.routes.filter((r) => results[l][r.key].non2xx).map((r) => `${l} ${r.key}: ${results[l][r.key].non2xx} non-2xx`));
  await finish('reports-scale', { options: { ...opts, routes: opts.routes.map((r) => r.key) }, results }, failures);
}
