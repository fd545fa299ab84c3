/**
 * The ministry's workbench (issue 21, part 1), in a real browser at 1280x800 against the real
 * api + worker + web:
 *
 *   - an inspector signs in, lands on the workbench, finds a new complaint in their queue (filters,
 *     SLA badge), opens it (parties, evidence viewer), triages it, records a settlement (its form
 *     refused first, errors beside the fields), records the breach, is beaten to the case by a
 *     second tab (the conflict message and the fresh case), schedules a hearing and holds it;
 *   - a supervisor sees the penalty the schedule proposes, decides, and once the appeal window has
 *     passed (the deadline moved into the past in the database: the worker fires it, as it would
 *     ten days later) the case is closed and the suspension is on the agency's licence; reports as
 *     SVG charts with their CSV; the audit trail finds the decision;
 *   - a worker and an agency's user opening staff pages get the 403 page (the API's answer).
 *
 * axe on every page visited. Set-up (accounts, the agency, the complaint) goes through the API.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApiClient } from '@app/api-client';
import { createApiClient } from '@app/api-client';
import { translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { createWorker, h1, submit, text, withDb } from './support/account-fixtures';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { expectNoAxeViolations } from './support/axe';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { stack } from './support/stack';
import { DEMO_PASSWORD } from './support/tracking-fixtures';

const PASSWORD = 'correct horse battery staple';
const RECEIPT = readFileSync(join(__dirname, 'fixtures', 'complaints', 'receipt.jpg'));
const t = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);

function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** A date `days` from now in Manila (the home jurisdiction), YYYY-MM-DD, as a date input takes it. */
const manilaDate = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

interface World {
  agency: { id: string; name: string; licenseNumber: string; licenseId: string };
  inspector: { email: string; id: string; api: ApiClient };
  supervisor: { email: string; id: string; api: ApiClient };
  agencyAdmin: { email: string };
  complaint: { id: string; reference: string };
}

/** Set-up through the API, each step named in the error if it fails. */
async function setUp(): Promise<World> {
  let at = 'seed the demo data';
  try {
    return await setUpSteps((step) => (at = step));
  } catch (e) {
    throw new Error(`set-up failed at "${at}": ${e instanceof Error ? `${e.message} ${String((e as { cause?: unknown }).cause ?? '')}` : String(e)}`, {
      cause: e,
    });
  }
}

async function setUpSteps(step: (name: string) => void): Promise<World> {
  await seedDemoData();
  step('sign in as the demo admin');
  const word = randomBytes(4).toString('hex');
  const admin = await signedInApi('admin@demo.lcs', DEMO_PASSWORD);
  const person = async (role: 'inspector' | 'supervisor', name: string) => {
    const email = `${role}.${word}@staff.test`;
    const user = ok(`create an ${role}`, await admin.POST('/admin/users', { body: { email, password: PASSWORD, displayName: name, roles: [role] } }));
    return { email, id: user.id, api: await signedInApi(email, PASSWORD) };
  };
  step('create the inspector');
  const inspector = await person('inspector', 'Iris Inspector');
  step('create the supervisor');
  const supervisor = await person('supervisor', 'Sam Supervisor');

  step('register the agency and its licence');
  const name = `Halimaw ${word} Manpower Services Inc.`;
  const [{ id: agencyId }] = await withDb(
    async (db) =>
      (await db.query<{ id: string }>('INSERT INTO agency (legal_name, registration_number) VALUES ($1, $2) RETURNING id', [name, `STAFF-${word}`])).rows,
  );
  const license = ok('issue a licence', await supervisor.api.POST('/licensing/licenses', { body: { agencyId, type: 'regular' } }));
  const agencyAdminEmail = `agency.${word}@staff.test`;
  ok(
    'create an agency admin',
    await admin.POST('/admin/users', { body: { email: agencyAdminEmail, password: PASSWORD, displayName: 'Agency Admin', roles: ['agency_admin'], agencyId } }),
  );

  step('file the complaint');
  const filed = ok(
    'file a complaint',
    await createApiClient({ baseUrl: stack().apiUrl }).POST('/public/complaints', {
      body: {
        licenseNumber: license.number,
        destinationCountry: 'HK',
        complainantName: 'Maria Santos',
        // Protected: the case page masks her until an officer shows the identity, with a reason (audited).
        identityProtected: true,
        email: `maria.${word}@workers.test`,
        allegations: [
          {
            category: 'excess-fees',
            facts: 'The agency took PHP 50,000 from me for the placement.',
            occurredOn: '2026-01-15',
            amountMinor: '5000000',
            currency: 'PHP',
          },
        ],
        language: 'en',
      },
    }),
  );
  // The complaint goes to the least-loaded inspector; other test files' inspectors may tie: make it ours.
  step('assign the case');
  const version = ok('read the case', await supervisor.api.GET('/complaints/{id}', { params: { path: { id: filed.id } } })).version;
  ok('assign', await supervisor.api.POST('/complaints/{id}/assign', { params: { path: { id: filed.id } }, body: { userId: inspector.id, version } }));
  // A receipt, for the evidence viewer (multipart through fetch itself: it writes the boundary).
  step('add the evidence');
  const { data: login } = await createApiClient({ baseUrl: stack().apiUrl }).POST('/auth/login', { body: { email: inspector.email, password: PASSWORD } });
  const form = new FormData();
  form.append('kind', 'receipt');
  form.append('file', new Blob([new Uint8Array(RECEIPT)], { type: 'image/jpeg' }), 'receipt.jpg');
  const uploaded = await fetch(`${stack().apiUrl}/complaints/${filed.id}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${login!.accessToken}` },
    body: form,
  });
  if (uploaded.status !== 201) throw new Error(`adding the evidence answered ${uploaded.status}: ${await uploaded.text()}`);
  return {
    agency: { id: agencyId, name, licenseNumber: license.number, licenseId: license.id },
    inspector,
    supervisor,
    agencyAdmin: { email: agencyAdminEmail },
    complaint: { id: filed.id, reference: filed.reference },
  };
}

