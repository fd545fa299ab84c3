/**
 * The staff pages' templates render in every language with realistic data: no missing message
 * (a key shown instead of its text), no `undefined`, the identity bar and navigation, the SLA
 * badge, the action forms with their fields, and a chart as SVG.
 */
import { LOCALES, translator } from '@app/i18n';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import { readFilters, sortHeaders } from './cases/queue.controller';
import { barChart } from './reports/charts';

const env = testViewEnvironment();
const staff = {
  name: 'Ines Inspector',
  roles: ['inspector', 'supervisor'],
  rolesText: 'Inspector, Supervisor',
  nav: [{ text: 'My cases', href: '/staff/cases/mine', active: true }],
};
const noKeys = (html: string) => {
  expect(html).not.toMatch(/undefined|\[object Object\]|NaN/);
  expect(html).not.toMatch(/>\s*staff\.[a-zA-Z.-]+\s*</);
};

const caseData = (locale: (typeof LOCALES)[number]) => {
  const t = translator(locale);
  return {
    staff,
    c: {
      id: 'c1',
      reference: 'CMP-2026-00042-7',
      version: 3,
      stage: t('staff.stage.adjudication'),
      priority: 'Urgent',
      urgent: true,
      escalated: true,
      filed: '1 March 2026',
      assignee: 'Ines',
      badge: { text: t('staff.sla.overdue'), classes: 'moj-badge--red' },
      nextDue: 'Decision, due 3 March',
      agency: { name: 'Bayanihan <b>Manpower</b>', queue: '/staff/cases?agency=a1' },
      timeZone: 'Asia/Manila',
      agencyAnswer: 'We deny it.',
    },
    complainant: {
      anonymous: false,
      protected: true,
      name: 'Maria',
      email: 'maria@example.test',
      phone: '+63 900',
      abroad: true,
      language: 'English',
      account: true,
    },
    allegations: [
      {
        n: 1,
        category: 'Excess fees',
        facts: 'PHP 50,000',
        occurredOn: '15 January 2026',
        amount: 'PHP 50,000.00',
        finding: 'Violation',
        findingNote: 'Receipts',
        decided: ['Suspension of the licence, 3 months'],
      },
    ],
    proposal: {
      gravity: 'Less serious offence',
      offence: 'offence number 1',
      sanctions: ['Suspension'],
      revocationBecause: null,
      prior: '0 earlier',
      suspensionMonths: '0 months',
    },
    settlement: { terms: 'Refund', complyBy: '10 March 2026', amounts: ['PHP 1.00 – the worker'] },
    hearing: { at: '10 March 2026 10:00', place: 'Room 4', status: 'Scheduled', heldAt: null, cancelReason: null },
    deadlines: [{ kind: 'Decision', due: '3 March', state: 'running' }],
    timeline: [
      { title: 'Accepted at triage', at: '1 March', datetime: '2026-03-01T01:00:00Z', body: 'note', internal: true, move: 'Submitted → Conciliation' },
    ],
    evidence: [{ href: '/staff/cases/c1/evidence/d1', name: 'receipt.jpg', kind: 'Receipt', addedBy: 'The complainant', added: '1 March', internal: false }],
    linked: [{ href: '/staff/cases/c2', reference: 'CMP-2026-00041-9', stage: 'Closed', inspection: false, filed: '1 Feb' }],
    actions: ['settle', 'schedule-hearing', 'decide', 'extend-conciliation', 'refer', 'record-answer', 'dismiss'].map((name) => ({
      name,
      title: `Title ${name}`,
      hint: 'Hint',
      href: `/staff/cases/c1/actions/${name}`,
      warning: name === 'decide',
      open: name === 'settle',
      has: {
        settle: { terms: true, complyBy: true, amount: true },
        'schedule-hearing': { hearingDate: true },
        decide: { findings: true },
        'extend-conciliation': { bothPartiesConsent: true },
        refer: { referralTarget: true },
        'record-answer': { answer: true },
        dismiss: { reason: true },
      }[name],
      values: { terms: 'x' },
      errors: name === 'settle' ? { complyBy: 'Enter the date' } : {},
      currency: 'PHP',
      findings:
        name === 'decide' ? [{ index: 0, legend: 'Allegation 1', facts: 'facts', value: '', note: '', error: 'Select a finding', noteError: null }] : [],
    })),
    noteForm: { action: '/staff/cases/c1/notes', body: '', visibility: '', errors: {} },
    assignForm: {
      action: '/staff/cases/c1/assign',
      error: null,
      items: [
        { value: '', text: 'Choose' },
        { value: 'u1', text: 'Ines (2 open, 0 overdue)', selected: true },
      ],
    },
    notice: 'Done',
    banner: 'Someone else changed this case',
    errorList: [{ text: 'Enter the date', href: '#settle-complyBy' }],
  };
};

