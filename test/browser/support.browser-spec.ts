/** The checks the other browser tests rely on can fail: a check that cannot fail proves nothing. */
import type { Browser } from 'playwright-core';
import { expectNoAxeViolations, markupKey } from './support/axe';
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

  it("axe's memory of pages checked tells the same page filled in differently from a different page", () => {
    const page = (name: string, reference: string, id = 'name', value = 'Send') =>
      `<main><h1>Case ${reference}</h1><p>Maria Santos ${name}</p><input id="${id}" value="${name}"><input id="other"><input type="submit" value="${value}"></main>`;
    // Another run's marker, reference and typed value: the same page.
    expect(markupKey(page('3fa9c2d1', 'CMP-2026-000123'))).toBe(markupKey(page('a0b1c2d3', 'CMP-2026-000987')));
    // An id repeated, or a button with no words, is another page (and may be a finding).
    expect(markupKey(page('3fa9c2d1', 'CMP-2026-000123', 'other'))).not.toBe(markupKey(page('3fa9c2d1', 'CMP-2026-000123')));
    expect(markupKey(page('3fa9c2d1', 'CMP-2026-000123', 'name', ''))).not.toBe(markupKey(page('3fa9c2d1', 'CMP-2026-000123')));
    // Other words are another page.
    expect(markupKey(page('3fa9c2d1', 'CMP-2026-000123').replace('Case', 'Claim'))).not.toBe(markupKey(page('3fa9c2d1', 'CMP-2026-000123')));
  });

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
