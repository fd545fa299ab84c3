import { ValidationFailedException, encodeCursor } from '@app/common';
import { afterRank, rankCursor, readRankCursor } from './agency-ranking';

const ID = '0b9f3c8e-3a5d-4f64-9d7e-2f1c8a6b4e21';

describe('the per-agency ranking’s cursor', () => {
  it('names a row by its rate in hundredths (none: -100), its complaints and its agency, and reads back the same key', () => {
    expect(readRankCursor(rankCursor({ rate: '66.67', complaints: 2, agency_id: ID }))).toEqual({ rate: 6667, complaints: 2, agencyId: ID });
    expect(readRankCursor(rankCursor({ rate: '0.00', complaints: 0, agency_id: ID }))).toEqual({ rate: 0, complaints: 0, agencyId: ID });
    expect(readRankCursor(rankCursor({ rate: null, complaints: 3, agency_id: ID }))).toEqual({ rate: -100, complaints: 3, agencyId: ID });
    expect(readRankCursor(rankCursor({ rate: '123456.78', complaints: 1234567, agency_id: ID })).rate).toBe(12345678);
  });

  it('refuses anything else as 400 naming `cursor`', () => {
    for (const bad of [
      '',
      'not a cursor',
      encodeCursor([300, 1, 2]),
      encodeCursor([1, 1, 2, ID]),
      encodeCursor([300, -5, 2, ID]),
      encodeCursor([300, 1, -1, ID]),
    ]) {
      let error: unknown;
      try {
        readRankCursor(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationFailedException);
      expect((error as ValidationFailedException).errors.map((e) => e.field)).toEqual(['cursor']);
    }
  });

  it('continues after the key in the ranking’s order (rate down, complaints down, name up, id up)', () => {
    expect(afterRank({ rate: '$5', complaints: '$6', name: '$7', id: '$8' })).toBe(
      '(coalesce(r.rate, -1) < ($5::numeric / 100) OR (coalesce(r.rate, -1) = ($5::numeric / 100) AND (r.complaints < $6::int' +
        ' OR (r.complaints = $6::int AND (r.legal_name, r.agency_id) > ($7::text, $8::uuid)))))',
    );
  });
});
