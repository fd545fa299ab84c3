/**
 * "File a complaint" in a real browser against the real api + worker + web: every question page,
 * evidence from the phone (a WEBP, a HEIC and a PDF; an AVIF refused in words), check your answers with
 * "Change", the confirmation with the reference and the secret (shown once, printable), sending
 * twice filing one complaint, the API's refusal shown next to its field, and the complaint as the
 * ministry sees it through the API: the same record as one filed through the API.
 *
 * JavaScript on and off, 360x740 and 1280x800, English and Nepali; axe on every page visited.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { Locale, Translate, translator } from '@app/i18n';
import { maskAddress } from '@app/notifications';
import { expectNoAxeViolations } from './support/axe';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { ContextOptions, describeContext, launchBrowser, matrixFor, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { stack } from './support/stack';
import { publicApi } from './support/tracking-fixtures';

const DEMO_PASSWORD = 'demo-pass-2026!';
const FIXTURES = join(__dirname, 'fixtures', 'complaints');
const JPEG = join(FIXTURES, 'receipt.jpg');
const PDF = join(FIXTURES, 'contract.pdf');
const WEBP = join(FIXTURES, 'receipt.webp');
/** Real photos as libheif writes them: HEIC (HEVC, what an iPhone saves) and AVIF (AV1, not accepted). */
const HEIC = join(FIXTURES, 'photo.heic');
const AVIF = join(FIXTURES, 'photo.avif');
/** A journey visits 20 to 40 pages, each checked by axe. */
const JOURNEY_TIMEOUT_MS = 600_000;

type StaffView = ApiSchemas['StaffComplaintView'];

function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

const unique = () => randomBytes(4).toString('hex');

/**
 * The pages photographed (docs/screenshots/complaints-<name>.png, at phone width with JavaScript
 * off): every page of the journey once in English; the main ones in Nepali too.
 */
const SHOTS = new Set([
  'start',
  'who',
  'name',
  'protection',
  'agency-results',
  'agency-none',
  'recruiter',
  'what-happened',
  'facts',
  'facts-error',
  'employer',
  'fees-paid',
  'abroad',
  'safety',
  'evidence',
  'evidence-error',
  'evidence-one',
  'contact',
  'language',
  'check',
  'confirmation',
  'confirmation-done',
]);
const SHOTS_NE = new Set(['start', 'who', 'agency-results', 'recruiter', 'what-happened', 'fees-paid', 'evidence-one', 'check', 'confirmation']);

/** One page of the journey: its checks, and screenshots at phone width with JavaScript off. */
class Journey {
  readonly watch: { problems(): string[] };
  constructor(
    readonly page: Page,
    readonly t: Translate,
    readonly lang: Locale,
    readonly options: ContextOptions,
    /** Photograph the pages of SHOTS (false: none; a set: only those). */
    private readonly shots: boolean | ReadonlySet<string>,
  ) {
    this.watch = watchPage(page);
  }

  /** What every page must be: in the reader's language, fitting a phone, 0 axe violations. */
  async checked(name: string): Promise<void> {
    expect(await this.page.getAttribute('html', 'lang')).toBe(this.lang);
    expect(await this.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    // No text left as a catalogue key.
    expect(await this.page.textContent('main')).not.toMatch(/\bcomplaints\.[a-zA-Z-]+\.[a-zA-Z.-]+/);
    const wanted = this.lang === 'en' ? SHOTS : SHOTS_NE;
    const mine = typeof this.shots === 'boolean' ? this.shots : this.shots.has(name);
    if (mine && wanted.has(name) && this.options.viewport === 'phone' && !this.options.js)
      await screenshot(this.page, `complaints-${name}${this.lang === 'en' ? '' : `-${this.lang}`}`);
    await expectNoAxeViolations(this.page);
  }

  async goto(path: string, name: string): Promise<void> {
    const response = await this.page.goto(path);
    expect(response?.status()).toBe(200);
    await this.checked(name);
  }

  /** Presses a button (by its words) and waits for the page it leads to. */
  async press(text: string, name: string, status = 200): Promise<void> {
    const [response] = await Promise.all([
      this.page.waitForNavigation({ waitUntil: 'load' }),
      this.page.getByRole('button', { name: text, exact: true }).click(),
    ]);
    expect(response?.status()).toBe(status);
    await this.checked(name);
  }

  async follow(selector: string, name: string): Promise<void> {
    await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), this.page.click(selector)]);
    await this.checked(name);
  }

  async choose(name: string, value: string): Promise<void> {
    await this.page.check(`input[name="${name}"][value="${value}"]`);
  }

  async continue(name: string, status = 200): Promise<void> {
    await this.press(this.t('complaints.common.continue'), name, status);
  }

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  async errorSummary(): Promise<string> {
    return ((await this.page.textContent('.govuk-error-summary')) ?? '').replace(/\s+/g, ' ');
  }
}

