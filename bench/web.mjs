/**
 * `npm run bench -- web`, two measurements of the public pages in one run:
 *
 * 1. Weight: what each public page costs a person on first load, measured in a real browser
 *    (Debian's Chromium through playwright-core) with an empty cache: every byte transferred for
 *    the page (HTML, CSS, JavaScript, fonts, images: compressed sizes plus headers, as the network
 *    carried them), against the budget of at most 80 KB. Every public page a person can open by
 *    its address is loaded (home, language, agency search and results, an agency's page, the
 *    suspended and revoked lists, the two fee questions' first pages, the complaint form's first
 *    page, the follow form), at phone size (360x740), with JavaScript (everything it fetches
 *    counts) and without.
 * 2. Throughput (bench/web-throughput.mjs): the agency page `GET /agencies/licenses/:number` at
 *    50 connections beside the API's `GET /public/licenses/:number` in the same run: at least
 *    half its requests per second, p99 at most 100 ms.
 *
 *   npm run bench -- web [--web-url http://127.0.0.1:3001] [--api-url http://127.0.0.1:3000]
 *                        [--pages /,/language] [--budget-kb 80]
 *                        [--connections 50] [--duration 10] [--warmup 2] [--no-throughput]
 *
 * The stack must be running (e.g. `npm start`, with LICENSING_PUBLIC_LIMIT_PER_IP raised for the
 * throughput part: docs/benchmarks.md). The result is printed and written to
 * .bench/web-<timestamp>.json. Exit status: 0 every page within the budget and the throughput
 * gates met, 1 otherwise, 2 usage or setup error. 1 KB = 1024 bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { agencyPageThroughput, printThroughput } from './web-throughput.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const CHROMIUM_PATH = process.env.LCS_CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const KB = 1024;

class UsageError extends Error {}

function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'web-url': { type: 'string', default: process.env.WEB_URL || 'http://127.0.0.1:3001' },
      'api-url': { type: 'string', default: process.env.API_URL || 'http://127.0.0.1:3000' },
      pages: { type: 'string' },
      'budget-kb': { type: 'string', default: '80' },
      connections: { type: 'string', default: '50' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      'no-throughput': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    throw new UsageError(
      'usage: npm run bench -- web [--web-url http://127.0.0.1:3001] [--api-url http://127.0.0.1:3000] [--pages /,/language] [--budget-kb 80] [--connections 50] [--duration 10] [--warmup 2] [--no-throughput]',
    );
  }
  const budgetKb = Number(values['budget-kb']);
  if (!(budgetKb > 0)) throw new UsageError('--budget-kb must be a positive number');
  const pages =
    values.pages === undefined
      ? null
      : values.pages
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
  if (pages && !pages.every((p) => p.startsWith('/'))) throw new UsageError('--pages: paths beginning with /');
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  return {
    webUrl: values['web-url'].replace(/\/+$/, ''),
    apiUrl: values['api-url'].replace(/\/+$/, ''),
    pages,
    budgetKb,
    throughput: !values['no-throughput'],
    connections: int('connections', 1),
    duration: int('duration', 1),
    warmup: int('warmup', 0),
  };
}

/**
 * Every public page a person can open by its address. The agency page and the search results
 * need a real agency: the first one the API's public search lists (the demo data's).
 */
async function publicPages(apiUrl) {
  const res = await fetch(`${apiUrl}/public/agencies?q=Manpower`, { signal: AbortSignal.timeout(5_000) }).catch((e) => {
    throw new UsageError(`The API does not answer ${apiUrl} (${e.cause?.code ?? e.message}); start it, or point --api-url at it`);
  });
  if (!res.ok) throw new UsageError(`${apiUrl}/public/agencies answered ${res.status}`);
  const body = await res.json();
  const first = body.items?.[0];
  const number = first?.license?.number;
  const name = first?.legalName;
  if (!number || !name) throw new UsageError('the API lists no licensed agency: run `npm start` (it seeds the demo data)');
  return [
    '/',
    '/language',
    '/agencies',
    `/agencies?q=${encodeURIComponent(name.split(' ')[0])}`,
    `/agencies/licenses/${encodeURIComponent(number)}`,
    '/agencies/suspended',
    '/agencies/revoked',
    '/fees',
    '/fees/calculator',
    '/fees/check',
    '/complaints/new',
    '/complaints/follow',
  ];
}

