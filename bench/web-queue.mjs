/**
 * `npm run bench -- web-queue`: the staff's case queue page of the web app (`GET /staff/cases`,
 * server-rendered, calling the API) timed at scale (docs/benchmarks.md, "The queue page through
 * the web"), beside the two processes' cheapest routes, in one run.
 *
 *   npm run bench -- web-queue --web 1M=http://127.0.0.1:3311 --api 1M=http://127.0.0.1:3310
 *                              [--user scale-inspector-001@scale.lcs] [--connections 4] [--duration 5]
 *                              [--warmup 1] [--routes queue,queue-deep] [--target-p95 200]
 *
 * Each web app, and the API it calls, must already run (this harness never starts what it
 * measures) on a database filled by `npm run seed:scale`. Every client signs in through the web
 * as a browser does, with its own session: GET /sign-in (the session cookie and the form's CSRF
 * token), POST /sign-in, follow the redirect to the queue. The web marks its session cookie
 * Secure in production, so every request says it came through TLS (`X-Forwarded-Proto: https`):
 * start the web with WEB_TRUST_PROXY=127.0.0.1 (docs/benchmarks.md). Setup then walks the team
 * queue by each page's own "Next page" link (rel="next") to page 200, keeping the links of pages
 * 150–200 (or the last pages, when the queue is shorter).
 *
 * Per web app, one route after the other: `--warmup` seconds of load (not counted), then
 * `--duration` seconds with `--connections` clients in a closed loop; every latency kept. A queue
 * page counts when it is a 200 carrying the case table; anything else (another status, a
 * redirect to the sign-in page, a page without the table) counts against it. The baselines, in
 * the same run: the web's `GET /health/live` (the same process, no session, no API call) and the
 * API's (what every page's API call costs at least). The queue pages fail when their p95 is over
 * `--target-p95` for any web app, or on any wrong answer.
 *
 * Exit status: 0 every queue page within the target everywhere, every answer right; 1 otherwise;
 * 2 usage or setup problem (an app not answering, a sign-in refused).
 * The figures are written to .bench/web-queue-<timestamp>.json.
 */
import { URLSearchParams } from 'node:url';
import { parseArgs } from 'node:util';
import { cookieHeader, inputValue, linkByRel, storeCookies } from '../scripts/lib/html-page.mjs';
import { UsageError, closedLoop, countOther, finish, gateRows, intOption, labelledUrls, pick, printTable } from './lib/closed-loop.mjs';

export { UsageError };

/** The generator's password (scripts/seed-scale.mjs, SCALE_PASSWORD). */
const PASSWORD = process.env.SCALE_PASSWORD || 'scale bench password 2026';
const QUEUE = '/staff/cases';
/** Pages 150–200 are the deep ones (as in `scale`); the walk stops at the last. */
const DEEP_FROM = 150;
const DEEP_TO = 200;
/** As a browser behind the TLS proxy: the Secure session cookie is set and sent. */
const HEADERS = { 'x-forwarded-proto': 'https', 'accept-language': 'en' };

/** The queue's table (views/staff/cases/queue.njk): a page without it listed no case. */
export const hasQueueTable = (html) => /<table\b[^>]*\bclass="[^"]*\blcs-queue\b/.test(html);

/** The routes: `on` which process, and the path of each request (a function: varied per request). */
const ROUTES = [
  { name: 'web GET /health/live (baseline)', key: 'web-baseline', on: 'web', page: false, path: () => '/health/live' },
  { name: 'API GET /health/live (baseline)', key: 'api-baseline', on: 'api', page: false, path: () => '/health/live' },
  { name: 'team queue, page 1', key: 'queue', on: 'web', page: true, path: () => QUEUE },
  { name: 'team queue, pages 150-200 (Next links)', key: 'queue-deep', on: 'web', page: true, path: (s) => pick(s.deepHrefs) },
  { name: 'team queue by deadline, page 1', key: 'queue-deadline', on: 'web', page: true, path: () => `${QUEUE}?sort=deadline` },
  { name: 'my cases (inspector)', key: 'queue-mine', on: 'web', page: true, path: () => `${QUEUE}/mine` },
  { name: 'team queue, overdue', key: 'queue-overdue', on: 'web', page: true, path: () => `${QUEUE}?deadline=overdue` },
];

