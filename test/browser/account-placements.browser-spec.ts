/**
 * "Your placements and fees" in the worker's account, in a real browser against the real api +
 * worker + web: a placement an agency recorded with the worker's address, its overcharge and the
 * refund order owed; "this is not what I paid" files a statement that the API compares with the
 * agency's receipts, flags, and turns into a case in the worker's complaints. Another worker's
 * placement is a 404 through the pages. JavaScript on and off at phone width, in English and
 * Nepali; axe on every page.
 */
import type { ApiClient } from '@app/api-client';
import type { Browser } from 'playwright-core';
import { Locale, formatMoney, translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { createWorker, h1, overchargedPlacement, signInThroughPage, submit, text } from './support/account-fixtures';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { ContextOptions, describeContext, launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { DEMO_PASSWORD } from './support/tracking-fixtures';

const t = (lang: Locale, key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);

describe('your placements and fees, in your account', () => {
  let browser: Browser;
  let agency: ApiClient;
  beforeAll(async () => {
    [browser] = await Promise.all([launchBrowser(), seedDemoData()]);
    agency = await signedInApi('admin@bayanihan.demo.lcs', DEMO_PASSWORD);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['en', 'ne'] as const) {
    for (const js of [false, true]) {
      const o: ContextOptions = { js, viewport: 'phone', locale: lang === 'ne' ? 'ne-NP' : 'en-GB' };
      it(`in ${lang}, ${describeContext(o)}: sees the overcharge and the refund owed, states what was really paid; another's placement is 404`, async () => {
        const worker = await createWorker(`fees-${lang}`, lang);
        const mine = await overchargedPlacement(agency, worker.email);
        const others = await overchargedPlacement(agency, null);
        const context = await newContext(browser, o);
        const page = await context.newPage();
        const watch = watchPage(page);
        try {
          await signInThroughPage(page, worker.email, undefined, lang);
          await Promise.all([page.waitForNavigation(), page.click(`main a[href="${ROUTES.accountPlacements}"]`)]);
          expect(await h1(page)).toBe(t(lang, 'account.placements.title'));
          expect(await text(page, 'main table')).toContain(mine.reference);
          expect(await text(page, 'main')).not.toContain(others.reference);
          await expectNoAxeViolations(page);

          const here = `${ROUTES.accountPlacements}/${mine.id}`;
          await Promise.all([page.waitForNavigation(), page.click(`main a[href="${here}"]`)]);
          expect(await text(page, '#assessment ~ .govuk-warning-text')).toContain(t(lang, 'account.placements.violations'));
          expect(await page.locator('#excess li').count()).toBeGreaterThan(0);
          expect(await text(page, '#refunds ~ .lcs-table-scroll table')).toContain(mine.refundReference);
          expect(await text(page, '#refunds ~ .lcs-table-scroll table')).toContain(t(lang, 'account.placements.states.open'));
          if (!js) await screenshot(page, `account-placement-${lang}-phone-nojs`);
          await expectNoAxeViolations(page);

          // "This is not what I paid": an amount that is none is refused; then more than declared.
          // (Followed by its address: Nepali text in the machine's fallback fonts can leave a link no clickable point.)
          expect(await page.getAttribute(`main a[href="${here}/statement"]`, 'class')).toBe('govuk-link');
          await page.goto(`${here}/statement`);
          expect(await h1(page)).toBe(t(lang, 'account.placements.statement.title'));
          await expectNoAxeViolations(page);
          await page.fill('#paid-0', 'sixty thousand');
          expect((await submit(page, `${here}/statement`))?.status()).toBe(400);
          expect(await text(page, '#paid-0-error')).toContain(t(lang, 'account.placements.statement.amountInvalid'));
          await expectNoAxeViolations(page);
          await page.fill('#paid-0', '75000');
          await page.selectOption('#extra-item', 'medical-examination');
          await page.fill('#extra-amount', '5000');
          await submit(page, `${here}/statement`);
          expect(new URL(page.url()).pathname).toBe(here);
          expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.placements.statement.flagged'));
          expect(await text(page, '#statement ~ ul')).toContain(formatMoney('7500000', 'PHP', lang).replace(/\s+/g, ' '));
          await expectNoAxeViolations(page);

          // The case the statement opened is the worker's (the worker process opens it from the event).
          let listed = false;
          for (let i = 0; i < 40 && !listed; i++) {
            await page.goto(ROUTES.accountComplaints);
            listed = (await page.$('main table')) !== null;
            if (!listed) await page.waitForTimeout(500);
          }
          expect(listed).toBe(true);

          for (const path of [
            `${ROUTES.accountPlacements}/${others.id}`,
            `${ROUTES.accountPlacements}/${others.id}/statement`,
            `${ROUTES.accountPlacements}/nothing-here`,
          ]) {
            const res = await page.goto(path);
            expect(res?.status()).toBe(404);
            expect(await h1(page)).toBe(t(lang, 'errors.notFound.title'));
          }
          expect(watch.problems().filter((p) => !p.includes('404'))).toEqual([]);
        } finally {
          await context.close();
        }
      }, 120_000);
    }
  }
});