describe.each(LOCALES)('the staff pages in %s', (locale) => {
  const ctx = (path: string, extra: Record<string, unknown>) => testPageContext(locale, path, { signedIn: true, ...extra });

  it('render the layout with staff.css, the identity bar and the navigation, never application.css', () => {
    const html = env.render('staff/home.njk', ctx('/staff', { staff, sections: [{ text: 'My cases', href: '/staff/cases/mine' }] }));
    expect(html).toContain(`<html lang="${locale}"`);
    expect(html).toContain('moj-identity-bar');
    expect(html).toContain('Ines Inspector – Inspector, Supervisor');
    expect(html).toContain('moj-primary-navigation');
    expect(html).toMatch(/href="\/assets\/staff\.[0-9a-f]{10}\.css"|href="[^"]*staff[^"]*\.css"/);
    expect(html).not.toMatch(/application\.[0-9a-f]*\.css/);
    noKeys(html);
  });

  it('render a queue with its filters, badges and paging', () => {
    const html = env.render(
      'staff/cases/queue.njk',
      ctx('/staff/cases', {
        staff,
        kind: 'team',
        title: 'All cases',
        action: '/staff/cases',
        subNav: [{ text: 'All cases', href: '/staff/cases', active: true }],
        filters: {
          stage: [{ value: '', text: 'Any' }],
          priority: [],
          category: [],
          deadline: [],
          agency: { id: 'a1', name: 'Bayanihan', clear: '/staff/cases' },
          sort: 'deadline',
          clear: '/staff/cases',
          any: true,
        },
        rows: [
          {
            href: '/staff/cases/c1',
            reference: 'CMP-1',
            stage: 'Submitted',
            urgent: true,
            agency: 'Bayanihan',
            agencyHref: '/staff/cases?agency=a1',
            assignee: 'Ines',
            escalated: false,
            filed: '1 March',
            due: '3 March',
            badge: { text: 'Overdue', classes: 'moj-badge--red', state: 'overdue' },
          },
        ],
        headers: sortHeaders('/staff/cases', readFilters({ sort: 'deadline', agency: 'ABCDEFAB-1234-4123-8123-123456789ABC' }), translator(locale)),
        paging: { previous: '/staff/cases?cursor=PREV2', next: '/staff/cases?page=3&cursor=NEXT2', from: 26, to: 50, total: 60 },
        totalText: '60 cases',
      }),
    );
    expect(html).toContain('data-sla="overdue"');
    // Sortable headings: links that keep the filters; the sorted one says so (aria-sort and hidden words).
    expect(html.match(/<th [^>]*aria-sort="(none|ascending|descending)"/g)).toHaveLength(5);
    expect(html).toMatch(
      /aria-sort="ascending"><a class="govuk-link lcs-sortable__link" href="\/staff\/cases\?agency=abcdefab-1234-4123-8123-123456789abc&amp;sort=deadline&amp;order=desc">/,
    );
    expect(html).toContain(`(${translator(locale)('staff.queue.sortedAscending')})`);
    expect(html).toContain('<input type="hidden" name="sort" value="deadline">');
    expect(html).toContain('moj-sub-navigation');
    // Both ways by the API's keyset cursors.
    expect(html).toContain('href="/staff/cases?page=3&amp;cursor=NEXT2"');
    expect(html).toContain('href="/staff/cases?cursor=PREV2"');
    noKeys(html);
  });

  it('render a case with its parties, proposal, action forms, notes and timeline, escaping what people wrote', () => {
    const html = env.render('staff/cases/case.njk', ctx('/staff/cases/c1', caseData(locale)));
    expect(html).toContain('Bayanihan &lt;b&gt;Manpower&lt;/b&gt;');
    expect(html).not.toContain('<b>Manpower</b>');
    expect(html).toContain('id="settle-complyBy"');
    expect(html).toContain('type="date"');
    expect(html).toContain('id="decide-finding-0"');
    expect(html).toContain('id="decide-proposal"');
    expect(html).toContain('name="version" value="3"');
    expect(html).toContain('moj-timeline__item');
    expect(html).toMatch(/<details class="govuk-details lcs-action" id="action-settle" open>/);
    noKeys(html);
  });

  it("render the agency's compliance declaration beside the actions: when, its statement (escaped) and its proof", () => {
    const t = translator(locale);
    const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
    const compliance = {
      declaredOn: t('staff.case.compliance.declaredOn', { date: '3 December 2026' }),
      statement: 'Refunded <b>in full</b>.',
      documents: [{ href: '/staff/cases/c1/evidence/d1', name: 'proof.pdf' }],
      awaiting: true,
    };
    const html = env.render('staff/cases/case.njk', ctx('/staff/cases/c1', { ...caseData(locale), compliance }));
    expect(html).toMatch(/id="compliance-declaration"[\s\S]*id="actions"/);
    expect(html).toContain('Refunded &lt;b&gt;in full&lt;/b&gt;.');
    expect(html).toContain('href="/staff/cases/c1/evidence/d1"');
    expect(html).toContain(escaped(t('staff.case.compliance.confirm')));
    noKeys(html);
    const bare = env.render(
      'staff/cases/case.njk',
      ctx('/staff/cases/c1', { ...caseData(locale), compliance: { ...compliance, documents: [], awaiting: false } }),
    );
    expect(bare).toContain(escaped(t('staff.case.compliance.noProof')));
    expect(bare).not.toContain(escaped(t('staff.case.compliance.confirm')));
  });

  it('render a protected identity masked, with the form that shows it, and a decision that may depart from the proposal', () => {
    const t = translator(locale);
    const data = caseData(locale);
    const html = env.render(
      'staff/cases/case.njk',
      ctx('/staff/cases/c1', {
        ...data,
        complainant: {
          ...data.complainant,
          name: null,
          email: null,
          phone: null,
          withheld: true,
          identityForm: { action: '/staff/cases/c1/identity', reason: '', error: t('staff.revealIdentity.errors.missing') },
        },
        actions: data.actions.map((a) =>
          a.name === 'decide'
            ? {
                ...a,
                values: { penalty: 'different', suspensionMonths: '2' },
                errors: { departureReason: t('staff.actions.errors.departureReasonMissing') },
                penalty: { different: true, currency: 'PHP' },
              }
            : a,
        ),
      }),
    );
    expect(html).not.toContain('maria@example.test');
    expect(html).toContain(t('staff.revealIdentity.masked'));
    expect(html).toMatch(/<form method="post" action="\/staff\/cases\/c1\/identity"/);
    expect(html).toMatch(/id="identity-reason-error"[\s\S]*?\S/);
    const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
    expect(html).toContain(escaped(t('staff.revealIdentity.errors.missing')));
    expect(html).toMatch(/id="decide-penalty-2"[^>]*value="different" checked/);
    expect(html).toMatch(/id="decide-suspensionMonths"[^>]*value="2"/);
    expect(html).toContain('id="decide-departureReason-error"');
    expect(html).toContain(escaped(t('staff.actions.errors.departureReasonMissing')));
    noKeys(html);
    const revealed = env.render('staff/cases/case.njk', ctx('/staff/cases/c1', { ...data, complainant: { ...data.complainant, revealed: true } }));
    expect(revealed).toContain('maria@example.test');
    expect(revealed).toContain(escaped(t('staff.revealIdentity.revealed')));
    expect(revealed).not.toContain('/staff/cases/c1/identity');
    noKeys(revealed);
  });

  it('render the evidence viewer, the reports with an SVG chart and CSV links, the audit trail, workloads and the 403 page', () => {
    noKeys(
      env.render(
        'staff/cases/evidence.njk',
        ctx('/x', {
          staff,
          reference: 'CMP-1',
          back: '/staff/cases/c1',
          file: {
            name: 'r.jpg',
            kind: 'Receipt',
            addedBy: 'x',
            added: 'y',
            size: '1 KB',
            sha256: 'ab',
            visibility: 'Internal',
            image: true,
            pdf: false,
            content: '/c',
            download: '/c?download=1',
          },
        }),
      ),
    );
    const chart = barChart([{ label: 'Submitted', values: [1, 2, 0, 1] }]);
    const reports = env.render(
      'staff/reports/reports.njk',
      ctx('/staff/reports', {
        staff,
        period: { from: '', to: '' },
        errors: {},
        errorList: [],
        asOf: 'as of',
        reports: [
          {
            name: 'stages',
            title: 'Cases by stage',
            description: 'd',
            csv: '/staff/reports/stages.csv',
            chart,
            legend: ['0–7', '8–30', '31–90', '90+'],
            table: { head: ['Stage', 'n'], rows: [['Submitted', '4']] },
            empty: false,
          },
        ],
      }),
    );
    expect(reports).toContain('<svg class="lcs-chart"');
    expect(reports).toContain('lcs-chart__bar--1');
    expect(reports).toContain('href="/staff/reports/stages.csv"');
    noKeys(reports);
    // The per-agency ranking, a page at a time: its total, the link to the top and a "Next page" link (plain links: no script).
    const agencies = env.render(
      'staff/reports/reports.njk',
      ctx('/staff/reports', {
        staff,
        period: { from: '', to: '' },
        errors: {},
        errorList: [],
        asOf: 'as of',
        reports: [
          {
            name: 'agencies',
            title: 'Complaints per 100 deployments',
            description: 'd',
            csv: '/staff/reports/agencies.csv',
            chart: barChart([{ label: 'Agency 1', values: [2.5] }]),
            legend: [],
            table: { head: ['Agency', 'Per 100'], rows: [['Agency 1', '2.5']] },
            empty: false,
            paging: { total: '1,234 agencies ranked', next: '/staff/reports?agenciesCursor=N1#report-agencies', first: '/staff/reports#report-agencies' },
          },
        ],
      }),
    );
    expect(agencies).toContain('href="/staff/reports?agenciesCursor=N1#report-agencies"');
    const next = translator(locale)('staff.reports.agencies.next').replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
    expect(agencies).toContain(next);
    expect(agencies).toContain('href="/staff/reports#report-agencies"');
    expect(agencies).toContain('href="/staff/reports/agencies.csv"');
    noKeys(agencies);
    noKeys(
      env.render(
        'staff/audit/audit.njk',
        ctx('/staff/audit', {
          staff,
          typed: { subjectType: '', subject: '', actor: '', action: '', from: '', to: '' },
          errors: {},
          errorList: [],
          searched: true,
          entries: [
            {
              seq: '1',
              at: 'now',
              datetime: 'x',
              actor: 'inspector u1',
              actorHref: '/a',
              action: 'complaint.accept',
              subject: 'complaint c1',
              subjectHref: '/s',
              caseHref: '/c',
              changes: '{}',
            },
          ],
          older: '/older',
          newest: null,
        }),
      ),
    );
    noKeys(
      env.render(
        'staff/workloads.njk',
        ctx('/staff/workloads', { staff, escalations: '2 cases', escalationsHref: '/e', rows: [{ name: 'Ines', open: '2', overdue: '0', load: 2, max: 2 }] }),
      ),
    );
    noKeys(env.render('errors/forbidden.njk', ctx('/staff', {})));
  });
});