function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      web: { type: 'string', multiple: true, default: [] },
      api: { type: 'string', multiple: true, default: [] },
      user: { type: 'string', default: 'scale-inspector-001@scale.lcs' },
      connections: { type: 'string', short: 'c', default: '4' },
      duration: { type: 'string', short: 'd', default: '5' },
      warmup: { type: 'string', short: 'w', default: '1' },
      routes: { type: 'string' },
      'target-p95': { type: 'string', default: '200' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage =
    'usage: npm run bench -- web-queue --web 1M=http://127.0.0.1:3311 --api 1M=http://127.0.0.1:3310 [--web 10k=… --api 10k=…] [--user scale-inspector-001@scale.lcs]\n' +
    '                                  [--connections 4] [--duration 5] [--warmup 1] [--routes key,key] [--target-p95 200]\n' +
    '--web: a web app to time (repeat; one column each); --api: the API that web app calls, by the same label (its /health/live is the baseline)\n' +
    `routes: ${ROUTES.map((r) => r.key).join(', ')}`;
  if (values.help) throw new UsageError(usage);
  const webs = labelledUrls(values.web, 'web', 'default=http://127.0.0.1:3001', usage);
  const apis = labelledUrls(values.api, 'api', `${webs[0].label}=http://127.0.0.1:3000`, usage);
  for (const web of webs) {
    web.api = apis.find((a) => a.label === web.label)?.url;
    if (!web.api) throw new UsageError(`--web ${web.label}: give the API it calls as --api ${web.label}=<url>\n${usage}`);
  }
  const extra = apis.filter((a) => !webs.some((w) => w.label === a.label));
  if (extra.length) throw new UsageError(`--api ${extra.map((a) => a.label).join(', ')}: no --web of that label\n${usage}`);
  let routes = ROUTES;
  if (values.routes) {
    const keys = values.routes.split(',').map((k) => k.trim());
    const unknown = keys.filter((k) => !ROUTES.some((r) => r.key === k));
    if (unknown.length) throw new UsageError(`unknown route(s): ${unknown.join(', ')}\n${usage}`);
    routes = ROUTES.filter((r) => !r.page || keys.includes(r.key));
  }
  const int = (name, min) => intOption(values, name, min);
  return {
    webs,
    user: values.user,
    routes,
    connections: int('connections', 1),
    duration: int('duration', 1),
    warmup: int('warmup', 0),
    targetP95: int('target-p95', 1),
  };
}

async function answers(url, what) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    throw new UsageError(`${what} does not answer ${url} (${e.cause?.code ?? e.message}); start it first (docs/benchmarks.md).`);
  }
}

