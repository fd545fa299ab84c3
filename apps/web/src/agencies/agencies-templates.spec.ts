import { LOCALES, Locale } from '@app/i18n';
import { ROUTES } from '../routes';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import { PublicAgency, agencyPage, summarise } from './agency-view';
import { paginationFor } from './pagination';

const env = testViewEnvironment();

const context = (locale: Locale, extra: Record<string, unknown> = {}) => testPageContext(locale, '/agencies', extra);

const agency = (state: 'active' | 'suspended' | 'revoked', name = 'Kalayaan <Overseas> & Co.'): PublicAgency => ({
  legalName: name,
  license: {
    number: 'PH-LRA-2026-00042-7',
    type: 'provisional',
    state,
    issuedOn: '2026-03-02',
    expiresOn: '2028-03-01',
    suspendedUntil: state === 'suspended' ? '2026-09-01T00:00:00.000Z' : null,
  },
  branches: [{ address: '3 Session Road, Baguio City', status: 'active' }],
  suspensions:
    state === 'active'
      ? []
      : [{ from: '2026-06-01T01:00:00.000Z', until: '2026-09-01T00:00:00.000Z', endedAt: state === 'revoked' ? '2026-07-01T00:00:00.000Z' : null }],
  revocation: state === 'revoked' ? { at: '2026-07-01T00:00:00.000Z', reason: 'Kept <b>passports</b>.' } : null,
  scorecard: { openComplaints: 0, decidedViolations: 3, deployments: 12 },
});

/** A message key shown instead of its text, or a placeholder left unfilled. */
const UNTRANSLATED = /(>|")\s*(agencies|errors|layout)\.[a-zA-Z.]+\s*(<|")|\{[a-z]+\}|undefined|\[object Object\]/;

describe('the agency pages render in every language', () => {
  it.each(LOCALES)('%s', (locale) => {
    const pages: [string, Record<string, unknown>][] = [
      ['agencies/search.njk', {}],
      ['agencies/search.njk', { query: 'ka', errorText: 'Enter at least 3 letters' }],
      [
        'agencies/search.njk',
        { query: 'kalayaan', results: [summarise(agency('active'), locale), summarise({ ...agency('active'), license: null }, locale)], atLimit: true },
      ],
      ['agencies/search.njk', { query: 'zzz', results: [] }],
      ['agencies/license.njk', { agency: agencyPage(agency('active'), locale) }],
      ['agencies/license.njk', { agency: agencyPage(agency('suspended'), locale) }],
      ['agencies/license.njk', { agency: agencyPage(agency('revoked'), locale) }],
      ['agencies/license-not-found.njk', { number: 'PH-LRA-2026-99999-1' }],
      [
        'agencies/list.njk',
        {
          state: 'suspended',
          results: [summarise(agency('suspended'), locale)],
          total: 30,
          page: 1,
          pagination: paginationFor({ path: ROUTES.agenciesSuspended, page: 1, pageSize: 25, total: 30, locale }),
        },
      ],
      ['agencies/list.njk', { state: 'revoked', results: [], total: 0, page: 1, pagination: null }],
    ];
    for (const [template, data] of pages) {
      const html = env.render(template, context(locale, data));
      expect(html).toContain(`<html lang="${locale}"`);
      expect(html).not.toMatch(UNTRANSLATED);
    }
  });

  it('escapes what the API says (names, reasons) and what was typed', () => {
    const html = env.render('agencies/license.njk', context('en', { agency: agencyPage(agency('revoked'), 'en') }));
    expect(html).toContain('Kalayaan &lt;Overseas&gt; &amp; Co.');
    expect(html).toContain('Kept &lt;b&gt;passports&lt;/b&gt;.');
    expect(html).not.toContain('<b>passports');
    const search = env.render('agencies/search.njk', context('en', { query: '"><script>x</script>', results: [] }));
    expect(search).not.toContain('<script>x');
  });

  it('the search is a GET form on /agencies (no CSRF token needed), with the field named q', () => {
    const html = env.render('agencies/search.njk', context('en'));
    expect(html).toMatch(/<form method="get" action="\/agencies"/);
    expect(html).toMatch(/<input[^>]+name="q"/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('the agency page answers the question first, then links to complain (with the licence number) and to fees', () => {
    const active = env.render('agencies/license.njk', context('en', { agency: agencyPage(agency('active'), 'en') }));
    expect(active).toContain('Yes. This agency may recruit workers today.');
    expect(active).toContain('href="/complaints/new?licenseNumber=PH-LRA-2026-00042-7"');
    expect(active).toContain('href="/fees"');
    const suspended = env.render('agencies/license.njk', context('en', { agency: agencyPage(agency('suspended'), 'en') }));
    expect(suspended).toContain('No. This agency may NOT recruit workers today.');
    expect(suspended).toContain('Its licence is suspended until 1 September 2026.');
  });
});
