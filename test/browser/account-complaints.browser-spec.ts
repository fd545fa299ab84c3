/**
 * "Your complaints" in the worker's account, in a real browser against the real api + worker + web:
 * a case filed from the account and decided by the ministry is read in the worker's language (stage,
 * the agency's answer, the shared note, the decision per allegation); information and a receipt are
 * added, and the decision appealed with grounds. Another worker's case is a 404 through the pages.
 * A complaint filed through the public pages while signed in lands in the account, and is withdrawn.
 * JavaScript on and off at phone width, in English and Nepali; axe on every page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ApiClient } from '@app/api-client';
import { Locale, translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { createWorker, fileFromAccount, h1, signInThroughPage, submit, text } from './support/account-fixtures';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { ContextOptions, describeContext, launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { stack } from './support/stack';
import { DEMO_PASSWORD, SHARED_NOTE, fileComplaint, movedComplaint } from './support/tracking-fixtures';

const t = (lang: Locale, key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
const RECEIPT = readFileSync(join(__dirname, 'fixtures', 'complaints', 'receipt.jpg'));
const GROUNDS = 'The agency kept my passport for three months; my sister saw it in their office.';

async function fits(page: Page): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
}

describe('your complaints, in your account', () => {
  let browser: Browser;
  let supervisor: ApiClient;
  beforeAll(async () => {
    [browser] = await Promise.all([launchBrowser(), seedDemoData()]);
    supervisor = await signedInApi('supervisor@demo.lcs', DEMO_PASSWORD);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['en', 'ne'] as const) {
    for (const js of [false, true]) {
      const o: ContextOptions = { js, viewport: 'phone', locale: lang === 'ne' ? 'ne-NP' : 'en-GB' };
      it(`in ${lang}, ${describeContext(o)}: reads the decided case and the agency's answer, adds information and a receipt, appeals; another's case is 404`, async () => {
        const worker = await createWorker(`cases-${lang}`, lang);
        const filed = await fileFromAccount(worker.accessToken, lang);
        await movedComplaint(lang, 'decided', { filed, supervisor });
        const strangers = await fileComplaint(lang); // filed by someone else, without an account
        const context = await newContext(browser, o);
        const page = await context.newPage();
        const watch = watchPage(page);
        try {
          await signInThroughPage(page, worker.email, undefined, lang);
          await Promise.all([page.waitForNavigation(), page.click(`main a[href="${ROUTES.accountComplaints}"]`)]);
          expect(await h1(page)).toBe(t(lang, 'account.complaints.title'));
          expect(await text(page, 'main table')).toContain(filed.reference);
          await expectNoAxeViolations(page);

          await Promise.all([page.waitForNavigation(), page.click(`main a[href="${ROUTES.accountComplaints}/${filed.id}"]`)]);
          expect(await h1(page)).toBe(t(lang, 'tracking.status.stage.decided.title'));
          expect(await text(page, '#agency-answer')).toContain('We never took any money from this worker.');
          expect(await text(page, 'main')).toContain(SHARED_NOTE);
          expect(await text(page, 'main')).toContain(t(lang, 'tracking.status.finding.violation'));
          expect(await text(page, 'main')).toContain(t(lang, 'tracking.status.finding.dismissed'));
          await fits(page);
          if (!js) await screenshot(page, `account-complaint-${lang}-phone-nojs`);
          await expectNoAxeViolations(page);
          const here = `${ROUTES.accountComplaints}/${filed.id}`;

          // Information: refused empty, then added (and shown in the history).
          expect((await submit(page, `${here}/information`))?.status()).toBe(400);
          expect(await text(page, '#information-text-error')).toContain(t(lang, 'account.complaints.information.missing'));
          await expectNoAxeViolations(page);
          await page.fill('#information-text', 'The agency phoned me twice to make me drop this complaint.');
          await submit(page, `${here}/information`);
          expect(page.url()).toBe(`${stack().webUrl}${here}`);
          expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.complaints.information.added'));
          expect(await text(page, '#history ~ dl')).toContain('The agency phoned me twice');

          // A receipt, as a file; its kind is asked.
          await page.setInputFiles('#evidence-file', { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: RECEIPT });
          expect((await submit(page, `${here}/evidence`))?.status()).toBe(400);
          expect(await text(page, '.govuk-error-summary')).toContain(t(lang, 'account.complaints.evidence.kindMissing'));
          await page.check('input[name="kind"][value="receipt"]');
          await page.setInputFiles('#evidence-file', { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: RECEIPT });
          await submit(page, `${here}/evidence`);
          expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.complaints.evidence.added'));
          expect(await page.locator('#documents + ul li').count()).toBe(1);

          // The appeal: grounds required, then sent.
          expect((await submit(page, `${here}/appeal`))?.status()).toBe(400);
          expect(await text(page, '#appeal-reason-error')).toContain(t(lang, 'account.complaints.appeal.missing'));
          await expectNoAxeViolations(page);
          await page.fill('#appeal-reason', GROUNDS);
          await submit(page, `${here}/appeal`);
          expect(await h1(page)).toBe(t(lang, 'tracking.status.stage.appealed.title'));
          expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.complaints.appeal.done'));
          expect(await page.$(`form[action="${here}/appeal"]`)).toBeNull();
          await expectNoAxeViolations(page);

          // Another's case, or no case: the page not found, whatever the form.
          for (const path of [
            `${ROUTES.accountComplaints}/${strangers.id}`,
            `${ROUTES.accountComplaints}/not-a-case`,
            `${ROUTES.accountComplaints}/${strangers.id}/withdraw`,
          ]) {
            const res = await page.goto(path);
            expect(res?.status()).toBe(404);
            expect(await h1(page)).toBe(t(lang, 'errors.notFound.title'));
          }
          expect(await text(page, 'main')).not.toContain(strangers.reference);
          expect(watch.problems().filter((p) => !p.includes('404'))).toEqual([]);
        } finally {
          await context.close();
        }
      }, 120_000);
    }
  }

  // Filing from the account: in English and Nepali, JavaScript off and on, at phone width (360x740).
  for (const [lang, js] of [
    ['en', false],
    ['en', true],
    ['ne', false],
    ['ne', true],
  ] as const) {
    const o: ContextOptions = { js, viewport: 'phone', locale: lang === 'ne' ? 'ne-NP' : 'en-GB' };
    it(`in ${lang}, ${describeContext(o)}: a complaint made through the public pages while signed in lands in the account, without a secret, and is withdrawn`, async () => {
      const worker = await createWorker(`file-signed-in-${lang}-${js ? 'js' : 'nojs'}`, lang);
      const context = await newContext(browser, o);
      const page = await context.newPage();
      const watch = watchPage(page);
      const go = async (label: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name: label, exact: true }).click()]);
      const next = () => go(t(lang, 'complaints.common.continue'));
      try {
        await signInThroughPage(page, worker.email, undefined, lang);
        await page.goto(`/complaints/new?lang=${lang}`);
        await expectNoAxeViolations(page);
        await Promise.all([page.waitForNavigation(), page.click('a.govuk-button--start')]);
        await page.check('input[name="who"][value="named"]');
        await next();
        await page.fill('#name', 'Maria Santos');
        await next();
        await page.check('input[name="protect"][value="no"]');
        await next();
        await go(t(lang, 'complaints.agency.unlicensedButton'));
        await page.fill('#description', 'A recruiter called Ramon at the Cubao bus terminal');
        await next();
        await page.check('input[name="categories"][value="other"]');
        await next();
        await page.fill('#facts', 'He took my money and never found me a job.');
        await next();
        await next(); // employer
        await page.check('input[name="abroad"][value="no"]');
        await next();
        await page.check('input[name="danger"][value="no"]');
        await next();
        await go(t(lang, 'complaints.evidence.continueWithout'));
        await next(); // contact
        await next(); // language
        expect(new URL(page.url()).pathname).toBe(ROUTES.complaintCheck);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await expectNoAxeViolations(page);
        await go(t(lang, 'complaints.check.send'));
        expect(new URL(page.url()).pathname).toBe(ROUTES.complaintConfirmation);
        expect(await page.$('#secret')).toBeNull();
        await expectNoAxeViolations(page);
        const link = await page.getAttribute(`main a[href^="${ROUTES.accountComplaints}/"]`, 'href');
        expect(link).toMatch(/^\/account\/complaints\/[0-9a-f-]{36}$/);

        await page.goto(link!);
        expect(await h1(page)).toBe(t(lang, 'tracking.status.stage.submitted.title'));
        await Promise.all([page.waitForNavigation(), page.click(`a[href="${link}/withdraw"]`)]);
        expect(await h1(page)).toBe(t(lang, 'account.complaints.withdraw.title'));
        await expectNoAxeViolations(page);
        await page.fill('#withdraw-reason', 'The recruiter gave my money back.');
        await submit(page, `${link}/withdraw`);
        expect(new URL(page.url()).pathname).toBe(link);
        expect(await h1(page)).toBe(t(lang, 'tracking.status.stage.closed.title'));
        expect(await text(page, 'main')).toContain(t(lang, 'tracking.status.outcome.withdrawn'));
        expect(await page.$(`a[href="${link}/withdraw"]`)).toBeNull();
        await expectNoAxeViolations(page);
        expect(await page.evaluate<number>('window.innerWidth')).toBe(360);
        await fits(page);
        expect(watch.problems()).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
