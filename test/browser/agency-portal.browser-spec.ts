/**
 * The agency portal (issue 22), in a real browser with JavaScript off on a phone: a new agency
 * registers (a refused form first), confirms by the mailed link, applies with its documents, is
 * returned (the ministry's side driven through the API), fixes and resubmits, is approved,
 * downloads its certificate (the test decodes the QR code in the PDF and opens the public page it
 * names), and signs in again to land on its home. A second agency never sees the first's
 * application. axe on every page.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApiClient } from '@app/api-client';
import type { ApiClient } from '@app/api-client';
import { DEMO_PASSWORD } from '@app/auth';
import { Locale, translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { SMALL_PDF } from '../documents/fixtures';
import { fieldKeys, h1, mailedLink, submit, text, withDb } from './support/account-fixtures';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { qrCodesOfPdf } from './support/pdf-qr';
import { stack } from './support/stack';
import { dedupDigest, openBody, secretLinkAad } from '@app/notifications';

const lang: Locale = 'en';
const t = (key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
const PASSWORD = 'bagong araw sa Maynila 2026';
const REQUIRED = ['business-registration', 'business-permit', 'tax-clearance', 'financial-statement', 'escrow-certificate'];

/** The newest agency registration link mailed to `email` (the outbox holds it sealed). */
async function registrationLink(email: string): Promise<string> {
  const keys = fieldKeys();
  return withDb(async (db) => {
    const { rows: links } = await db.query<{ id: string }>(
      `SELECT id FROM account_link WHERE purpose = 'agency-registration' AND email = $1 ORDER BY created_at DESC LIMIT 1`,
      [email.toLowerCase()],
    );
    if (!links.length) throw new Error(`no agency registration link for ${email}`);
    const { rows } = await db.query(`SELECT id, recipient_enc, recipient, data_enc, data FROM notification_outbox WHERE dedup_key = $1`, [
      dedupDigest(keys, `account.agency-registration:${links[0].id}`),
    ]);
    if (!rows.length) throw new Error(`no account.agency-registration mail for ${email}`);
    const data = openBody(keys, rows[0]).data as Record<string, { sealed: string }>;
    return keys.decrypt(data.verifyUrl.sealed, secretLinkAad('account.agency-registration', 'verifyUrl'));
  });
}

function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** A second agency, registered and confirmed through the API: its admin's client. */
async function otherAgency(): Promise<ApiClient> {
  const n = randomBytes(4).toString('hex');
  const email = `other-${n}@agency.test`;
  const res = await fetch(`${stack().apiUrl}/agency-registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      legalName: `Other ${n} Manpower Inc.`,
      registrationNumber: `OT-${n}`,
      address: '1 Taft Avenue, Manila',
      owners: [{ name: `Owner ${n}`, nationality: 'PH', sharePercent: 100 }],
      officers: [{ name: `Officer ${n}`, position: 'President' }],
      capital: { amountMinor: '100000000', currency: 'PHP' },
      admin: { email, password: PASSWORD, displayName: 'Other Admin' },
    }),
  });
  if (res.status !== 202) throw new Error(`registration answered ${res.status}`);
  const token = new URL(await registrationLink(email)).searchParams.get('token');
  const verified = await fetch(`${stack().apiUrl}/agency-registrations/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: PASSWORD }),
  });
  if (verified.status !== 200) throw new Error(`verification answered ${verified.status}`);
  return signedInApi(email, PASSWORD);
}

