/**
 * `npm run bench -- web`: what a public page costs a person on first load, measured in a real
 * browser (Debian's Chromium through playwright-core) with an empty cache: every byte transferred
 * for the page (HTML, CSS, JavaScript, fonts, images: compressed sizes plus headers, as the network
 * carried them), against the budget of SPEC "Non-functional targets": at most 80 KB.
 *
 *   npm run bench -- web [--web-url http://127.0.0.1:3001] [--pages /,/language] [--budget-kb 80]
 *
 * The web app must be running (e.g. `npm start`). Each page is loaded twice in a fresh context,
 * at phone size (360x740): with JavaScript (everything it fetches counts) and without. The result
 * is printed and written to .bench/web-<timestamp>.json. Exit status: 0 every page within the
 * budget, 1 a page over it, 2 usage or setup error. 1 KB = 1024 bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const CHROMIUM_PATH = process.env.LCS_CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const KB = 1024;

class UsageError extends Error {}

function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'web-url': { type: 'string', default: process.env.WEB_URL || 'http://127.0.0.1:3001' },
      pages: { type: 'string', default: '/' },
      'budget-kb': { type: 'string', default: '80' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) throw new UsageError('usage: npm run bench -- web [--web-url http://127.0.0.1:3001] [--pages /,/language] [--budget-kb 80]');
  const budgetKb = Number(values['budget-kb']);
  if (!(budgetKb > 0)) throw new UsageError('--budget-kb must be a positive number');
  const pages = values.pages.split(',').map((p) => p.trim()).filter(Boolean);
  if (!pages.every((p) => p.startsWith('/'))) throw new UsageError('--pages: paths beginning with /');
  return { webUrl: values['web-url'].replace(/\/+$/, ''), pages, budgetKb };
}

async function checkWeb(webUrl) {
  try {
    const res = await fetch(`${webUrl}/health/live`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    throw new UsageError(`The web app does not answer ${webUrl}/health/live (${e.cause?.code ?? e.message}).\nStart it first (\`npm start\`), or point --web-url at it.`);
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
  const results = [];
  try {
    for (const path of opts.pages) {
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
    console.log(`    by kind: ${Object.entries(r.byType).map(([t, b]) => `${t} ${kb(b)}`).join(', ')}; fonts ${kb(fonts)}${fonts ? '' : ' (system fonts through local(): none downloaded)'}`);
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(ROOT, '.bench', `web-${stamp}.json`);
  await mkdir(dirname(out), { recursive: true });
  const failures = results.filter((r) => !r.pass).map((r) => `${r.page} (JavaScript ${r.javascript ? 'on' : 'off'}): ${kb(r.total)} > ${opts.budgetKb} KB`);
  await writeFile(out, JSON.stringify({ scenario: 'web', at: new Date().toISOString(), options: opts, results, ok: failures.length === 0, failures }, null, 2) + '\n');
  console.log(`\nwritten ${relative(ROOT, out)}`);
  if (failures.length) {
    console.log(`FAIL: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('OK');
  }
}

export { UsageError };
