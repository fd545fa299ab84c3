import type { ApiSchemas, Problem } from '@app/api-client';
import { LOCALES, translator } from '@app/i18n';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import { benefitBody, createUserBody, feeRuleBody, parseAllowedItems, parseEscalations, slaBody, slaValues } from './admin/admin-view';
import { applicationForms, applicationView, escrowForms, escrowView, licenseForms, licenseView } from './licensing/licensing-view';
import { claimActionBody, claimForms, claimView, deadlineBadge, fundForms, fundView, queueRow } from './welfare/welfare-view';
import { FormSpec, checkValues, formView, problemErrors, readValues, refusalOf } from './workbench-forms';
import { staffNavigation } from './staff-navigation';

const t = translator('en');
const ID = '0b7c4a4e-4b1e-4f61-9a51-0d1f3c1a2b3c';

const spec: FormSpec = {
  id: 'f',
  title: 'T',
  action: '/x',
  submit: 'Go',
  fields: [
    { name: 'reason', label: 'Reason', kind: 'textarea', required: true },
    { name: 'until', label: 'Until', kind: 'date' },
    { name: 'amount', label: 'Amount', kind: 'money', currency: 'PHP', api: ['approvedMinor'] },
    { name: 'docs', label: 'Docs', kind: 'checkboxes', options: [{ value: 'a', text: 'A' }] },
  ],
};

describe('workbench forms', () => {
  it("reads only the form's fields, lists for checkboxes", () => {
    expect(readValues(spec, { reason: '  late  ', docs: 'a', other: 'x' })).toEqual({ reason: 'late', until: '', amount: '', docs: ['a'] });
  });

  it('refuses what is missing or malformed before the API is asked, and turns amounts into minor units', () => {
    expect(checkValues(spec, { reason: '', until: '2026-02-30', amount: 'abc', docs: ['z'] }, 'en').errors).toEqual({
      reason: 'staff-forms.errors.required',
      until: 'staff-forms.errors.date',
      amount: 'staff-forms.errors.amount',
      docs: 'staff-forms.errors.choice',
    });
    expect(checkValues(spec, { reason: 'ok', until: '2026-02-28', amount: '1,500.50', docs: ['a'] }, 'en')).toEqual({
      errors: {},
      minor: { amount: '150050' },
    });
    // Indonesian writes the decimal comma.
    expect(checkValues(spec, { reason: 'ok', until: '', amount: '1.500,50', docs: [] }, 'id').minor).toEqual({ amount: '150050' });
  });

  it("puts the API's refused fields on the form's fields, and other problems on the first field", () => {
    const invalid = {
      code: 'validation-failed',
      status: 400,
      errors: [
        { field: 'approvedMinor', message: 'x' },
        { field: 'nope', message: 'y' },
      ],
    } as unknown as Problem;
    expect(problemErrors(spec, invalid, 400)).toEqual({ amount: 'staff-forms.errors.refused', reason: 'staff-forms.errors.refused' });
    expect(problemErrors(spec, { code: 'stale-version', status: 409 } as Problem, 409)).toEqual({ reason: 'staff-forms.problems.stale-version' });
    expect(problemErrors(spec, { code: 'something-new', status: 409 } as Problem, 409)).toEqual({ reason: 'staff-forms.problems.conflict' });
    expect(problemErrors(spec, null, 400)).toEqual({ reason: 'staff-forms.problems.other' });
  });

  it("shows a refused form again with its values and errors, in the reader's language", () => {
    const view = formView(spec, translator('fil'), { id: 'f', values: { reason: 'x', docs: ['a'] }, errors: { reason: 'staff-forms.errors.required' } });
    expect(view.fields[0]).toMatchObject({ id: 'f-reason', value: 'x', error: { text: translator('fil')('staff-forms.errors.required') } });
    expect(view.fields[3].items).toEqual([{ value: 'a', text: 'A', checked: true, selected: false }]);
    expect(view.errorList).toEqual([{ text: `Reason: ${translator('fil')('staff-forms.errors.required')}`, href: '#f-reason' }]);
    expect(formView(spec, t, { id: 'other', values: { reason: 'x' }, errors: { reason: 'staff-forms.errors.required' } }).errorList).toEqual([]);
  });

  it('keeps the refusal of a form the record no longer offers (another officer acted first)', () => {
    const state = { id: 'gone', values: {}, errors: { reason: 'staff-forms.problems.stale-version' } };
    expect(refusalOf(state, [spec], t)).toBe(t('staff-forms.problems.stale-version'));
    expect(refusalOf({ ...state, id: 'f' }, [spec], t)).toBeNull();
    expect(refusalOf(null, [spec], t)).toBeNull();
  });

  it('offers each role its pages and marks the current section', () => {
    const nav = staffNavigation(['welfare_officer'], '/staff/welfare/claims/abc', t);
    expect(nav.map((n) => n.href)).toEqual(['/staff/licensing/licenses', '/staff/welfare/claims', '/staff/welfare/fund']);
    expect(nav.find((n) => n.active)?.href).toBe('/staff/welfare/claims');
    expect(staffNavigation(['worker'], '/', t)).toEqual([]);
    expect(staffNavigation(['admin'], '/', t).map((n) => n.href)).toContain('/staff/admin/sla-policies');
  });
});

