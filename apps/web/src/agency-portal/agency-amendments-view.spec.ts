import type { ApiSchemas } from '@app/api-client';
import { amendmentApiErrors, amendmentRows, readAmendment } from './agency-amendments-view';

const CURRENT = { legalName: 'Kalayaan Overseas Manpower Services Inc.', registrationNumber: 'CS201912345', capitalMinor: '500000000' };

describe('readAmendment', () => {
  it('sends only what changes, with the reason; the capital read in the reader way, in minor units', () => {
    const read = readAmendment(
      { legalName: '  Kalayaan Global   Manpower Inc. ', registrationNumber: CURRENT.registrationNumber, capital: '7,500,000', reason: 'New shareholder' },
      'en',
      CURRENT,
    );
    expect(read.errors).toEqual({});
    expect(read.body).toEqual({
      legalName: 'Kalayaan Global Manpower Inc.',
      capital: { amountMinor: '750000000', currency: 'PHP' },
      reason: 'New shareholder',
    });
    expect(readAmendment({ capital: '7.500.000', reason: 'Capital increase' }, 'id', CURRENT).body).toEqual({
      capital: { amountMinor: '750000000', currency: 'PHP' },
      reason: 'Capital increase',
    });
  });
  it('refuses a form that changes nothing, naming the first field', () => {
    const read = readAmendment({ legalName: CURRENT.legalName, capital: '5,000,000', reason: 'Nothing really' }, 'en', CURRENT);
    expect(read.body).toBeNull();
    expect(read.errors).toEqual({ legalName: 'agencyPortal.amendments.errors.nothing' });
  });
  it('names each bad field as the API would', () => {
    const read = readAmendment({ legalName: 'K', registrationNumber: 'x'.repeat(61), capital: 'lots', reason: 'no' }, 'en', CURRENT);
    expect(read.errors).toEqual({
      legalName: 'agencyPortal.amendments.errors.legalNameLength',
      registrationNumber: 'agencyPortal.amendments.errors.registrationNumberLength',
      capital: 'agencyPortal.amendments.errors.capital',
      reason: 'agencyPortal.amendments.errors.reason',
    });
  });
});

describe('amendmentApiErrors', () => {
  it('puts a pending amendment and field refusals next to the fields', () => {
    expect(amendmentApiErrors(409, { code: 'amendment-pending' })).toEqual({ legalName: 'agencyPortal.amendments.errors.pending' });
    expect(amendmentApiErrors(400, { code: 'validation-failed', errors: [{ field: 'capital.amountMinor' }, { field: 'legalName' }] })).toEqual({
      capital: 'agencyPortal.amendments.errors.capital',
      legalName: 'agencyPortal.amendments.errors.legalNameLength',
    });
    expect(amendmentApiErrors(500, null)).toEqual({});
  });
});

describe('amendmentRows', () => {
  const amendment = (over: Partial<ApiSchemas['AmendmentView']>): ApiSchemas['AmendmentView'] =>
    ({
      id: '00000000-0000-4000-8000-000000000001',
      agencyId: '00000000-0000-4000-8000-000000000002',
      agencyName: CURRENT.legalName,
      state: 'pending',
      changes: { legalName: 'Kalayaan Global Manpower Inc.' },
      current: {
        legalName: CURRENT.legalName,
        registrationNumber: CURRENT.registrationNumber,
        owners: [],
        capital: { amountMinor: '500000000', currency: 'PHP' },
      },
      reason: 'Rename',
      requestedBy: '00000000-0000-4000-8000-000000000003',
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      version: 1,
      createdAt: '2026-11-02T03:00:00.000Z',
      ...over,
    }) as ApiSchemas['AmendmentView'];
  it('shows what each asked to change, its state and the decision with the note', () => {
    const [pending, refused] = amendmentRows(
      [
        amendment({}),
        amendment({
          state: 'rejected',
          changes: { owners: [{ name: 'Rogelio Panganiban', nationality: 'PH', sharePercent: 100 }], capital: { amountMinor: '750000000', currency: 'PHP' } },
          decidedAt: '2026-11-05T03:00:00.000Z',
          decisionNote: 'The SEC filing is missing',
        }),
      ],
      'en',
    );
    expect(pending).toMatchObject({
      state: 'Waiting for the ministry',
      decision: null,
      changes: [{ label: 'Legal name', value: 'Kalayaan Global Manpower Inc.' }],
    });
    expect(refused.state).toBe('Refused');
    expect(refused.decision).toMatch(/^Refused on .*: The SEC filing is missing$/);
    expect(refused.changes.map((c) => c.label)).toEqual(['Owners', 'Paid-up capital']);
    expect(refused.changes[0].value).toBe('Rogelio Panganiban (PH, 100%)');
  });
  it('is written in Nepali for a Nepali reader', () => {
    expect(amendmentRows([amendment({})], 'ne')[0].state).toMatch(/[\u0900-\u097F]/);
  });
});
