import type { Browser } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe';
import { MATRIX, describeContext, launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';

/** What the start page must say in each language tested (the catalogue's own words). */
const EXPECTED = {
  en: { heading: 'Get help with recruitment and work abroad', agency: 'Check a recruitment agency', skip: 'Skip to main content' },
  ne: { heading: 'भर्ती र वैदेशिक रोजगारीसम्बन्धी सहायता', agency: 'भर्ती एजेन्सी जाँच्नुहोस्', skip: 'मुख्य सामग्रीमा जानुहोस्' },
} as const;

const ACTION_LINKS = ['/agencies', '/fees', '/complaints/new', '/complaints/follow'];

describe('the start page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['en', 'ne'] as const) {
    for (const options of MATRIX) {
      it(`in ${lang}, ${describeContext(options)}: says what a person can do, in their language, with 0 accessibility violations`, async () => {
        const context = await newContext(browser, options);
        try {
          const page = await context.newPage();
          const watch = watchPage(page);
          const response = await page.goto(`/?lang=${lang}`);
          expect(response?.status()).toBe(200);
          // Script only enhances: with it, GOV.UK Frontend starts; without it, nothing is missing.
          if (options.js) await page.waitForFunction("document.body.classList.contains('govuk-frontend-supported')");
          else expect(await page.getAttribute('body', 'class')).not.toContain('js-enabled');

          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          expect((await page.textContent('h1'))?.trim()).toBe(EXPECTED[lang].heading);
          expect(await page.title()).toContain(EXPECTED[lang].heading);
          // Every action links to the page the next step builds, with its title in this language.
          const links = await page.$$eval('.lcs-actions a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent?.trim() })));
          expect(links.map((l) => l.href)).toEqual(ACTION_LINKS);
          expect(links[0].text).toBe(EXPECTED[lang].agency);
          expect(await page.getAttribute(`a[href="/sign-in"]`, 'class')).toContain('govuk-link');

          await screenshot(page, `home-${lang}-${options.viewport}-${options.js ? 'js' : 'nojs'}`);

          // The skip link is the first thing a keyboard reaches, and it leads to the content.
          await page.keyboard.press('Tab');
          expect((await page.evaluate<string | null>('document.activeElement && document.activeElement.textContent'))?.trim()).toBe(EXPECTED[lang].skip);
          expect(await page.getAttribute('.govuk-skip-link', 'href')).toBe('#main-content');

          // The language links: one per language, each named in its own language; this one current.
          const languages = await page.$$eval('.govuk-language-navigation__list-item > *', (els) =>
            els.map((e) => ({ lang: e.getAttribute('lang'), current: e.getAttribute('aria-current') === 'true' })),
          );
          expect(languages.map((l) => l.lang)).toEqual(['en', 'fil', 'id', 'ne']);
          expect(languages.filter((l) => l.current).map((l) => l.lang)).toEqual([lang]);

          // The page fits a phone: nothing wider than the screen.
          const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
          expect(overflow).toBeLessThanOrEqual(0);

          await expectNoAxeViolations(page);
          expect(watch.problems()).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