const application = (over: Partial<ApiSchemas['ApplicationDetailView']> = {}): ApiSchemas['ApplicationDetailView'] => ({
  id: ID,
  agencyId: ID,
  agencyName: 'Tala Manpower',
  type: 'new',
  state: 'under_review',
  licenseId: null,
  licenseNumber: null,
  reviewerId: null,
  correctionItems: [],
  decisionReasons: null,
  submittedAt: '2026-11-02T01:00:00Z',
  decidedAt: null,
  createdAt: '2026-11-01T01:00:00Z',
  version: 4,
  allowedActions: ['return', 'recommend'],
  checklist: [
    { kind: 'business-registration', uploaded: 1 },
    { kind: 'tax-clearance', uploaded: 0 },
  ],
  missingDocuments: ['tax-clearance'],
  documents: [
    {
      id: ID,
      ownerType: 'application',
      ownerId: ID,
      agencyId: ID,
      ownerUserId: null,
      kind: 'business-registration',
      originalName: 'reg.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'x',
      uploadedBy: null,
      createdAt: '2026-11-01T02:00:00Z',
    },
  ],
  events: [{ action: 'submit', from: 'draft', to: 'submitted', actorId: null, actorRole: 'agency_admin', details: null, at: '2026-11-02T01:00:00Z' }],
  clearance: { cleared: false, checks: [{ check: 'escrow', ok: false, detail: 'no account' }] },
  openCases: [{ reference: 'C-1', kind: 'complaint', stage: 'triage', priority: 'normal', openedAt: '2026-10-01' }],
  ...over,
});

