import type { ApiSchemas } from '@app/api-client';
import { EMPTY_AMENDMENT, amendmentApiErrors, amendmentFieldOrder, amendmentRows, ownerRowsShown, readAmendment } from './agency-amendments-view';

const CURRENT = {
  legalName: 'Kalayaan Overseas Manpower Services Inc.',
  registrationNumber: 'CS201912345',
  capitalMinor: '500000000',
  owners: [
    { name: 'Rogelio Panganiban', nationality: 'PH', sharePercent: 60 },
    { name: 'Ligaya Ramos', nationality: 'PH', sharePercent: 40 },
  ],
};
/** The form as first shown: the current owners' rows and one empty row, then `over`. */
const form = (over: Record<string, string> = {}) => ({
  ownerRows: '3',
  'owner-0-name': 'Rogelio Panganiban',
  'owner-0-nationality': 'PH',
  'owner-0-share': '60',
  'owner-1-name': 'Ligaya Ramos',
  'owner-1-nationality': 'PH',
  'owner-1-share': '40',
  'owner-2-name': '',
  'owner-2-nationality': '',
  'owner-2-share': '',
  reason: 'New shareholder',
  ...over,
});

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

describe('the owners in the amendment form', () => {
  it('shows the current owners with an empty row, then the rows as typed', () => {
    expect(ownerRowsShown(EMPTY_AMENDMENT, CURRENT.owners)).toEqual([
      { name: 'Rogelio Panganiban', nationality: 'PH', share: '60' },
      { name: 'Ligaya Ramos', nationality: 'PH', share: '40' },
      { name: '', nationality: '', share: '' },
    ]);
    expect(ownerRowsShown({ ...EMPTY_AMENDMENT, owners: [] }, CURRENT.owners)).toEqual([{ name: '', nationality: '', share: '' }]);
    expect(amendmentFieldOrder(1)).toEqual(['legalName', 'registrationNumber', 'owner-0-name', 'owner-0-nationality', 'owner-0-share', 'capital', 'reason']);
  });

  it('sends no owners when the rows are the current owners, in any order', () => {
    const same = readAmendment(form({ legalName: 'Kalayaan Global Manpower Inc.' }), 'en', CURRENT);
    expect(same.body).toEqual({ legalName: 'Kalayaan Global Manpower Inc.', reason: 'New shareholder' });
    const reordered = form({ 'owner-0-name': 'Ligaya Ramos', 'owner-0-share': '40', 'owner-1-name': 'Rogelio Panganiban', 'owner-1-share': '60' });
    expect(readAmendment(reordered, 'en', CURRENT).errors).toEqual({ legalName: 'agencyPortal.amendments.errors.nothing' });
    // A form without the rows at all leaves the owners alone too.
    expect(readAmendment({ capital: '6,000,000', reason: 'More capital' }, 'en', CURRENT).body).toEqual({
      capital: { amountMinor: '600000000', currency: 'PHP' },
      reason: 'More capital',
    });
  });

  it('sends the whole new list when a row is added, changed or removed', () => {
    const added = readAmendment(
      form({ 'owner-0-share': '50', 'owner-2-name': 'Andres  Villanueva ', 'owner-2-nationality': 'jp', 'owner-2-share': '10,5', 'owner-1-share': '39.5' }),
      'en',
      CURRENT,
    );
    expect(added.errors).toEqual({});
    expect(added.body?.owners).toEqual([
      { name: 'Rogelio Panganiban', nationality: 'PH', sharePercent: 50 },
      { name: 'Ligaya Ramos', nationality: 'PH', sharePercent: 39.5 },
      { name: 'Andres Villanueva', nationality: 'JP', sharePercent: 10.5 },
    ]);
    // "Remove" ticked on the second row: it is left out, the rows after it move up.
    const removed = readAmendment(form({ 'owner-1-remove': 'yes', 'owner-0-share': '100' }), 'en', CURRENT);
    expect(removed.body?.owners).toEqual([{ name: 'Rogelio Panganiban', nationality: 'PH', sharePercent: 100 }]);
    expect(removed.values.owners).toEqual([
      { name: 'Rogelio Panganiban', nationality: 'PH', share: '100' },
      { name: '', nationality: '', share: '' },
    ]);
  });

  it('"Add another owner" checks nothing and gives one more row, keeping what was typed and leaving out the rows removed', () => {
    const read = readAmendment(form({ action: 'addOwner', 'owner-0-remove': 'yes', 'owner-2-name': 'Andres Villanueva', legalName: 'K' }), 'en', CURRENT);
    expect(read.addOwner).toBe(true);
    expect(read.body).toBeNull();
    expect(read.errors).toEqual({});
    expect(read.values.legalName).toBe('K');
    expect(read.values.owners).toEqual([
      { name: 'Ligaya Ramos', nationality: 'PH', share: '40' },
      { name: 'Andres Villanueva', nationality: '', share: '' },
      { name: '', nationality: '', share: '' },
    ]);
  });

  it('names the row of each bad owner field, and the shares that do not add up on the first row', () => {
    expect(readAmendment(form({ 'owner-2-name': 'Andres Villanueva', 'owner-2-nationality': 'Filipino' }), 'en', CURRENT).errors).toEqual({
      'owner-2-nationality': 'agencyPortal.register.errors.nationality',
      'owner-2-share': 'agencyPortal.register.errors.share',
    });
    expect(readAmendment(form({ 'owner-1-share': '30' }), 'en', CURRENT).errors).toEqual({ 'owner-0-share': 'agencyPortal.register.errors.sharesSum' });
    // Every owner removed: at least one is needed, on the first row.
    const none = readAmendment(form({ 'owner-0-remove': 'yes', 'owner-1-remove': 'yes' }), 'en', CURRENT);
    expect(none.errors).toEqual({ 'owner-0-name': 'agencyPortal.register.errors.ownerMissing' });
    // An agency with no owners on record that leaves the rows empty changes nothing.
    expect(readAmendment(form({ 'owner-0-remove': 'yes', 'owner-1-remove': 'yes' }), 'en', { ...CURRENT, owners: [] }).errors).toEqual({
      legalName: 'agencyPortal.amendments.errors.nothing',
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
  it("puts an owner's refusal next to the page row it came from (empty rows are not sent)", () => {
    const rows = [0, 2];
    expect(
      amendmentApiErrors(
        400,
        {
          code: 'validation-failed',
          errors: [
            { field: 'owners[1].sharePercent', rule: 'max' },
            { field: 'owners[0].name', rule: 'isSingleLineName' },
          ],
        },
        rows,
      ),
    ).toEqual({ 'owner-2-share': 'agencyPortal.register.errors.invalid', 'owner-0-name': 'agencyPortal.register.errors.invalid' });
    expect(amendmentApiErrors(400, { code: 'validation-failed', errors: [{ field: 'owners', rule: 'sharesSumTo100' }] }, rows)).toEqual({
      'owner-0-share': 'agencyPortal.register.errors.sharesSum',
    });
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
