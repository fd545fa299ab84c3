/** The checks the other browser tests rely on can fail: a check that cannot fail proves nothing. */
import type { Browser } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';

describe('the browser test support', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const js of [true, false]) {
    it(`axe reports a violation (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { js, viewport: 'phone' });
      try {
        const page = await context.newPage();
        await page.goto('/');
        await expectNoAxeViolations(page);
        // Break the page: no language, an image without a text alternative.
        await page.evaluate(
          "document.documentElement.removeAttribute('lang'); document.querySelector('main').insertAdjacentHTML('afterbegin', '<img src=\"/assets/none.png\">')",
        );
        await expect(expectNoAxeViolations(page)).rejects.toThrow(/html-has-lang[\s\S]*image-alt|image-alt[\s\S]*html-has-lang/);
      } finally {
        await context.close();
      }
    });
  }

  it('the browser enforces the CSP: an inline script is refused, and the page watch reports it', async () => {
    const context = await newContext(browser, { js: true, viewport: 'desktop' });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto('/');
      await page.evaluate("var s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.appendChild(s)");
      expect(await page.evaluate('window.__inlineRan === true')).toBe(false);
      for (let i = 0; i < 50 && !watch.problems().length; i++) await new Promise((r) => setTimeout(r, 50));
      expect(watch.problems().join('\n')).toMatch(/Content Security Policy/);
    } finally {
      await context.close();
    }
  });
});
