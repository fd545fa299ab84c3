/**
 * "Follow your complaint" in a real browser against the real api + worker + web: a complaint
 * filed through the API (its reference and secret from the API's answer) is followed with the
 * form; the status page says where the case is, what happens next and by when (a local date), the
 * ministry's shared notes, the agency's answer and the decision per allegation; a wrong secret,
 * too many tries, the acknowledgement mail's link with ?reference=, and forgetting the case on
 * the device. JavaScript on and off, phone and desktop, English and Nepali, axe on every page.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Locale, formatDate, formatMoney, translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { expectNoAxeViolations } from './support/axe';
import { ContextOptions, MATRIX, describeContext, launchBrowser, newContext, watchPage } from './support/chromium';
import { screenshot } from './support/screenshot';
import { STACK_FILE_ENV, stack } from './support/stack';
import {
  FAIL_REASON,
  FINDING_NOTE,
  FiledComplaint,
  HEARING_PLACE,
  INTERNAL_NOTE,
  SHARED_NOTE,
  acknowledgementData,
  fileComplaint,
  movedComplaint,
  publicApi,
  trackedView,
} from './support/tracking-fixtures';

const LANGS = ['en', 'ne'] as const;
const t = (lang: Locale, key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
const shot = (o: ContextOptions, lang: Locale, name: string) => `tracking-${name}-${lang}-${o.viewport}-${o.js ? 'js' : 'nojs'}`;

describe('follow a complaint', () => {
  let browser: Browser;
  /** Every secret used in this file: none may appear in a URL the browser asked for, or in a log. */
  const secrets = new Set<string>();
  const urls: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A context and page in these settings, recording every URL it asks for. */
  async function open(o: ContextOptions, lang: Locale): Promise<{ context: BrowserContext; page: Page; problems: () => string[] }> {
    const context = await newContext(browser, { ...o, locale: lang === 'ne' ? 'ne-NP' : 'en-GB' });
    const page = await context.newPage();
    page.on('request', (r) => urls.push(r.url()));
    const watch = watchPage(page);
    return { context, page, problems: watch.problems };
  }

  async function fillAndSend(page: Page, reference: string | null, secret: string): Promise<void> {
    if (reference !== null) await page.fill('#reference', reference);
    await page.fill('#secret', secret);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/complaints/follow"] button[type="submit"]')]);
  }

  const h1 = async (page: Page) => (await page.textContent('h1'))?.replace(/\s+/g, ' ').trim();
  const fits = async (page: Page) =>
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);

  for (const lang of LANGS) {
    for (const o of MATRIX) {
      it(`in ${lang}, ${describeContext(o)}: follows a complaint filed through the API, then forgets it on this device`, async () => {
        const filed = await fileComplaint(lang);
        secrets.add(filed.trackingSecret);
        const { context, page, problems } = await open(o, lang);
        try {
          const form = await page.goto(`${ROUTES.complaintFollow}?lang=${lang}`);
          expect(form?.status()).toBe(200);
          expect(await h1(page)).toBe(t(lang, 'tracking.form.title'));
          expect(await page.getAttribute('#secret', 'autocomplete')).toBe('off');
          expect(await page.getAttribute('form[action="/complaints/follow"]', 'method')).toBe('post');
          if (o.viewport === 'phone' && !o.js) await screenshot(page, shot(o, lang, 'follow'));
          await fits(page);
          await expectNoAxeViolations(page);

          // Typed as a person would: the secret in lower case.
          await fillAndSend(page, filed.reference, filed.trackingSecret.toLowerCase());
          expect(page.url()).toBe(`${stack().webUrl}${ROUTES.complaintFollowStatus}`);
          expect(await h1(page)).toBe(t(lang, 'tracking.status.stage.submitted.title'));
          expect(await page.textContent('.govuk-caption-l')).toContain(filed.reference);
          // What happens next, and by when: the deadline's day in the case's zone, in the reader's language.
          const view = await trackedView(filed);
          expect(view.nextStep.by).not.toBeNull();
          const by = t(lang, 'tracking.status.next.by', { date: formatDate(view.nextStep.by!, lang, 'date', view.timeZone) });
          expect((await page.textContent('#next-by'))?.trim()).toBe(by);
          expect(await page.textContent('main')).toContain(t(lang, 'tracking.status.next.submitted'));
          expect(await page.textContent('main')).toContain(t(lang, 'complaints.categories.excess-fees.name'));
          expect(await page.textContent('main')).toContain(t(lang, 'tracking.status.history.event.submitted'));
          // Retained documents make the case urgent: the page says so.
          expect(await page.textContent('main')).toContain(t(lang, 'tracking.status.urgent'));
          expect(await page.content()).not.toContain(filed.trackingSecret);
          if (o.viewport === 'phone' && !o.js) await screenshot(page, shot(o, lang, 'status'));
          await fits(page);
          await expectNoAxeViolations(page);

          // The session remembers the case: the page can be reloaded, and the form points to it.
          expect((await page.reload())?.status()).toBe(200);
          expect(await h1(page)).toBe(t(lang, 'tracking.status.stage.submitted.title'));
          await page.goto(ROUTES.complaintFollow);
          expect(await page.textContent('.govuk-inset-text')).toContain(filed.reference);

          // Forget it on this device: back to the form, told so; the status page is gone.
          await page.goto(ROUTES.complaintFollowStatus);
          await Promise.all([page.waitForNavigation(), page.click(`form[action="${ROUTES.complaintFollowForget}"] button`)]);
          expect(new URL(page.url()).pathname).toBe(ROUTES.complaintFollow);
          expect(await page.textContent('.govuk-notification-banner')).toContain(t(lang, 'tracking.form.forgotten'));
          expect(await page.$('.govuk-inset-text')).toBeNull();
          if (o.viewport === 'phone' && !o.js) await screenshot(page, shot(o, lang, 'forgotten'));
          await expectNoAxeViolations(page);
          const after = await page.goto(ROUTES.complaintFollowStatus);
          expect(new URL(after!.url()).pathname).toBe(ROUTES.complaintFollow);
          expect(await page.$('.govuk-notification-banner')).toBeNull();
          expect(problems()).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it(`in ${lang}, ${describeContext(o)}: a wrong secret or reference gets one message next to the fields; empty fields are named`, async () => {
        const filed = await fileComplaint(lang);
        secrets.add(filed.trackingSecret);
        const { context, page, problems } = await open(o, lang);
        try {
          await page.goto(`${ROUTES.complaintFollow}?lang=${lang}`);
          const wrong = filed.trackingSecret.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'));
          await fillAndSend(page, filed.reference, wrong);
          const notFound = t(lang, 'tracking.form.notFound');
          expect(new URL(page.url()).pathname).toBe(ROUTES.complaintFollow);
          expect(await page.textContent('.govuk-error-summary')).toContain(notFound);
          expect(await page.textContent('#follow-error')).toContain(notFound);
          expect(await page.title()).toMatch(new RegExp(`^${t(lang, 'tracking.form.errorTitlePrefix')}`));
          // The reference is kept; the secret is never written back.
          expect(await page.inputValue('#reference')).toBe(filed.reference);
          expect(await page.inputValue('#secret')).toBe('');
          expect(await page.content()).not.toContain(wrong);
          if (o.js) expect(await page.evaluate<string | null>('document.activeElement && document.activeElement.className')).toContain('govuk-error-summary');
          if (o.viewport === 'phone' && !o.js) await screenshot(page, shot(o, lang, 'not-found'));
          await fits(page);
          await expectNoAxeViolations(page);

          // A reference that does not exist: the very same answer.
          await fillAndSend(page, 'CMP-2026-99999-0', filed.trackingSecret);
          expect(await page.textContent('#follow-error')).toContain(notFound);

          // Nothing typed: each field says what is missing.
          await fillAndSend(page, '', '');
          expect(await page.textContent('#reference-error')).toContain(t(lang, 'tracking.form.reference.missing'));
          expect(await page.textContent('#secret-error')).toContain(t(lang, 'tracking.form.secret.missing'));
          expect(await page.$('#follow-error')).toBeNull();
          await expectNoAxeViolations(page);

          // The right pair still opens it (the wrong tries were below the limit).
          await fillAndSend(page, filed.reference, filed.trackingSecret);
          expect(page.url()).toBe(`${stack().webUrl}${ROUTES.complaintFollowStatus}`);
          expect(problems()).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it(`in ${lang}, ${describeContext(o)}: the acknowledgement mail's link opens the form with the reference filled in`, async () => {
        const filed = await fileComplaint(lang, { email: `worker.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org` });
        secrets.add(filed.trackingSecret);
        const mail = await acknowledgementData(filed);
        // The API's default (COMPLAINTS_TRACKING_URL) is the web's follow page; the secret is not in the mail.
        expect(mail.trackingUrl).toBe(`http://127.0.0.1:3001/complaints/follow?reference=${filed.reference}`);
        expect(JSON.stringify(mail)).not.toContain(filed.trackingSecret);
        const link = new URL(mail.trackingUrl);
        const { context, page, problems } = await open(o, lang);
        try {
          expect((await page.goto(`${link.pathname}${link.search}&lang=${lang}`))?.status()).toBe(200);
          expect(await page.inputValue('#reference')).toBe(filed.reference);
          expect(await page.inputValue('#secret')).toBe('');
          await expectNoAxeViolations(page);
          await fillAndSend(page, null, filed.trackingSecret);
          expect(page.url()).toBe(`${stack().webUrl}${ROUTES.complaintFollowStatus}`);
          expect(await page.textContent('.govuk-caption-l')).toContain(filed.reference);
          expect(problems()).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  describe('a case the ministry has decided', () => {
    const decided: Partial<Record<Locale, FiledComplaint>> = {};
    beforeAll(async () => {
      for (const lang of LANGS) {
        decided[lang] = await movedComplaint(lang, 'decided');
        secrets.add(decided[lang]!.trackingSecret);
      }
    }, 180_000);

    for (const lang of LANGS) {
      for (const o of MATRIX) {
        it(`in ${lang}, ${describeContext(o)}: shows the stage, the appeal deadline, the shared notes, the agency's answer and the decision per allegation`, async () => {
          const c = decided[lang]!;
          const view = await trackedView(c);
          const { context, page, problems } = await open(o, lang);
          try {
            await page.goto(`${ROUTES.complaintFollow}?lang=${lang}`);
            await fillAndSend(page, c.reference, c.trackingSecret);
            expect(await h1(page)).toBe(t(lang, 'tracking.status.stage.decided.title'));
            const main = (await page.textContent('main'))!.replace(/\s+/g, ' ');
            // What happens next: the appeal window, until its local day.
            expect(main).toContain(t(lang, 'tracking.status.next.decided'));
            expect((await page.textContent('#next-by'))?.trim()).toBe(
              t(lang, 'tracking.status.next.by', { date: formatDate(view.nextStep.by!, lang, 'date', view.timeZone) }),
            );
            // The hearing was arranged before the decision: history now, not a date to keep.
            expect(view.hearing?.place).toBe(HEARING_PLACE);
            expect(main).not.toContain(HEARING_PLACE);
            expect(main).toContain(t(lang, 'tracking.status.history.event.schedule-hearing'));
            // The ministry's shared note, never the internal one.
            expect(main).toContain(SHARED_NOTE);
            expect(main).not.toContain(INTERNAL_NOTE);
            // The agency answered: when, and what it wrote.
            const answered = view.timeline.find((e) => e.kind === 'record-answer')!;
            expect(main).toContain(t(lang, 'tracking.status.answer.sent', { date: formatDate(answered.at, lang, 'date', view.timeZone) }));
            expect(view.agencyAnswer).toBeTruthy();
            expect(await page.textContent('#agency-answer')).toContain(view.agencyAnswer!.split('\n')[0].trim());
            // The decision per allegation: a violation with its refund order, and one not proved.
            expect(main).toContain(t(lang, 'tracking.status.allegations.decisionHeading'));
            expect(main).toContain(t(lang, 'tracking.status.finding.violation'));
            expect(main).toContain(t(lang, 'tracking.status.finding.dismissed'));
            expect(main).toContain(FINDING_NOTE);
            expect(main).toContain(t(lang, 'tracking.status.sanction.refund-order', { amount: formatMoney('5000000', 'PHP', lang) }).replace(/\s+/g, ' '));
            expect(main).toContain(t(lang, 'tracking.status.sanction.final'));
            // What happened, with the reason given when the conciliation failed.
            expect(main).toContain(t(lang, 'tracking.status.history.event.fail-conciliation'));
            expect(main).toContain(t(lang, 'tracking.status.history.reason', { reason: FAIL_REASON }));
            expect(main).toContain(t(lang, 'tracking.status.history.event.decide'));
            if (o.viewport === 'phone' && !o.js) await screenshot(page, shot(o, lang, 'status-decided'));
            await fits(page);
            await expectNoAxeViolations(page);
            expect(problems()).toEqual([]);
          } finally {
            await context.close();
          }
        });
      }
    }
  });

  describe('a case waiting for its decision', () => {
    for (const [lang, o] of [
      ['en', MATRIX[0]],
      ['ne', MATRIX[3]],
    ] as const) {
      it(`in ${lang}, ${describeContext(o)}: shows the hearing (in the case's zone), the agency's answer and what happens next`, async () => {
        const c = await movedComplaint(lang, 'adjudication');
        secrets.add(c.trackingSecret);
        const view = await trackedView(c);
        const { context, page, problems } = await open(o, lang);
        try {
          await page.goto(`${ROUTES.complaintFollow}?lang=${lang}`);
          await fillAndSend(page, c.reference, c.trackingSecret);
          expect(await h1(page)).toBe(t(lang, 'tracking.status.stage.adjudication.title'));
          const main = (await page.textContent('main'))!.replace(/\s+/g, ' ');
          expect(main).toContain(t(lang, 'tracking.status.next.adjudication'));
          expect((await page.textContent('#next-by'))?.trim()).toBe(
            t(lang, 'tracking.status.next.by', { date: formatDate(view.nextStep.by!, lang, 'date', view.timeZone) }),
          );
          expect(main).toContain(t(lang, 'tracking.status.hearing.heading'));
          expect(main).toContain(formatDate(view.hearing!.at, lang, 'dateTime', view.timeZone).replace(/\s+/g, ' '));
          expect(main).toContain(HEARING_PLACE);
          expect(main).toContain(t(lang, 'tracking.status.answer.heading'));
          expect(main).toContain(SHARED_NOTE);
          expect(main).not.toContain(INTERNAL_NOTE);
          // Not decided yet: no finding is shown.
          expect(main).toContain(t(lang, 'tracking.status.allegations.heading'));
          expect(main).not.toContain(t(lang, 'tracking.status.finding.violation'));
          if (!o.js) await screenshot(page, shot(o, lang, 'status-adjudication'));
          await fits(page);
          await expectNoAxeViolations(page);
          expect(problems()).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  });

  describe('too many tries', () => {
    for (const [lang, o] of [
      ['en', MATRIX[0]],
      ['ne', MATRIX[3]],
    ] as const) {
      it(`in ${lang}, ${describeContext(o)}: after too many wrong secrets for a case, says when to try again (Retry-After)`, async () => {
        const filed = await fileComplaint(lang);
        secrets.add(filed.trackingSecret);
        // The per-case limit (COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR = 10 wrong secrets an hour).
        for (let i = 0; i < 10; i++) {
          const { response } = await publicApi().GET('/public/complaints/{reference}', {
            params: { path: { reference: filed.reference }, header: { 'X-Tracking-Secret': `WRNG-${i}AAA-BBBB-CCCC` } },
          });
          expect(response.status).toBe(404);
        }
        const { context, page, problems } = await open(o, lang);
        try {
          await page.goto(`${ROUTES.complaintFollow}?lang=${lang}&reference=${filed.reference}`);
          // One more wrong secret is refused; the right one would still open the case (never locked out).
          const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), fillAndSend(page, null, 'WRNG-XAAA-BBBB-CCCC')]);
          expect(response.status()).toBe(429);
          const summary = (await page.textContent('.govuk-error-summary'))!.replace(/\s+/g, ' ');
          expect(summary).toContain(t(lang, 'tracking.form.tooMany.title'));
          // The API's per-case counter runs for an hour.
          expect(summary).toContain(t(lang, 'tracking.form.tooMany.minutes', { count: 60 }));
          expect(new URL(page.url()).pathname).toBe(ROUTES.complaintFollow);
          if (!o.js) await screenshot(page, shot(o, lang, 'too-many'));
          await expectNoAxeViolations(page);
          expect(problems()).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  });

  it('never put a secret in a URL the browser asked for, nor in the logs of the web or the API', () => {
    expect(secrets.size).toBeGreaterThan(0);
    const runDir = dirname(process.env[STACK_FILE_ENV]!);
    const [webLog, apiLog] = ['web.log', 'api.log'].map((f) => readFileSync(join(runDir, f), 'utf8'));
    // Both processes did log the requests (else the check below could not fail).
    for (const log of [webLog, apiLog]) expect(log).toContain('request completed');
    const logs = `${webLog}\n${apiLog}`;
    for (const secret of secrets) {
      const forms = [secret, secret.toLowerCase(), secret.replace(/-/g, ''), encodeURIComponent(secret)];
      expect(urls.filter((u) => forms.some((f) => u.includes(f)))).toEqual([]);
      expect(forms.filter((f) => logs.includes(f))).toEqual([]);
    }
  });
});
