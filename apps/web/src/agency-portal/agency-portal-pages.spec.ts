import type { ApiSchemas } from '@app/api-client';
import { LOCALES, Locale } from '@app/i18n';
import { testPageContext, testViewEnvironment } from '../views/template-test-context';
import { amendmentRows } from './agency-amendments-view';
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
          v: { legalName: '', registrationNumber: '', capital: 'x', reason: '' },
          err: { capital: 'Bad capital' },
          errorList: [{ text: 'Bad capital', href: '#capital' }],
        },
      ],
      [
        'agency-portal/amendments.njk',
        '/agency/amendments',
        { filed: 'Sent', current: { legalName: 'K', registrationNumber: 'CS1' }, amendments: [], pending: true, admin: true, v: {}, err: {}, errorList: [] },
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
