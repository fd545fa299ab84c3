/**
 * "Check an agency", walked as a person would: search by name (with suggestions as you type when
 * script runs), open an agency's page, search by licence number, open a licence's permanent
 * address (as a QR code would), the lists of suspended and revoked agencies, and the mistakes
 * (too short a name, a mistyped number, a number no licence has). Every journey with JavaScript
 * on and off, on a phone and a desktop, in English and Nepali; axe finds nothing on any page.
 */
import type { Browser, Page } from 'playwright-core';
import { Locale, formatDate, translator } from '@app/i18n';
import { formatLicenseNumber } from '../../libs/agencies/src/licensing/license-number';
import { AgencyFixtures, createAgencyFixtures } from './support/agencies-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { ContextOptions, MATRIX, describeContext, launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';

jest.setTimeout(240_000);

/** A well-formed number (its check digit holds) that no licence has; and one with a wrong check digit. */
const UNKNOWN_NUMBER = formatLicenseNumber('PH-LRA', 2026, 99_999);
const MISTYPED_NUMBER = UNKNOWN_NUMBER.replace(/\d$/, (d) => String((Number(d) + 1) % 10));

const NEPALI_SCREENSHOTS = ['results', 'suspended', 'error-number'];

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
const texts = async (page: Page, selector: string) =>
  (await page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''))).map((s) => s.replace(/\s+/g, ' ').trim());
const mainText = (page: Page) => text(page, 'main');

