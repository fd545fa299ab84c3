/**
 * The licensing workbench in a real browser against the real api + worker + web, at 1280x800 with
 * JavaScript off (the pages are plain forms): an application submitted by an agency through the
 * API is taken and recommended by an inspector from the queue (a return without its items refused
 * next to the field), approved by a supervisor after the clearance shows it passes; the license
 * issued is suspended and lifted from its page, its history showing both; the agency's escrow
 * statement. A role the API refuses gets the API's 403 as the page. axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { translate } from '@app/i18n';
import { h1, submit, text } from './support/account-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { demoClients, signInTo, submittedApplication } from './support/workbench-fixtures';

const t = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);
const QUEUE = '/staff/licensing/applications';

describe('licensing workbench', () => {
  let browser: Browser;
  let clients: Awaited<ReturnType<typeof demoClients>>;
  beforeAll(async () => {
    [browser, clients] = await Promise.all([launchBrowser(), demoClients()]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (who: string, path: string): Promise<{ page: Page; close: () => Promise<void>; watch: ReturnType<typeof watchPage> }> => {
    const context = await newContext(browser, { js: false, viewport: 'desktop', locale: 'en-GB' });
    const page = await context.newPage();
    const watch = watchPage(page);
    await signInTo(page, who, path);
    return { page, watch, close: () => context.close() };
  };

  it('reviews an application from submission to approval, then suspends and lifts the license issued', async () => {
    const app = await submittedApplication(clients);
    const path = `${QUEUE}/${app.id}`;

    // The inspector: the queue, the application, a return refused without its items, take, recommend.
    const inspector = await open('inspector@demo.lcs', QUEUE);
    try {
      const { page } = inspector;
      expect(await h1(page)).toBe(t('staff-licensing.queue.title'));
      await expectNoAxeViolations(page);
      await Promise.all([page.waitForNavigation(), page.click(`#applications a[href="${path}"]`)]);
      expect(await h1(page)).toBe(t('staff-licensing.application.title', { agency: app.legalName }));
      expect(await page.locator('#checklist tbody tr').count()).toBe(5);
      expect(await text(page, '#checklist')).not.toContain(t('staff-licensing.application.missing'));
      expect(await page.locator('#documents tbody tr').count()).toBe(5);
      expect(await text(page, '#open-cases')).toContain(t('staff-licensing.application.noOpenCases'));
      // A document opens through the workbench, as the file the agency sent.
      const file = await page.request.get((await page.getAttribute('#documents a', 'href'))!);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('application/pdf');
      expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await expectNoAxeViolations(page);

      await submit(page, `${path}/take`);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('staff-licensing.application.actions.take.done'));
      expect((await submit(page, `${path}/return`))?.status()).toBe(400);
      expect(await text(page, '.govuk-error-summary')).toContain(t('staff-forms.errors.required'));
      expect(await text(page, '#application-return-items-error')).toContain(t('staff-forms.errors.required'));
      await expectNoAxeViolations(page);
      await page.fill('#application-recommend-note', 'Documents in order; escrow funded.');
      await submit(page, `${path}/recommend`);
      expect(await text(page, '#application-summary')).toContain(t('staff-licensing.states.recommended'));
      expect(await page.locator(`form[action="${path}/approve"]`).count()).toBe(0);

      // An inspector is not an admin: the API's 403 is the page.
      const refused = await page.goto('/staff/admin/users');
      expect(refused?.status()).toBe(403);
      expect(inspector.watch.problems().filter((p) => !p.includes('403'))).toEqual([]);
    } finally {
      await inspector.close();
    }

    // The supervisor: the clearance passes; a rejection without reasons refused; approved.
    const supervisor = await open('supervisor@demo.lcs', `${QUEUE}?state=recommended`);
    let licensePath: string;
    try {
      const { page } = supervisor;
      expect(await page.locator(`#applications a[href="${path}"]`).count()).toBe(1);
      await page.goto(path);
      expect(await text(page, '#clearance-verdict')).toBe(t('staff-licensing.application.cleared'));
      expect((await submit(page, `${path}/reject`))?.status()).toBe(400);
      expect(await text(page, '#application-reject-reasons-error')).toContain(t('staff-forms.errors.required'));
      await submit(page, `${path}/approve`);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('staff-licensing.application.actions.approve.done'));
      expect(await text(page, '#application-summary')).toContain(t('staff-licensing.states.approved'));
      await screenshot(page, 'staff-licensing-approved-desktop-nojs');
      await expectNoAxeViolations(page);

      // The license: suspended until a date (refused without one), then lifted; its history shows both.
      licensePath = (await page.getAttribute('#application-summary a[href^="/staff/licensing/licenses/"]', 'href'))!;
      await page.goto(licensePath);
      expect(await text(page, '#license-summary')).toContain(t('staff-licensing.licenseStates.active'));
      await expectNoAxeViolations(page);
      await page.fill('#license-suspend-reason', 'Fees above the cap found at inspection');
      expect((await submit(page, `${licensePath}/suspend`))?.status()).toBe(400);
      expect(await text(page, '#license-suspend-until-error')).toContain(t('staff-forms.errors.required'));
      expect(await page.inputValue('#license-suspend-reason')).toBe('Fees above the cap found at inspection');
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await page.fill('#license-suspend-until', until);
      await submit(page, `${licensePath}/suspend`);
      expect(await text(page, '#license-summary')).toContain(t('staff-licensing.licenseStates.suspended'));
      expect(await text(page, '#history')).toContain('Fees above the cap found at inspection');
      await page.fill('#license-reinstate-reason', 'Refunds paid to the workers');
      await submit(page, `${licensePath}/reinstate`);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('staff-licensing.license.actions.reinstate.done'));
      expect(await text(page, '#license-summary')).toContain(t('staff-licensing.licenseStates.active'));
      expect(await page.locator('#history tbody tr').count()).toBe(3);
      await expectNoAxeViolations(page);

      // The agency's escrow statement: the deposit that met the requirement.
      await page.goto(`/staff/licensing/agencies/${app.agencyId}/escrow`);
      expect(await h1(page)).toBe(t('staff-licensing.escrow.heading', { agency: app.legalName }));
      expect(await text(page, '#entries')).toContain('BDO-DEP-1');
      await expectNoAxeViolations(page);
      // A top-up recorded from the page: refused without its reference (said beside the field), then recorded once.
      const entries = `/staff/licensing/agencies/${app.agencyId}/escrow/entries`;
      await page.check('#escrow-entry-kind-2');
      await page.fill('#escrow-entry-amount', '2500');
      expect((await submit(page, entries))?.status()).toBe(400);
      expect(await text(page, '#escrow-entry-reference-error')).toContain(t('staff-forms.errors.required'));
      expect(await page.inputValue('#escrow-entry-amount')).toBe('2500');
      await page.fill('#escrow-entry-reference', 'BDO-TOP-2');
      await submit(page, entries);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('staff-licensing.escrow.record.done'));
      expect(await text(page, '#entries')).toContain('BDO-TOP-2');
      await expectNoAxeViolations(page);
      expect(supervisor.watch.problems()).toEqual([]);
    } finally {
      await supervisor.close();
    }
  }, 170_000);
});
