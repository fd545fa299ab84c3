/**
 * The complaint pages rendered without a browser: every template in every language, nothing left
 * as a catalogue key, what a person typed escaped, no inline script or style.
 */
import { LOCALES, Locale } from '@app/i18n';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import { checkSections } from './complaint-summary';
import type { ComplaintDraft } from './complaint-draft';

const env = testViewEnvironment();
const context = (locale: Locale, extra: Record<string, unknown> = {}) =>
  testPageContext(locale, '/complaints/new', { action: '/complaints/new/x', backHref: '/complaints/new', changing: true, errors: {}, errorList: [], ...extra });

const HOSTILE = '<script>alert(1)</script>';
const draft: ComplaintDraft = {
  id: 'd',
  who: 'named',
  name: HOSTILE,
  identityProtected: true,
  agency: { kind: 'unlicensed', description: `line one\n${HOSTILE}` },
  categories: ['other'],
  facts: { other: { facts: `first line\nsecond line ${HOSTILE}` } },
  employer: {},
  workerAbroad: false,
  danger: false,
  evidence: [],
  evidenceDone: true,
  contact: {},
  language: 'ne',
};

const PAGES: [string, Record<string, unknown>][] = [
  [
    'complaints/start.njk',
    { started: true, continueHref: '/x', startHref: '/y', restartAction: '/z', agency: { legalName: HOSTILE, licenseNumber: 'PH-1' }, feesPrefilled: true },
  ],
  ['complaints/who.njk', { values: { who: 'named' } }],
  ['complaints/name.njk', { values: { name: HOSTILE }, errors: { name: 'E' }, errorList: [{ text: 'E', href: '#name' }] }],
  ['complaints/protection.njk', { values: { protect: 'yes' } }],
  [
    'complaints/agency.njk',
    {
      values: { q: HOSTILE, agency: 'license:PH-1' },
      searched: true,
      query: HOSTILE,
      results: [{ value: 'license:PH-1', text: HOSTILE, hint: 'Licence PH-1' }],
    },
  ],
  ['complaints/agency.njk', { values: { q: 'zz', agency: '' }, searched: true, query: 'zz', results: [], errors: { agency: 'E' } }],
  ['complaints/recruiter.njk', { values: { description: HOSTILE } }],
  ['complaints/what-happened.njk', { values: { categories: ['other', 'excess-fees'] } }],
  [
    'complaints/facts.njk',
    {
      values: { facts: HOSTILE, occurredOn: { day: '1', month: '2', year: '2026' }, amount: '1', currency: 'PHP' },
      categoryName: 'X',
      prompt: 'Y',
      withAmount: true,
      currencies: [{ value: 'PHP', text: 'Philippine peso (PHP)' }],
    },
  ],
  ['complaints/employer.njk', { values: { employerName: HOSTILE, country: 'SA' }, countries: [{ value: 'SA', text: 'Saudi Arabia' }] }],
  [
    'complaints/fees-paid.njk',
    {
      values: {
        currency: 'PHP',
        paidOn: { day: '', month: '', year: '' },
        lines: [{ item: 'passport', amount: '1' }],
        occupationCategory: '',
        salary: '',
        salaryCurrency: '',
        rows: 3,
      },
      rows: 3,
      items: [{ value: 'passport', text: 'Passport' }],
      occupations: [],
      currencies: [{ value: 'PHP', text: 'PHP' }],
      canAdd: true,
      country: null,
    },
  ],
  ['complaints/abroad.njk', { values: { abroad: 'no' } }],
  ['complaints/safety.njk', { values: { danger: 'no' } }],
  [
    'complaints/evidence.njk',
    {
      values: { kind: '' },
      removeAction: '/r',
      files: [{ id: 'f', number: 1, kindName: 'Receipt', type: 'JPEG', size: '4 KB' }],
      kinds: [{ value: 'receipt', text: 'Receipt', checked: false }],
      full: false,
      maxFiles: 10,
    },
  ],
  ['complaints/contact.njk', { values: { email: HOSTILE, phone: '' } }],
  ['complaints/language.njk', { values: { language: 'ne' }, options: [{ value: 'ne', text: 'नेपाली', lang: 'ne' }] }],
  [
    'complaints/confirmation.njk',
    {
      reference: 'CMP-2026-00001-1',
      secret: 'ABCD-EFGH-JKMN-PQRS',
      urgent: true,
      anonymous: false,
      email: true,
      feesNotChecked: true,
      evidenceSent: 1,
      evidenceFailed: [{ kindName: 'Photo', size: '1 MB' }],
      canRetry: true,
      filedOn: 'today',
      followUrl: 'http://x/complaints/follow',
      retryAction: '/retry',
    },
  ],
  ['complaints/already-sent.njk', { reference: 'CMP-2026-00001-1' }],
];

describe('the complaint pages', () => {
  it.each(LOCALES)('render in %s, fully translated, escaping what was typed, with no inline script or style', (locale) => {
    for (const [template, model] of [
      ...PAGES,
      ['complaints/check.njk', { sections: checkSections(draft, locale), submissionId: 'd' }] as [string, Record<string, unknown>],
    ]) {
      const html = env.render(template, context(locale, model));
      expect(html).toContain(`<html lang="${locale}"`);
      expect(html).not.toMatch(/undefined|\[object Object\]/);
      expect(html).not.toMatch(/\bcomplaints\.[a-zA-Z-]+\.[a-zA-Z.-]+/);
      expect(html).not.toContain(HOSTILE);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
      if (/<form/.test(html)) expect(html).toContain('<input type="hidden" name="_csrf" value="TOKEN-123">');
    }
  });

  it('the check page keeps the lines of an answer, each escaped', () => {
    const html = env.render('complaints/check.njk', context('en', { sections: checkSections(draft, 'en'), submissionId: 'd' }));
    expect(html).toContain('first line<br>second line &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="/complaints/new/what-happened/other?change=1"');
    expect(html).toContain('<input type="hidden" name="submissionId" value="d">');
  });

  it('the evidence form is multipart, with the camera and the file chooser', () => {
    const [, model] = PAGES.find(([t]) => t === 'complaints/evidence.njk')!;
    const html = env.render('complaints/evidence.njk', context('en', model));
    expect(html).toMatch(/<form method="post" action="\/complaints\/new\/x" novalidate enctype="multipart\/form-data">/);
    expect(html).toMatch(/<input class="govuk-file-upload lcs-file-input" id="file" name="file" type="file"[^>]*\saccept="image\/\*" capture="environment">/);
    expect(html).toMatch(
      /<input class="govuk-file-upload lcs-file-input" id="file-choose" name="file" type="file"[^>]*\saccept="image\/\*,\.heic,\.heif,application\/pdf">/,
    );
    // Photos as phones save them are taken: the page says so, and no longer tells iPhone users to change a setting.
    expect(html).toContain('(JPEG, PNG, HEIC or WEBP)');
    expect(html).not.toContain('Most Compatible');
  });
});