/** Signs in through /sign-in (no returnTo) and answers where the person landed. */
async function signIn(page: Page, email: string, password = PASSWORD): Promise<string> {
  await page.goto(ROUTES.signIn);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submit(page, ROUTES.signIn);
  return new URL(page.url()).pathname;
}

/** Opens an action's form on the case page and sends it; answers the response's status. */
async function act(page: Page, caseId: string, action: string, fill: (page: Page) => Promise<void> = async () => undefined): Promise<number | undefined> {
  const details = page.locator(`#action-${action}`);
  if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open))) await page.click(`#action-${action} summary`);
  await fill(page);
  return (await submit(page, `${ROUTES.staffCases}/${caseId}/actions/${action}`))?.status();
}

const stage = (page: Page) => text(page, '#case-stage');

describe('the ministry’s workbench: a complaint from the queue to the sanction on the licence', () => {
  let browser: Browser;
  let world: World;
  beforeAll(async () => {
    [browser, world] = await Promise.all([launchBrowser(), setUp()]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('an inspector triages from the queue, runs conciliation to a breached settlement, loses a race to a colleague, and adjudicates with a hearing', async () => {
    const { complaint, inspector } = world;
    const context = await newContext(browser, { js: true, viewport: 'desktop' });
    const page = await context.newPage();
    const watch = watchPage(page);
    const here = `${ROUTES.staffCases}/${complaint.id}`;
    try {
      expect(await signIn(page, inspector.email)).toBe(ROUTES.staff);
      expect(await text(page, '.moj-identity-bar')).toContain('Iris Inspector');
      expect(await text(page, '.moj-primary-navigation')).toContain(t('staff.nav.myCases'));
      expect(await page.locator('link[rel="stylesheet"]').getAttribute('href')).toMatch(/\/assets\/staff\.[0-9a-f]+\.css$/);
      await expectNoAxeViolations(page);

      // My queue: the new complaint, with its SLA badge; the filters keep it or leave it out.
      await Promise.all([page.waitForNavigation(), page.click(`.moj-primary-navigation a[href="${ROUTES.staffMyCases}"]`)]);
      expect(await h1(page)).toBe(t('staff.queue.mine'));
      const row = page.locator(`tr[data-reference="${complaint.reference}"]`);
      expect(await row.count()).toBe(1);
      expect(['on-time', 'due-soon']).toContain(await row.locator('[data-sla]').getAttribute('data-sla'));
      expect(await row.textContent()).toContain(world.agency.name);
      await expectNoAxeViolations(page);
      await page.selectOption('#category', 'abuse-harassment');
      await Promise.all([page.waitForNavigation(), page.click('#apply-filters')]);
      expect(page.url()).toContain('category=abuse-harassment');
      expect(await page.locator(`tr[data-reference="${complaint.reference}"]`).count()).toBe(0);
      await page.selectOption('#category', 'excess-fees');
      await page.selectOption('#stage', 'submitted');
      await Promise.all([page.waitForNavigation(), page.click('#apply-filters')]);
      expect(await page.locator(`tr[data-reference="${complaint.reference}"]`).count()).toBe(1);
      await screenshot(page, 'staff-queue-desktop');

      // Sorted by the next deadline (a link: MOJ sortable-table headers that work without script), filters kept.
      await Promise.all([page.waitForNavigation(), page.click('th.lcs-sortable a[href*="sort=deadline"]')]);
      expect(new URL(page.url()).searchParams.get('sort')).toBe('deadline');
      expect(new URL(page.url()).searchParams.get('stage')).toBe('submitted');
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain(t('staff.queue.columns.deadline'));
      expect(await page.locator(`tr[data-reference="${complaint.reference}"]`).count()).toBe(1);

      // The case: parties with the complainant's details, the agency's other cases, the evidence viewer.
      await Promise.all([page.waitForNavigation(), page.click(`a[href="${here}"]`)]);
      expect(await h1(page)).toBe(complaint.reference);
      expect(await stage(page)).toBe(t('staff.stage.submitted'));
      // A protected identity is masked until shown, with a reason (its own audit entry, complaint.identity.revealed).
      expect(await text(page, 'main')).not.toContain('Maria Santos');
      expect(await text(page, '#complainant-masked')).toContain(t('staff.revealIdentity.masked'));
      expect((await submit(page, `${here}/identity`))?.status()).toBe(400);
      expect(await text(page, '#identity-reason-error')).toContain(t('staff.revealIdentity.errors.missing'));
      await page.fill('#identity-reason', 'Calling her to arrange the conciliation conference.');
      expect((await submit(page, `${here}/identity`))?.status()).toBe(200);
      expect(await text(page, 'main')).toContain('Maria Santos');
      expect(await text(page, '#identity-revealed')).toContain(t('staff.revealIdentity.revealed'));
      expect(await text(page, 'main')).toContain(t('staff.case.audited'));
      await expectNoAxeViolations(page);
      await Promise.all([page.waitForNavigation(), page.click('#evidence ~ ul a')]);
      expect(await h1(page)).toBe('receipt.jpg');
      const img = page.locator('.lcs-viewer__image');
      await img.waitFor();
      expect(await img.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      await page.goto(here);

      // The inspector is not offered the supervisor's moves.
      expect(await page.locator('#action-decide').count()).toBe(0);
      expect(await page.locator('#action-accept').count()).toBe(1);

      // Triage.
      expect(await act(page, complaint.id, 'accept')).toBe(200);
      expect(page.url()).toBe(`${stack().webUrl}${here}`);
      expect(await text(page, '#case-notice')).toContain(t('staff.actions.accept.title'));
      expect(await stage(page)).toBe(t('staff.stage.conciliation'));

      // A settlement: refused without its terms and with a date in the past, then recorded.
      expect(
        await act(page, complaint.id, 'settle', async (p) => {
          await p.fill('#settle-complyBy', manilaDate(-3));
        }),
      ).toBe(400);
      expect(await text(page, '.govuk-error-summary')).toContain(t('staff.actions.errors.termsMissing'));
      expect(await text(page, '#settle-complyBy-error')).toContain(t('staff.actions.errors.complyByPast'));
      await expectNoAxeViolations(page);
      expect(
        await act(page, complaint.id, 'settle', async (p) => {
          await p.fill('#settle-terms', 'The agency refunds PHP 50,000 to the worker.');
          await p.fill('#settle-complyBy', manilaDate(7));
          await p.fill('#settle-amount', '50,000');
          await p.fill('#settle-payableTo', 'Maria Santos');
        }),
      ).toBe(200);
      expect(await stage(page)).toBe(t('staff.stage.settled'));
      expect(await text(page, 'main')).toContain('The agency refunds PHP 50,000 to the worker.');

      // The agency did not pay: the breach sends the case to adjudication (the agency gets notice).
      expect(
        await act(page, complaint.id, 'breach-settlement', async (p) => p.fill('#breach-settlement-reason', 'No refund was paid by the agreed date.')),
      ).toBe(200);
      expect(await stage(page)).toBe(t('staff.stage.adjudication'));

      // Two officers at once: a second tab records the agency's answer; this tab's hearing, sent on
      // the version it read, is refused with the conflict and the case as it now is.
      const other = await context.newPage();
      await other.goto(here);
      expect(await act(other, complaint.id, 'record-answer', async (p) => p.fill('#record-answer-answer', 'We will pay the worker next month.'))).toBe(200);
      await other.close();
      expect(
        await act(page, complaint.id, 'schedule-hearing', async (p) => {
          await p.fill('#schedule-hearing-hearingDate', manilaDate(2));
          await p.fill('#schedule-hearing-hearingTime', '10:00');
          await p.fill('#schedule-hearing-place', 'Room 4, Ministry building');
        }),
      ).toBe(409);
      expect(await text(page, '#case-conflict')).toContain(t('staff.case.conflict.stale'));
      expect(await text(page, 'main')).toContain('We will pay the worker next month.');
      await expectNoAxeViolations(page);
      // Sent again on the fresh case, with what was typed still in the form.
      expect(await page.inputValue('#schedule-hearing-place')).toBe('Room 4, Ministry building');
      expect(await act(page, complaint.id, 'schedule-hearing')).toBe(200);
      expect(await text(page, 'main')).toContain('Room 4, Ministry building');

      // The hearing's day comes (moved into the past in the database, as the clock would), and it is held.
      await withDb((db) =>
        db.query(`UPDATE complaint SET hearing = jsonb_set(hearing, '{at}', to_jsonb($1::text)) WHERE id = $2`, [
          new Date(Date.now() - 60_000).toISOString(),
          complaint.id,
        ]),
      );
      await page.goto(here);
      expect(await act(page, complaint.id, 'hold-hearing')).toBe(200);
      expect(await text(page, 'main')).toContain(t('staff.hearing.held'));
      await screenshot(page, 'staff-case-desktop');
      await expectNoAxeViolations(page);
      expect(watch.problems()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('a supervisor sees the proposed penalty, decides, and after the appeal window sees the suspension on the licence; reports and the audit trail', async () => {
    const { complaint, supervisor, agency } = world;
    const context = await newContext(browser, { js: true, viewport: 'desktop' });
    const page = await context.newPage();
    const watch = watchPage(page);
    const here = `${ROUTES.staffCases}/${complaint.id}`;
    try {
      expect(await signIn(page, supervisor.email)).toBe(ROUTES.staff);
      await Promise.all([page.waitForNavigation(), page.click(`.moj-primary-navigation a[href="${ROUTES.staffCases}"]`)]);
      await page.selectOption('#stage', 'adjudication');
      await Promise.all([page.waitForNavigation(), page.click('#apply-filters')]);
      await Promise.all([page.waitForNavigation(), page.click(`a[href="${here}"]`)]);
      expect(await stage(page)).toBe(t('staff.stage.adjudication'));

      // The proposal, before deciding: a first less-serious offence brings a suspension.
      const proposal = await text(page, '#proposal');
      expect(proposal).toContain(t('staff.proposal.lessSerious'));
      expect(proposal).toMatch(/Suspension of the licence, \d+ months?/);
      await page.click('#action-decide summary');
      expect(await text(page, '#decide-proposal')).toContain(t('staff.proposal.applies'));
      await expectNoAxeViolations(page);

      // A decision without a finding is refused beside the allegation; then decided.
      expect(await act(page, complaint.id, 'decide')).toBe(400);
      expect(await text(page, '#decide-finding-0-error')).toContain(t('staff.actions.errors.findingMissing'));
      // A penalty other than the schedule's needs the reason for departing: said beside its field.
      expect(
        await act(page, complaint.id, 'decide', async (p) => {
          await p.check('#decide-finding-0');
          await p.check('#decide-penalty-2');
          await p.fill('#decide-suspensionMonths', '1');
        }),
      ).toBe(400);
      expect(await text(page, '#decide-departureReason-error')).toContain(t('staff.actions.errors.departureReasonMissing'));
      expect(
        await act(page, complaint.id, 'decide', async (p) => {
          await p.check('#decide-finding-0');
          await p.check('#decide-penalty');
          await p.fill('#decide-note-0', 'The receipt shows PHP 50,000 taken, above the cap.');
        }),
      ).toBe(200);
      expect(await stage(page)).toBe(t('staff.stage.decided'));
      const decided = await text(page, '.lcs-decided');
      expect(decided).toMatch(/Suspension of the licence, \d+ months?/);
      const months = Number(/(\d+) months?/.exec(decided)![1]);
      await expectNoAxeViolations(page);

      // The appeal window passes (its deadline moved into the past: the worker fires it within seconds).
      const moved = await withDb((db) =>
        db.query(
          `UPDATE deadline SET due_at = now() - interval '2 seconds', next_fire_at = now() - interval '2 seconds', next_level = 1, scheduled_version = NULL
              WHERE subject_type = 'complaint' AND subject_id = $1 AND kind = 'complaint.appeal-window' AND state = 'pending'`,
          [complaint.id],
        ),
      );
      expect(moved.rowCount).toBe(1);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const c = ok('read the case', await supervisor.api.GET('/complaints/{id}', { params: { path: { id: complaint.id } } }));
        if (c.stage === 'closed') break;
        if (Date.now() > deadline) throw new Error(`the appeal window did not close the case (stage ${c.stage})`);
        await new Promise((r) => setTimeout(r, 500));
      }
      await page.goto(here);
      expect(await stage(page)).toBe(t('staff.stage.closed'));
      expect(await text(page, 'main')).toContain(t('staff.outcome.decided'));
      expect(await text(page, 'main')).toContain(t('staff.timeline.lapse-appeal-window'));

      // The sanction is on the licence: the registry's page says the agency may not recruit.
      await page.goto(`${ROUTES.agencyLicense}/${encodeURIComponent(agency.licenseNumber)}`);
      expect(await text(page, 'main')).toContain(translate('en', 'agencies.status.suspended.reason', { date: '|' }).split('|')[0].trim());
      const license = ok('read the licence', await supervisor.api.GET('/licensing/licenses/{id}', { params: { path: { id: agency.licenseId } } }));
      expect(license.state).toBe('suspended');
      expect(months).toBeGreaterThan(0);

      // Reports: charts drawn on the server, each with its CSV.
      await page.goto(ROUTES.staffReports);
      expect(await h1(page)).toBe(t('staff.reports.title'));
      expect(await page.locator('svg.lcs-chart').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('#report-stages rect.lcs-chart__bar').count()).toBeGreaterThan(0);
      const csv = await page.getAttribute('a[data-csv="stages"]', 'href');
      const download = await context.request.get(`${stack().webUrl}${csv}`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toContain('text/csv');
      const rows = await download.text();
      expect(rows).toMatch(/^"stage","outcome","days0To7"/);
      expect(rows).toMatch(/\r\n"closed","decided",[1-9]/); // our case among the decided ones
      await expectNoAxeViolations(page);

      // The audit trail finds the decision on this case.
      await page.goto(`${ROUTES.staffAudit}?subjectType=complaint&subject=${complaint.id}&action=complaint.decide`);
      expect(await page.locator('table.lcs-audit tbody tr').count()).toBe(1);
      expect(await text(page, 'table.lcs-audit')).toContain(supervisor.id);
      await page.goto(`${ROUTES.staffAudit}?from=2026-13-01`);
      expect(await text(page, '#from-error')).toContain(t('staff.audit.errors.date'));
      await expectNoAxeViolations(page);

      // Workloads.
      await page.goto(ROUTES.staffWorkloads);
      expect(await text(page, 'main table')).toContain('Iris Inspector');
      await expectNoAxeViolations(page);
      expect(watch.problems()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('a worker or an agency’s user opening staff pages gets the 403 page', async () => {
    const worker = await createWorker('staff-403');
    const people: [string, string][] = [
      [worker.email, ROUTES.account],
      // An agency's user lands on the agency portal.
      [world.agencyAdmin.email, ROUTES.agencyPortal],
    ];
    for (const [email, landing] of people) {
      const context: BrowserContext = await newContext(browser, { js: false, viewport: 'desktop' });
      const page = await context.newPage();
      try {
        expect(await signIn(page, email)).toBe(landing);
        for (const path of [
          ROUTES.staff,
          ROUTES.staffCases,
          `${ROUTES.staffCases}/${world.complaint.id}`,
          ROUTES.staffReports,
          ROUTES.staffAudit,
          ROUTES.staffWorkloads,
        ]) {
          const response = await page.goto(path);
          expect([path, response?.status()]).toEqual([path, 403]);
          expect(await h1(page)).toBe(t('staff.forbidden.title'));
        }
        expect(await text(page, 'main')).not.toContain('Maria Santos');
        await expectNoAxeViolations(page);
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});
