/**
 * Accessibility check with axe-core (its source injected with page.evaluate; @axe-core/playwright
 * needs Node 22): WCAG 2.0, 2.1 and 2.2 A and AA rules. Any violation fails, with the rule, its
 * help text and the elements concerned.
 *
 * With JavaScript off the page cannot run axe (no timers, no observers), so the page as it was
 * served is replayed, byte for byte, in a scripted context of the same size whose own scripts are
 * blocked: the same DOM, checked the same way.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
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

async function replayScripted(page: Page): Promise<AxeViolation[]> {
  const url = page.url();
  const html = await page.content();
  const source = page.context();
  const browser = source.browser();
  if (!browser) throw new Error('no browser behind this page');
  const viewport = page.viewportSize() ?? undefined;
  const replay = await browser.newContext({ javaScriptEnabled: true, viewport, locale: 'en-GB' });
  await replay.addCookies(await source.cookies());
  try {
    const copy = await replay.newPage();
    await copy.route('**/*', async (route) => {
      const request = route.request();
      if (request.resourceType() === 'document' && request.url() === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    await copy.goto(url, { waitUntil: 'load' });
    return await runAxe(copy);
  } finally {
    await replay.close();
  }
}

function describe(violations: AxeViolation[]): string {
  return violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `      ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`).join('\n')}`)
    .join('\n');
}

/** Fails when axe finds any WCAG 2.2 AA violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const js = scriptEnabled(page.context());
  const violations = js ? await runAxe(page) : await replayScripted(page);
  if (violations.length) throw new Error(`axe found ${violations.length} accessibility violation(s) on ${page.url()} (JavaScript ${js ? 'on' : 'off'}):\n${describe(violations)}`);
}