describe('check an agency', () => {
  let browser: Browser;
  let fx: AgencyFixtures;

  beforeAll(async () => {
    [browser, fx] = await Promise.all([launchBrowser(), createAgencyFixtures()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['en', 'ne'] as const satisfies readonly Locale[]) {
    for (const options of MATRIX) {
      it(`in ${lang}, ${describeContext(options)}: search by name and by number, the agency pages, the lists and the mistakes`, async () => {
        const t = translator(lang);
        const context = await newContext(browser, options);
        const page = await context.newPage();
        const watch = watchPage(page);
        /**
         * Screenshots at phone width with JavaScript off (the suggestions with it on): every page in
         * English, a few in Nepali (LCS_SCREENSHOT_DIR=docs/screenshots refreshes the README's).
         */
        const shoot = async (name: string, when: Partial<ContextOptions> = { js: false }) => {
          if (options.viewport !== 'phone' || options.js !== when.js) return;
          if (lang === 'en') await screenshot(page, `agencies-${name}`);
          else if (NEPALI_SCREENSHOTS.includes(name)) await screenshot(page, `agencies-${name}-${lang}`);
        };
        const checkPage = async (name: string, when?: Partial<ContextOptions>) => {
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          // The page fits a phone: nothing wider than the screen.
          expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
          await shoot(name, when);
          await expectNoAxeViolations(page);
        };
        const submitSearch = async (value: string) => {
          await page.fill('#q', value);
          await Promise.all([page.waitForNavigation(), page.click('form.lcs-agency-search button')]);
        };
        try {
          // 1. The search page.
          let response = await page.goto(`/agencies?lang=${lang}`);
          expect(response?.status()).toBe(200);
          if (options.js) await page.waitForFunction("document.body.classList.contains('govuk-frontend-supported')");
          expect(await text(page, 'h1')).toBe(t('agencies.search.title'));
          expect(await page.title()).toContain(t('agencies.search.title'));
          expect(await text(page, 'label[for="q"]')).toBe(t('agencies.search.label'));
          expect(await page.isHidden('#agency-suggestions')).toBe(true);
          await checkPage('search');

          // 2. Search by name. With script, the names appear as one types (announced politely).
          await page.fill('#q', fx.word);
          if (options.js) {
            await page.waitForSelector('#agency-suggestions:not([hidden]) li:nth-child(4)');
            const suggested = await texts(page, '#agency-suggestions li');
            for (const name of [fx.active.legalName, fx.suspended.legalName, fx.revoked.legalName, fx.unlicensedName])
              expect(suggested.some((s) => s.includes(name))).toBe(true);
            expect(suggested.find((s) => s.includes(fx.suspended.legalName))).toContain(t('agencies.status.suspended.tag'));
            expect(await text(page, '.lcs-agency-search [role="status"]')).toBe(t('agencies.suggestions.count', { count: 4 }));
            expect(await page.getAttribute(`#agency-suggestions a:text-is("${fx.active.legalName}")`, 'href')).toBe(`/agencies/licenses/${fx.active.number}`);
            await checkPage('suggestions', { js: true });
            // Fewer than three letters: the suggestions go away.
            await page.fill('#q', fx.word.slice(0, 2));
            await page.waitForSelector('#agency-suggestions', { state: 'hidden' });
            await page.fill('#q', fx.word);
            await page.waitForSelector('#agency-suggestions:not([hidden]) li:nth-child(4)');
          } else {
            expect(await page.isHidden('#agency-suggestions')).toBe(true);
          }
          await Promise.all([page.waitForURL(/\/agencies\?q=/), page.click('form.lcs-agency-search button')]);
          expect(new URL(page.url()).searchParams.get('q')).toBe(fx.word);
          expect(await text(page, '#results')).toBe(t('agencies.results.heading', { count: 4, query: fx.word }));
          const results = await texts(page, 'main ul.govuk-list li');
          const resultFor = (name: string) => results.find((r) => r.startsWith(name)) ?? `(no result for ${name} in ${JSON.stringify(results)})`;
          expect(resultFor(fx.active.legalName)).toContain(t('agencies.status.active.tag'));
          expect(resultFor(fx.suspended.legalName)).toContain(t('agencies.status.suspended.summary', { date: formatDate(fx.suspended.until, lang) }));
          expect(resultFor(fx.revoked.legalName)).toContain(t('agencies.status.revoked.tag'));
          expect(resultFor(fx.unlicensedName)).toContain(t('agencies.status.none.summary'));
          // An agency without a licence has no page to link to.
          expect(await page.$(`main a:text-is("${fx.unlicensedName}")`)).toBeNull();
          await checkPage('results');

          // 3. The active agency's page, from the results: it may recruit; its licence, branches and record.
          await Promise.all([page.waitForURL(`**/agencies/licenses/${fx.active.number}`), page.click(`main a:text-is("${fx.active.legalName}")`)]);
          expect(await text(page, 'h1')).toBe(fx.active.legalName);
          let main = await mainText(page);
          expect(main).toContain(t('agencies.verdict.may'));
          expect(main).not.toContain(t('agencies.verdict.mayNot'));
          expect(main).toContain(t('agencies.license.types.regular'));
          expect(main).toContain(t('agencies.suspensions.none'));
          const branches = await texts(page, 'main ul.govuk-list--spaced li');
          expect(branches).toEqual(
            expect.arrayContaining([
              `${t('agencies.branches.open')} ${fx.active.branches.open}`,
              `${t('agencies.branches.closed')} ${fx.active.branches.closed}`,
            ]),
          );
          expect(await texts(page, 'main dl.govuk-summary-list .govuk-summary-list__key')).toEqual(
            expect.arrayContaining([
              t('agencies.scorecard.openComplaints.label'),
              t('agencies.scorecard.decidedViolations.label'),
              t('agencies.scorecard.deployments.label'),
            ]),
          );
          expect(await page.getAttribute(`main a:text-is("${t('agencies.next.complain')}")`, 'href')).toBe(`/complaints/new?licenseNumber=${fx.active.number}`);
          expect(await page.getAttribute(`main a:text-is("${t('agencies.next.fees')}")`, 'href')).toBe('/fees');
          await checkPage('active');

          // 4. Search by licence number, typed as a person might (lower case, spaces): straight to its page.
          await page.goto('/agencies');
          await Promise.all([
            page.waitForURL(`**/agencies/licenses/${fx.suspended.number}`),
            page.fill('#q', fx.suspended.number.toLowerCase().replace(/-/g, ' ')).then(() => page.click('form.lcs-agency-search button')),
          ]);
          expect(await text(page, 'h1')).toBe(fx.suspended.legalName);
          main = await mainText(page);
          expect(main).toContain(t('agencies.verdict.mayNot'));
          expect(main).toContain(t('agencies.status.suspended.reason', { date: formatDate(fx.suspended.until, lang) }));
          expect(main).toContain(t('agencies.license.types.provisional'));
          expect(await text(page, 'main table tbody')).toContain(t('agencies.suspensions.ongoing'));
          await checkPage('suspended');

          // 5. A revoked licence at its permanent address (as its certificate's QR code leads), in lower case: one address per licence.
          response = await page.goto(`/agencies/licenses/${fx.revoked.number.toLowerCase()}`);
          expect(response?.status()).toBe(200);
          expect(new URL(page.url()).pathname).toBe(`/agencies/licenses/${fx.revoked.number}`);
          main = await mainText(page);
          expect(main).toContain(t('agencies.verdict.mayNot'));
          expect(main).toContain(t('agencies.revocation.ground', { reason: fx.revoked.ground }));
          expect(main).toContain(t('agencies.revocation.heading'));
          expect(main).toContain(t('agencies.status.revoked.tag'));
          await checkPage('revoked');

          // 6. The lists: suspended now, revoked.
          response = await page.goto('/agencies/suspended');
          expect(response?.status()).toBe(200);
          expect(await text(page, 'h1')).toBe(t('agencies.list.suspended.title'));
          let names = await texts(page, 'main h2 a');
          expect(names).toContain(fx.suspended.legalName);
          expect(names).not.toContain(fx.active.legalName);
          expect(names).not.toContain(fx.revoked.legalName);
          expect(await page.getAttribute(`main a:text-is("${fx.suspended.legalName}")`, 'href')).toBe(`/agencies/licenses/${fx.suspended.number}`);
          await checkPage('list-suspended');
          response = await page.goto('/agencies/revoked');
          expect(response?.status()).toBe(200);
          expect(await text(page, 'h1')).toBe(t('agencies.list.revoked.title'));
          names = await texts(page, 'main h2 a');
          expect(names).toContain(fx.revoked.legalName);
          expect(names).not.toContain(fx.suspended.legalName);
          await checkPage('list-revoked');
          expect((await page.goto('/agencies/revoked?page=999'))?.status()).toBe(404);
          expect((await page.goto('/agencies/revoked?page=first'))?.status()).toBe(404);

          // 7. Mistakes. Too short a name: said next to the field, plainly.
          await page.goto('/agencies');
          await submitSearch('ab');
          expect(await text(page, '.govuk-error-summary')).toContain(t('agencies.search.errors.tooShort', { min: 3 }));
          expect(await text(page, '#q-error')).toContain(t('agencies.search.errors.tooShort', { min: 3 }));
          expect(await page.title()).toContain(t('agencies.errorTitle', { title: t('agencies.search.title') }));
          expect(await page.inputValue('#q')).toBe('ab');
          await checkPage('error-short');

          // A mistyped number (its check digit fails): 400, with the error on the field and the number kept to correct.
          await page.goto('/agencies');
          await submitSearch(MISTYPED_NUMBER);
          expect(new URL(page.url()).pathname).toBe(`/agencies/licenses/${MISTYPED_NUMBER}`);
          expect(await text(page, '#q-error')).toContain(t('agencies.search.errors.invalidNumber'));
          expect(await page.inputValue('#q')).toBe(MISTYPED_NUMBER);
          response = await page.goto(`/agencies/licenses/${MISTYPED_NUMBER}`);
          expect(response?.status()).toBe(400);
          await checkPage('error-number');

          // A well-formed number no licence has: "no licence has this number", 404.
          response = await page.goto(`/agencies/licenses/${UNKNOWN_NUMBER}`);
          expect(response?.status()).toBe(404);
          expect(await text(page, 'h1')).toBe(t('agencies.notFound.title'));
          expect(await mainText(page)).toContain(t('agencies.notFound.number', { number: UNKNOWN_NUMBER }));
          await checkPage('not-found');

          // A load cut short by the next navigation (the favicon, a suggestion being fetched) is no fault.
          expect(watch.problems().filter((p) => !/\(net::ERR_ABORTED\)$/.test(p))).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
