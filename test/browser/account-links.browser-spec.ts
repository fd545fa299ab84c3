/**
 * The account's other ways in, in a real browser: a refused sign-in, "forgot your password" and
 * the mailed reset link (used once), links that do not work, and an agency's staff invitation.
 * JavaScript off on a phone in English, on in Nepali; axe on every page.
 */
import type { Browser } from 'playwright-core';
import { Locale, translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { WORKER_PASSWORD, createWorker, h1, mailedLink, newEmail, submit, text } from './support/account-fixtures';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { ContextOptions, describeContext, launchBrowser, newContext, watchPage } from './support/chromium';
import { stack } from './support/stack';

const t = (lang: Locale, key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
const RUNS: { lang: Locale; o: ContextOptions }[] = [
  { lang: 'en', o: { js: false, viewport: 'phone', locale: 'en-GB' } },
  { lang: 'ne', o: { js: true, viewport: 'phone', locale: 'ne-NP' } },
];
const NEW_PASSWORD = 'monsoon over Kathmandu valley';

describe('signing in, forgotten passwords and mailed links', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const { lang, o } of RUNS) {
    it(`in ${lang}, ${describeContext(o)}: a wrong password is refused; a forgotten one is reset by the mailed link, which works once`, async () => {
      const { email } = await createWorker(`forgot-${lang}`, lang);
      const context = await newContext(browser, o);
      const page = await context.newPage();
      const watch = watchPage(page);
      try {
        await page.goto(`${ROUTES.signIn}?lang=${lang}`);
        await expectNoAxeViolations(page);
        await page.fill('#email', email);
        await page.fill('#password', 'not my password');
        expect((await submit(page, ROUTES.signIn))?.status()).toBe(400);
        expect(await text(page, '.govuk-error-summary')).toContain(t(lang, 'account.signIn.wrong'));
        expect(await page.inputValue('#password')).toBe('');
        await expectNoAxeViolations(page);

        await Promise.all([page.waitForNavigation(), page.click(`a[href="${ROUTES.accountForgotPassword}"]`)]);
        expect(await h1(page)).toBe(t(lang, 'account.forgot.title'));
        await expectNoAxeViolations(page);
        await page.fill('#email', 'not an address');
        expect((await submit(page, ROUTES.accountForgotPassword))?.status()).toBe(400);
        expect(await text(page, '#email-error')).toContain(t(lang, 'account.fields.email.invalid'));
        await page.fill('#email', email);
        await submit(page, ROUTES.accountForgotPassword);
        expect(new URL(page.url()).pathname).toBe(ROUTES.accountForgotSent);
        expect(await text(page, 'main')).toContain(t(lang, 'account.forgotSent.sent', { email }));
        await expectNoAxeViolations(page);

        const link = await mailedLink('reset', email);
        const opened = await page.goto(link);
        expect(page.url()).toBe(`${stack().webUrl}${ROUTES.accountResetPassword}`);
        expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
        expect(await h1(page)).toBe(t(lang, 'account.reset.title'));
        await expectNoAxeViolations(page);
        await page.fill('#newPassword', 'password');
        expect((await submit(page, ROUTES.accountResetPassword))?.status()).toBe(400);
        expect(await text(page, '#newPassword-error')).toContain(t(lang, 'account.passwordRules.notCommon'));
        await expectNoAxeViolations(page);
        await page.fill('#newPassword', NEW_PASSWORD);
        await submit(page, ROUTES.accountResetPassword);
        expect(new URL(page.url()).pathname).toBe(ROUTES.signIn);
        expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.signIn.passwordReset'));
        await expectNoAxeViolations(page);
        await page.fill('#email', email);
        await page.fill('#password', NEW_PASSWORD);
        await submit(page, ROUTES.signIn);
        expect(new URL(page.url()).pathname).toBe(ROUTES.account);

        // The link again: it was used.
        await page.goto(link);
        await page.fill('#newPassword', 'yet another long passphrase');
        expect((await submit(page, ROUTES.accountResetPassword))?.status()).toBe(400);
        expect(await h1(page)).toBe(t(lang, 'account.reset.invalidTitle'));
        await expectNoAxeViolations(page);
        expect(watch.problems()).toEqual([]);
      } finally {
        await context.close();
      }
    }, 90_000);
  }

  it('a link that cannot be a link, or none at all, says so (400) and asks nothing', async () => {
    const context = await newContext(browser, RUNS[0].o);
    const page = await context.newPage();
    try {
      for (const [path, title] of [
        [`${ROUTES.accountVerifyEmail}?token=short`, 'account.verify.invalidTitle'],
        [ROUTES.accountResetPassword, 'account.reset.invalidTitle'],
        [ROUTES.accountInvitation, 'account.invitation.invalidTitle'],
      ] as const) {
        const res = await page.goto(path);
        expect(res?.status()).toBe(400);
        expect(res?.headers()['referrer-policy']).toBe('no-referrer');
        expect(await h1(page)).toBe(t('en', title));
        expect(await page.$('main form')).toBeNull();
        await expectNoAxeViolations(page);
      }
      // A token of the right shape that the API does not know: the form, then the same answer.
      await page.goto(`${ROUTES.accountVerifyEmail}?token=${'A'.repeat(43)}`);
      expect(new URL(page.url()).search).toBe('');
      await page.fill('#password', WORKER_PASSWORD);
      expect((await submit(page, ROUTES.accountVerifyEmail))?.status()).toBe(400);
      expect(await h1(page)).toBe(t('en', 'account.verify.invalidTitle'));
    } finally {
      await context.close();
    }
  }, 60_000);

  it("an agency's staff invitation: the invitee chooses a password and is signed in", async () => {
    await seedDemoData();
    const admin = await signedInApi('admin@bayanihan.demo.lcs', 'demo-pass-2026!');
    const email = newEmail('staff');
    const invited = await admin.POST('/agency/users', { body: { email, displayName: 'Juan Dela Cruz', preferredLanguage: 'fil' } });
    expect(invited.response.status).toBeLessThan(300);
    const context = await newContext(browser, RUNS[1].o);
    const page = await context.newPage();
    try {
      await page.goto(await mailedLink('invitation', email));
      expect(page.url()).toBe(`${stack().webUrl}${ROUTES.accountInvitation}`);
      await expectNoAxeViolations(page);
      await page.fill('#newPassword', NEW_PASSWORD);
      await submit(page, ROUTES.accountInvitation);
      expect(new URL(page.url()).pathname).toBe(ROUTES.account);
      expect(await text(page, '.govuk-summary-list')).toContain('Juan Dela Cruz');
      await expectNoAxeViolations(page);
    } finally {
      await context.close();
    }
  }, 120_000);
});
