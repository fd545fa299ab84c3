/**
 * Welfare in the worker's account, in a real browser against the real api + worker + web: the
 * worker's own membership and its periods; a claim filed through the pages, its document
 * checklist; a document the welfare officer asks for sent from the page (the claim goes back to
 * review); the claim followed to payment. Another's claim is a 404 through the pages. JavaScript
 * on and off at phone width, in English and Nepali; axe on every page.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient } from '@app/api-client';
import type { Browser } from 'playwright-core';
import { Locale, translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { createWorker, h1, overchargedPlacement, signInThroughPage, submit, text } from './support/account-fixtures';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { ContextOptions, describeContext, launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { DEMO_PASSWORD } from './support/tracking-fixtures';

const t = (lang: Locale, key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
const PDF = readFileSync(join(__dirname, 'fixtures', 'complaints', 'contract.pdf'));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${what} answered ${r.response.status}: ${JSON.stringify(r.error)}`);
  return r.data;
}

describe('welfare, in your account', () => {
  let browser: Browser;
  let agency: ApiClient;
  let officer: ApiClient;
  beforeAll(async () => {
    [browser] = await Promise.all([launchBrowser(), seedDemoData()]);
    agency = await signedInApi('admin@bayanihan.demo.lcs', DEMO_PASSWORD);
    officer = await signedInApi('welfare@demo.lcs', DEMO_PASSWORD);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  const act = async (id: string, action: ApiSchemasAction, body: Record<string, unknown> = {}, key?: string) => {
    const { version } = ok('read the claim', await officer.GET('/welfare/claims/{id}', { params: { path: { id } } }));
    return ok(
      action,
      await officer.POST('/welfare/claims/{id}/actions/{action}', {
        params: { path: { id, action }, ...(key ? { header: { 'Idempotency-Key': key } } : {}) } as never,
        body: { version, ...body },
      }),
    );
  };

  for (const [lang, js] of [
    ['en', false],
    ['en', true],
    ['ne', false],
    ['ne', true],
  ] as const) {
    const o: ContextOptions = { js, viewport: 'phone', locale: lang === 'ne' ? 'ne-NP' : 'en-GB' };
    it(`in ${lang}, ${describeContext(o)}: membership, a claim filed, a document sent when asked, followed to payment; another's claim is 404`, async () => {
      const worker = await createWorker(`welfare-${lang}`, lang);
      const placement = await overchargedPlacement(agency, worker.email);
      ok(
        'the contribution',
        await agency.POST('/welfare/contributions', {
          body: { placementId: placement.id, paidOn: daysAgo(10).toISOString().slice(0, 10), receiptNumber: `OWWA-${randomUUID().slice(0, 8)}` },
        }),
      );
      const context = await newContext(browser, o);
      const page = await context.newPage();
      const watch = watchPage(page);
      try {
        await signInThroughPage(page, worker.email, undefined, lang);
        await page.goto(ROUTES.accountWelfare);
        expect(await h1(page)).toBe(t(lang, 'account.welfare.title'));
        expect(await page.locator('#membership ~ ul li').count()).toBeGreaterThan(0);
        await expectNoAxeViolations(page);

        // File a claim: refused empty, then sent.
        await page.goto(ROUTES.accountWelfareNewClaim);
        await expectNoAxeViolations(page);
        expect((await submit(page, ROUTES.accountWelfareNewClaim))?.status()).toBe(400);
        expect(await text(page, '.govuk-error-summary')).toContain(t(lang, 'account.welfare.file.missing'));
        await expectNoAxeViolations(page);
        await page.check('input[name="claimType"][value="medical"]');
        // Before filing: each type says the documents it needs (the API's checklist), tied to its radio button.
        const medical = page.locator('input[name="claimType"][value="medical"]');
        const hint = page.locator(`#${(await medical.getAttribute('aria-describedby'))!}`);
        expect(await hint.isVisible()).toBe(true);
        expect(await text(page, `#${await hint.getAttribute('id')}`)).toBe(
          t(lang, 'account.welfare.file.documentsNeeded', {
            documents: ['membership-record', 'passport-copy', 'medical-report', 'medical-receipts']
              .map((code) => t(lang, `account.welfare.documents.${code}`))
              .join(', '),
          }),
        );
        expect(await page.locator('.govuk-radios__hint').count()).toBe(7); // every type the member may claim
        const incident = daysAgo(5);
        await page.fill('#incident-day', String(incident.getUTCDate()));
        await page.fill('#incident-month', String(incident.getUTCMonth() + 1));
        await page.fill('#incident-year', String(incident.getUTCFullYear()));
        await page.fill('#facts', 'I was treated in hospital for a back injury at work.');
        await page.fill('#amount', '500');
        await page.fill('#payout', 'BDO 0012-3456-78');
        await submit(page, ROUTES.accountWelfareNewClaim);
        const claimPath = new URL(page.url()).pathname;
        expect(claimPath).toMatch(/^\/account\/welfare\/claims\/[0-9a-f-]{36}$/);
        expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.welfare.claim.doneTitle'));
        expect(await text(page, '#claim-state')).toContain(t(lang, 'account.welfare.states.submitted'));
        expect(await page.locator('#checklist + ul li').count()).toBeGreaterThan(0);
        if (!js) await screenshot(page, `account-claim-${lang}-phone-nojs`);
        await expectNoAxeViolations(page);
        const id = claimPath.split('/').pop()!;

        // The officer asks for a document; the worker sends it from the page; the claim is back in review.
        await act(id, 'take');
        await act(id, 'request-documents', { documents: ['medical-receipts'] });
        await page.goto(claimPath);
        expect(await text(page, '#requested + ul')).toContain(t(lang, 'account.welfare.documents.medical-receipts'));
        await expectNoAxeViolations(page);
        expect((await submit(page, `${claimPath}/documents`))?.status()).toBe(400);
        await page.setInputFiles('#upload-file', { name: 'receipts.pdf', mimeType: 'application/pdf', buffer: PDF });
        await submit(page, `${claimPath}/documents`);
        expect(await text(page, '.govuk-notification-banner')).toContain(t(lang, 'account.welfare.claim.allUploaded'));
        expect(await text(page, '#claim-state')).toContain(t(lang, 'account.welfare.states.under_review'));
        expect(await page.locator('#sent + ul li').count()).toBe(1);

        // Approved, sent, paid: followed on the page.
        await act(id, 'approve');
        await act(id, 'disburse', {}, randomUUID());
        await act(id, 'confirm-payment', { paidReference: 'BDO-TRX-5521' });
        await page.goto(claimPath);
        expect(await text(page, '#claim-state')).toContain(t(lang, 'account.welfare.states.paid'));
        expect(await text(page, '#claim-paid')).toContain('BDO-TRX-5521');
        await expectNoAxeViolations(page);

        // A claim the officer filed for the same member is not the worker's: 404, as is no claim.
        const others = ok(
          'an officer files',
          await officer.POST('/welfare/claims', {
            body: {
              claimType: 'livelihood-grant',
              workerPassportNumber: (await memberPassport(worker.accessToken))!,
              workerName: 'Maria Santos',
              incidentDate: daysAgo(3).toISOString().slice(0, 10),
              facts: 'Filed at the counter.',
              payout: 'cash',
              language: 'en',
            },
          }),
        );
        for (const path of [`${ROUTES.accountWelfare}/claims/${others.id}`, `${ROUTES.accountWelfare}/claims/not-a-claim`]) {
          const res = await page.goto(path);
          expect(res?.status()).toBe(404);
          expect(await h1(page)).toBe(t(lang, 'errors.notFound.title'));
        }
        expect(watch.problems().filter((p) => !p.includes('404'))).toEqual([]);
      } finally {
        await context.close();
      }
    }, 150_000);
  }
});

type ApiSchemasAction = 'take' | 'request-documents' | 'documents-received' | 'approve' | 'reject' | 'disburse' | 'confirm-payment';

async function memberPassport(accessToken: string): Promise<string | null> {
  const { stack } = await import('./support/stack');
  const res = await fetch(`${stack().apiUrl}/me/welfare/membership`, { headers: { authorization: `Bearer ${accessToken}` } });
  const body = (await res.json()) as { memberships: { passportNumber: string }[] };
  return body.memberships[0]?.passportNumber ?? null;
}
