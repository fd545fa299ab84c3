/**
 * The welfare officer's workbench in a real browser against the real api + worker + web, at
 * 1280x800 with JavaScript off: a claim filed through the API is found in the queue with its
 * decision date and deadline badge; a second officer taking it first is shown as a refusal above
 * the fresh claim; documents are asked for (refused with none chosen) and received; an approval
 * above the schedule is refused next to the amount (a welfare officer is not a supervisor); the
 * claim is approved, disbursed and its payment confirmed (refused without a reference); the fund's
 * position shows. axe on every page.
 */
import type { Browser } from 'playwright-core';
import { translate } from '@app/i18n';
import { h1, submit, text } from './support/account-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { demoClients, filedClaim, memberPassport, ok, signInTo } from './support/workbench-fixtures';

const t = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);
const QUEUE = '/staff/welfare/claims';

describe('welfare workbench', () => {
  let browser: Browser;
  let clients: Awaited<ReturnType<typeof demoClients>>;
  beforeAll(async () => {
    [browser, clients] = await Promise.all([launchBrowser(), demoClients()]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a claim from submission to payment', async () => {
    const passport = await memberPassport(clients.agency);
    const claim = await filedClaim(clients.welfare, passport);
    const path = `${QUEUE}/${claim.id}`;
    const context = await newContext(browser, { js: false, viewport: 'desktop', locale: 'en-GB' });
    const page = await context.newPage();
    const watch = watchPage(page);
    try {
      await signInTo(page, 'welfare@demo.lcs', `${QUEUE}?state=submitted`);
      expect(await h1(page)).toBe(t('staff-welfare.queue.title'));
      const row = page.locator('#claims tbody tr', { has: page.locator(`a[href="${path}"]`) });
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain(t('staff-welfare.sla.onTime'));
      await expectNoAxeViolations(page);

      await page.goto(path);
      expect(await h1(page)).toBe(t('staff-welfare.claim.title', { reference: claim.reference }));
      expect(await text(page, '#eligibility-verdict')).toBe(t('staff-welfare.claim.eligible'));
      expect(await text(page, '#decision-due')).toContain(t('staff-welfare.sla.onTime'));
      await expectNoAxeViolations(page);

      // Another officer takes it while this page is open: the page says so and shows the claim as it is.
      ok(
        'take',
        await clients.welfare.POST('/welfare/claims/{id}/actions/{action}', {
          params: { path: { id: claim.id, action: 'take' } },
          body: { version: claim.version },
        }),
      );
      expect((await submit(page, `${path}/take`))?.status()).toBe(409);
      expect(await text(page, '#refusal')).toBe(t('staff-forms.problems.stale-version'));
      expect(await text(page, '#claim-summary')).toContain(t('staff-welfare.states.under_review'));
      await expectNoAxeViolations(page);

      // Documents asked for (none chosen is refused), then received: the deadline pauses, then runs again.
      expect((await submit(page, `${path}/request-documents`))?.status()).toBe(400);
      expect(await text(page, '#claim-request-documents-documents-error')).toContain(t('staff-forms.errors.required'));
      await page.check('input[name="documents"][value="medical-receipts"]');
      await submit(page, `${path}/request-documents`);
      expect(await text(page, '#requested + ul')).toContain(translate('en', 'account.welfare.documents.medical-receipts'));
      expect(await text(page, '#decision-due')).toContain(t('staff-welfare.sla.paused'));
      await expectNoAxeViolations(page);
      await submit(page, `${path}/documents-received`);
      expect(await text(page, '#decision-due')).toContain(t('staff-welfare.sla.onTime'));

      // Above the schedule: refused next to the amount, for a welfare officer.
      await page.fill('#claim-approve-approved', '600');
      await page.fill('#claim-approve-reason', 'The receipts show more.');
      expect((await submit(page, `${path}/approve`))?.status()).toBe(409);
      expect(await text(page, '#claim-approve-approved-error')).toContain(t('staff-welfare.claim.fields.approvedRefused'));
      expect(await page.inputValue('#claim-approve-approved')).toBe('600');
      await expectNoAxeViolations(page);
      await page.fill('#claim-approve-approved', '');
      await page.fill('#claim-approve-reason', '');
      await submit(page, `${path}/approve`);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('staff-welfare.claim.actions.approve.done'));
      expect(await text(page, '#claim-summary')).toContain('₱500.00');

      await submit(page, `${path}/disburse`);
      expect(await text(page, '#claim-summary')).toContain(t('staff-welfare.states.disbursed'));
      expect((await submit(page, `${path}/confirm-payment`))?.status()).toBe(400);
      await page.fill('#claim-confirm-payment-paidReference', 'BDO-TRX-7781');
      await submit(page, `${path}/confirm-payment`);
      expect(await text(page, '#claim-summary')).toContain(t('staff-welfare.states.paid'));
      expect(await text(page, '#claim-summary')).toContain('BDO-TRX-7781');
      expect(await page.locator('#no-actions').count()).toBe(1);
      await screenshot(page, 'staff-welfare-paid-desktop-nojs');
      await expectNoAxeViolations(page);

      // At a phone's width the page does not widen: its tables scroll inside themselves.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(QUEUE);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
      await page.goto(path);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.goto('/staff/welfare/fund');
      expect(await h1(page)).toBe(t('staff-welfare.fund.title'));
      expect(await text(page, '#fund-position')).toContain(t('staff-welfare.fund.cash'));
      // Today's movements include the payment just sent.
      expect(await page.locator('#movements tbody tr').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      expect(watch.problems()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);
});
