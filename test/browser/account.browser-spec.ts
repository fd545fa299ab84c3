/**
 * The worker's account in a real browser against the real api + worker + web: register, open the
 * mailed verification link (the token leaves the address bar at once; no referrer), the account
 * page, changing one's details (name, phone, language) and password, signing out and in again.
 * JavaScript on and off, at phone width, in English and Nepali; axe on every page.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { Locale, translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { h1, mailedLink, newEmail, submit, text } from './support/account-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { ContextOptions, describeContext, launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { stack } from './support/stack';

const t = (lang: Locale, key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
const PASSWORD = 'tahanan sa Maynila 2026';
const NEW_PASSWORD = 'a quiet river in Pokhara';

describe("the worker's account: register, verify, details, password, sign out and in", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['en', 'ne'] as const) {
    for (const js of [false, true]) {
      const o: ContextOptions = { js, viewport: 'phone', locale: lang === 'ne' ? 'ne-NP' : 'en-GB' };
      it(`in ${lang}, ${describeContext(o)}`, async () => {
        const context: BrowserContext = await newContext(browser, o);
        const page = await context.newPage();
        const watch = watchPage(page);
        const email = newEmail(`register-${lang}`);
        try {
          // Register: the empty form is refused field by field; a common password by the API's rule.
          expect((await page.goto(`${ROUTES.accountRegister}?lang=${lang}`))?.status()).toBe(200);
          expect(await h1(page)).toBe(t(lang, 'account.register.title'));
          expect(await page.isChecked(`input[name="language"][value="${lang}"]`)).toBe(true);
          await expectNoAxeViolations(page);
          expect((await submit(page, ROUTES.accountRegister))?.status()).toBe(400);
          expect(await text(page, '.govuk-error-summary')).toContain(t(lang, 'account.fields.name.missing'));
          expect(await text(page, '.govuk-error-summary')).toContain(t(lang, 'account.fields.newPassword.missing'));
          await expectNoAxeViolations(page);
          await page.fill('#name', 'Sita Tamang');
          await page.fill('#email', email);
          await page.fill('#newPassword', 'iloveyou');
          expect((await submit(page, ROUTES.accountRegister))?.status()).toBe(400);
          expect(await text(page, '#newPassword-error')).toContain(t(lang, 'account.passwordRules.notCommon'));
          expect(await page.inputValue('#newPassword')).toBe(''); // never written back
          expect(await page.inputValue('#email')).toBe(email);
          await page.fill('#newPassword', PASSWORD);
          await submit(page, ROUTES.accountRegister);
          expect(page.url()).toBe(`${stack().webUrl}${ROUTES.accountRegisterSent}`);
          expect(await h1(page)).toBe(t(lang, 'account.registerSent.title'));
          expect(await text(page, 'main')).toContain(email);
          await expectNoAxeViolations(page);

          // The mailed link: the token is taken into the session and leaves the address bar.
          const link = await mailedLink('verify', email);
          expect(link.startsWith(`${stack().webUrl}${ROUTES.accountVerifyEmail}?token=`)).toBe(true);
          const opened = await page.goto(link);
          expect(page.url()).toBe(`${stack().webUrl}${ROUTES.accountVerifyEmail}`);
          expect(opened?.status()).toBe(200);
          expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
          expect((await opened?.request().redirectedFrom()?.response())?.headers()['referrer-policy']).toBe('no-referrer');
          expect(await h1(page)).toBe(t(lang, 'account.verify.title'));
          expect(await page.content()).not.toContain(new URL(link).searchParams.get('token')!);
          await expectNoAxeViolations(page);
          await page.fill('#password', 'not the password at all');
          expect((await submit(page, ROUTES.accountVerifyEmail))?.status()).toBe(400);
          expect(await text(page, '#password-error')).toContain(t(lang, 'account.verify.wrong'));
          await page.fill('#password', PASSWORD);
          await submit(page, ROUTES.accountVerifyEmail);
          expect(page.url()).toBe(`${stack().webUrl}${ROUTES.account}`);
          expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.verify.done'));
          expect(await text(page, '.govuk-summary-list')).toContain('Sita Tamang');
          expect(await text(page, '.govuk-summary-list')).toContain(email);
          if (!js) await screenshot(page, `account-home-${lang}-phone-nojs`);
          await expectNoAxeViolations(page);
          // The link works once.
          await page.goto(link);
          await page.fill('#password', PASSWORD);
          expect((await submit(page, ROUTES.accountVerifyEmail))?.status()).toBe(400);
          expect(await h1(page)).toBe(t(lang, 'account.verify.invalidTitle'));

          // Details: a phone that is none is refused; name, phone and language are kept.
          await page.goto(ROUTES.accountDetails);
          expect(await page.inputValue('#name')).toBe('Sita Tamang');
          await expectNoAxeViolations(page);
          await page.fill('#phone', 'call me');
          expect((await submit(page, ROUTES.accountDetails))?.status()).toBe(400);
          expect(await text(page, '#phone-error')).toContain(t(lang, 'account.fields.phone.invalid'));
          await expectNoAxeViolations(page);
          await page.fill('#name', 'Sita T.');
          await page.fill('#phone', '+977 980 123 4567');
          await submit(page, ROUTES.accountDetails);
          expect(page.url()).toBe(`${stack().webUrl}${ROUTES.account}`);
          expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.home.saved'));
          expect(await text(page, '.govuk-summary-list')).toContain('Sita T.');
          expect(await text(page, '.govuk-summary-list')).toContain('+977 980 123 4567');

          // Password: the current one is checked by the API.
          await page.goto(ROUTES.accountPassword);
          await expectNoAxeViolations(page);
          await page.fill('#currentPassword', 'not my password');
          await page.fill('#newPassword', NEW_PASSWORD);
          expect((await submit(page, ROUTES.accountPassword))?.status()).toBe(400);
          expect(await text(page, '#currentPassword-error')).toContain(t(lang, 'account.fields.currentPassword.wrong'));
          await page.fill('#currentPassword', PASSWORD);
          await page.fill('#newPassword', NEW_PASSWORD);
          await submit(page, ROUTES.accountPassword);
          expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.home.passwordChanged'));

          // Sign out; the account page then asks to sign in, and leads back to it.
          await Promise.all([page.waitForNavigation(), page.click(`form[action="${ROUTES.signOut}"] button`)]);
          expect(new URL(page.url()).pathname).toBe(ROUTES.home);
          await page.goto(ROUTES.account);
          expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe(`${ROUTES.signIn}?returnTo=${encodeURIComponent(ROUTES.account)}`);
          expect(await h1(page)).toBe(t(lang, 'account.signIn.title'));
          await expectNoAxeViolations(page);
          await page.fill('#email', email);
          await page.fill('#password', NEW_PASSWORD);
          await submit(page, ROUTES.signIn);
          expect(page.url()).toBe(`${stack().webUrl}${ROUTES.account}`);
          expect(await text(page, '.govuk-summary-list')).toContain('Sita T.');
          expect(watch.problems()).toEqual([]);
        } finally {
          await context.close();
        }
      }, 120_000);
    }
  }
});