describe('licensing view', () => {
  it('offers the forms of the allowed moves only, each with its required fields and the version read', () => {
    const forms = applicationForms(application(), t);
    expect(forms.map((f) => f.id)).toEqual(['application-recommend', 'application-return']);
    expect(forms[1].fields).toEqual([expect.objectContaining({ name: 'items', required: true })]);
    expect(forms[0].hidden).toEqual({ version: '4' });
    expect(applicationForms(application({ allowedActions: ['approve', 'reject'] }), t).find((f) => f.id === 'application-reject')?.fields[0]).toMatchObject({
      name: 'reasons',
      required: true,
    });
    expect(applicationForms(application({ allowedActions: ['submit'] }), t)).toEqual([]);
  });

  it('offers a person only the moves their roles make (the API answers the others with 403)', () => {
    const a = application({ allowedActions: ['approve', 'reject'] });
    expect(applicationForms(a, t, ['inspector'])).toEqual([]);
    expect(applicationForms(a, t, ['supervisor']).map((f) => f.id)).toEqual(['application-approve', 'application-reject']);
    expect(applicationForms(application(), t, ['inspector', 'supervisor']).map((f) => f.id)).toEqual(['application-recommend', 'application-return']);
    const l = { id: ID, version: 2, allowedActions: ['reinstate', 'revoke'] } as ApiSchemas['LicenseDetailView'];
    expect(licenseForms(l, t, ['inspector'])).toEqual([]);
    expect(licenseForms(l, t, ['supervisor']).map((f) => f.id)).toEqual(['license-reinstate', 'license-revoke']);
  });

  it("shows the checklist, the clearance and the agency's open cases", () => {
    const v = applicationView(application(), t, 'en');
    expect(v.checklist.rows[1][1]).toEqual({ text: 'Missing', tag: 'govuk-tag--red' });
    expect(v.clearance?.cleared).toBe(false);
    expect(v.openCases.rows[0][0].text).toBe('C-1');
    expect(v.documents.rows[0][1]).toEqual({ text: 'reg.pdf', href: `/staff/licensing/documents/${ID}` });
  });

  it("turns a license's allowed moves into suspend / lift / revoke forms", () => {
    const l = { id: ID, version: 2, allowedActions: ['suspend', 'revoke'] } as ApiSchemas['LicenseDetailView'];
    expect(licenseForms(l, t).map((f) => f.id)).toEqual(['license-suspend', 'license-revoke']);
    expect(licenseForms({ ...l, allowedActions: ['lift', 'revoke'] }, t).map((f) => f.action)).toEqual([
      `/staff/licensing/licenses/${ID}/reinstate`,
      `/staff/licensing/licenses/${ID}/revoke`,
    ]);
    expect(licenseForms(l, t)[0].fields.map((f) => [f.name, f.required])).toEqual([
      ['reason', true],
      ['until', true],
    ]);
  });
});

const claim = (over: Partial<ApiSchemas['ClaimView']> = {}): ApiSchemas['ClaimView'] => ({
  id: ID,
  reference: 'WF-2026-000001',
  claimType: 'medical',
  state: 'under_review',
  workerName: 'Maria Santos',
  claimantKind: 'worker',
  incidentDate: '2026-11-20',
  filedOn: '2026-11-25',
  facts: 'x',
  claimedMinor: '5000000',
  degreePercent: null,
  currency: 'PHP',
  eligibility: { eligible: true, checks: [{ check: 'membership-active', ok: true, detail: 'member' }] },
  scheduledMinor: '5000000',
  approvedMinor: null,
  decisionReason: null,
  eligibilityException: null,
  checklist: [{ code: 'medical-report', label: 'Medical report' }],
  requestedDocuments: [],
  paidReference: null,
  decisionDue: '2026-12-20T15:59:59Z',
  nextStep: '',
  language: 'en',
  allowedActions: ['request-documents', 'approve', 'reject'],
  version: 3,
  ...over,
});

