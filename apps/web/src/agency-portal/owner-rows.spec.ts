import { MAX_OWNER_ROWS, ownerFieldId, ownerRowsFrom, ownerRowsOf, readOwnerRows, sameOwners } from './owner-rows';

describe("the owners' rows", () => {
  it('reads as many rows as the page had (at most 100), leaving out those ticked "Remove"; a fixed count ignores the boxes', () => {
    const body = { ownerRows: '3', 'owner-0-name': 'A', 'owner-1-name': 'B', 'owner-1-remove': 'yes', 'owner-2-name': 'C', 'owner-2-nationality': ' ph ' };
    expect(ownerRowsFrom(body).map((r) => r.name)).toEqual(['A', 'C']);
    expect(ownerRowsFrom(body)[1].nationality).toBe('PH');
    expect(ownerRowsFrom(body, 3).map((r) => r.name)).toEqual(['A', 'B', 'C']);
    expect(ownerRowsFrom({ ownerRows: '100000' })).toHaveLength(MAX_OWNER_ROWS);
    expect(ownerRowsFrom({ ownerRows: 'lots' })).toEqual([]);
  });

  it('shows owners as rows, with spare empty rows and never none', () => {
    expect(ownerRowsOf([{ name: 'A', nationality: 'PH', sharePercent: 33.33 }], 1)).toEqual([
      { name: 'A', nationality: 'PH', share: '33.33' },
      { name: '', nationality: '', share: '' },
    ]);
    expect(ownerRowsOf([])).toHaveLength(1);
  });

  it('maps the i-th owner sent back to its page row', () => {
    const read = readOwnerRows(
      [
        { name: '', nationality: '', share: '' },
        { name: 'A', nationality: 'PH', share: '50' },
        { name: 'B', nationality: 'JP', share: '50,00' },
      ],
      true,
    );
    expect(read).toEqual({
      owners: [
        { name: 'A', nationality: 'PH', sharePercent: 50 },
        { name: 'B', nationality: 'JP', sharePercent: 50 },
      ],
      rows: [1, 2],
      errors: {},
    });
    expect(ownerFieldId('owners[1].sharePercent', read.rows)).toBe('owner-2-share');
    expect(ownerFieldId('owners[0].nationality', read.rows)).toBe('owner-1-nationality');
    expect(ownerFieldId('owners', read.rows)).toBe('owner-1-share');
    expect(ownerFieldId('officers[0].name', read.rows)).toBeUndefined();
  });

  it('compares owners regardless of their order', () => {
    const a = { name: 'A', nationality: 'PH', sharePercent: 60 };
    const b = { name: 'B', nationality: 'PH', sharePercent: 40 };
    expect(sameOwners([a, b], [b, a])).toBe(true);
    expect(sameOwners([a, b], [a, { ...b, sharePercent: 40.001 }])).toBe(true);
    expect(sameOwners([a, b], [a, { ...b, nationality: 'JP' }])).toBe(false);
    expect(sameOwners([a], [a, b])).toBe(false);
  });
});
