import type { Browser } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';

const HEADINGS = {
  en: 'Get help with recruitment and work abroad',
  fil: 'Tulong sa recruitment at sa pagtatrabaho sa ibang bansa',
  id: 'Bantuan seputar perekrutan dan bekerja di luar negeri',
  ne: 'भर्ती र वैदेशिक रोजगारीसम्बन्धी सहायता',
} as const;

describe('choosing a language', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['ne-NP', 'ne'],
    ['id-ID', 'id'],
    ['fil-PH', 'fil'],
    ['fr-FR', 'en'],
  ] as const)("defaults to the browser's language (%s → %s)", async (locale, expected) => {
    const context = await newContext(browser, { js: false, viewport: 'phone', locale });
    try {
      const page = await context.newPage();
      await page.goto('/');
      expect(await page.getAttribute('html', 'lang')).toBe(expected);
      expect((await page.textContent('h1'))?.trim()).toBe(HEADINGS[expected]);
    } finally {
      await context.close();
    }
  });

  for (const js of [false, true]) {
    it(`a language link on the page switches the language and the choice is remembered (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { js, viewport: 'phone', locale: 'en-GB' });
      try {
        const page = await context.newPage();
        const watch = watchPage(page);
        await page.goto('/');
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        await Promise.all([page.waitForURL('**/?lang=ne'), page.click('a[hreflang="ne"]')]);
        expect(await page.getAttribute('html', 'lang')).toBe('ne');
        expect((await page.textContent('h1'))?.trim()).toBe(HEADINGS.ne);

        const cookie = (await context.cookies()).find((c) => c.name === 'lcs_lang');
        expect(cookie).toMatchObject({ value: 'ne', httpOnly: true, sameSite: 'Lax', path: '/' });
        // Remembered: the next visit without ?lang, whatever the browser says, is in Nepali.
        await page.goto('/');
        expect(await page.getAttribute('html', 'lang')).toBe('ne');
        // ...and an unknown page too.
        const missing = await page.goto('/no-such-page');
        expect(missing?.status()).toBe(404);
        expect(await page.getAttribute('html', 'lang')).toBe('ne');
        expect(watch.problems()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('the language page is a form (POST, CSRF token, then back where the reader was)', async () => {
    const context = await newContext(browser, { js: false, viewport: 'phone' });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto('/');
      await Promise.all([page.waitForURL('**/language?returnTo=*'), page.click('footer a[href^="/language"]')]);
      expect((await page.textContent('h1'))?.trim()).toBe('Choose your language');
      expect(await page.inputValue('input[name="_csrf"]')).toMatch(/.{20,}/);
      await expectNoAxeViolations(page);
      await screenshot(page, 'language-en-phone-nojs');
      // Each language named in itself, marked with its own lang for screen readers.
      expect(await page.getAttribute('label[for="lang-4"]', 'lang')).toBe('ne');

      await page.check('input[name="lang"][value="fil"]');
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('button[type="submit"]')]);
      expect(response.status()).toBe(303);
      await page.waitForURL((u) => u.pathname === '/');
      expect(await page.getAttribute('html', 'lang')).toBe('fil');
      expect((await page.textContent('h1'))?.trim()).toBe(HEADINGS.fil);
      expect(watch.problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the language form without a choice says what is wrong, in the reader's language", async () => {
    const context = await newContext(browser, { js: true, viewport: 'desktop' });
    try {
      const page = await context.newPage();
      await page.goto('/language?lang=id');
      // The reader's language comes preselected; a person cannot uncheck a radio, a script can.
      await page.evaluate("document.querySelectorAll('input[name=lang]').forEach(function (i) { i.checked = false; })");
      const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('button[type="submit"]')]);
      expect(refused.status()).toBe(400);
      expect((await page.textContent('.govuk-error-summary__title'))?.trim()).toBe('Ada masalah');
      expect((await page.textContent('.govuk-error-message'))?.trim()).toContain('Pilih bahasa');
      expect(await page.getAttribute('html', 'lang')).toBe('id');
      expect(await page.$$eval('input[name="lang"]:checked', (els) => els.length)).toBe(0);
      await expectNoAxeViolations(page);
      await screenshot(page, 'language-error-id-desktop-js');
    } finally {
      await context.close();
    }
  });
});
