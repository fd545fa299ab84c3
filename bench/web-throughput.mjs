/**
 * The agency page's throughput and p99 under load, beside the API's verification route in the
 * same run (part of `npm run bench -- web`; see bench/web.mjs).
 *
 * Both are asked for a random one of the 10,000 licenses the `verify` scenario inserts (its setup
 * is reused, so the two benches measure the same registry): the API's
 * `GET /public/licenses/:number` (the JSON a verifier gets), then the web's
 * `GET /agencies/licenses/:number` (the HTML page a person gets: session-less render of the
 * same API answer, fetched over HTTP through the typed client, in the reader's language). The
 * web page costs the API's work plus its own, so the target is relative: at least half the
 * API's requests per second, and a p99 under 100 ms, at 50 connections.
 *
 * Start the stack with a public rate limit the load cannot reach (every request comes from
 * 127.0.0.1): LICENSING_PUBLIC_LIMIT_PER_IP=1000000000 (docs/benchmarks.md).
 */
import autocannon from 'autocannon';
import pg from 'pg';
import verify from './scenarios/verify.mjs';

const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/labour_cases';
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** One autocannon run: every request a random license number under `prefix`. */
function load(baseUrl, prefix, numbers, { connections, duration }) {
  return new Promise((resolvePromise, reject) => {
    const statuses = {};
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration,
        requests: [
          { method: 'GET', setupRequest: (req) => ({ ...req, path: `${prefix}/${encodeURIComponent(pick(numbers))}`, headers: { 'accept-language': 'en' } }) },
        ],
      },
      (err, result) => (err ? reject(err) : resolvePromise({ result, statuses })),
    );
    instance.on('response', (_client, status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

const summary = ({ result, statuses }) => ({
  rps: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statuses,
});

async function smoke(url) {
  const res = await fetch(url, { headers: { 'accept-language': 'en' }, signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: is the stack running with LICENSING_PUBLIC_LIMIT_PER_IP raised?`);
}

/**
 * Measures the API's verification route, then the web's agency page, each after a warm-up.
 * Returns the figures and the gates' verdicts.
 */
export async function agencyPageThroughput({ apiUrl, webUrl, connections, duration, warmup, minRatio, maxP99Ms }) {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  let numbers;
  try {
    ({ numbers } = await verify.setup({ pool }));
  } finally {
    await pool.end();
  }
  const targets = [
    { name: 'api', label: 'API  GET /public/licenses/:number', url: apiUrl, prefix: '/public/licenses' },
    { name: 'web', label: 'web  GET /agencies/licenses/:number', url: webUrl, prefix: '/agencies/licenses' },
  ];
  const measured = {};
  for (const target of targets) {
    await smoke(`${target.url}${target.prefix}/${encodeURIComponent(numbers[0])}`);
    if (warmup > 0) await load(target.url, target.prefix, numbers, { connections, duration: warmup });
    measured[target.name] = summary(await load(target.url, target.prefix, numbers, { connections, duration }));
  }
  const ratio = measured.api.rps > 0 ? measured.web.rps / measured.api.rps : 0;
  const clean = (m) => m.non2xx === 0 && m.errors === 0 && m.timeouts === 0;
  const gates = [
    { what: `web/API req/s ≥ ${minRatio}`, actual: ratio.toFixed(3), pass: ratio >= minRatio },
    { what: `web p99 ≤ ${maxP99Ms} ms`, actual: `${measured.web.p99} ms`, pass: measured.web.p99 <= maxP99Ms },
    {
      what: 'every response 200 (no error, no timeout)',
      actual: clean(measured.api) && clean(measured.web) ? 'yes' : `api ${JSON.stringify(measured.api.statuses)}, web ${JSON.stringify(measured.web.statuses)}`,
      pass: clean(measured.api) && clean(measured.web),
    },
  ];
  return { connections, duration, warmup, targets: targets.map((t) => ({ ...t, ...measured[t.name] })), ratio, gates, pass: gates.every((g) => g.pass) };
}

export function printThroughput(r) {
  console.log(
    `\nweb: the agency page under load, beside the API's verification route (${r.connections} connections, ${r.duration} s each after a ${r.warmup} s warm-up)\n`,
  );
  console.log(`${'target'.padEnd(38)} ${'req/s'.padStart(9)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'requests'.padStart(9)}`);
  for (const t of r.targets) {
    console.log(
      `${t.label.padEnd(38)} ${t.rps.toFixed(1).padStart(9)} ${`${t.p50} ms`.padStart(7)} ${`${t.p99} ms`.padStart(7)} ${String(t.requests).padStart(9)}`,
    );
  }
  for (const g of r.gates) console.log(`  ${g.pass ? 'PASS' : 'FAIL'}  ${g.what}: ${g.actual}`);
}