describe('welfare view', () => {
  it('asks for an exception reason only when the claim is not eligible', () => {
    const approve = (c: ApiSchemas['ClaimView']) => claimForms(c, t, 'en').find((f) => f.id === 'claim-approve')!;
    expect(approve(claim()).fields.map((f) => f.name)).toEqual(['approved', 'reason']);
    const ineligible = approve(claim({ eligibility: { eligible: false, checks: [] } }));
    expect(ineligible.fields.map((f) => [f.name, Boolean(f.required)])).toEqual([
      ['approved', false],
      ['exceptionReason', true],
      ['reason', true],
    ]);
    expect(approve(claim()).intro).toContain('50,000.00');
  });

  it('gives the disbursement an idempotency key of the page', () => {
    const [disburse] = claimForms(claim({ allowedActions: ['disburse'] }), t, 'en', 'k-1');
    expect(disburse.hidden).toEqual({ version: '3', idempotencyKey: 'k-1' });
  });

  it('sends each move what the API takes', () => {
    expect(claimActionBody('approve', 3, { approved: '600', reason: 'costs', exceptionReason: '' }, { approved: '60000' })).toEqual({
      version: 3,
      approvedMinor: '60000',
      reason: 'costs',
    });
    expect(claimActionBody('approve', 3, { approved: '', reason: '' }, {})).toEqual({ version: 3 });
    expect(claimActionBody('request-documents', 1, { documents: ['medical-report'] }, {})).toEqual({ version: 1, documents: ['medical-report'] });
    expect(claimActionBody('confirm-payment', 1, { paidReference: 'TRX' }, {})).toEqual({ version: 1, paidReference: 'TRX' });
    expect(claimActionBody('take', 1, {}, {})).toEqual({ version: 1 });
  });

  it('badges the decision deadline', () => {
    const now = new Date('2026-12-10T00:00:00Z');
    expect(deadlineBadge('2026-12-09T00:00:00Z', now, t)?.text).toBe('Overdue');
    expect(deadlineBadge('2026-12-12T00:00:00Z', now, t)?.text).toBe('Due soon');
    expect(deadlineBadge('2026-12-30T00:00:00Z', now, t)?.text).toBe('On time');
    expect(deadlineBadge(null, now, t)).toBeNull();
    expect(deadlineBadge('2026-12-09T00:00:00Z', now, t, true)?.text).toBe('Paused');
  });

  it('shows the decision date in Manila time on the claim and in the queue', () => {
    const v = claimView(claim(), t, 'en', new Date('2026-12-01T00:00:00Z'));
    expect(v.decisionDue).toBe('20 Dec 2026, 23:59');
    expect(queueRow(claim(), t, 'en', new Date('2026-12-01T00:00:00Z'))[5].text).toBe('20 December 2026');
    expect(v.eligibility.table.rows[0][1]).toEqual({ text: 'Passes', tag: 'govuk-tag--green' });
  });
});

describe("escrow entries and the fund's income", () => {
  const escrow = { agencyId: ID, open: true, currency: 'PHP' };

  it('offers the escrow entry form on an open account to the roles the API lets record one, with a key of the page', () => {
    const [form] = escrowForms(escrow, t, ['inspector'], 'KEY-1');
    expect(form).toMatchObject({ id: 'escrow-entry', action: `/staff/licensing/agencies/${ID}/escrow/entries`, hidden: { idempotencyKey: 'KEY-1' } });
    expect(form.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['kind', 'radios', true],
      ['amount', 'money', true],
      ['reference', 'text', true],
    ]);
    expect(form.fields[0].options!.map((o) => o.value)).toEqual(['deposit', 'top-up', 'garnishment', 'release']);
    expect(escrowForms(escrow, t, ['supervisor'])).toHaveLength(1);
    expect(escrowForms(escrow, t, ['welfare_officer', 'admin'])).toEqual([]);
    expect(escrowForms({ ...escrow, open: false }, t, ['inspector'])).toEqual([]);
    // Each rendering makes a new key.
    expect(escrowForms(escrow, t, ['inspector'])[0].hidden!.idempotencyKey).not.toBe(escrowForms(escrow, t, ['inspector'])[0].hidden!.idempotencyKey);
  });

  it("reads an entry in the account's currency and puts the API's refusals on its fields", () => {
    const [form] = escrowForms({ ...escrow, currency: 'IDR' }, t, ['inspector']);
    expect(checkValues(form, readValues(form, { kind: 'deposit', amount: '1.500.000', reference: 'BNI-1' }), 'id')).toEqual({
      errors: {},
      minor: { amount: '150000000' },
    }); // IDR: two decimals in ISO 4217
    expect(checkValues(form, readValues(form, { kind: 'steal', amount: 'lots' }), 'en').errors).toEqual({
      kind: 'staff-forms.errors.choice',
      amount: 'staff-forms.errors.amount',
      reference: 'staff-forms.errors.required',
    });
    const invalid: Problem = {
      type: 'urn:lcs:problem:validation-failed',
      code: 'validation-failed',
      title: 'x',
      status: 400,
      errors: [
        { field: 'reference', message: 'too long' },
        { field: 'amountMinor', message: 'x' },
      ],
    } as Problem;
    expect(problemErrors(form, invalid, 400)).toEqual({ reference: 'staff-forms.errors.refused', amount: 'staff-forms.errors.refused' });
  });

  it("offers welfare officers the counter contribution and finance officers and admins the income, in the fund's currency", () => {
    expect(fundForms({ currency: 'PHP' }, t, ['welfare_officer']).map((f) => f.id)).toEqual(['contribution']);
    expect(fundForms({ currency: 'PHP' }, t, ['finance_officer']).map((f) => f.id)).toEqual(['income-record']);
    expect(fundForms({ currency: 'PHP' }, t, ['admin', 'welfare_officer']).map((f) => f.id)).toEqual(['contribution', 'income-record']);
    expect(fundForms({ currency: 'PHP' }, t, ['supervisor', 'inspector'])).toEqual([]);
    const [contribution, income] = fundForms({ currency: 'USD' }, t, ['welfare_officer', 'admin'], 'KEY-2');
    expect(contribution.fields.map((f) => f.name)).toEqual(['placementId', 'paidOn', 'receiptNumber']);
    expect(contribution.hidden).toBeUndefined();
    expect(income).toMatchObject({ action: '/staff/welfare/fund/income', hidden: { idempotencyKey: 'KEY-2' } });
    expect(
      checkValues(
        income,
        readValues(income, { kind: 'appropriation', amount: '2,500.75', receivedOn: '2026-02-30', reference: 'SARO-1', description: 'Budget' }),
        'en',
      ),
    ).toEqual({ errors: { receivedOn: 'staff-forms.errors.date' }, minor: { amount: '250075' } });
    expect(checkValues(income, readValues(income, {}), 'en').errors).toEqual({
      kind: 'staff-forms.errors.required',
      amount: 'staff-forms.errors.required',
      receivedOn: 'staff-forms.errors.required',
      reference: 'staff-forms.errors.required',
      description: 'staff-forms.errors.required',
    });
  });
});

