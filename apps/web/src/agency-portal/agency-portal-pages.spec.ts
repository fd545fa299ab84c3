import type { ApiSchemas } from '@app/api-client';
import { LOCALES, Locale, translator } from '@app/i18n';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import { EMPTY_AMENDMENT, amendmentApiErrors, amendmentRows, ownerRowsShown, readAmendment } from './agency-amendments-view';
import { valuesOf } from './agency-register-form';
import { FINE_TEXTS, finesPage } from './agency-fines-view';
import { declarationErrors } from './payment-declaration-form';
import { amendValuesOf, placementVersions } from './placement-amendment';

const env = testViewEnvironment();
const context = (locale: Locale, path: string, extra: Record<string, unknown>) => testPageContext(locale, path, extra);
/** A message key shown instead of its text, or a placeholder left unfilled. */
const UNTRANSLATED = /(>|")\s*(agencyPortal|agencyRecords|errors)\.[a-zA-Z.]+\s*(<|")|\{[a-z]+\}|undefined|\[object Object\]/;

const ID = '00000000-0000-4000-8000-000000000001';
const fine = (over: Partial<ApiSchemas['FineView']> = {}) =>
  ({
    id: ID,
    reference: 'FN-2026-000007',
    agencyId: ID,
    complaintId: ID,
    amountMinor: '5000000',
    currency: 'PHP',
    state: 'open',
    dueAt: '2026-12-31T15:59:59.000Z',
    paidReference: null,
    declaredReference: 'LBP-1',
    declaredAt: null,
    hasPaymentProof: false,
    declarationRejectedReason: 'Wrong <b>receipt</b>',
    ...over,
  }) as ApiSchemas['FineView'];
const line = { item: 'placement-fee', amountMinor: '2500000', currency: 'PHP', date: '2026-02-20', receiptNumber: 'OR-118' } as ApiSchemas['FeeLineView'];

describe('the agency portal pages of issue 22 render in every language', () => {
  it.each(LOCALES)('%s', (locale) => {
    const pages: [string, string, Record<string, unknown>][] = [
      [
        'agency-portal/fines.njk',
        '/agency/fines',
        {
          notice: null,
          ...finesPage(
            [fine(), fine({ id: '00000000-0000-4000-8000-000000000002', state: 'paid', paidReference: 'X' })],
            locale,
            (id) => `/agency/fines/${id}/payment`,
          ),
        },
      ],
      [
        'agency-portal/fines.njk',
        '/agency/fines',
        { notice: 'Recorded', ...finesPage([fine()], locale, (id) => `/agency/fines/${id}/payment`, declarationErrors(ID, '', null, FINE_TEXTS)) },
      ],
      ['agency-portal/fines.njk', '/agency/fines', { notice: null, ...finesPage([], locale, (id) => id) }],
      [
        'agency-portal/amendments.njk',
        '/agency/amendments',
        {
          filed: null,
          current: { legalName: 'Kalayaan Inc.', registrationNumber: 'CS1' },
          amendments: amendmentRows(
            [
              {
                id: ID,
                agencyId: ID,
                agencyName: 'K',
                state: 'rejected',
                changes: { legalName: 'Kalayaan Global' },
                current: {} as never,
                reason: 'Rename',
                requestedBy: ID,
                decidedBy: ID,
                decidedAt: '2026-11-05T00:00:00Z',
                decisionNote: 'Missing filing',
                version: 2,
                createdAt: '2026-11-01T00:00:00Z',
              } as ApiSchemas['AmendmentView'],
            ],
            locale,
          ),
          pending: false,
          admin: true,
          v: { legalName: '', registrationNumber: '', capital: 'x', reason: '', owners: [{ name: '', nationality: '', share: '' }] },
          canAddOwner: true,
          err: { capital: 'Bad capital' },
          errorList: [{ text: 'Bad capital', href: '#capital' }],
        },
      ],
      [
        'agency-portal/amendments.njk',
        '/agency/amendments',
        {
          filed: 'Sent',
          current: { legalName: 'K', registrationNumber: 'CS1', owners: 'Rogelio Panganiban (PH, 100%)' },
          amendments: [],
          pending: true,
          admin: true,
          v: {},
          err: {},
          errorList: [],
        },
      ],
      [
        'agency-portal/branch-close.njk',
        '/agency/branches/x/close',
        { action: '/agency/branches/x/close', name: 'Baguio branch', address: '3 Session Road', allowed: true, error: null },
      ],
      [
        'agency-portal/branch-close.njk',
        '/agency/branches/x/close',
        { action: '/agency/branches/x/close', name: 'Baguio branch', address: '3 Session Road', allowed: false, error: null },
      ],
      [
        'agency-portal/placement-amend.njk',
        '/agency/placements/x/amend',
        {
          reference: 'PLC-118',
          action: '/agency/placements/x/amend',
          backHref: '/agency/placements/x',
          rows: 3,
          v: { ...amendValuesOf({ fees: [line] }, locale) },
          err: { reason: 'Say why' },
          errorList: [{ text: 'Say why', href: '#reason' }],
          feeRows: amendValuesOf({ fees: [line] }, locale).fees.map((f, i) => ({ i, f, items: [{ value: '', text: '-' }] })),
        },
      ],
    ];
    for (const [template, path, data] of pages) {
      const html = env.render(template, context(locale, path, data));
      expect(html).toContain(`<html lang="${locale}"`);
      expect(html).not.toMatch(UNTRANSLATED);
      expect(html).not.toContain('<b>receipt</b>');
    }
    const versions = placementVersions(
      [
        {
          revision: 1,
          reason: null,
          fees: [line],
          createdAt: '2026-03-01T00:00:00Z',
          actorId: null,
          actorRole: 'agency_admin',
          terms: {},
        } as unknown as ApiSchemas['RevisionView'],
        {
          revision: 2,
          reason: 'Receipt says 2,500',
          fees: [],
          createdAt: '2026-03-02T00:00:00Z',
          actorId: null,
          actorRole: 'agency_admin',
          terms: {},
        } as unknown as ApiSchemas['RevisionView'],
      ],
      locale,
    );
    expect(versions).toHaveLength(2);
  });
});

