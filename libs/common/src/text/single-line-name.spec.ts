import { validateSync } from 'class-validator';
import { IsSingleLineName, isSingleLineName } from './single-line-name';

class Named {
  @IsSingleLineName()
  name: unknown;
}

const errorsFor = (name: unknown) => {
  const o = new Named();
  o.name = name;
  return validateSync(o).map((e) => [e.property, Object.keys(e.constraints ?? {})]);
};

describe('IsSingleLineName', () => {
  it('accepts names in any script, with punctuation and inner spaces', () => {
    for (const name of ['Maria Santos', 'Santos, "Golden" Manpower Inc.', 'सीता गुरुङ', '陳大文', "O'Brien-Dela Cruz", 'A\u00a0B', 'Émile Zoë']) {
      expect(isSingleLineName(name)).toBe(true);
    }
  });

  it('refuses every C0 control, DEL, every C1 control, and the Unicode line and paragraph separators', () => {
    const forbidden = [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i), 0x2028, 0x2029];
    for (const code of forbidden) expect([code, isSingleLineName(`Acme${String.fromCharCode(code)}Dear worker`)]).toEqual([code, false]);
    expect(isSingleLineName('Acme Inc.\r\nSubject: refund approved')).toBe(false);
  });

  it('refuses the bidirectional embedding, override and isolate controls; keeps the left-to-right and right-to-left marks', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])
      expect([code, isSingleLineName(`Acme${String.fromCharCode(code)}cnI`)]).toEqual([code, false]);
    expect(isSingleLineName('\u05de\u05e8\u05d9\u05dd\u200f Co.')).toBe(true);
    expect(isSingleLineName('Acme\u200e Inc.')).toBe(true);
  });

  it('names the field with the rule singleLineName; leaves non-strings to the type rules', () => {
    expect(errorsFor('Acme\nInc.')).toEqual([['name', ['singleLineName']]]);
    expect(errorsFor('Acme Inc.')).toEqual([]);
    expect(errorsFor(42)).toEqual([]);
  });
});
