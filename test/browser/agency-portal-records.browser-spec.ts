/**
 * The agency's records in the portal (issue 22), in a real browser with JavaScript off on a phone:
 * the escrow statement (deposits, what a garnishment took, a release, the balance against the
 * requirement and the top-up deadline), the license's renewal window on the home page, and an admin disabling a staff account (a refused reason
 * first). Set-up through the API: a registered agency, its escrow entries recorded by the
 * ministry, a staff member who accepted the invitation. Then a branch office asked for (a refused
 * form first), waiting for the ministry, approved by it through the API, then closed by the admin;
 * and an amendment of the legal name and an owner (a refused form first), pending, approved through the API.
 * axe on every page.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApiClient } from '@app/api-client';
import type { ApiClient } from '@app/api-client';
import { DEMO_PASSWORD } from '@app/auth';
import { Locale, formatDate, formatMoney, translate } from '@app/i18n';
import { dedupDigest, openBody, secretLinkAad } from '@app/notifications';
import { ROUTES } from '../../apps/web/src/routes';
import { fieldKeys, h1, mailedLink, overchargedPlacement, submit, text, withDb } from './support/account-fixtures';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { stack } from './support/stack';

const lang: Locale = 'en';
const t = (key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
const PASSWORD = 'bagong araw sa Maynila 2026';
const php = (minor: string) => formatMoney(minor, 'PHP', lang);

function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** A new agency registered and confirmed through the API: its id and admin's address. */
async function registeredAgency(n: string): Promise<{ agencyId: string; email: string; admin: ApiClient }> {
  const email = `records-${n}@agency.test`;
  const res = await fetch(`${stack().apiUrl}/agency-registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      legalName: `Records ${n} Manpower Inc.`,
      registrationNumber: `RC-${n}`,
      address: '1 Taft Avenue, Manila',
      owners: [{ name: `Owner ${n}`, nationality: 'PH', sharePercent: 100 }],
      officers: [{ name: `Officer ${n}`, position: 'President' }],
      capital: { amountMinor: '100000000', currency: 'PHP' },
      admin: { email, password: PASSWORD, displayName: 'Records Admin' },
    }),
  });
  if (res.status !== 202) throw new Error(`registration answered ${res.status}`);
  const keys = fieldKeys();
  const link = await withDb(async (db) => {
    const { rows: links } = await db.query<{ id: string }>(
      `SELECT id FROM account_link WHERE purpose = 'agency-registration' AND email = $1 ORDER BY created_at DESC LIMIT 1`,
      [email],
    );
    const { rows } = await db.query(`SELECT id, recipient_enc, recipient, data_enc, data FROM notification_outbox WHERE dedup_key = $1`, [
      dedupDigest(keys, `account.agency-registration:${links[0].id}`),
    ]);
    const data = openBody(keys, rows[0]).data as Record<string, { sealed: string }>;
    return keys.decrypt(data.verifyUrl.sealed, secretLinkAad('account.agency-registration', 'verifyUrl'));
  });
  const token = new URL(link).searchParams.get('token');
  const verified = await fetch(`${stack().apiUrl}/agency-registrations/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: PASSWORD }),
  });
  if (verified.status !== 200) throw new Error(`verification answered ${verified.status}`);
  const admin = await signedInApi(email, PASSWORD);
  const me = ok('me', await admin.GET('/me'));
  return { agencyId: me.agencyId!, email, admin };
}