describe("the owners' rows, in the amendment and the registration forms", () => {
  const owners = [
    { name: 'Rogelio Panganiban', nationality: 'PH', sharePercent: 60 },
    { name: 'Ligaya Ramos', nationality: 'PH', sharePercent: 40 },
  ];
  const amendments = (locale: Locale, values: typeof EMPTY_AMENDMENT, errors: Record<string, string>) =>
    env.render(
      'agency-portal/amendments.njk',
      context(locale, '/agency/amendments', {
        filed: null,
        current: { legalName: 'Kalayaan Inc.', registrationNumber: 'CS1', owners: 'Rogelio Panganiban (PH, 60%); Ligaya Ramos (PH, 40%)' },
        amendments: [],
        pending: false,
        admin: true,
        v: { ...values, owners: ownerRowsShown(values, owners) },
        canAddOwner: true,
        err: errors,
        errorList: Object.entries(errors).map(([id, text]) => ({ text, href: `#${id}` })),
      }),
    );

  it.each(LOCALES)('%s: the current owners as rows to edit, a "Remove" box each, an empty row and "Add another owner"', (locale) => {
    const html = amendments(locale, EMPTY_AMENDMENT, {});
    expect(html).not.toMatch(UNTRANSLATED);
    expect(html).toContain('name="ownerRows" value="3"');
    expect(html).toMatch(/id="owner-0-name" name="owner-0-name" type="text" value="Rogelio Panganiban"/);
    expect(html).toMatch(/id="owner-1-share" name="owner-1-share" type="text" value="40"/);
    expect(html).toMatch(/id="owner-2-name" name="owner-2-name" type="text" value=""/);
    expect(html).toContain('name="owner-1-remove"');
    expect(html).toMatch(/<button type="submit" value="addOwner" name="action"/);
    expect(html).toContain('Ligaya Ramos (PH, 40%)');
  });

  it.each(LOCALES)("%s: a refusal next to the row's field it is about", (locale) => {
    const read = readAmendment(
      {
        ownerRows: '2',
        'owner-0-name': 'Rogelio Panganiban',
        'owner-0-nationality': 'PH',
        'owner-0-share': '60',
        'owner-1-name': 'Andres',
        'owner-1-share': '40',
        reason: 'New owner',
      },
      locale,
      { legalName: 'K', registrationNumber: 'CS1', capitalMinor: '0', owners },
    );
    const t = translator(locale);
    const errors = Object.fromEntries(Object.entries(read.errors).map(([id, key]) => [id, t(key)]));
    expect(Object.keys(errors)).toEqual(['owner-1-nationality']);
    const html = amendments(locale, read.values, errors);
    expect(html).not.toMatch(UNTRANSLATED);
    expect(html).toMatch(
      new RegExp(
        `<p id="owner-1-nationality-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">[^<]*</span> ${escape(t('agencyPortal.register.errors.nationality'))}`,
      ),
    );
    expect(html).toContain('href="#owner-1-nationality"');
    // The API's refusal of the sum, on the first row sent.
    expect(amendmentApiErrors(400, { errors: [{ field: 'owners', rule: 'sharesSumTo100' }] }, [1])).toEqual({
      'owner-1-share': 'agencyPortal.register.errors.sharesSum',
    });
  });

  it.each(LOCALES)('%s: the registration form draws the same rows, without "Remove" or "Add another owner"', (locale) => {
    const html = env.render(
      'agency-portal/register.njk',
      context(locale, '/agency/register', {
        v: valuesOf({ 'owner-1-name': 'Ligaya Ramos' }),
        err: { 'owner-1-share': 'Bad share' },
        errorList: [{ text: 'Bad share', href: '#owner-1-share' }],
        tooMany: null,
        officerRows: [0, 1, 2],
        languages: [],
      }),
    );
    expect(html).not.toMatch(UNTRANSLATED);
    expect(html).toMatch(/id="owner-1-name" name="owner-1-name" type="text" value="Ligaya Ramos"/);
    expect(html).toContain('id="owner-2-share"');
    expect(html).toContain('id="owner-1-share-error"');
    expect(html).not.toContain('ownerRows');
    expect(html).not.toContain('addOwner');
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