/** One GET through the web as a browser in the session `jar`: the answer and its whole text. */
async function get(web, path, jar) {
  const res = await fetch(new URL(path, web.url), {
    headers: { ...HEADERS, cookie: cookieHeader(jar) },
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  storeCookies(jar, res.headers.getSetCookie());
  return { res, html: await res.text() };
}

/** Sign in through the web's form as `email`; the session's cookie jar, on the queue's first page. */
async function signIn(web, email) {
  const jar = new Map();
  const form = await get(web, '/sign-in', jar);
  const csrf = inputValue(form.html, '_csrf');
  if (form.res.status !== 200 || csrf === null) throw new UsageError(`${web.label}: GET /sign-in answered ${form.res.status} without a sign-in form`);
  if (!jar.size) {
    throw new UsageError(
      `${web.label}: GET /sign-in set no session cookie. In production the cookie is Secure: start the web with WEB_TRUST_PROXY=127.0.0.1 so it believes this harness's X-Forwarded-Proto: https.`,
    );
  }
  const res = await fetch(new URL('/sign-in', web.url), {
    method: 'POST',
    headers: { ...HEADERS, cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD, returnTo: QUEUE }).toString(),
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  storeCookies(jar, res.headers.getSetCookie());
  const location = res.headers.get('location');
  if (res.status !== 303 || !location) {
    const body = await res.text();
    throw new UsageError(
      `${web.label}: signing in as ${email} answered ${res.status}${body.includes('govuk-error-summary') ? ' (the form shows an error)' : ''}.\n` +
        'Seed the database with `npm run seed:scale` (its staff and password), and start the API with login limits the runs cannot reach (AUTH_LOGIN_LIMIT_PER_IP, AUTH_LOGIN_LIMIT_PER_ACCOUNT).',
    );
  }
  await res.arrayBuffer();
  const landing = await get(web, location, jar);
  if (landing.res.status !== 200 || !hasQueueTable(landing.html)) {
    throw new UsageError(
      `${web.label}: after signing in, ${location} answered ${landing.res.status}${landing.res.status === 200 ? ' without the case table' : ''}`,
    );
  }
  return jar;
}

/**
 * One session per client; then the team queue walked by its "Next page" links to page 200: the
 * links of pages 150–200 are the deep pages (the last 51 pages walked when the queue ends sooner).
 */
async function setup(web, opts) {
  await answers(`${web.url}/health/live`, `${web.label}: the web app`);
  await answers(`${web.api}/health/live`, `${web.label}: the API`);
  const jars = [];
  for (let i = 0; i < opts.connections; i++) jars.push(await signIn(web, opts.user));
  const walked = [];
  let href = QUEUE;
  for (let page = 1; href && page <= DEEP_TO; page++) {
    const { res, html } = await get(web, href, jars[0]);
    if (res.status !== 200 || !hasQueueTable(html))
      throw new UsageError(`${web.label}: queue page ${page} (${href}) answered ${res.status} without the case table`);
    walked.push({ page, href });
    href = linkByRel(html, 'next');
  }
  const deep = walked.filter((w) => w.page >= DEEP_FROM);
  const chosen = deep.length ? deep : walked.slice(-(DEEP_TO - DEEP_FROM + 1));
  return {
    sessions: jars.map(cookieHeader),
    deepHrefs: chosen.map((w) => w.href),
    deepPages: [chosen[0].page, chosen[chosen.length - 1].page],
    pagesWalked: walked.length,
  };
}

/** What one answer counts as: its status, or `no-table` for a 200 page without the case table. */
async function measureOnce(web, route, state, client) {
  const base = route.on === 'api' ? web.api : web.url;
  const headers = route.on === 'api' ? {} : route.page ? { ...HEADERS, cookie: state.sessions[client] } : HEADERS;
  const res = await fetch(base + route.path(state), { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  if (!route.page) {
    await res.arrayBuffer();
    return res.status;
  }
  const html = await res.text();
  return res.status === 200 && !hasQueueTable(html) ? 'no-table' : res.status;
}

/** A page's size and the queue's "total" line, once, for the report. */
async function sample(web, route, state) {
  const res = await fetch(web.url + route.path(state), { headers: { ...HEADERS, cookie: state.sessions[0] }, signal: AbortSignal.timeout(30_000) });
  const html = await res.text();
  const total = /<p\b[^>]*id="queue-total"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1].replace(/\s+/g, ' ').trim() ?? null;
  return { bytes: Buffer.byteLength(html), totalText: total };
}

export async function runWebQueueBench(argv) {
  const opts = parseCli(argv);
  const results = {};
  for (const web of opts.webs) {
    process.stderr.write(`${web.label}: setup (${opts.connections} sign-ins through the web, the queue walked by its Next links)...\n`);
    const state = await setup(web, opts);
    results[web.label] = { meta: { web: web.url, api: web.api, user: opts.user, pagesWalked: state.pagesWalked, deepPages: state.deepPages } };
    for (const route of opts.routes) {
      const send = (client) => measureOnce(web, route, state, client);
      if (opts.warmup > 0) await closedLoop(send, opts.connections, opts.warmup);
      process.stderr.write(`${web.label}: ${route.name}...\n`);
      const r = await closedLoop(send, opts.connections, opts.duration);
      const ok = route.page ? (s) => s === '200' : (s) => s >= 200 && s <= 299;
      results[web.label][route.key] = { ...r, wrong: countOther(r.statuses, ok), ...(route.page ? await sample(web, route, state) : {}) };
    }
  }

  const labels = opts.webs.map((w) => w.label);
  const { header, rows, failures } = gateRows({
    routes: opts.routes,
    labels,
    results,
    targetP95: opts.targetP95,
    gated: (route) => route.page,
    wrong: (r) => r.wrong,
    wrongText: 'wrong answers (not 200 with the case table)',
  });
  console.log(
    `\nweb-queue: the queue page through the web as ${opts.user}, ${opts.connections} client${opts.connections === 1 ? '' : 's'} (one session each) in a closed loop, ` +
      `${opts.duration} s each after ${opts.warmup} s warm-up; latencies in ms`,
  );
  printTable(header, rows);
  for (const l of labels) {
    const { meta, queue } = results[l];
    const pages = meta.deepPages[0] === meta.deepPages[1] ? `page ${meta.deepPages[0]}` : `pages ${meta.deepPages[0]}-${meta.deepPages[1]}`;
    console.log(
      `${l}: walked ${meta.pagesWalked} queue pages; deep pages timed: ${pages}` +
        (queue ? `; page 1 is ${(queue.bytes / 1024).toFixed(1)} KB, "${queue.totalText}"` : ''),
    );
  }
  await finish('web-queue', { options: { ...opts, routes: opts.routes.map((r) => r.key) }, results }, failures);
}
