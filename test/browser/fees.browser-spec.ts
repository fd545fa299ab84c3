/**
 * "Check fees", walked as a worker would: "What may I be charged?" (country, job, salary, then the
 * legal maximum item by item with the rule's source) and "Check what I paid" (the same questions,
 * the fees one at a time, then any overcharge, and "Complain about this", which hands the fees to
 * the complaint form through the session). A compliant job and an overcharge; a protected job; the
 * mistakes a person makes and those only the API sees; money in yen (no decimals) and rupiah (not
 * 100 times too large). Every journey with JavaScript on and off, on a phone and a desktop, in
 * English and Nepali; axe finds nothing on any page.
 */
import Redis from 'ioredis';
import type { BrowserContext, Browser, Page } from 'playwright-core';
import { createApiClient } from '@app/api-client';
import type { ApiSchemas } from '@app/api-client';
import { Locale, formatDate, formatMoney, translator } from '@app/i18n';
import { expectNoAxeViolations } from './support/axe';
import { ContextOptions, describeContext, launchBrowser, matrixFor, newContext, watchPage } from './support/chromium';
import { JAPAN_RULE_SOURCE, createFeeFixtures } from './support/fees-fixtures';
import { screenshot } from './support/screenshot';
import { stack } from './support/stack';

jest.setTimeout(300_000);

/** Runs of spaces and line breaks as one space (a no-break space, as money is written, stays). */
const squash = (s: string | null | undefined) => (s ?? '').replace(/[ \t\r\n]+/g, ' ').trim();
const text = async (page: Page, selector: string) => squash(await page.textContent(selector));
const texts = async (page: Page, selector: string) => (await page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''))).map(squash);

/** Devanagari digits for Nepali, as a Nepali reader may type them. */
const typed = (lang: Locale, s: string) => (lang === 'ne' ? s.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d))) : s);

