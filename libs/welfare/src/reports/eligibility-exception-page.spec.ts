import { ValidationFailedException, encodeCursor } from '@app/common';
import { exceptionCursor, readExceptionCursor } from './eligibility-exception-page';

describe('the eligibility-exceptions report’s cursor', () => {
  it('names a row by its approval time as Postgres writes it (microseconds kept) and its reference, and reads back the same key', () => {
    const key = { decidedAt: '2026-03-20 03:00:00.123456+00', reference: 'WC-2026-00123-2' };
    expect(readExceptionCursor(exceptionCursor(key))).toEqual(key);
  });

  it('refuses anything else as 400 naming `cursor`: another list’s cursor, an edited key, garbage', () => {
    const at = '2026-03-20 03:00:00+00';
    for (const bad of [
      '',
      'not a cursor',
      encodeCursor([at, '0b9f3c8e-3a5d-4f64-9d7e-2f1c8a6b4e21']), // the welfare claims list's
      encodeCursor([300, 6667, 2, '0b9f3c8e-3a5d-4f64-9d7e-2f1c8a6b4e21']), // the per-agency ranking's
      encodeCursor([302, at, 'WC-2026-00123-2']),
      encodeCursor([301, 'yesterday', 'WC-2026-00123-2']),
      encodeCursor([301, at, "WC'; --"]),
      encodeCursor([301, at, 'x'.repeat(41)]),
      encodeCursor([301, at]),
    ]) {
      let error: unknown;
      try {
        readExceptionCursor(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationFailedException);
      expect((error as ValidationFailedException).errors.map((e) => e.field)).toEqual(['cursor']);
    }
  });
});