describe("the agency portal's records", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: ReturnType<typeof watchPage>;
  const n = randomBytes(4).toString('hex');
  let adminEmail = '';
  const staffEmail = `staff-${n}@agency.test`;
  let inspector: ApiClient;
  let renewalWindow: { opensOn: string; closesOn: string } | null = null;
  let placement: { id: string; reference: string } | null = null;

  beforeAll(async () => {
    await seedDemoData();
    browser = await launchBrowser();
    const ministry = await signedInApi('admin@demo.lcs', DEMO_PASSWORD);
    for (const role of ['inspector', 'supervisor'] as const) {
      ok(
        `create ${role}`,
        await ministry.POST('/admin/users', {
          body: { email: `${role}.${n}@records.test`, password: PASSWORD, displayName: `Records ${role}`, roles: [role] },
        }),
      );
    }
    inspector = await signedInApi(`inspector.${n}@records.test`, PASSWORD);
    const supervisor = await signedInApi(`supervisor.${n}@records.test`, PASSWORD);
    const { agencyId, email, admin } = await registeredAgency(n);
    adminEmail = email;
    // The escrow: opened, a deposit, a garnishment for a case, a release (below the requirement now).
    ok(
      'open escrow',
      await supervisor.POST('/licensing/agencies/{agencyId}/escrow/account', { params: { path: { agencyId } }, body: { licenseType: 'provisional' } }),
    );
    for (const [kind, amountMinor, reference] of [
      ['deposit', '100000000', `BDO-${n}`],
      ['garnishment', '15000000', `LCS-CASE-${n}`],
      ['release', '5000000', `REL-${n}`],
    ] as const) {
      ok(
        kind,
        await inspector.POST('/licensing/agencies/{agencyId}/escrow/entries', {
          params: { path: { agencyId }, header: { 'Idempotency-Key': randomUUID() } },
          body: { kind, amountMinor, currency: 'PHP', reference },
        }),
      );
    }
    // A license, issued by the ministry: the home page shows its renewal window.
    ok('issue', await supervisor.POST('/licensing/licenses', { body: { agencyId, type: 'provisional' } }));
    renewalWindow = ok('license', await admin.GET('/agency/license')).renewalWindow;
    // A placement the agency recorded, overcharged (its fees are amended below).
    placement = await overchargedPlacement(admin, null);
    // A staff member, invited and accepted.
    ok('invite', await admin.POST('/agency/users', { body: { email: staffEmail, displayName: 'Dalisay Cruz', preferredLanguage: 'en' } }));
    const token = new URL(await mailedLink('invitation', staffEmail)).searchParams.get('token');
    ok('accept', await createApiClient({ baseUrl: stack().apiUrl }).POST('/auth/invitations/accept', { body: { token: token!, password: PASSWORD } }));

    context = await newContext(browser, { js: false, viewport: 'phone', locale: 'en-GB' });
    page = await context.newPage();
    watch = watchPage(page);
    await page.goto(`/sign-in?lang=${lang}`);
    await page.fill('#email', adminEmail);
    await page.fill('#password', PASSWORD);
    await submit(page, '/sign-in');
    expect(new URL(page.url()).pathname).toBe(ROUTES.agencyPortal);
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("shows the license's renewal window on the home page", async () => {
    expect(renewalWindow).not.toBeNull();
    expect(await text(page, '#renewal-window')).toBe(
      t('agencyRecords.renewalWindow', { opens: formatDate(renewalWindow!.opensOn, lang, 'date'), closes: formatDate(renewalWindow!.closesOn, lang, 'date') }),
    );
    await expectNoAxeViolations(page);
  });

  it('shows the escrow statement: every entry, what the garnishment took, the balance against the requirement', async () => {
    await Promise.all([page.waitForNavigation(), page.click(`#sections a[href="${ROUTES.agencyEscrow}"]`)]);
    expect(await h1(page)).toBe(t('agencyRecords.escrow.title'));
    const position = await text(page, '#position');
    expect(position).toContain(php('80000000'));
    expect(position).toContain(php('100000000'));
    expect(position).toContain(php('20000000'));
    expect(await text(page, '#standing')).toContain(t('agencyRecords.escrow.short', { shortfall: php('20000000') }));
    expect(await text(page, '#standing')).toMatch(/Top the escrow up by \d{1,2} \w+ \d{4}/);
    expect(await text(page, '#garnished')).toBe(t('agencyRecords.escrow.garnished', { amount: php('15000000') }));
    const rows = await page.$$eval('#entries > li', (lis) =>
      lis.map((li) => ['h3', '.lcs-credit', '.lcs-debit', '.lcs-balance'].map((sel) => li.querySelector(sel)?.textContent!.replace(/\s+/g, ' ').trim() ?? '')),
    );
    expect(rows).toEqual([
      [t('agencyRecords.escrow.kinds.release'), '', php('5000000'), php('80000000')],
      [t('agencyRecords.escrow.kinds.garnishment'), '', php('15000000'), php('85000000')],
      [t('agencyRecords.escrow.kinds.deposit'), php('100000000'), '', php('100000000')],
    ]);
    const entries = await text(page, '#entries');
    for (const reference of [`REL-${n}`, `LCS-CASE-${n}`, `BDO-${n}`]) expect(entries).toContain(reference);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    expect((await page.goto(`${ROUTES.agencyEscrow}?page=9`))?.status()).toBe(404);
  }, 60_000);

  it('lets the admin disable a staff account, with a reason', async () => {
    await page.goto(ROUTES.agencyStaff);
    const link = page.locator('#users a', { hasText: t('agencyRecords.staff.disable') });
    expect(await link.count()).toBe(1); // the staff member's, not the admin's own
    await Promise.all([page.waitForNavigation(), link.click()]);
    expect(await h1(page)).toBe(t('agencyRecords.staff.disableTitle'));
    expect(await text(page, 'main')).toContain(staffEmail);
    await expectNoAxeViolations(page);
    const action = new URL(page.url()).pathname;

    // No reason: refused next to the field.
    const refused = await submit(page, action);
    expect(refused?.status()).toBe(400);
    expect(await text(page, '#reason-error')).toContain(t('agencyRecords.staff.errors.reasonMissing'));
    expect(await text(page, '.govuk-error-summary')).toContain(t('agencyRecords.staff.errors.reasonMissing'));
    await expectNoAxeViolations(page);

    await page.fill('#reason', 'Left the agency on 30 November.');
    await submit(page, action);
    expect(new URL(page.url()).pathname).toBe(ROUTES.agencyStaff);
    expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyRecords.staff.disabled', { name: 'Dalisay Cruz' }));
    const row = await text(page, `#users tr:has-text("${staffEmail}")`);
    expect(row).toContain(t('agencyPortal.staff.disabled'));
    expect(await page.locator('#users a', { hasText: t('agencyRecords.staff.disable') }).count()).toBe(0);
    await expectNoAxeViolations(page);

    // The account can no longer sign in; its page now says it cannot be disabled (again).
    const login = await createApiClient({ baseUrl: stack().apiUrl }).POST('/auth/login', { body: { email: staffEmail, password: PASSWORD } });
    expect(login.response.ok).toBe(false);
    await page.goto(action);
    expect(await text(page, '#gone')).toBe(t('agencyRecords.staff.gone'));
    expect(watch.problems()).toEqual([]);
  }, 60_000);

  it('asks for a branch office, which waits for the ministry and shows once approved', async () => {
    await page.goto(ROUTES.agencyPortal);
    await Promise.all([page.waitForNavigation(), page.click(`#sections a[href="${ROUTES.agencyBranches}"]`)]);
    expect(await h1(page)).toBe(t('agencyRecords.branches.title'));
    expect(await text(page, '#branches')).toBe(t('agencyRecords.branches.none'));
    await expectNoAxeViolations(page);

    // The address left out: refused next to its field, the name kept.
    await page.fill('#name', `Baguio ${n} branch`);
    expect((await submit(page, ROUTES.agencyBranches))?.status()).toBe(400);
    expect(await text(page, '#address-error')).toContain(t('agencyRecords.branches.errors.addressMissing'));
    expect(await page.inputValue('#name')).toBe(`Baguio ${n} branch`);
    await expectNoAxeViolations(page);

    await page.fill('#address', '3 Session Road, Baguio City');
    await submit(page, ROUTES.agencyBranches);
    expect(new URL(page.url()).pathname).toBe(ROUTES.agencyBranches);
    expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyRecords.branches.added', { name: `Baguio ${n} branch` }));
    expect(await text(page, '#branches')).toContain(t('agencyRecords.branches.states.pending'));
    await expectNoAxeViolations(page);

    // The ministry approves it (through the API), with a note the agency sees.
    const queue = ok('branches to review', await inspector.GET('/licensing/branches', { params: { query: { status: 'pending' } } }));
    const branch = queue.find((b) => b.name === `Baguio ${n} branch`)!;
    ok('approve', await inspector.POST('/licensing/branches/{id}/approve', { params: { path: { id: branch.id } }, body: { note: 'Permit checked.' } }));
    await page.reload();
    const shown = await text(page, '#branches');
    expect(shown).toContain(t('agencyRecords.branches.states.active'));
    expect(shown).toContain('Permit checked.');
    expect(shown).not.toContain(t('agencyRecords.branches.states.pending'));

    // The admin closes it: a confirmation page, then the branch shows as closed (issue 22).
    await Promise.all([page.waitForNavigation(), page.click(`a[href="${ROUTES.agencyBranches}/${branch.id}/close"]`)]);
    expect(await h1(page)).toBe(t('agencyPortal.branchClose.title', { name: `Baguio ${n} branch` }));
    await expectNoAxeViolations(page);
    await submit(page, `${ROUTES.agencyBranches}/${branch.id}/close`);
    expect(new URL(page.url()).pathname).toBe(ROUTES.agencyBranches);
    expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.branchClose.closed', { name: `Baguio ${n} branch` }));
    expect(await text(page, '#branches')).toContain(t('agencyRecords.branches.states.closed'));
    expect(await page.locator(`a[href="${ROUTES.agencyBranches}/${branch.id}/close"]`).count()).toBe(0);
    expect(watch.problems()).toEqual([]);
  }, 60_000);

  it('asks for an amendment of the legal name, which changes nothing until the ministry approves it', async () => {
    await page.goto(ROUTES.agencyPortal);
    await Promise.all([page.waitForNavigation(), page.click(`#sections a[href="${ROUTES.agencyAmendments}"]`)]);
    expect(await h1(page)).toBe(t('agencyPortal.amendments.title'));
    expect(await text(page, '#amendments')).toBe(t('agencyPortal.amendments.none'));
    await expectNoAxeViolations(page);

    // Nothing changed: refused next to the first field.
    await page.fill('#reason', 'Renamed after the merger');
    expect((await submit(page, ROUTES.agencyAmendments))?.status()).toBe(400);
    expect(await text(page, '#legalName-error')).toContain(t('agencyPortal.amendments.errors.nothing'));
    await expectNoAxeViolations(page);

    const newName = `Records Global ${n} Manpower Inc.`;
    await page.fill('#legalName', newName);
    await page.fill('#owner-0-name', `Owner ${n} Holdings Inc.`);
    await submit(page, ROUTES.agencyAmendments);
    expect(new URL(page.url()).pathname).toBe(ROUTES.agencyAmendments);
    expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.amendments.filed'));
    expect(await text(page, '#amendments')).toContain(t('agencyPortal.amendments.states.pending'));
    expect(await text(page, '#pending')).toBe(t('agencyPortal.amendments.errors.pending'));
    expect(await text(page, '#current')).not.toContain(newName);

    // The inspector approves it (through the API): the page shows the decision and the new name.
    const queue = ok('amendments to review', await inspector.GET('/licensing/amendments', { params: { query: { state: 'pending', pageSize: 100 } } }));
    const amendment = queue.items.find((a) => a.changes.legalName === newName)!;
    ok(
      'approve',
      await inspector.POST('/licensing/amendments/{id}/approve', {
        params: { path: { id: amendment.id } },
        body: { version: amendment.version, note: 'SEC filing checked.' },
      }),
    );
    await page.reload();
    expect(await text(page, '#amendments')).toContain(t('agencyPortal.amendments.states.approved'));
    expect(await text(page, '#amendments')).toContain('SEC filing checked.');
    expect(await text(page, '#current')).toContain(newName);
    expect(await text(page, '#current')).toContain(`Owner ${n} Holdings Inc. (PH, 100%)`);
    await expectNoAxeViolations(page);
    expect(watch.problems()).toEqual([]);
  }, 60_000);

  it("lists the agency's fines (none yet) with how to pay them", async () => {
    await page.goto(ROUTES.agencyFines);
    expect(await h1(page)).toBe(t('agencyPortal.fines.title'));
    expect(await text(page, 'main')).toContain(t('agencyPortal.fines.none'));
    await expectNoAxeViolations(page);
  });

  it("amends a placement's fees with a reason: assessed again, the earlier version kept", async () => {
    const action = `${ROUTES.agencyPlacements}/${placement!.id}/amend`;
    await page.goto(`${ROUTES.agencyPlacements}/${placement!.id}`);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="${action}"]`)]);
    expect(await h1(page)).toBe(t('agencyPortal.placementAmend.title', { reference: placement!.reference }));
    await expectNoAxeViolations(page);

    // The receipt said PHP 6,000, not 60,000: without a reason, refused next to the field.
    await page.fill('#fee-0-amount', '6000');
    expect((await submit(page, action))?.status()).toBe(400);
    expect(await text(page, '#reason-error')).toContain(t('agencyPortal.placementAmend.errors.reason'));
    await expectNoAxeViolations(page);

    await page.fill('#fee-0-amount', '6000');
    await page.fill('#reason', 'Receipt BMS-TEST-1 says PHP 6,000; it was entered as PHP 60,000.');
    await submit(page, action);
    expect(new URL(page.url()).pathname).toBe(`${ROUTES.agencyPlacements}/${placement!.id}`);
    expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.placementAmend.done'));
    expect(await text(page, 'main')).toContain(t('agencyPortal.placementAmend.historyHeading'));
    expect(await text(page, 'main')).toContain('Receipt BMS-TEST-1 says PHP 6,000');
    await expectNoAxeViolations(page);
    expect(watch.problems()).toEqual([]);
  }, 60_000);
});