describe('File a complaint', () => {
  let browser: Browser;
  let agency: { legalName: string; number: string };

  /** The demo ministry accounts, signed in again before their access token (15 minutes) runs out. */
  const signedIn = new Map<string, { api: ApiClient; at: number }>();
  async function as(email: string): Promise<ApiClient> {
    const held = signedIn.get(email);
    if (held && Date.now() - held.at < 10 * 60_000) return held.api;
    const api = await signedInApi(email, DEMO_PASSWORD);
    signedIn.set(email, { api, at: Date.now() });
    return api;
  }

  beforeAll(async () => {
    [browser] = await Promise.all([launchBrowser(), seedDemoData()]);
    const found = ok('search', await publicApi().GET('/public/agencies', { params: { query: { q: 'Bayanihan Manpower' } } }));
    const bayanihan = found.items.find((a) => a.license?.state === 'active');
    if (!bayanihan?.license) throw new Error('the demo seed has no licensed Bayanihan agency');
    agency = { legalName: bayanihan.legalName, number: bayanihan.license.number };
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** The case with its complainant's details: a protected identity is shown only as its own audited step, with a reason. */
  async function withIdentity(c: StaffView): Promise<StaffView> {
    if (!c.complainant.identityWithheld) return c;
    const inspector = await as('inspector@demo.lcs');
    const complainant = ok(
      'show the identity',
      await inspector.POST('/complaints/{id}/identity', { params: { path: { id: c.id } }, body: { reason: 'Checking the filed details in the test.' } }),
    );
    return { ...c, complainant };
  }

  /** The case as the ministry sees it, found by its reference (the inspector's queue). */
  async function staffView(reference: string): Promise<StaffView> {
    const inspector = await as('inspector@demo.lcs');
    for (let page = 1; page < 50; page++) {
      const list = ok('the queue', await inspector.GET('/complaints', { params: { query: { page, pageSize: 100 } } }));
      const item = list.items.find((i) => i.reference === reference);
      if (!item) {
        if (list.items.length < 100) break;
        continue;
      }
      return withIdentity(ok('the case', await inspector.GET('/complaints/{id}', { params: { path: { id: item.id } } })));
    }
    throw new Error(`no case ${reference} in the queue`);
  }

  /** The confirmations kept for the sessions of this run, dropped (as their hour running out would). */
  async function forgetReceipts(): Promise<void> {
    const s = stack();
    const redis = new Redis(s.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const keys = await redis.keys(`${s.redisPrefix}:web:complaint-receipt:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  }

  /**
   * How many complaints name this journey's recruiter (its marker): read in the database, since
   * the other browser workers file complaints at the same time and a count of all would move.
   */
  async function complaintCount(marker: string): Promise<number> {
    const db = new Client({ connectionString: stack().databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM complaint WHERE recruiter_given LIKE '%' || $1 || '%'", [`Ramon ${marker}`]);
      return Number(rows[0].n);
    } finally {
      await db.end();
    }
  }

  /** From the check page: sends, and reads the reference and the secret from the confirmation. */
  async function send(j: Journey): Promise<{ reference: string; secret: string }> {
    await j.press(j.t('complaints.check.send'), 'confirmation');
    expect(j.path()).toBe('/complaints/new/confirmation');
    expect((await j.page.textContent('.govuk-panel__title'))?.trim()).toBe(j.t('complaints.confirmation.title'));
    const reference = (await j.page.textContent('#reference'))!.trim();
    const secret = (await j.page.textContent('#secret'))!.trim();
    expect(reference).toMatch(/^CMP-\d{4}-\d{5,}-\d$/);
    // 16 characters of Crockford base32, in groups of four as the API gives it.
    expect(secret).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // Never in an address.
    expect(j.page.url()).not.toContain(secret);
    return { reference, secret };
  }

  /**
   * Who you are, the agency (pre-filled from `?licenseNumber=`), what happened (two categories),
   * the details with fees, the evidence (an AVIF refused; a WEBP, a HEIC, a JPEG and a PDF taken,
   * the JPEG removed again), contact, language; then changes from the check page; then sent.
   */
  async function namedJourney(j: Journey, marker: string): Promise<{ reference: string; secret: string; email: string; employer: string }> {
    const { page, t } = j;
    const email = `maria.${marker}@example.org`;
    const employer = `Al Noor Household ${marker}`;

    // The start page, opened from the agency's page ("Complain about this agency").
    await j.goto(`/complaints/new?licenseNumber=${encodeURIComponent(agency.number)}&lang=${j.lang}`, 'start');
    expect(await page.textContent('.govuk-notification-banner')).toContain(
      t('complaints.start.prefilledAgency', { agency: agency.legalName, number: agency.number }),
    );
    await j.follow('a.govuk-button--start', 'who');

    // 1. Who you are: refused without a choice, then a name.
    await j.continue('who-error', 400);
    expect(await j.errorSummary()).toContain(t('complaints.who.errors.choose'));
    await j.choose('who', 'named');
    await j.continue('name');
    expect(j.path()).toBe('/complaints/new/name');
    await page.fill('#name', `Maria Santos ${marker}`);
    await j.continue('protection');
    expect(j.path()).toBe('/complaints/new/protection');
    await j.choose('protect', 'yes');
    await j.continue('agency');

    // 2. The agency: the one the agency page named is chosen already.
    expect(j.path()).toBe('/complaints/new/agency');
    expect(await page.isChecked(`input[name="agency"][value="license:${agency.number}"]`)).toBe(true);
    // A search by name finds it too.
    await page.fill('#q', 'Bayanihan');
    await j.press(t('complaints.agency.searchButton'), 'agency-results');
    expect(await page.textContent('#main-content')).toContain(agency.legalName);
    await j.choose('agency', `license:${agency.number}`);
    await j.continue('what-happened');

    // 3. What happened: two categories, then the facts of each (in the categories' order).
    expect(j.path()).toBe('/complaints/new/what-happened');
    await j.choose('categories', 'retained-documents');
    await j.choose('categories', 'excess-fees');
    await j.continue('facts');
    expect(j.path()).toBe('/complaints/new/what-happened/excess-fees');
    await page.fill('#facts', 'They charged me PHP 50,000 for the placement and PHP 5,000 for a medical.');
    await j.continue('facts-2');
    expect(j.path()).toBe('/complaints/new/what-happened/retained-documents');
    await page.fill('#facts', 'My employer keeps my passport in a locked drawer.');
    await page.fill('#occurredOn-day', '32');
    await page.fill('#occurredOn-month', '1');
    await page.fill('#occurredOn-year', '2026');
    await j.continue('facts-error', 400);
    expect(await j.errorSummary()).toContain(t('complaints.dates.invalid'));
    await page.fill('#occurredOn-day', '20');
    await j.continue('employer');

    // 4. Details.
    expect(j.path()).toBe('/complaints/new/employer');
    await page.fill('#employerName', 'Al Noor');
    await page.selectOption('#country', 'SA');
    await j.continue('fees-paid');
    expect(j.path()).toBe('/complaints/new/fees-paid');
    await page.selectOption('#currency', 'PHP');
    await page.selectOption('#item-0', 'placement-fee');
    await page.fill('#amount-0', '50,000');
    await page.selectOption('#item-1', 'medical-examination');
    await page.fill('#amount-1', 'five thousand');
    await page.fill('#paidOn-day', '10');
    await page.fill('#paidOn-month', '1');
    await page.fill('#paidOn-year', '2026');
    await page.selectOption('#occupationCategory', 'domestic-work');
    await page.fill('#salary', '1500');
    await page.selectOption('#salaryCurrency', 'SAR');
    await j.continue('fees-paid-error', 400);
    expect(await j.errorSummary()).toContain(t('complaints.amounts.invalid'));
    await page.fill('#amount-1', '5000');
    await j.continue('abroad');
    expect(j.path()).toBe('/complaints/new/abroad');
    await j.choose('abroad', 'yes');
    await j.continue('safety');
    await j.choose('danger', 'no');
    await j.continue('evidence');

    // 5. Evidence: the camera's input and the file chooser; photos as phones save them (WEBP,
    // HEIC) taken as they are; an AVIF refused in plain words.
    expect(j.path()).toBe('/complaints/new/evidence');
    expect(await page.getAttribute('#file', 'capture')).toBe('environment');
    expect(await page.getAttribute('#file', 'accept')).toBe('image/*');
    expect(await page.getAttribute('#file-choose', 'accept')).toBe('image/*,.heic,.heif,application/pdf');
    expect(await page.getAttribute('form[enctype="multipart/form-data"]', 'method')).toBe('post');
    expect(await page.textContent('main')).toContain(t('complaints.evidence.types'));
    await j.choose('kind', 'photo');
    await page.setInputFiles('#file-choose', AVIF);
    await j.press(t('complaints.evidence.upload'), 'evidence-error', 400);
    expect(await j.errorSummary()).toContain(t('complaints.evidence.errors.unsupported'));
    await j.choose('kind', 'receipt');
    await page.setInputFiles('#file-choose', WEBP);
    await j.press(t('complaints.evidence.upload'), 'evidence-one');
    await j.choose('kind', 'photo');
    await page.setInputFiles('#file', HEIC);
    await j.press(t('complaints.evidence.upload'), 'evidence-two');
    await j.choose('kind', 'message');
    await page.setInputFiles('#file-choose', JPEG);
    await j.press(t('complaints.evidence.upload'), 'evidence-three');
    const listed = page.locator('.lcs-files__item');
    expect(await listed.count()).toBe(3);
    expect(await listed.nth(0).textContent()).toContain('(WEBP, ');
    expect(await listed.nth(1).textContent()).toContain('(HEIC, ');
    expect(await listed.nth(2).textContent()).toContain('(JPEG, ');
    // Taken out again.
    await Promise.all([page.waitForNavigation(), listed.nth(2).getByRole('button').click()]);
    expect(await listed.count()).toBe(2);
    // A file chosen and "Continue" pressed without "Add this file": it is kept too.
    await j.choose('kind', 'contract');
    await page.setInputFiles('#file-choose', PDF);
    await j.continue('contact');

    // 6. Contact and language.
    expect(j.path()).toBe('/complaints/new/contact');
    await page.fill('#email', 'not an address');
    await j.continue('contact-error', 400);
    expect(await j.errorSummary()).toContain(t('complaints.contact.errors.emailInvalid'));
    await page.fill('#email', email);
    await page.fill('#phone', '+63 917 123 4567');
    await j.continue('language');
    expect(await page.isChecked(`input[name="language"][value="${j.lang}"]`)).toBe(true);
    await j.continue('check');

    // Check your answers, then "Change": the employer, and one more category (its facts asked first).
    expect(j.path()).toBe('/complaints/new/check');
    const summary = async () => ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ');
    expect(await summary()).toContain(`Maria Santos ${marker}`);
    expect(await summary()).toContain(agency.legalName);
    expect(await summary()).toContain('My employer keeps my passport in a locked drawer.');
    expect(await summary()).toContain(email);
    await j.follow('a[href="/complaints/new/employer?change=1"]', 'employer-change');
    expect(await page.inputValue('#employerName')).toBe('Al Noor');
    await page.fill('#employerName', employer);
    await j.continue('check-2');
    expect(j.path()).toBe('/complaints/new/check');
    expect(await summary()).toContain(employer);
    await j.follow('a[href="/complaints/new/what-happened?change=1"]', 'what-happened-change');
    await j.choose('categories', 'unpaid-wages');
    await j.continue('facts-change');
    expect(j.path()).toBe('/complaints/new/what-happened/unpaid-wages');
    await page.fill('#facts', 'I was not paid for March and April.');
    await page.fill('#amount', '3000');
    await page.selectOption('#currency', 'SAR');
    await j.continue('check-3');
    expect(j.path()).toBe('/complaints/new/check');
    expect(await summary()).toContain('I was not paid for March and April.');
    // The back link leads to the last question; Continue there returns here.
    await j.follow('.govuk-back-link', 'language-back');
    expect(j.path()).toBe('/complaints/new/language');
    await j.continue('check-4');

    const sent = await send(j);
    return { ...sent, email, employer };
  }

  for (const lang of ['en', 'ne'] as const) {
    for (const options of matrixFor(lang)) {
      it(
        `in ${lang}, ${describeContext(options)}: a named complaint with evidence, pre-filled from the agency's page, changed on the check page, sent once`,
        async () => {
          const context = await newContext(browser, options);
          try {
            const page = await context.newPage();
            const t = translator(lang);
            const j = new Journey(page, t, lang, options, true);
            const marker = unique();
            const { reference, secret, email, employer } = await namedJourney(j, marker);

            // The confirmation is a printable receipt: printed, the receipt stays and the rest goes.
            await page.emulateMedia({ media: 'print' });
            expect(await page.isVisible('#receipt')).toBe(true);
            expect(await page.isVisible('.lcs-utility')).toBe(false);
            expect(await page.isVisible('form')).toBe(false);
            await page.emulateMedia({ media: 'screen' });

            // What the ministry sees, through the API.
            const c = await staffView(reference);
            expect(c).toMatchObject({
              stage: 'submitted',
              source: 'public',
              channel: 'web',
              priority: 'urgent',
              employerName: employer,
              destinationCountry: 'SA',
              agencyId: expect.any(String),
            });
            expect(c.urgentReasons).toEqual(expect.arrayContaining(['documents-retained', 'worker-abroad']));
            expect(c.allegations.map((a) => a.category).sort()).toEqual(['excess-fees', 'retained-documents', 'unpaid-wages']);
            expect(c.allegations.find((a) => a.category === 'retained-documents')).toMatchObject({
              facts: 'My employer keeps my passport in a locked drawer.',
              occurredOn: '2026-01-20',
            });
            expect(c.allegations.find((a) => a.category === 'excess-fees')).toMatchObject({ amountMinor: '5500000', currency: 'PHP' });
            expect(c.allegations.find((a) => a.category === 'unpaid-wages')).toMatchObject({ amountMinor: '300000', currency: 'SAR' });
            expect(c.complainant).toMatchObject({
              name: `Maria Santos ${marker}`,
              email,
              phone: '+63 917 123 4567',
              anonymous: false,
              identityProtected: true,
              workerAbroad: true,
              language: lang,
            });
            expect(c.recruiterGiven).toContain(agency.number);
            const evidence = ok(
              'evidence',
              await (await as('inspector@demo.lcs')).GET('/complaints/{id}/evidence', { params: { path: { id: c.id }, query: {} } }),
            );
            expect(evidence.items.map((e) => `${e.kind}:${e.contentType}`).sort()).toEqual([
              'contract:application/pdf',
              'photo:image/heic',
              'receipt:image/webp',
            ]);
            expect(evidence.items.every((e) => e.addedBy === 'complainant')).toBe(true);

            // The confirmation shows the secret until the person says they wrote it down.
            expect(await page.textContent('main')).toContain(t('complaints.confirmation.evidenceSent', { count: 3 }));
            await j.press(t('complaints.confirmation.writtenDown'), 'confirmation-done');
            expect(await page.textContent('body')).not.toContain(secret);
            expect(await page.textContent('main')).toContain(reference);
            // The secret really opens the case (and nothing else was shown of it).
            ok('follow', await publicApi().GET('/public/complaints/{reference}', { params: { path: { reference }, header: { 'X-Tracking-Secret': secret } } }));

            expect(j.watch.problems()).toEqual([]);
          } finally {
            await context.close();
          }
        },
        JOURNEY_TIMEOUT_MS,
      );
    }
  }

  /** Anonymous, about a recruiter without a licence: no identity question, no contact page. */
  async function anonymousJourney(j: Journey, marker: string): Promise<void> {
    const { page, t } = j;
    await j.goto(`/complaints/new?lang=${j.lang}`, 'start');
    await j.follow('a.govuk-button--start', 'who');
    await j.choose('who', 'anonymous');
    await j.continue('agency');
    expect(j.path()).toBe('/complaints/new/agency');
    // A search that finds nothing says so; then "no licence, or I do not know".
    await page.fill('#q', `Nothing like this ${marker}`);
    await j.press(t('complaints.agency.searchButton'), 'agency-none');
    expect(await page.textContent('main')).toContain(t('complaints.agency.noResults', { query: `Nothing like this ${marker}` }));
    await j.press(t('complaints.agency.unlicensedButton'), 'recruiter');
    expect(j.path()).toBe('/complaints/new/recruiter');
    await page.fill('#description', `A man called Ramon ${marker} at the bus terminal, phone 0917 000 0000`);
    await j.continue('what-happened');
    await j.choose('categories', 'unlicensed-recruitment');
    await j.continue('facts');
    await page.fill('#facts', 'He took my money and promised a job in Riyadh.');
    await j.continue('employer');
    await j.continue('abroad');
    await j.choose('abroad', 'no');
    await j.continue('safety');
    await j.choose('danger', 'no');
    await j.continue('evidence');
    await j.press(t('complaints.evidence.continueWithout'), 'language');
    expect(j.path()).toBe('/complaints/new/language');
    await j.continue('check');
    expect(j.path()).toBe('/complaints/new/check');
    const main = ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ');
    expect(main).toContain(t('complaints.check.anonymous'));
    expect(main).not.toContain(t('complaints.check.rows.email'));
  }

  for (const [lang, options] of [
    ['ne', { js: false, viewport: 'phone' }],
    ['en', { js: true, viewport: 'desktop' }],
    ['en', { js: false, viewport: 'phone' }],
    ['ne', { js: true, viewport: 'desktop' }],
  ] as const) {
    it(
      `in ${lang}, ${describeContext(options)}: an anonymous complaint about a recruiter without a licence`,
      async () => {
        const context = await newContext(browser, options);
        try {
          const page = await context.newPage();
          // The pages only this journey visits are photographed here; the rest by the named journey.
          const j = new Journey(page, translator(lang), lang, options, new Set(['recruiter', 'agency-none']));
          const marker = unique();
          await anonymousJourney(j, marker);
          const { reference } = await send(j);
          expect(await page.textContent('main')).toContain(j.t('complaints.confirmation.nextAnonymous'));
          const c = await staffView(reference);
          expect(c).toMatchObject({
            stage: 'submitted',
            agencyId: null,
            complainant: { anonymous: true, identityProtected: true, name: null, email: null, phone: null, language: lang },
          });
          expect(c.recruiterGiven).toContain(`Ramon ${marker}`);
          expect(j.watch.problems()).toEqual([]);
        } finally {
          await context.close();
        }
      },
      JOURNEY_TIMEOUT_MS,
    );
  }

  it(
    'sending twice files one complaint: a double click, the same form sent again, a retried POST (JavaScript off and on)',
    async () => {
      for (const options of [
        { js: false, viewport: 'desktop' },
        { js: true, viewport: 'phone' },
      ] as const) {
        const context: BrowserContext = await newContext(browser, options);
        try {
          const page = await context.newPage();
          const j = new Journey(page, translator('en'), 'en', options, false);
          const marker = unique();
          await anonymousJourney(j, marker);
          const form = { _csrf: await page.inputValue('input[name="_csrf"]'), submissionId: await page.inputValue('input[name="submissionId"]') };
          const before = await complaintCount(marker);

          // Three sends of the same form at once (what a double click without script and a retry do).
          const answers = await Promise.all([0, 1, 2].map(() => context.request.post('/complaints/new/check', { form, maxRedirects: 0 })));
          for (const a of answers) expect(a.status()).toBe(303);
          expect(answers.map((a) => a.headers().location)).toEqual([
            '/complaints/new/confirmation',
            '/complaints/new/confirmation',
            '/complaints/new/confirmation',
          ]);
          expect(await complaintCount(marker)).toBe(before + 1);
          await j.goto('/complaints/new/confirmation', 'confirmation-twice');
          const reference = (await page.textContent('#reference'))!.trim();

          // Back to the check page and sent again, much later: the complaint already sent, not a new one.
          const again = await context.request.post('/complaints/new/check', { form, maxRedirects: 0 });
          expect(again.status()).toBe(303);
          expect(again.headers().location).toBe('/complaints/new/confirmation');
          // The same form sent again once the confirmation is gone (its hour is over): the page
          // saying it was sent already, with its reference; still nothing new filed.
          await forgetReceipts();
          const late = await context.request.post('/complaints/new/check', { form, maxRedirects: 0 });
          expect(late.status()).toBe(200);
          expect(await late.text()).toContain(reference);
          await page.goto('/complaints/new/confirmation');
          expect(j.path()).toBe('/complaints/new');
          // The browser's back button: the check page is gone (the draft was sent), nothing is filed.
          await page.goBack();
          expect(await complaintCount(marker)).toBe(before + 1);

          // With script: a double click on "Send complaint".
          if (options.js) {
            const clickMarker = unique();
            await anonymousJourney(j, clickMarker);
            const beforeClick = await complaintCount(clickMarker);
            await Promise.all([
              page.waitForURL('**/complaints/new/confirmation'),
              page.getByRole('button', { name: j.t('complaints.check.send'), exact: true }).dblclick(),
            ]);
            await page.waitForLoadState('load');
            expect(await complaintCount(clickMarker)).toBe(beforeClick + 1);
            expect((await page.textContent('#reference'))!.trim()).not.toBe(reference);
          }
          expect(j.watch.problems()).toEqual([]);
        } finally {
          await context.close();
        }
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'in ne, JavaScript off: a refusal of the API shows next to its field, in Nepali, and the complaint is sent once fixed',
    async () => {
      const options = { js: false, viewport: 'phone' } as const;
      const context = await newContext(browser, options);
      try {
        const page = await context.newPage();
        const t = translator('ne');
        const j = new Journey(page, t, 'ne', options, false);
        await j.goto('/complaints/new?lang=ne', 'start');
        await j.follow('a.govuk-button--start', 'who');
        await j.choose('who', 'named');
        await j.continue('name');
        await page.fill('#name', 'सीता तामाङ');
        await j.continue('protection');
        await j.choose('protect', 'no');
        await j.continue('agency');
        await j.press(t('complaints.agency.unlicensedButton'), 'recruiter');
        await page.fill('#description', 'काठमाडौंको एक व्यक्ति, फोन ९८०००००००००');
        await j.continue('what-happened');
        await j.choose('categories', 'other');
        await j.continue('facts');
        await page.fill('#facts', 'मलाई ठगियो र पैसा फिर्ता दिइएन।');
        await j.continue('employer');
        await j.continue('abroad');
        await j.choose('abroad', 'no');
        await j.continue('safety');
        await j.choose('danger', 'no');
        await j.continue('evidence');
        // A file over the limit is explained on the page (not a bare 413).
        await j.choose('kind', 'photo');
        await page.setInputFiles('#file-choose', {
          name: 'big.jpg',
          mimeType: 'image/jpeg',
          buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024)]),
        });
        await j.press(t('complaints.evidence.upload'), 'evidence-too-large', 400);
        expect(await j.errorSummary()).toContain(t('complaints.evidence.errors.tooLarge'));
        await j.press(t('complaints.evidence.continueWithout'), 'contact');
        // An address this page lets through but the API refuses (no underscore in a domain name).
        await page.fill('#email', 'sita@mail_server.example');
        await j.continue('language');
        await j.continue('check');
        await j.press(t('complaints.check.send'), 'contact-refused', 400);
        expect(j.path()).toBe('/complaints/new/contact');
        expect(await j.errorSummary()).toContain(t('complaints.contact.errors.emailRefused'));
        expect(await page.textContent('#email-error')).toContain(t('complaints.contact.errors.emailRefused'));
        await page.fill('#email', 'sita.tamang@example.org');
        await j.continue('check');
        expect(j.path()).toBe('/complaints/new/check');
        const { reference } = await send(j);
        const c = await staffView(reference);
        expect(c.complainant).toMatchObject({ name: 'सीता तामाङ', email: 'sita.tamang@example.org', identityProtected: false, language: 'ne' });
        expect(j.watch.problems()).toEqual([]);
      } finally {
        await context.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'a complaint filed through the pages is the same record as one filed through the API: stage, deadlines, assignment, audit entry, acknowledgement mail',
    async () => {
      const options = { js: true, viewport: 'desktop' } as const;
      const context = await newContext(browser, options);
      try {
        const page = await context.newPage();
        const j = new Journey(page, translator('en'), 'en', options, false);
        const marker = unique();
        const viaPages = await namedJourney(j, marker);

        // The same complaint through the API, as an integrator would file it.
        const email = `twin.${marker}@example.org`;
        const filed = ok(
          'file through the API',
          await publicApi().POST('/public/complaints', {
            body: {
              licenseNumber: agency.number,
              agencyName: agency.legalName,
              employerName: viaPages.employer,
              destinationCountry: 'SA',
              allegations: [
                {
                  category: 'excess-fees',
                  facts: 'They charged me PHP 50,000 for the placement and PHP 5,000 for a medical.',
                  amountMinor: '5500000',
                  currency: 'PHP',
                },
                { category: 'unpaid-wages', facts: 'I was not paid for March and April.', amountMinor: '300000', currency: 'SAR' },
                { category: 'retained-documents', facts: 'My employer keeps my passport in a locked drawer.', occurredOn: '2026-01-20' },
              ],
              complainantName: `Maria Santos ${marker}`,
              email,
              phone: '+63 917 123 4567',
              language: 'en',
              anonymous: false,
              identityProtected: true,
              workerAbroad: true,
              statedFees: {
                occupationCategory: 'domestic-work',
                monthlySalaryMinor: '150000',
                salaryCurrency: 'SAR',
                fees: [
                  { item: 'placement-fee', amountMinor: '5000000', currency: 'PHP', date: '2026-01-10' },
                  { item: 'medical-examination', amountMinor: '500000', currency: 'PHP', date: '2026-01-10' },
                ],
              },
            },
          }),
        );
        const [inspector, supervisor, admin] = await Promise.all([as('inspector@demo.lcs'), as('supervisor@demo.lcs'), as('admin@demo.lcs')]);
        const [web, api] = await Promise.all([
          staffView(viaPages.reference),
          inspector.GET('/complaints/{id}', { params: { path: { id: filed.id } } }).then((r) => withIdentity(ok('the twin', r))),
        ]);

        const shape = (c: StaffView) => ({
          stage: c.stage,
          outcome: c.outcome,
          priority: c.priority,
          source: c.source,
          channel: c.channel,
          urgentReasons: [...c.urgentReasons].sort(),
          agencyId: c.agencyId,
          destinationCountry: c.destinationCountry,
          employerName: c.employerName,
          assigned: Boolean(c.assignedTo),
          inSupervisorQueue: c.inSupervisorQueue,
          version: c.version,
          allegations: c.allegations
            .map((a) => ({ category: a.category, facts: a.facts, occurredOn: a.occurredOn, amountMinor: a.amountMinor, currency: a.currency }))
            .sort((a, b) => a.category.localeCompare(b.category)),
          complainant: { ...c.complainant, email: null },
          // The evidence the pages added after filing has its own entries (as the API's evidence route writes them).
          timeline: c.timeline
            .filter((e) => e.kind !== 'evidence')
            .map((e) => ({ kind: e.kind, fromStage: e.fromStage, toStage: e.toStage, visibility: e.visibility })),
          deadlines: c.deadlines.map((d) => ({ kind: d.kind, state: d.state })),
        });
        expect(shape(web)).toEqual(shape(api));
        // The same deadline, due the same day (filed seconds apart).
        expect(web.deadlines[0].dueAt.slice(0, 10)).toBe(api.deadlines[0].dueAt.slice(0, 10));

        // The same audit entry (read by a supervisor).
        const audit = async (id: string) =>
          ok('audit', await supervisor.GET('/audit/subjects/{type}/{id}', { params: { path: { type: 'complaint', id }, query: {} } })).items.map((e) => ({
            action: e.action,
            actorRole: e.actorRole,
            actorId: e.actorId,
          }));
        const [webAudit, apiAudit] = await Promise.all([audit(web.id), audit(api.id)]);
        expect(webAudit.filter((e) => e.action === 'complaint.submitted')).toEqual([{ action: 'complaint.submitted', actorRole: 'anonymous', actorId: null }]);
        expect(webAudit.filter((e) => e.action === 'complaint.submitted')).toEqual(apiAudit.filter((e) => e.action === 'complaint.submitted'));
        // The evidence the pages added is audited as the API's evidence route audits it.
        expect(webAudit.filter((e) => e.action === 'complaint.evidence.added')).toHaveLength(3);

        // The same acknowledgement mail in the outbox (read by an admin).
        const acknowledgement = async (to: string, reference: string) => {
          // The list shows addresses masked; the (audited) detail shows the whole one.
          const list = ok('the outbox', await admin.GET('/admin/notifications', { params: { query: { page: 1, pageSize: 100 } } }));
          const candidates = list.items.filter((n) => n.template === 'case.received' && n.recipient === maskAddress(to));
          const details = await Promise.all(
            candidates.map(async (n) => ok('the message', await admin.GET('/admin/notifications/{id}', { params: { path: { id: n.id } } }))),
          );
          const detail = details.find((d) => d.recipient === to);
          if (!detail) throw new Error(`no acknowledgement to ${to}`);
          expect(detail.data).toMatchObject({ referenceNumber: reference });
          return { template: detail.template, language: detail.language, dataKeys: Object.keys(detail.data ?? {}).sort() };
        };
        expect(await acknowledgement(viaPages.email, viaPages.reference)).toEqual(await acknowledgement(email, filed.reference));
        expect(j.watch.problems()).toEqual([]);
      } finally {
        await context.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );
});
