/**
 * Accessibility check with axe-core (its source injected with page.evaluate; @axe-core/playwright
 * needs Node 22): WCAG 2.0, 2.1 and 2.2 A and AA rules. Any violation fails, with the rule, its
 * help text and the elements concerned.
 *
 * With JavaScript off the page cannot run axe (no timers, no observers), so the page as it was
 * served is replayed, byte for byte but for its script elements, into a scripted page of the same
 * size on the web's origin: the same DOM, checked the same way. One such replay page per browser
 * and viewport is kept and reused, with its HTTP cache on (a new context for every page visited
 * was most of the browser suite's time; intercepting every request of the replay, much of the rest).
 *
 * A page checked once is not checked again: the answer is kept per viewport, script state and
 * document (the markup with what differs between runs of the same page blanked: `markupKey`),
 * since the same DOM at the same size gives the same result. Journeys walk the same pages in many
 * tests, each with its own names, markers and references.
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
  /** One replay at a time (a test may check two pages at once). */
  queue: Promise<unknown>;
}

const replayers = new WeakMap<Browser, Map<string, Promise<Replayer>>>();

/** Where a replayer's page sits: an empty document of the web's own origin, with no policy of its own. */
const REPLAY_PATH = '/__axe-replay';

/**
 * A scripted page of the given size on the web's origin. It is routed once, to open the empty
 * document; the route is then removed, because Playwright turns the HTTP cache off while any route
 * is set: each replay would fetch (and intercept) every stylesheet, font and image again.
 */
async function openReplayer(browser: Browser, viewport: { width: number; height: number } | undefined, origin: string): Promise<Replayer> {
  const context: BrowserContext = await browser.newContext({ javaScriptEnabled: true, viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const url = `${origin}${REPLAY_PATH}`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>replay</title>' }));
  await page.goto(url, { waitUntil: 'load' });
  await page.unroute(url);
  return { page, queue: Promise.resolve() };
}

function replayerFor(browser: Browser, viewport: { width: number; height: number } | undefined, origin: string): Promise<Replayer> {
  let byViewport = replayers.get(browser);
  if (!byViewport) replayers.set(browser, (byViewport = new Map()));
  const key = `${origin}|${viewport ? `${viewport.width}x${viewport.height}` : 'default'}`;
  let replayer = byViewport.get(key);
  if (!replayer) byViewport.set(key, (replayer = openReplayer(browser, viewport, origin)));
  return replayer;
}

/**
 * The page as served, written into the replayer's document without its scripts (every script of
 * the web is an external file, and a browser with JavaScript off runs none of them): the same DOM
 * as the reader's, checked with axe. Its stylesheets, fonts and images come from the web's origin
 * through the replayer's HTTP cache.
 */
async function replayScripted(page: Page, html: string): Promise<AxeViolation[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser behind this page');
  const replayer = await replayerFor(browser, page.viewportSize() ?? undefined, new URL(page.url()).origin);
  const withoutScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const run = replayer.queue.then(async () => {
    await replayer.page.setContent(withoutScripts, { waitUntil: 'load' });
    // Checked without its styles, a page would pass or fail for nothing (contrast, target sizes).
    const unstyled = await replayer.page.evaluate<string[]>(
      "Array.from(document.querySelectorAll('link[rel=stylesheet]')).filter(function (l) { return !l.sheet || !l.sheet.cssRules.length; }).map(function (l) { return l.href; })",
    );
    if (unstyled.length) throw new Error(`the replay of ${page.url()} for axe has stylesheets that did not load: ${unstyled.join(', ')}`);
    return runAxe(replayer.page);
  });
  replayer.queue = run.catch(() => undefined);
  return run;
}

/** Pages already checked: viewport, script state and markup (per-run values blanked). */
const checked = new Set<string>();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** The tests' run markers (`randomBytes(4).toString('hex')`) wherever they stand. */
const MARKER = /\b[0-9a-f]{8}\b/g;

/**
 * The markup as axe sees it, without what differs from run to run and not in shape: the CSRF
 * token, the value typed into a field (kept empty or not: an empty button value is a finding),
 * identifiers and the tests' markers, and the digits of the text (dates, amounts, references),
 * each replaced by a stand-in of the same length so that the text wraps the same way. Tags keep
 * their digits (an id repeated is a finding). Two pages with the same key are the same page
 * filled in differently, and get the same answer from axe.
 */
export function markupKey(html: string): string {
  const sameLength = (m: string) => 'x'.repeat(m.length);
  return html
    .split(/(<[^>]*>)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
            .replace(/\bvalue="([^"]*)"/g, (_m, v: string) => `value="${v ? sameLength(v) : ''}"`)
            .replace(UUID, sameLength)
            .replace(MARKER, sameLength)
        : part.replace(UUID, sameLength).replace(MARKER, sameLength).replace(/\d/g, '0'),
    )
    .join('');
}

function documentKey(page: Page, js: boolean, html: string): string {
  const viewport = page.viewportSize();
  return `${js}|${viewport?.width}x${viewport?.height}|${createHash('sha256').update(markupKey(html)).digest('hex')}`;
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
