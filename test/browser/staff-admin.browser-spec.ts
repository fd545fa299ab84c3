/**
 * The admin's workbench in a real browser against the real api + worker + web, at 1280x800 with
 * JavaScript off: an admin (who is also a welfare officer, so that the claim's page is theirs to
 * see) changes the SLA policy of the welfare decision (refused first without a duration and with an
 * escalation that cannot be read), then declares a public holiday and removes it, and sees an open
 * claim's decision date move each time on the claim's page. The other admin pages open. axe on
 * every page. The policy and the calendar are put back afterwards (other files share the stack).
 */
import type { Browser, Page } from 'playwright-core';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { formatDate, translate } from '@app/i18n';
import { h1, submit, text } from './support/account-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { PASSWORD, demoClients, filedClaim, memberPassport, ok, signInTo, signedInApi } from './support/workbench-fixtures';

const t = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);
const KIND = 'welfare.decision';
const SLA = `/staff/admin/sla-policies/${KIND}`;
const ZONE = 'Asia/Manila';

/** The Manila date of an instant (YYYY-MM-DD). */
const manilaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('admin workbench', () => {
  let browser: Browser;
  let clients: Awaited<ReturnType<typeof demoClients>>;
  let original: ApiSchemas['PolicyView'] | undefined;
  let holiday: string | undefined;
  beforeAll(async () => {
    [browser, clients] = await Promise.all([launchBrowser(), demoClients()]);
    original = ok('read the policy', await clients.admin.GET('/admin/sla-policies/{kind}', { params: { path: { kind: KIND } } }));
  }, 300_000);
  afterAll(async () => {
    if (original)
      await clients.admin.PUT('/admin/sla-policies/{kind}', {
        params: { path: { kind: KIND } },
        body: { durationDays: original.durationDays, counting: original.counting, reminderShare: original.reminderShare, escalations: original.escalations },
      });
    if (holiday) await clients.admin.DELETE('/admin/jurisdictions/{code}/holidays/{date}', { params: { path: { code: 'PH', date: holiday } } });
    await browser?.close();
  });

  const due = async (officer: ApiClient, id: string) =>
    ok('read the claim', await officer.GET('/welfare/claims/{id}', { params: { path: { id } } })).decisionDue!;
  const shownDue = async (page: Page, claimPath: string) => {
    await page.goto(claimPath);
    await expectNoAxeViolations(page);
    return text(page, '#decision-due');
  };

  it("changes an SLA policy and a holiday, and sees a claim's decision date move", async () => {
    const email = `admin.welfare.${Date.now()}@test.lcs`;
    ok(
      'create the admin',
      await clients.admin.POST('/admin/users', { body: { email, password: PASSWORD, displayName: 'Ana Admin', roles: ['admin', 'welfare_officer'] } }),
    );
    const me = await signedInApi(email, PASSWORD);
    const claim = await filedClaim(clients.welfare, await memberPassport(clients.agency));
    const claimPath = `/staff/welfare/claims/${claim.id}`;
    const before = await due(me, claim.id);

    const context = await newContext(browser, { js: false, viewport: 'desktop', locale: 'en-GB' });
    const page = await context.newPage();
    const watch = watchPage(page);
    try {
      await signInTo(page, email, '/staff/admin/sla-policies', PASSWORD);
      expect(await h1(page)).toBe(t('staff-admin.sla.title'));
      await expectNoAxeViolations(page);
      await Promise.all([page.waitForNavigation(), page.click(`#sla-policies a[href="${SLA}"]`)]);
      expect(await page.inputValue('#sla-policy-durationDays')).toBe(String(original!.durationDays));
      await expectNoAxeViolations(page);
      expect(await shownDue(page, claimPath)).toContain(formatDate(before, 'en', 'dateTime', ZONE));

      // Refused without a duration, then with an escalation that cannot be read: each next to its field.
      await page.goto(SLA);
      await page.fill('#sla-policy-durationDays', '');
      expect((await submit(page, SLA))?.status()).toBe(400);
      expect(await text(page, '#sla-policy-durationDays-error')).toContain(t('staff-forms.errors.required'));
      await page.fill('#sla-policy-durationDays', '10');
      await page.fill('#sla-policy-escalations', 'soon: shout');
      expect((await submit(page, SLA))?.status()).toBe(400);
      expect(await text(page, '#sla-policy-escalations-error')).toContain(t('staff-admin.sla.escalationsInvalid'));
      await expectNoAxeViolations(page);
      await page.fill('#sla-policy-escalations', '0: notify-supervisors');
      await page.check('input[name="counting"][value="business"]');
      await submit(page, SLA);
      expect(await text(page, '.govuk-notification-banner')).toMatch(/Open deadlines recomputed: [1-9]/);
      expect(await text(page, '#summary')).toContain(t('staff-admin.sla.counting.business'));

      const afterPolicy = await due(me, claim.id);
      expect(afterPolicy).not.toBe(before);
      expect(await shownDue(page, claimPath)).toContain(formatDate(afterPolicy, 'en', 'dateTime', ZONE));

      // A holiday on a weekday before the due date: the decision is due one business day later.
      const dueDay = manilaDate(afterPolicy);
      const existing = ok('holidays', await me.GET('/admin/jurisdictions/{code}/holidays', { params: { path: { code: 'PH' } } })) as unknown as {
        date: string;
      }[];
      let day = addDays(dueDay, -1);
      while (weekday(day) === 0 || weekday(day) === 6 || existing.some((h) => h.date === day)) day = addDays(day, -1);
      await page.goto('/staff/admin/holidays');
      await expectNoAxeViolations(page);
      await Promise.all([page.waitForNavigation(), page.click('#jurisdictions a[href="/staff/admin/holidays/PH"]')]);
      expect((await submit(page, '/staff/admin/holidays/PH'))?.status()).toBe(400);
      expect(await text(page, '#holiday-add-date-error')).toContain(t('staff-forms.errors.required'));
      await page.fill('#holiday-add-date', day);
      await page.fill('#holiday-add-name', 'Workbench test holiday');
      await submit(page, '/staff/admin/holidays/PH');
      holiday = day;
      expect(await text(page, '.govuk-notification-banner')).toContain(formatDate(day, 'en', 'date'));
      await expectNoAxeViolations(page);
      const afterHoliday = await due(me, claim.id);
      expect(Date.parse(afterHoliday)).toBeGreaterThan(Date.parse(afterPolicy));
      expect(await shownDue(page, claimPath)).toContain(formatDate(afterHoliday, 'en', 'dateTime', ZONE));
      await screenshot(page, 'staff-admin-claim-deadline-moved-desktop-nojs');

      // A normal day again: back to the date before.
      await page.goto(`/staff/admin/holidays/PH?year=${day.slice(0, 4)}`);
      await submit(page, `/staff/admin/holidays/PH/${day}/remove`);
      holiday = undefined;
      expect(await due(me, claim.id)).toBe(afterPolicy);
      expect(await shownDue(page, claimPath)).toContain(formatDate(afterPolicy, 'en', 'dateTime', ZONE));

      // The other admin pages open, each accessible.
      for (const [path, title] of [
        ['/staff/admin/users', 'staff-admin.users.title'],
        ['/staff/admin/fee-rules', 'staff-admin.feeRules.title'],
        ['/staff/admin/exchange-rates', 'staff-admin.rates.title'],
        ['/staff/admin/benefit-schedules', 'staff-admin.benefits.title'],
        ['/staff/admin/notifications', 'staff-admin.notifications.title'],
      ] as const) {
        await page.goto(path);
        expect(await h1(page)).toBe(t(title));
        await expectNoAxeViolations(page);
      }
      expect(watch.problems()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 170_000);
});
