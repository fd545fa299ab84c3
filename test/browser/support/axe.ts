/**
 * Accessibility check with axe-core (its source injected with page.evaluate; @axe-core/playwright
 * needs Node 22): WCAG 2.0, 2.1 and 2.2 A and AA rules. Any violation fails, with the rule, its
 * help text and the elements concerned.
 *
 * With JavaScript off the page cannot run axe (no timers, no observers), so the page as it was
 * served is replayed, byte for byte, in a scripted context of the same size whose own scripts are
 * blocked: the same DOM, checked the same way. One such replay context per browser and viewport
 * is kept and reused (a new context for every page visited was most of the browser suite's time).
 *
 * A page checked once is not checked again: the answer is kept per viewport, script state and
 * document (the markup with its per-request values, CSRF tokens, blanked), since the same DOM at
 * the same size gives the same result. Journeys walk the same pages in many tests.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { scriptEnabled } from './chromium';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page (this program has no DOM types): the violations, made plain.
  const options = JSON.stringify({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] });
  return page.evaluate<AxeViolation[]>(
    `axe.run(document, ${options}).then(function (r) { return r.violations.map(function (v) { return { id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map(function (n) { return { target: n.target, failureSummary: n.failureSummary }; }) }; }); })`,
  );
}

interface Replayer {
  page: Page;
  /** What the next navigation to `url` is answered with. */
  serve: { url: string; html: string } | null;
  /** One replay at a time (a test may check two pages at once). */
  queue: Promise<unknown>;
}

const replayers = new WeakMap<Browser, Map<string, Promise<Replayer>>>();

async function openReplayer(browser: Browser, viewport: { width: number; height: number } | undefined): Promise<Replayer> {
  const context: BrowserContext = await browser.newContext({ javaScriptEnabled: true, viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const replayer: Replayer = { page, serve: null, queue: Promise.resolve() };
  await page.route('**/*', async (route) => {
    const request = route.request();
    const serve = replayer.serve;
    if (request.resourceType() === 'document' && serve && request.url() === serve.url)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: serve.html });
    if (request.resourceType() === 'script') return route.abort();
    return route.continue();
  });
  return replayer;
}

function replayerFor(browser: Browser, viewport: { width: number; height: number } | undefined): Promise<Replayer> {
  let byViewport = replayers.get(browser);
  if (!byViewport) replayers.set(browser, (byViewport = new Map()));
  const key = viewport ? `${viewport.width}x${viewport.height}` : 'default';
  let replayer = byViewport.get(key);
  if (!replayer) byViewport.set(key, (replayer = openReplayer(browser, viewport)));
  return replayer;
}

async function replayScripted(page: Page, html: string): Promise<AxeViolation[]> {
  const url = page.url();
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser behind this page');
  const replayer = await replayerFor(browser, page.viewportSize() ?? undefined);
  const cookies = await page.context().cookies();
  const run = replayer.queue.then(async () => {
    const context = replayer.page.context();
    await context.clearCookies();
    await context.addCookies(cookies);
    replayer.serve = { url, html };
    try {
      await replayer.page.goto(url, { waitUntil: 'load' });
      return await runAxe(replayer.page);
    } finally {
      replayer.serve = null;
    }
  });
  replayer.queue = run.catch(() => undefined);
  return run;
}

/** Pages already checked: viewport, script state and markup (per-request values blanked). */
const checked = new Set<string>();

function documentKey(page: Page, js: boolean, html: string): string {
  const viewport = page.viewportSize();
  const markup = html.replace(/(name="_csrf"[^>]*value=")[^"]*"/g, '$1"').replace(/(value="[^"]*"[^>]*name="_csrf")/g, 'name="_csrf"');
  return `${js}|${viewport?.width}x${viewport?.height}|${createHash('sha256').update(markup).digest('hex')}`;
}

function describe(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `      ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`).join('\n')}`,
    )
    .join('\n');
}

/** Fails when axe finds any WCAG 2.2 AA violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const js = scriptEnabled(page.context());
  const html = await page.content();
  const key = documentKey(page, js, html);
  if (checked.has(key)) return;
  const violations = js ? await runAxe(page) : await replayScripted(page, html);
  if (violations.length)
    throw new Error(`axe found ${violations.length} accessibility violation(s) on ${page.url()} (JavaScript ${js ? 'on' : 'off'}):\n${describe(violations)}`);
  checked.add(key);
}
