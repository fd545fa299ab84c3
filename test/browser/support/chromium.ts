/**
 * Debian's Chromium driven by playwright-core (no browser download: `npm test` installs the
 * `chromium` package with apt-get when it is missing). Contexts come in the combinations every
 * public page is tested in: JavaScript on and off, a phone (360x740) and a desktop (1280x800).
 */
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { stack } from './stack';

export const CHROMIUM_PATH = process.env.LCS_CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface ContextOptions {
  js: boolean;
  viewport: ViewportName;
  /** The browser's language (Accept-Language and navigator.language), e.g. 'ne-NP'. Default en-GB. */
  locale?: string;
}

/** Every combination a public page is checked in. */
export const MATRIX: readonly ContextOptions[] = [
  { js: false, viewport: 'phone' },
  { js: true, viewport: 'phone' },
  { js: false, viewport: 'desktop' },
  { js: true, viewport: 'desktop' },
];

/**
 * For a long journey in a second language: both script states and both sizes, in two runs
 * (JavaScript off on a phone, the worker's usual case; on at desktop size). Walking every
 * combination again in each language doubles the run's time and finds nothing new.
 */
export const SECOND_LANGUAGE_MATRIX: readonly ContextOptions[] = [
  { js: false, viewport: 'phone' },
  { js: true, viewport: 'desktop' },
];

/**
 * For a long journey in English: the two combinations the second language does not walk
 * (JavaScript on at phone size, off at desktop size). Together the four runs are a pairwise
 * covering of language x script x size: each language walks both script states and both sizes,
 * and each script state meets each size once. A fifth run (English, on, desktop) found nothing
 * the others do not, and CI's 30 minutes on two cores are the budget.
 */
export const FIRST_LANGUAGE_MATRIX: readonly ContextOptions[] = [
  { js: true, viewport: 'phone' },
  { js: false, viewport: 'desktop' },
];

/** The contexts a long journey is walked in, for this language: with the other language's, every combination. */
export const matrixFor = (lang: string): readonly ContextOptions[] => (lang === 'en' ? FIRST_LANGUAGE_MATRIX : SECOND_LANGUAGE_MATRIX);

export const describeContext = (o: ContextOptions): string => `JavaScript ${o.js ? 'on' : 'off'}, ${o.viewport}`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** Options a context for these settings is made with (also used to replay a page for axe). */
export function contextSettings(o: ContextOptions) {
  return {
    baseURL: stack().webUrl,
    javaScriptEnabled: o.js,
    viewport: VIEWPORTS[o.viewport],
    isMobile: o.viewport === 'phone',
    hasTouch: o.viewport === 'phone',
    deviceScaleFactor: 1,
    locale: o.locale ?? 'en-GB',
  };
}

const javaScriptOf = new WeakMap<BrowserContext, boolean>();

/** Whether a context made by newContext runs JavaScript. */
export function scriptEnabled(context: BrowserContext): boolean {
  const js = javaScriptOf.get(context);
  if (js === undefined) throw new Error('a context not made by newContext() (support/chromium.ts)');
  return js;
}

export async function newContext(browser: Browser, o: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(contextSettings(o));
  javaScriptOf.set(context, o.js);
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/**
 * Watches a page for what must never happen: a script error, a CSP violation, a console error,
 * a sub-resource (CSS, script, image) that fails. `problems()` lists them.
 */
export function watchPage(page: Page): { problems(): string[] } {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A failed load is reported by the response listener below (the page itself may be a 404 on purpose).
    if (/^Failed to load resource/.test(m.text())) return;
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // ERR_ABORTED is Chromium cancelling a request itself, when the page moves on before it ends
    // (a form posted while the favicon still loads): not an answer of ours. A failing server shows
    // as another error here, or as a 4xx/5xx below.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  return { problems: () => [...problems] };
}