async function checkWeb(webUrl) {
  try {
    const res = await fetch(`${webUrl}/health/live`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    throw new UsageError(
      `The web app does not answer ${webUrl}/health/live (${e.cause?.code ?? e.message}).\nStart it first (\`npm start\`), or point --web-url at it.`,
    );
  }
}

/** Loads `url` in a fresh context; every response's transferred size (body as encoded + headers). */
async function firstLoad(browser, url, js) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 740 }, isMobile: true, locale: 'en-GB' });
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', (request) => requests.push(request));
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  const resources = [];
  for (const request of requests) {
    const sizes = await request.sizes();
    const res = await request.response();
    resources.push({
      url: request.url().replace(/^https?:\/\/[^/]+/, ''),
      type: request.resourceType(),
      status: res?.status(),
      encoding: (await res?.headerValue('content-encoding')) ?? 'identity',
      bodyBytes: sizes.responseBodySize,
      headerBytes: sizes.responseHeadersSize,
      bytes: sizes.responseBodySize + sizes.responseHeadersSize,
    });
  }
  await context.close();
  const total = resources.reduce((n, r) => n + r.bytes, 0);
  const byType = {};
  for (const r of resources) byType[r.type] = (byType[r.type] ?? 0) + r.bytes;
  return { resources, total, byType };
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

export async function runWebBench(argv) {
  const opts = parseCli(argv);
  await checkWeb(opts.webUrl);
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    throw new UsageError('playwright-core is not installed (npm install)');
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }).catch((e) => {
    throw new UsageError(`Chromium could not start from ${CHROMIUM_PATH} (${e.message.split('\n')[0]}); apt-get install -y chromium, or set LCS_CHROMIUM_PATH`);
  });
  const budget = opts.budgetKb * KB;
  const pages = opts.pages ?? (await publicPages(opts.apiUrl));
  const results = [];
  try {
    for (const path of pages) {
      for (const js of [true, false]) {
        const load = await firstLoad(browser, opts.webUrl + path, js);
        results.push({ page: path, javascript: js, ...load, budgetBytes: budget, pass: load.total <= budget });
      }
    }
  } finally {
    await browser.close();
  }

  console.log(`\nweb: transferred weight of each page on first load (empty cache, phone size), budget ${opts.budgetKb} KB\n`);
  for (const r of results) {
    console.log(`${r.page}  JavaScript ${r.javascript ? 'on ' : 'off'}  total ${kb(r.total)}  ${r.pass ? 'PASS' : 'FAIL'}`);
    for (const x of r.resources) console.log(`    ${x.type.padEnd(11)} ${kb(x.bytes).padStart(9)}  ${x.encoding.padEnd(8)} ${x.url}`);
    const fonts = r.byType.font ?? 0;
    console.log(
      `    by kind: ${Object.entries(r.byType)
        .map(([t, b]) => `${t} ${kb(b)}`)
        .join(', ')}; fonts ${kb(fonts)}${fonts ? '' : ' (system fonts through local(): none downloaded)'}`,
    );
  }

  console.log(
    `\nheaviest: ${results.reduce((a, b) => (b.total > a.total ? b : a)).page} ${kb(Math.max(...results.map((r) => r.total)))} of ${opts.budgetKb} KB`,
  );

  const failures = results.filter((r) => !r.pass).map((r) => `${r.page} (JavaScript ${r.javascript ? 'on' : 'off'}): ${kb(r.total)} > ${opts.budgetKb} KB`);
  let throughput = null;
  if (opts.throughput) {
    throughput = await agencyPageThroughput({
      apiUrl: opts.apiUrl,
      webUrl: opts.webUrl,
      connections: opts.connections,
      duration: opts.duration,
      warmup: opts.warmup,
      minRatio: 0.5,
      maxP99Ms: 100,
    });
    printThroughput(throughput);
    for (const g of throughput.gates) if (!g.pass) failures.push(`${g.what}: ${g.actual}`);
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(ROOT, '.bench', `web-${stamp}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(
    out,
    JSON.stringify({ scenario: 'web', at: new Date().toISOString(), options: opts, pages: results, throughput, ok: failures.length === 0, failures }, null, 2) +
      '\n',
  );
  console.log(`\nwritten ${relative(ROOT, out)}`);
  if (failures.length) {
    console.log(`FAIL: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('OK');
  }
}

export { UsageError };
