import type { Browser } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { stack } from './support/stack';

describe('error pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['en', 'Page not found', 'Go to the start page'],
    ['fil', 'Hindi mahanap ang pahina', 'Pumunta sa unang pahina'],
    ['id', 'Halaman tidak ditemukan', 'Ke halaman awal'],
    ['ne', 'पृष्ठ भेटिएन', 'सुरु पृष्ठमा जानुहोस्'],
  ] as const)("a page that does not exist answers 404 with a page in the reader's language (%s)", async (lang, heading, home) => {
    const context = await newContext(browser, { js: false, viewport: 'phone' });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      const response = await page.goto(`/complaints/nowhere?lang=${lang}`);
      expect(response?.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect((await page.textContent('h1'))?.trim()).toBe(heading);
      expect((await page.textContent('main a[href="/"]'))?.trim()).toBe(home);
      await expectNoAxeViolations(page);
      expect(watch.problems()).toEqual([]);
      await screenshot(page, `not-found-${lang}-phone-nojs`);
    } finally {
      await context.close();
    }
  });

  it('an unknown asset is a 404 page too, not a stack trace', async () => {
    const res = await fetch(`${stack().webUrl}/assets/application.0000000000.css`, { headers: { 'accept-language': 'id' } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Halaman tidak ditemukan');
    expect(html).not.toMatch(/at .*\.(js|ts):\d+|Error:/);
  });

  it('a request body the web does not take (JSON) is refused with a page, not a stack trace', async () => {
    const res = await fetch(`${stack().webUrl}/language`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lang":"ne"}' });
    expect(res.status).toBe(415);
    expect(await res.text()).toContain('Sorry, we could not understand that request');
  });

  it('/health/live answers for the web process', async () => {
    const res = await fetch(`${stack().webUrl}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${stack().webUrl}/health/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { redis: { status: 'up' }, api: { status: 'up' } } });
  });
});