describe('the agency portal', () => {
  let browser: Browser;
  let inspector: ApiClient;
  let supervisor: ApiClient;

  beforeAll(async () => {
    await seedDemoData();
    browser = await launchBrowser();
    const admin = await signedInApi('admin@demo.lcs', DEMO_PASSWORD);
    const n = randomBytes(4).toString('hex');
    for (const role of ['inspector', 'supervisor'] as const) {
      ok(
        `create ${role}`,
        await admin.POST('/admin/users', { body: { email: `${role}.${n}@portal.test`, password: PASSWORD, displayName: `Portal ${role}`, roles: [role] } }),
      );
    }
    inspector = await signedInApi(`inspector.${n}@portal.test`, PASSWORD);
    supervisor = await signedInApi(`supervisor.${n}@portal.test`, PASSWORD);
    // The demo seed and two accounts (argon2): more than Jest's default minute on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  const upload = async (page: Page, action: string, kind: string) => {
    await page.selectOption('#kind', kind);
    await page.setInputFiles('#file', { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: SMALL_PDF });
    const [response] = await Promise.all([page.waitForNavigation(), page.click(`main form[action="${action}/documents"] button[type="submit"]`)]);
    return response;
  };
  /** The application's version now, as the ministry reads it. */
  const version = async (id: string) => ok('read the application', await inspector.GET('/licensing/applications/{id}', { params: { path: { id } } })).version;

  // One agency's journey, in two steps that share its page (each within the time a test has).
  const n = randomBytes(4).toString('hex');
  const email = `ligaya-${n}@agency.test`;
  const legalName = `Bagong Araw ${n} Manpower Inc.`;
  let context: BrowserContext;
  let page: Page;
  let watch: ReturnType<typeof watchPage>;
  let number = '';
  let agencyId = '';
  let applicationId = '';

  it('registers, applies, is returned and fixes it, is approved, and prints a certificate whose QR code opens the public page', async () => {
    context = await newContext(browser, { js: false, viewport: 'phone', locale: 'en-GB' });
    page = await context.newPage();
    watch = watchPage(page);
    {
      // Register: a refused form first (the shares do not add up), then a good one.
      await page.goto(`${ROUTES.agencyRegister}?lang=${lang}`);
      expect(await h1(page)).toBe(t('agencyPortal.register.title'));
      await expectNoAxeViolations(page);
      await page.fill('#legalName', legalName);
      await page.fill('#registrationNumber', `CS-${n}`);
      await page.fill('#address', '21 Mabini Street, Ermita, Manila');
      await page.fill('#capital', '5,000,000');
      await page.fill('#owner-0-name', 'Ligaya Ramos');
      await page.fill('#owner-0-nationality', 'PH');
      await page.fill('#owner-0-share', '60');
      await page.fill('#owner-1-name', 'Andres Villanueva');
      await page.fill('#owner-1-nationality', 'PH');
      await page.fill('#owner-1-share', '30');
      await page.fill('#officer-0-name', 'Ligaya Ramos');
      await page.fill('#officer-0-position', 'President');
      await page.fill('#adminName', 'Ligaya Ramos');
      await page.fill('#adminEmail', email);
      await page.fill('#adminPassword', PASSWORD);
      await page.check('#adminLanguage');
      expect((await submit(page, ROUTES.agencyRegister))?.status()).toBe(400);
      expect(await text(page, '#owner-0-share-error')).toContain(t('agencyPortal.register.errors.sharesSum'));
      expect(await page.inputValue('#adminPassword')).toBe('');
      expect(await page.inputValue('#legalName')).toBe(legalName);
      await expectNoAxeViolations(page);
      await page.fill('#owner-1-share', '40');
      await page.fill('#adminPassword', PASSWORD);
      await submit(page, ROUTES.agencyRegister);
      expect(new URL(page.url()).pathname).toBe(ROUTES.agencyRegisterSent);
      expect(await text(page, 'main')).toContain(t('agencyPortal.registerSent.sent', { email }));
      await expectNoAxeViolations(page);

      // The mailed link: the token leaves the address bar; a wrong password is refused.
      const opened = await page.goto(await registrationLink(email));
      expect(page.url()).toBe(`${stack().webUrl}${ROUTES.agencyRegisterVerify}`);
      expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
      expect(await h1(page)).toBe(t('agencyPortal.verify.title'));
      await expectNoAxeViolations(page);
      await page.fill('#password', 'not the one I chose');
      expect((await submit(page, ROUTES.agencyRegisterVerify))?.status()).toBe(400);
      expect(await text(page, '#password-error')).toContain(t('account.verify.wrong'));
      await page.fill('#password', PASSWORD);
      await submit(page, ROUTES.agencyRegisterVerify);
      expect(new URL(page.url()).pathname).toBe(ROUTES.agencyPortal);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.notices.registered'));
      expect(await text(page, '.govuk-caption-l')).toBe(legalName);
      expect(await text(page, 'main')).toContain(t('agencyPortal.dashboard.noLicense'));
      expect(await text(page, '#checks')).toContain(t('agencyPortal.dashboard.checks.escrowNotOpen'));
      await expectNoAxeViolations(page);

      // Apply: the checklist, uploads against it, a refused upload, submit.
      await submit(page, ROUTES.agencyApplications);
      const action = new URL(page.url()).pathname;
      const id = action.split('/').pop()!;
      applicationId = id;
      expect(await h1(page)).toBe(t('agencyPortal.applicationTypes.new'));
      expect(await text(page, '#checklist + table')).toContain(t('agencyPortal.application.missing'));
      await expectNoAxeViolations(page);
      const [refusedResponse] = await Promise.all([page.waitForNavigation(), page.click(`main form[action="${action}/documents"] button[type="submit"]`)]);
      expect(refusedResponse?.status()).toBe(400);
      expect(await text(page, '#kind-error')).toContain(t('agencyPortal.application.errors.kind'));
      await expectNoAxeViolations(page);
      for (const kind of REQUIRED) await upload(page, action, kind);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.notices.uploaded'));
      expect(await text(page, '#checklist + table')).not.toContain(t('agencyPortal.application.missing'));
      await submit(page, `${action}/submit`);
      expect(await text(page, '#state')).toContain(t('agencyPortal.applicationStates.submitted'));
      await expectNoAxeViolations(page);

      // The ministry returns it (through the API).
      ok('take', await inspector.POST('/licensing/applications/{id}/take', { params: { path: { id } }, body: { version: await version(id) } }));
      const reason = 'The business permit has expired: upload the 2026 permit';
      ok(
        'return',
        await inspector.POST('/licensing/applications/{id}/return', { params: { path: { id } }, body: { version: await version(id), items: [reason] } }),
      );
      await page.goto(action);
      expect(await text(page, '#state')).toContain(t('agencyPortal.applicationStates.returned_for_correction'));
      expect(await text(page, '#reasons')).toBe(reason);
      expect(await text(page, '#changed')).toBe(t('agencyPortal.application.nothingChanged'));
      await expectNoAxeViolations(page);
      await upload(page, action, 'business-permit');
      expect(await text(page, '#changed')).toBe(t('agencyPortal.application.added', { kind: t('agencyPortal.documentKinds.business-permit') }));
      await submit(page, `${action}/submit`);
      expect(await text(page, '#state')).toContain(t('agencyPortal.applicationStates.submitted'));
      expect(await text(page, '#changed')).toContain(t('agencyPortal.documentKinds.business-permit'));
      await expectNoAxeViolations(page);

      // The escrow is funded and the ministry approves (through the API).
      agencyId = ok('read the application', await inspector.GET('/licensing/applications/{id}', { params: { path: { id } } })).agencyId;
      ok(
        'open escrow',
        await supervisor.POST('/licensing/agencies/{agencyId}/escrow/account', { params: { path: { agencyId } }, body: { licenseType: 'provisional' } }),
      );
      ok(
        'deposit',
        await inspector.POST('/licensing/agencies/{agencyId}/escrow/entries', {
          params: { path: { agencyId }, header: { 'Idempotency-Key': randomUUID() } },
          body: { kind: 'deposit', amountMinor: '100000000', currency: 'PHP', reference: `BDO-${n}` },
        }),
      );
      ok('take', await inspector.POST('/licensing/applications/{id}/take', { params: { path: { id } }, body: { version: await version(id) } }));
      ok('recommend', await inspector.POST('/licensing/applications/{id}/recommend', { params: { path: { id } }, body: { version: await version(id) } }));
      const approved = ok(
        'approve',
        await supervisor.POST('/licensing/applications/{id}/approve', { params: { path: { id } }, body: { version: await version(id), note: 'In order' } }),
      );
      number = approved.licenseNumber!;

      // The dashboard shows the license, its days left and the clearance; the certificate downloads.
      await page.goto(ROUTES.agencyPortal);
      expect(await text(page, '#license + dl')).toContain(number);
      expect(await text(page, '#license + dl')).toContain(t('agencyPortal.licenseStates.active'));
      expect(await text(page, '#license + dl')).toMatch(/\d+ days left/);
      expect(await text(page, '#placements')).toBe(t('agencyPortal.dashboard.mayPlace'));
      await expectNoAxeViolations(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a[href="${ROUTES.agencyCertificate}"]`)]);
      const pdf = await new Promise<Buffer>((resolve, reject) => {
        void download.createReadStream().then((s) => {
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => resolve(Buffer.concat(chunks)));
          s.on('error', reject);
        }, reject);
      });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const codes = qrCodesOfPdf(pdf);
      expect(codes).toEqual([`${stack().webUrl}${ROUTES.agencyLicense}/${number}`]);
      await page.goto(codes[0]);
      expect(await h1(page)).toBe(legalName);
      expect(await text(page, 'main')).toContain(number);
    }
  }, 150_000);

  it('records a compliant and an overcharging placement, declares the payment of its refund order which the ministry confirms, answers a complaint; another agency sees none of it', async () => {
    if (!number) throw new Error('the first step did not get a license');
    const id = applicationId;
    try {
      // Placements: a refused form, a compliant one, then one over the cap with its refund order at once.
      const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
      const placement = async (worker: string, fee: string, receipt: string) => {
        await page.goto(ROUTES.agencyPlacementNew);
        await page.fill('#workerName', worker);
        await page.fill('#passport', `P${randomBytes(3).toString('hex').toUpperCase()}A`);
        await page.fill('#employerName', 'Kowloon Logistics Ltd.');
        await page.fill('#destinationCountry', 'HK');
        await page.selectOption('#occupationCategory', 'general');
        await page.fill('#salary', '12,000');
        await page.fill('#salaryCurrency', 'HKD');
        await page.fill('#recruitedOn', daysAgo(30));
        await page.fill('#contractStart', daysAgo(5));
        await page.fill('#contractMonths', '24');
        await page.selectOption('#fee-0-item', 'placement-fee');
        await page.fill('#fee-0-amount', fee);
        await page.fill('#fee-0-date', daysAgo(20));
        await page.fill('#fee-0-receipt', receipt);
        return submit(page, ROUTES.agencyPlacementNew);
      };
      expect((await placement('Maria Santos', '2,000', ''))?.status()).toBe(400);
      expect(await text(page, '#fee-0-receipt-error')).toContain(t('agencyPortal.placements.errors.receipt'));
      await expectNoAxeViolations(page);
      await placement('Maria Santos', '2,000', `OR-${n}-1`);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.placements.recorded'));
      expect(await text(page, '#outcome')).toBe(t('agencyPortal.placements.outcomes.compliant'));
      expect(await text(page, '#refunds + p')).toBe(t('agencyPortal.placements.noRefunds'));
      await expectNoAxeViolations(page);
      await placement('Ramil Bautista', '60,000', `OR-${n}-2`);
      expect(await text(page, '.govuk-warning-text')).toContain(t('agencyPortal.placements.outcomes.violations'));
      expect(await text(page, '#excess')).toContain(t('fees.items.placement-fee'));
      const refundReference = (await text(page, '#refunds + table tbody tr td')).trim();
      expect(refundReference).toMatch(/\S/);
      await expectNoAxeViolations(page);

      // The worker is refunded; the agency records its payment with proof on the page (a refused
      // form first, the errors next to the fields); the ministry confirms it (through the API); the agency sees it paid.
      const orders = ok('refund orders', await inspector.GET('/refund-orders', { params: { query: { agencyId, state: 'open' } } })).items;
      expect(orders.map((o) => o.reference)).toEqual([refundReference]);
      const orderId = orders[0].id;
      const payAction = `${ROUTES.agencyRefundOrders}/${orderId}/payment`;
      await page.goto(ROUTES.agencyRefundOrders);
      expect(await text(page, `#pay-${orderId}-heading`)).toBe(t('agencyPortal.refunds.recordHeading', { reference: refundReference }));
      expect((await submit(page, payAction))?.status()).toBe(400);
      expect(await text(page, `#paymentReference-${orderId}-error`)).toContain(t('agencyPortal.refunds.errors.reference'));
      expect(await text(page, `#proof-${orderId}-error`)).toContain(t('agencyPortal.application.errors.file'));
      await expectNoAxeViolations(page);
      await page.fill(`#paymentReference-${orderId}`, `GCASH-${n}`);
      await page.setInputFiles(`#proof-${orderId}`, { name: 'bank-slip.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
      await submit(page, payAction);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.refunds.declaredNotice', { reference: refundReference }));
      expect(await text(page, '#orders')).toContain(t('agencyPortal.refunds.states.payment-declared'));
      expect(await page.$(`form[action="${payAction}"]`)).toBeNull();
      const declared = ok('read the declared order', await inspector.GET('/refund-orders/{id}', { params: { path: { id: orderId } } }));
      expect(declared).toMatchObject({ state: 'payment-declared', declaredReference: `GCASH-${n}` });
      ok(
        'confirm the payment',
        await inspector.POST('/refund-orders/{id}/payment', { params: { path: { id: orderId } }, body: { version: declared.version } }),
      );
      await page.goto(ROUTES.agencyRefundOrders);
      expect(await text(page, '#orders')).toContain(refundReference);
      expect(await text(page, '#orders')).toContain(t('agencyPortal.refunds.paid', { reference: `GCASH-${n}` }));
      await expectNoAxeViolations(page);

      // A complaint against the agency, from a worker whose identity is protected, taken to adjudication by the ministry.
      const secretName = `Rosario ${n} Dimagiba`;
      const secretEmail = `rosario-${n}@worker.test`;
      const secretPhone = '+63 917 555 0142';
      const facts = `They charged me PHP 60,000 for the placement (${n}).`;
      const filed = ok(
        'file a complaint',
        await createApiClient({ baseUrl: stack().apiUrl }).POST('/public/complaints', {
          body: {
            licenseNumber: number,
            destinationCountry: 'HK',
            allegations: [{ category: 'excess-fees', facts, occurredOn: daysAgo(20), amountMinor: '6000000', currency: 'PHP' }],
            complainantName: secretName,
            email: secretEmail,
            phone: secretPhone,
            identityProtected: true,
            language: 'en',
          },
        }),
      );
      const staffCase = async () => ok('read the case', await supervisor.GET('/complaints/{id}', { params: { path: { id: filed.id } } }));
      if ((await staffCase()).agencyId !== agencyId) {
        ok(
          'link the agency',
          await supervisor.POST('/complaints/{id}/agency', {
            params: { path: { id: filed.id } },
            body: { agencyId, reason: 'The complaint names its license.', version: (await staffCase()).version },
          }),
        );
      }
      ok(
        'accept',
        await supervisor.POST('/complaints/{id}/actions/{action}', {
          params: { path: { id: filed.id, action: 'accept' } },
          body: { version: (await staffCase()).version },
        }),
      );
      ok(
        'fail conciliation',
        await supervisor.POST('/complaints/{id}/actions/{action}', {
          params: { path: { id: filed.id, action: 'fail-conciliation' } },
          body: { version: (await staffCase()).version, reason: 'The agency refused to refund.' },
        }),
      );
      await page.goto(ROUTES.agencyComplaints);
      expect(await text(page, '#cases')).toContain(filed.reference);
      await expectNoAxeViolations(page);
      await Promise.all([page.waitForNavigation(), page.click(`a:text-is("${filed.reference}")`)]);
      expect(await text(page, '#allegations')).toContain(facts);
      expect(await text(page, '#due')).toMatch(/Answer by/);
      const main = await text(page, 'main');
      expect(main).toContain(t('agencyPortal.complaints.protected'));
      for (const secret of [secretName, secretEmail, secretPhone, 'Rosario']) expect(main).not.toContain(secret);
      await expectNoAxeViolations(page);
      const caseAction = new URL(page.url()).pathname;
      expect((await submit(page, `${caseAction}/answer`))?.status()).toBe(400);
      expect(await text(page, '#answer-error')).toContain(t('agencyPortal.complaints.errors.answerMissing'));
      await expectNoAxeViolations(page);
      const answerText = 'The placement fee was refunded in full; the receipt is attached.';
      await page.fill('#answer', answerText);
      await submit(page, `${caseAction}/answer`);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.complaints.notices.answered'));
      expect(await text(page, '#answer-given')).toBe(answerText);
      await page.selectOption('#evidence-kind', 'receipt');
      await page.setInputFiles('#evidence-file', { name: 'refund.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
      await submit(page, `${caseAction}/evidence`);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.complaints.notices.evidence'));
      await expectNoAxeViolations(page);

      // A second agency sees nothing of it; signing in again lands on the agency's home.
      const other = await otherAgency();
      expect((await other.GET('/agency/applications/{id}', { params: { path: { id } } })).response.status).toBe(404);
      expect(ok('list', await other.GET('/agency/applications', {})).items).toEqual([]);
      expect(ok('placements', await other.GET('/placements', {})).items).toEqual([]);
      expect(ok('refund orders', await other.GET('/refund-orders', {})).items).toEqual([]);
      expect(ok('complaints', await other.GET('/agency/complaints', {})).items).toEqual([]);
      expect((await other.GET('/agency/complaints/{id}', { params: { path: { id: filed.id } } })).response.status).toBe(404);
      await page.goto(ROUTES.agencyPortal);
      await Promise.all([page.waitForNavigation(), page.click(`form[action="${ROUTES.signOut}"] button`)]);
      await page.goto(ROUTES.signIn);
      await page.fill('#email', email);
      await page.fill('#password', PASSWORD);
      await submit(page, ROUTES.signIn);
      expect(new URL(page.url()).pathname).toBe(ROUTES.agencyPortal);
      expect(watch.problems()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);

  it("shows another agency's application as not found, and invites a staff member", async () => {
    const other = await otherAgency();
    const app = ok('open', await other.POST('/agency/applications', { body: { type: 'new' } }));
    const n = randomBytes(4).toString('hex');
    const email = `third-${n}@agency.test`;
    const res = await fetch(`${stack().apiUrl}/agency-registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        legalName: `Third ${n} Inc.`,
        registrationNumber: `TH-${n}`,
        address: 'Cebu',
        owners: [{ name: `Own ${n}`, nationality: 'PH', sharePercent: 100 }],
        officers: [{ name: `Off ${n}`, position: 'President' }],
        capital: { amountMinor: '1', currency: 'PHP' },
        admin: { email, password: PASSWORD, displayName: 'Third' },
      }),
    });
    expect(res.status).toBe(202);
    const context = await newContext(browser, { js: true, viewport: 'desktop', locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await page.goto(await registrationLink(email));
      await page.fill('#password', PASSWORD);
      await submit(page, ROUTES.agencyRegisterVerify);
      expect(new URL(page.url()).pathname).toBe(ROUTES.agencyPortal);
      await expectNoAxeViolations(page);
      const response = await page.goto(`${ROUTES.agencyApplications}/${app.id}`);
      expect(response?.status()).toBe(404);

      // Staff invitations: a refused address, then an invitation mailed; the admin is listed.
      await page.goto(ROUTES.agencyStaff);
      expect(await text(page, '#users')).toContain(email);
      await expectNoAxeViolations(page);
      await page.fill('#name', 'Juan Dela Cruz');
      await page.fill('#email', 'not an address');
      expect((await submit(page, ROUTES.agencyStaff))?.status()).toBe(400);
      expect(await text(page, '#email-error')).toContain(t('agencyPortal.register.errors.email'));
      await expectNoAxeViolations(page);
      const staffEmail = `juan-${n}@agency.test`;
      await page.fill('#email', staffEmail);
      await submit(page, ROUTES.agencyStaff);
      expect(await text(page, '.govuk-notification-banner')).toContain(t('agencyPortal.staff.invited', { email: staffEmail }));
      expect(await mailedLink('invitation', staffEmail)).toContain(ROUTES.accountInvitation);
      await expectNoAxeViolations(page);
    } finally {
      await context.close();
    }
  });
});