describe('admin view', () => {
  it('reads escalation levels as typed, and refuses an unknown action', () => {
    expect(parseEscalations('0: notify-supervisors\n 24 : raise-priority, notify-assignee \n')).toEqual({
      ok: true,
      levels: [
        { afterHours: 0, actions: ['notify-supervisors'] },
        { afterHours: 24, actions: ['raise-priority', 'notify-assignee'] },
      ],
    });
    expect(parseEscalations('')).toEqual({ ok: true, levels: [] });
    expect(parseEscalations('24: shout')).toEqual({ ok: false });
    expect(parseEscalations('soon: notify-assignee')).toEqual({ ok: false });
  });

  it('writes a policy into the form and back unchanged', () => {
    const p = {
      kind: 'welfare.decision',
      description: '',
      supportedActions: [],
      durationDays: 30,
      counting: 'calendar',
      reminderShare: 0.8,
      escalations: [{ afterHours: 0, actions: ['notify-supervisors'] }],
      version: 1,
      updatedAt: '',
    } as ApiSchemas['PolicyView'];
    const v = slaValues(p);
    const levels = parseEscalations(String(v.escalations));
    expect(levels.ok && slaBody(v, levels.levels)).toEqual({ durationDays: 30, counting: 'calendar', reminderShare: 0.8, escalations: p.escalations });
    expect(slaBody({ ...v, reminderShare: '' }, []).reminderShare).toBeNull();
  });

  it('reads allowed fee items with and without caps', () => {
    const amount = (typed: string) => (typed === '2500' ? '250000' : null);
    expect(parseAllowedItems('medical-exam 2500 php\ndocumentation', amount)).toEqual({
      ok: true,
      items: [{ item: 'medical-exam', cap: { amountMinor: '250000', currency: 'PHP' } }, { item: 'documentation' }],
    });
    expect(parseAllowedItems('medical exam 2500', amount)).toEqual({ ok: false });
  });

  it('builds the fee rule, benefit entry and account the API takes', () => {
    const rule = feeRuleBody(
      {
        destinationCountry: 'hk',
        occupationCategory: 'general',
        originCountry: 'ph',
        validFrom: '2027-01-01',
        capKind: 'fixed',
        capCurrency: 'php',
        prohibitedItems: 'training\n',
        protected: 'no',
        source: 'Reg 1',
      },
      { capAmount: '100' },
      [],
    );
    expect(rule).toMatchObject({
      destinationCountry: 'HK',
      originCountry: 'PH',
      placementFeeCap: { kind: 'fixed', amountMinor: '100', currency: 'PHP' },
      prohibitedItems: ['training'],
      protected: false,
    });
    expect(
      benefitBody({ claimType: 'disability:partial', ruleKind: 'by-degree', currency: 'php', validFrom: '2027-01-01', source: 'R' }, { amount: '1000' }).rule,
    ).toEqual({ kind: 'by-degree', maxAmountMinor: '1000', currency: 'PHP' });
    expect(createUserBody({ displayName: 'A', email: 'a@b.c', password: 'p', preferredLanguage: 'en', roles: ['inspector'], agencyId: '' })).toEqual({
      displayName: 'A',
      email: 'a@b.c',
      password: 'p',
      preferredLanguage: 'en',
      roles: ['inspector'],
    });
  });
});