/** A day some time ago, as the date fields take it and as the API has it. */
const daysAgo = (n: number) => {
  const d = new Date(Date.now() - n * 86_400_000);
  return { iso: d.toISOString().slice(0, 10), day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
};
const PAID = daysAgo(10);

/** The pages pictured in Nepali too (docs/screenshots). */
const NEPALI_SHOTS = new Set(['start', 'answer', 'result', 'fee-error']);

type Quote = ApiSchemas['CalculatorAnswer'];
type Check = ApiSchemas['CheckAnswer'];

describe('check fees', () => {
  let browser: Browser;
  let redis: Redis;
  /** What the API itself answers for the journeys below (the pages must say the same). */
  let hk: Quote;
  let overcharge: Check;

  beforeAll(async () => {
    redis = new Redis(stack().redisUrl, { maxRetriesPerRequest: 1 });
    browser = await launchBrowser();
    await createFeeFixtures();
    const api = createApiClient({ baseUrl: stack().apiUrl });
    const job = { destinationCountry: 'HK', occupationCategory: 'general', monthlySalaryMinor: '600000', salaryCurrency: 'HKD' };
    hk = (await api.GET('/public/fees/calculator', { params: { query: job } })).data!;
    overcharge = (
      await api.POST('/public/fees/calculator/check', {
        body: {
          ...job,
          fees: [
            { item: 'placement-fee', amountMinor: '3000000', currency: 'PHP', date: PAID.iso },
            { item: 'visa', amountMinor: '500000', currency: 'PHP' },
          ],
        },
      })
    ).data!;
    expect(hk.maxPlacementFee.amount).toEqual(expect.objectContaining({ amountMinor: '60000', currency: 'HKD' }));
    expect(overcharge.outcome).toBe('violations');
  });
  afterAll(async () => {
    await browser?.close();
    redis?.disconnect();
  });

  /** One context's page, with the checks every page gets. */
  function harness(context: BrowserContext, page: Page, lang: Locale, options: ContextOptions) {
    const watched = watchPage(page);
    return {
      /** What went wrong on the pages; not the favicon a navigation cut short (Chromium fetches it after the page, and a test moves on fast). */
      watch: { problems: () => watched.problems().filter((p) => !/\/favicon\.[0-9a-f]+\.svg \(net::ERR_ABORTED\)$/.test(p)) },
      /** The page is in the reader's language, fits a phone, has no accessibility violation; pictures for the docs. */
      async checkPage(name?: string, shootWhen: Partial<ContextOptions> = { js: false, viewport: 'phone' }) {
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        if (overflow > 0) throw new Error(`${new URL(page.url()).pathname} is ${overflow}px wider than the screen`);
        // No code the API speaks is shown bare where a name belongs (HK, HKD, placement-fee...).
        expect(await text(page, 'main')).not.toMatch(/\b(placement-fee|medical-examination|domestic-work)\b/);
        if (options.js) expect(await page.getAttribute('body', 'class')).toContain('govuk-frontend-supported');
        else expect(await page.getAttribute('body', 'class')).not.toContain('js-enabled');
        // Every page in English, and the main ones in Nepali.
        const shoot = name && options.viewport === shootWhen.viewport && options.js === shootWhen.js && (lang === 'en' || NEPALI_SHOTS.has(name));
        if (shoot) await screenshot(page, `fees-${name}${lang === 'en' ? '' : `-${lang}`}`);
        await expectNoAxeViolations(page);
      },
      /** Sends the page's (first) form and waits for the next page. */
      async submit(selector = 'main form button.govuk-button') {
        await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
      },
      async follow(selector: string) {
        await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
      },
      path: () => new URL(page.url()).pathname,
      /** The session as the web keeps it in Redis. */
      async session(): Promise<Record<string, unknown>> {
        const cookie = (await context.cookies()).find((c) => c.name === 'lcs_session');
        if (!cookie) throw new Error('no session cookie');
        const id = decodeURIComponent(cookie.value).split('.')[0];
        return JSON.parse((await redis.get(`${stack().redisPrefix}:web:sess:${id}`)) ?? 'null') as Record<string, unknown>;
      },
    };
  }

  async function answerJob(
    page: Page,
    h: ReturnType<typeof harness>,
    lang: Locale,
    job: { country: string; category: string; currency: string; amount: string },
  ) {
    await page.check(`input[name="destinationCountry"][value="${job.country}"]`);
    await h.submit();
    await page.check(`input[name="occupationCategory"][value="${job.category}"]`);
    await h.submit();
    await page.selectOption('#currency', job.currency);
    await page.fill('#amount', typed(lang, job.amount));
    await h.submit();
  }

  async function addFee(
    page: Page,
    h: ReturnType<typeof harness>,
    lang: Locale,
    fee: { code: string; currency: string; amount: string; paid?: { day: string; month: string; year: string } },
  ) {
    await page.selectOption('#code', fee.code);
    await page.selectOption('#currency', fee.currency);
    await page.fill('#amount', typed(lang, fee.amount));
    if (fee.paid) {
      await page.fill('#paidOn-day', typed(lang, fee.paid.day));
      await page.fill('#paidOn-month', typed(lang, fee.paid.month));
      await page.fill('#paidOn-year', typed(lang, fee.paid.year));
    }
    await h.submit('#save-fee');
  }

  for (const lang of ['en', 'ne'] as const satisfies readonly Locale[]) {
    for (const options of matrixFor(lang)) {
      it(`in ${lang}, ${describeContext(options)}: what may I be charged, then check what I paid, an overcharge, and complain about it`, async () => {
        const t = translator(lang);
        const money = (m: { amountMinor: string; currency: string }) => formatMoney(m.amountMinor, m.currency, lang);
        const context = await newContext(browser, options);
        const page = await context.newPage();
        const h = harness(context, page, lang, options);
        try {
          // 1. The start page: the two journeys.
          expect((await page.goto(`/fees?lang=${lang}`))?.status()).toBe(200);
          expect(await text(page, 'h1')).toBe(t('fees.start.title'));
          await h.checkPage('start');
          await h.follow('#start-calculator');

          // 2. Where the job is: named countries, never codes; nothing chosen is a mistake shown beside the question.
          expect(h.path()).toBe('/fees/calculator/country');
          expect(await text(page, 'h1')).toContain(t('fees.country.title'));
          const countries = await texts(page, '.govuk-radios__label');
          expect(countries).toEqual(
            expect.arrayContaining([
              t('fees.countries.HK'),
              t('fees.countries.SA'),
              t('fees.countries.TW'),
              t('fees.countries.JP'),
              t('fees.country.notListed'),
            ]),
          );
          expect(countries.filter((c) => /^[A-Z]{2}$/.test(c))).toEqual([]);
          await h.checkPage('country');
          await h.submit();
          expect(await text(page, '.govuk-error-summary')).toContain(t('fees.country.errors.required'));
          expect(await text(page, '#destinationCountry-error')).toContain(t('fees.country.errors.required'));
          expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#destinationCountry');
          expect(await page.title()).toContain(t('fees.errors.titlePrefix'));
          await h.checkPage();
          await page.check('input[name="destinationCountry"][value="HK"]');
          await h.submit();

          // 3. The type of job: the categories with a rule in Hong Kong, in plain words.
          expect(h.path()).toBe('/fees/calculator/job');
          expect(await texts(page, '.govuk-radios__label')).toEqual(expect.arrayContaining([t('fees.jobs.general.name'), t('fees.jobs.domestic-work.name')]));
          await h.checkPage('job');
          await page.check('input[name="occupationCategory"][value="general"]');
          await h.submit();

          // 4. The salary: Hong Kong dollars chosen already; the amount as the reader writes it.
          expect(h.path()).toBe('/fees/calculator/salary');
          expect(await page.$eval('#currency', (s) => (s as unknown as { value: string }).value)).toBe('HKD');
          expect(await text(page, '#currency option[value="HKD"]')).toBe(`${t('fees.currencies.HKD')} (HKD)`);
          await h.checkPage('salary');
          await page.fill('#amount', typed(lang, '6,000'));
          await h.submit();

          // 5. The answer: the most in total and item by item, in the reader's money, what is prohibited, the source and the day.
          expect(h.path()).toBe('/fees/calculator/answer');
          expect(await text(page, 'h1')).toContain(t('fees.answer.title'));
          const allowed = await texts(page, '#fees-allowed tbody tr');
          expect(allowed[0]).toContain(t('fees.items.placement-fee'));
          expect(allowed[0]).toContain(money(hk.maxPlacementFee.amount));
          expect(allowed[0]).toContain(money(hk.maxPlacementFee.inOriginCurrency));
          const passport = hk.allowedItems.find((a) => a.item === 'passport')!;
          expect(allowed.find((r) => r.startsWith(t('fees.items.passport')))).toContain(money(passport.cap!));
          expect(await texts(page, '#fees-prohibited li')).toEqual(expect.arrayContaining([t('fees.items.visa'), t('fees.items.airfare')]));
          expect(await text(page, '#fees-source')).toContain(hk.rule.source);
          expect(await text(page, '#fees-date')).toContain(formatDate(hk.date, lang));
          // In total: the placement fee in pesos (as converted) and every item's cap, added up; uncapped items named.
          const capsInPesos = hk.allowedItems.filter((a) => a.cap?.currency === 'PHP').reduce((sum, a) => sum + BigInt(a.cap!.amountMinor), 0n);
          const total = await text(page, '#fees-total');
          expect(total).toContain(formatMoney((BigInt(hk.maxPlacementFee.inOriginCurrency.amountMinor) + capsInPesos).toString(), 'PHP', lang));
          expect(await texts(page, '#fees-uncapped li')).toContain(t('fees.items.medical-examination'));
          await h.checkPage('answer');

          // 6. "Check what I paid", with the same job: the first fee straight away.
          await h.follow(`main a[href="/fees/check/fees"]`);
          expect(h.path()).toBe('/fees/check/fees/add');
          await h.checkPage('fee');
          await addFee(page, h, lang, { code: 'placement-fee', currency: 'PHP', amount: '30,000', paid: PAID });
          expect(h.path()).toBe('/fees/check/fees');
          await h.follow('#add-fee');
          await addFee(page, h, lang, { code: 'visa', currency: 'PHP', amount: '5000' });
          const listed = await texts(page, '#fees-list .govuk-summary-list__row');
          expect(listed).toHaveLength(2);
          expect(listed[0]).toContain(formatMoney('3000000', 'PHP', lang));
          expect(listed[0]).toContain(formatDate(PAID.iso, lang));
          expect(listed[1]).toContain(t('fees.items.visa'));
          expect(listed[1]).toContain(t('fees.list.noDate'));
          expect(await texts(page, '#fees-job .govuk-summary-list__value')).toEqual([
            t('fees.countries.HK'),
            t('fees.jobs.general.name'),
            formatMoney('600000', 'HKD', lang),
          ]);
          await h.checkPage('list');

          // 7. The check: too much, fee by fee, in plain words.
          await h.follow('#check-fees');
          expect(h.path()).toBe('/fees/check/result');
          expect(await page.getAttribute('#fees-outcome', 'data-outcome')).toBe('violations');
          expect(await text(page, 'h1')).toContain(t('fees.result.violations.title'));
          for (const total of overcharge.totalExcess) expect(await text(page, '#fees-excess')).toContain(money(total));
          const rows = await texts(page, '#fees-result .govuk-summary-card');
          const placement = overcharge.violations.find((v) => v.item === 'placement-fee')!;
          expect(rows[0]).toContain(money(placement.excess));
          expect(rows[0]).toContain(t('fees.result.kinds.placement-fee-over-cap'));
          expect(rows[1]).toContain(t('fees.result.kinds.item-not-allowed'));
          expect(rows[1]).toContain(formatMoney('500000', 'PHP', lang));
          expect(await text(page, '#fees-source')).toContain(hk.rule.source);
          await h.checkPage('result');

          // 8. "Complain about this": the fees go to the complaint form in the session, never in the URL.
          // The draft is read as the answer leaves (before the complaint form, which takes it over, opens).
          let stored: unknown;
          let location: string | undefined;
          await page.route('**/fees/check/complain', async (route) => {
            const response = await route.fetch({ maxRedirects: 0 });
            location = response.headers()['location'];
            stored = (await h.session()).complaintDraft;
            await route.fulfill({ response });
          });
          await h.follow('#complain');
          expect(location).toBe('/complaints/new');
          expect(stored).toEqual({
            allegationCategory: 'excess-fees',
            fees: {
              destinationCountry: 'HK',
              occupationCategory: 'general',
              monthlySalaryMinor: '600000',
              salaryCurrency: 'HKD',
              items: [
                { code: 'placement-fee', amountMinor: '3000000', currency: 'PHP', paidOn: PAID.iso },
                { code: 'visa', amountMinor: '500000', currency: 'PHP' },
              ],
            },
          });
          // The complaint form starts with it: the category, the country and the fees are its answers now.
          expect(new URL(page.url()).pathname).toBe('/complaints/new');
          expect(new URL(page.url()).search).toBe('');
          const draft = (await h.session()).complaintDraft as { categories?: string[]; fees?: unknown; employer?: { country?: string } };
          expect(draft.categories).toContain('excess-fees');
          expect(draft.employer?.country).toBe('HK');
          expect(draft.fees).toBeUndefined();
          expect(h.watch.problems()).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  for (const [lang, options] of [
    ['en', { js: false, viewport: 'phone' }],
    ['en', { js: true, viewport: 'desktop' }],
    ['ne', { js: false, viewport: 'phone' }],
    ['ne', { js: true, viewport: 'desktop' }],
  ] as const) {
    it(`in ${lang}, ${describeContext(options)}: a compliant job, a fee changed and removed, and a protected job`, async () => {
      const t = translator(lang);
      const context = await newContext(browser, options);
      const page = await context.newPage();
      const h = harness(context, page, lang, options);
      try {
        await page.goto(`/fees?lang=${lang}`);
        await h.follow('#start-check');
        expect(h.path()).toBe('/fees/check/country');
        await answerJob(page, h, lang, { country: 'HK', category: 'general', currency: 'HKD', amount: '6000' });
        expect(h.path()).toBe('/fees/check/fees/add');
        await addFee(page, h, lang, { code: 'placement-fee', currency: 'PHP', amount: '3000' });
        await h.follow('#add-fee');
        await addFee(page, h, lang, { code: 'passport', currency: 'PHP', amount: '1,200', paid: PAID });
        await h.follow('#check-fees');
        expect(await page.getAttribute('#fees-outcome', 'data-outcome')).toBe('compliant');
        expect(await text(page, 'h1')).toContain(t('fees.result.compliant.title'));
        expect(await page.$('#complain')).toBeNull();
        expect(await texts(page, '#fees-result .lcs-fees-excess .govuk-summary-list__value')).toEqual([t('fees.result.none'), t('fees.result.none')]);
        await h.checkPage('result-compliant');

        // Change the passport fee: the form comes back filled in, as the reader writes amounts.
        await page.goto('/fees/check/fees');
        await h.follow('#fees-list .govuk-summary-list__row:nth-child(2) a');
        expect(h.path()).toBe('/fees/check/fees/2');
        expect(await page.inputValue('#amount')).toBe('1200');
        expect(await page.inputValue('#paidOn-day')).toBe(PAID.day);
        expect(await page.$eval('#code', (s) => (s as unknown as { value: string }).value)).toBe('passport');
        await h.checkPage();
        await page.fill('#amount', typed(lang, '1500'));
        await h.submit('#save-fee');
        await h.follow('#check-fees');
        expect(await page.getAttribute('#fees-outcome', 'data-outcome')).toBe('violations');
        const rows = await texts(page, '#fees-result .govuk-summary-card');
        expect(rows[1]).toContain(t('fees.result.kinds.item-over-cap'));
        expect(rows[1]).toContain(formatMoney('30000', 'PHP', lang));

        // Remove it: one fee left.
        await page.goto('/fees/check/fees/2');
        await h.submit('#remove-fee');
        expect(h.path()).toBe('/fees/check/fees');
        expect(await texts(page, '#fees-list .govuk-summary-list__row')).toHaveLength(1);

        // A protected job (domestic work in Hong Kong): nothing at all may be charged.
        await page.goto('/fees/calculator/country');
        expect(await page.isChecked('input[name="destinationCountry"][value="HK"]')).toBe(true);
        await h.submit();
        await page.check('input[name="occupationCategory"][value="domestic-work"]');
        await h.submit();
        expect(await page.inputValue('#amount')).toBe('6000');
        await page.fill('#amount', typed(lang, '4,990'));
        await h.submit();
        expect(h.path()).toBe('/fees/calculator/answer');
        expect(await text(page, '#fees-protected h2')).toBe(t('fees.answer.protected.title'));
        expect(await page.$('#fees-allowed')).toBeNull();
        await h.checkPage('answer-protected');
        expect(h.watch.problems()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const options of [
    { js: false, viewport: 'phone' },
    { js: true, viewport: 'desktop' },
  ] as const) {
    it(`in en, ${describeContext(options)}: yen (no minor unit) and rupiah (two, written without) are shown as they are, never 100 times off`, async () => {
      const lang = 'en';
      const t = translator(lang);
      const context = await newContext(browser, options);
      const page = await context.newPage();
      const h = harness(context, page, lang, options);
      try {
        // Japan: the salary in yen, pre-selected; the cap one month of it.
        await page.goto('/fees/calculator/country?lang=en');
        await page.check('input[name="destinationCountry"][value="JP"]');
        await h.submit();
        await page.check('input[name="occupationCategory"][value="general"]');
        await h.submit();
        expect(await page.$eval('#currency', (s) => (s as unknown as { value: string }).value)).toBe('JPY');
        await page.fill('#amount', '250,000');
        await h.submit();
        const allowed = await texts(page, '#fees-allowed tbody tr');
        expect(allowed[0]).toContain(formatMoney('250000', 'JPY', lang)); // JP¥250,000
        expect(allowed[0]).toContain('JP¥250,000');
        expect(allowed.find((r) => r.startsWith(t('fees.items.training')))).toContain('JP¥30,000');
        expect(await text(page, '#fees-source')).toContain(JAPAN_RULE_SOURCE);
        await h.checkPage('answer-yen');

        // A yen amount has no decimals: 1.5 yen is a mistake.
        await page.goto('/fees/check/fees/add');
        await page.selectOption('#code', 'training');
        await page.selectOption('#currency', 'JPY');
        await page.fill('#amount', '1.5');
        await h.submit('#save-fee');
        expect(await text(page, '#amount-error')).toContain(t('fees.money.errors.whole', { example: '25,000' }));
        await page.fill('#amount', '50,000');
        await h.submit('#save-fee');
        await h.follow('#check-fees');
        const rows = await texts(page, '#fees-result .govuk-summary-card');
        expect(rows[0]).toContain('JP¥50,000');
        expect(rows[0]).toContain('JP¥20,000');
        expect(await text(page, '#fees-excess')).toContain('JP¥20,000');

        // Rupiah: 15,000,000 typed is 1,500,000,000 sen; 10% of it is IDR 1,500,000, not 150,000,000.
        await page.goto('/fees/calculator/country');
        await page.check('input[name="destinationCountry"][value="HK"]');
        await h.submit();
        await page.check('input[name="occupationCategory"][value="general"]');
        await h.submit();
        await page.selectOption('#currency', 'IDR');
        await page.fill('#amount', '15,000,000');
        await h.submit();
        const idr = (await texts(page, '#fees-allowed tbody tr'))[0];
        expect(idr).toContain(formatMoney('150000000', 'IDR', lang));
        expect(idr).toContain('1,500,000');
        expect(idr).not.toContain('150,000,000');
        // The same in Indonesian, typed the Indonesian way.
        await page.goto('/fees/calculator/salary?lang=id');
        expect(await page.inputValue('#amount')).toBe('15000000');
        await page.fill('#amount', '15.000.000');
        await h.submit();
        expect((await texts(page, '#fees-allowed tbody tr'))[0]).toContain('Rp\u00a01.500.000');
        await page.goto('/fees?lang=en');
        expect(h.watch.problems()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const [lang, options] of [
    ['en', { js: false, viewport: 'phone' }],
    ['en', { js: true, viewport: 'desktop' }],
    ['ne', { js: false, viewport: 'phone' }],
    ['ne', { js: true, viewport: 'phone' }],
  ] as const) {
    it(`in ${lang}, ${describeContext(options)}: mistakes beside their fields, refusals of the API on the page that asked, countries and jobs without a rule`, async () => {
      const t = translator(lang);
      const example = lang === 'ne' ? '२५,०००' : '25,000';
      const context = await newContext(browser, options);
      const page = await context.newPage();
      const h = harness(context, page, lang, options);
      try {
        // Not in the list: what that means.
        await page.goto(`/fees/calculator/country?lang=${lang}`);
        await page.check(`input[name="destinationCountry"][value="other"]`);
        await h.submit();
        expect(h.path()).toBe('/fees/calculator/not-listed');
        expect(await text(page, 'h1')).toBe(t('fees.notListed.titleCountry'));
        await h.checkPage('not-listed');

        // The salary: missing, not a number, too many decimals.
        await page.goto('/fees/calculator/country');
        await page.check('input[name="destinationCountry"][value="HK"]');
        await h.submit();
        await page.check('input[name="occupationCategory"][value="general"]');
        await h.submit();
        await h.submit();
        expect(await text(page, '#amount-error')).toContain(t('fees.salary.errors.amountRequired'));
        expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#amount');
        await h.checkPage('salary-error');
        await page.fill('#amount', 'six thousand');
        await h.submit();
        expect(await text(page, '#amount-error')).toContain(t('fees.money.errors.invalid', { example }));
        expect(await page.inputValue('#amount')).toBe('six thousand');
        await page.fill('#amount', '6000.255');
        await h.submit();
        expect(await text(page, '#amount-error')).toContain(t('fees.money.errors.decimals', { currency: t('fees.currencies.HKD'), count: 2 }));
        await page.selectOption('#currency', '');
        await h.submit();
        expect(await text(page, '#currency-error')).toContain(t('fees.salary.errors.currency'));

        // A salary only the API refuses (more digits than it takes): shown beside the amount, in the reader's language.
        await page.selectOption('#currency', 'HKD');
        await page.fill('#amount', '1000000000000000000');
        await h.submit();
        expect(h.path()).toBe('/fees/calculator/salary');
        expect(await text(page, '#amount-error')).toContain(t('fees.errors.api.amount'));
        expect(await text(page, '.govuk-error-summary')).toContain(t('fees.errors.api.amount'));
        await h.checkPage();
        // Shown once: the page asked again is clean.
        await page.reload();
        expect(await page.$('#amount-error')).toBeNull();

        // The fee page: nothing chosen, a date half given, a date to come.
        await page.fill('#amount', '6000');
        await h.submit();
        await page.goto('/fees/check/fees/add');
        await h.submit('#save-fee');
        for (const [id, key] of [
          ['#code-error', 'fees.fee.errors.code'],
          ['#currency-error', 'fees.fee.errors.currency'],
          ['#amount-error', 'fees.fee.errors.amountRequired'],
        ]) {
          expect(await text(page, id)).toContain(t(key));
        }
        expect(await page.$$eval('.govuk-error-summary a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['#code', '#currency', '#amount']);
        await h.checkPage('fee-error');
        await page.selectOption('#code', 'placement-fee');
        await page.selectOption('#currency', 'PHP');
        await page.fill('#amount', typed(lang, '30000'));
        await page.fill('#paidOn-day', '3');
        await h.submit('#save-fee');
        expect(await text(page, '#paidOn-error')).toContain(t('fees.fee.errors.date.incomplete'));
        const future = new Date(Date.now() + 3 * 86_400_000);
        await page.fill('#paidOn-day', String(future.getUTCDate()));
        await page.fill('#paidOn-month', String(future.getUTCMonth() + 1));
        await page.fill('#paidOn-year', String(future.getUTCFullYear()));
        await h.submit('#save-fee');
        expect(await text(page, '#paidOn-error')).toContain(t('fees.fee.errors.date.future'));
        expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#paidOn-day');

        // A fee only the API refuses: the check sends the person back to that fee, the error beside its amount.
        for (const id of ['#paidOn-day', '#paidOn-month', '#paidOn-year']) await page.fill(id, '');
        await page.fill('#amount', '1000000000000000000');
        await h.submit('#save-fee');
        await h.follow('#check-fees');
        expect(h.path()).toBe('/fees/check/fees/1');
        expect(await text(page, '#amount-error')).toContain(t('fees.errors.api.amount'));
        await h.checkPage();

        // A country with rules for other origins only (Malaysia: Nepal's): no rule for this job, said plainly.
        await page.goto('/fees/calculator/country');
        await page.check('input[name="destinationCountry"][value="MY"]');
        await h.submit();
        await page.check('input[name="occupationCategory"][value="general"]');
        await h.submit();
        expect(await page.$eval('#currency', (s) => (s as unknown as { value: string }).value)).toBe('MYR');
        await page.fill('#amount', '2000');
        await h.submit();
        expect(h.path()).toBe('/fees/calculator/answer');
        expect(await text(page, 'h1')).toBe(t('fees.notListed.titleJob'));
        await h.checkPage('no-rule');
        expect(h.watch.problems()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