describe('workbench templates', () => {
  const env = testViewEnvironment();
  const staff = (locale: (typeof LOCALES)[number]) => ({
    name: 'Wen Welfare',
    rolesText: 'welfare officer',
    nav: staffNavigation(['inspector', 'supervisor', 'welfare_officer', 'admin'], '/staff/welfare/claims', translator(locale)),
  });

  it.each(LOCALES)('render fully translated in %s, every form with its CSRF token', (locale) => {
    const tr = translator(locale);
    const a = application({ allowedActions: ['return', 'recommend', 'reject'] });
    const refused = { id: 'application-reject', values: { reasons: '' }, errors: { reasons: 'staff-forms.errors.required' } };
    const escrow = {
      agencyId: ID,
      open: true,
      licenseType: 'regular',
      currency: 'PHP',
      requiredMinor: '100',
      balanceMinor: '50',
      shortfallMinor: '50',
      meetsRequirement: false,
      topUpDeadline: null,
      hold: null,
      entries: { items: [], page: 1, pageSize: 50, total: 0 },
    } as ApiSchemas['EscrowSummary'];
    const license = {
      id: ID,
      agencyId: ID,
      agencyName: 'X',
      number: 'PH-1',
      type: 'regular',
      state: 'active',
      issuedOn: '2026-01-01',
      expiresOn: '2029-01-01',
      expiresAt: '',
      suspendedUntil: null,
      version: 1,
      allowedActions: ['suspend', 'revoke'],
      events: [{ action: 'issue', from: null, to: 'active', actorId: null, actorRole: 'supervisor', reason: null, until: null, at: '2026-01-01T00:00:00Z' }],
    } as ApiSchemas['LicenseDetailView'];
    const c = claim({
      allowedActions: ['approve', 'reject', 'request-documents'],
      eligibility: { eligible: false, checks: [{ check: 'filed-in-window', ok: false, detail: 'late' }] },
    });
    const fund = {
      currency: 'PHP',
      cashMinor: '1',
      contributionsReceivedMinor: '1',
      appropriationsReceivedMinor: '0',
      otherIncomeMinor: '0',
      benefitsApprovedMinor: '0',
      payablesMinor: '0',
      uncommittedMinor: '1',
    };
    const table = { id: 'x', caption: 'C', head: ['H'], rows: [[{ text: 'v', form: { action: '/staff/admin/notifications/1/resend' } }]], empty: 'none' };
    const pages: [string, Record<string, unknown>][] = [
      ['staff/licensing/applications.njk', { filter: { action: '/a', items: [] }, table: { ...table, rows: [] }, next: '/next' }],
      [
        'staff/licensing/application.njk',
        { ...applicationView(a, tr, locale), forms: applicationForms(a, tr).map((f) => formView(f, tr, refused)), refusal: null, queue: '/q', notice: 'ok' },
      ],
      ['staff/licensing/licenses.njk', { q: '', filter: { action: '/l', items: [] }, table, next: null }],
      ['staff/licensing/license.njk', { ...licenseView(license, tr, locale), forms: licenseForms(license, tr).map((f) => formView(f, tr)), refusal: 'r' }],
      [
        'staff/licensing/escrow.njk',
        {
          title: 'E',
          ...escrowView(escrow, tr, locale),
          forms: escrowForms(escrow, tr, ['inspector']).map((f) =>
            formView(f, tr, {
              id: 'escrow-entry',
              values: { amount: 'x' },
              errors: { amount: 'staff-forms.problems.escrow-insufficient-balance', kind: 'staff-forms.errors.required' },
            }),
          ),
          next: null,
        },
      ],
      ['staff/welfare/claims.njk', { filter: { action: '/c', states: [], types: [] }, table: { ...table, rows: [queueRow(c, tr, locale)] }, next: null }],
      ['staff/welfare/claim.njk', { ...claimView(c, tr, locale), forms: claimForms(c, tr, locale).map((f) => formView(f, tr)), refusal: null, queue: '/q' }],
      [
        'staff/welfare/claim.njk',
        { ...claimView(claim({ state: 'documents_requested', allowedActions: ['documents-received'] }), tr, locale), forms: [], refusal: 'r', queue: '/q' },
      ],
      [
        'staff/welfare/fund.njk',
        {
          forms: fundForms(fund, tr, ['welfare_officer', 'finance_officer']).map((f) =>
            formView(f, tr, {
              id: 'contribution',
              values: {},
              errors: { placementId: 'staff-welfare.fund.contribution.placementUnknown', receiptNumber: 'staff-forms.problems.receipt-number-taken' },
            }),
          ),
          ...fundView(fund, [], tr, locale, {
            rows: [
              {
                contributionsInMinor: '100',
                incomeInMinor: '0',
                disbursementsOutMinor: '0',
                netMinor: '100',
                bucket: 'day',
                firstDay: '2026-12-01',
                lastDay: '2026-12-01',
                closingBalanceMinor: '100',
              },
            ],
          } as ApiSchemas['FundBalanceReport']),
        },
      ],
      [
        'staff/admin/page.njk',
        {
          title: 'Admin',
          intro: 'i',
          filter: { action: '/f', name: 'state', label: 'S', items: [] },
          summary: [{ key: 'k', value: 'v' }],
          years: [{ href: '/y', text: '2027' }],
          tables: [table],
          forms: [],
          back: { href: '/b', text: 'b' },
        },
      ],
    ];
    for (const [template, data] of pages) {
      const html = env.render(template, testPageContext(locale, '/staff/x', { signedIn: true, staff: staff(locale), ...data }));
      expect(html).toContain(`<html lang="${locale}"`);
      expect(html).not.toMatch(/undefined|\[object Object\]/);
      expect(html).not.toMatch(/>\s*staff-(forms|licensing|welfare|admin)\.[a-zA-Z.-]+\s*</);
      for (const form of html.match(/<form method="post"[^>]*>\s*<input[^>]*>/g) ?? []) expect(form).toContain('name="_csrf" value="TOKEN-123"');
      expect(html).toContain(tr('staff-welfare.nav.claims'));
    }
  });

  it("shows a refused field's error next to it and in the summary", () => {
    const a = application({ allowedActions: ['reject'] });
    const forms = applicationForms(a, t).map((f) =>
      formView(f, t, { id: 'application-reject', values: { reasons: '' }, errors: { reasons: 'staff-forms.errors.required' } }),
    );
    const html = env.render('staff/licensing/application.njk', testPageContext('en', '/x', { ...applicationView(a, t, 'en'), forms, queue: '/q' }));
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('href="#application-reject-reasons"');
    expect(html).toMatch(/id="application-reject-reasons-error"[\s\S]*Fill this in/);
  });
});
