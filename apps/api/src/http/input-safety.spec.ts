import { MAX_JSON_DEPTH, tooDeepPath, unstorableText, unstorableTextErrors } from './input-safety';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('input safety', () => {
  it('finds NUL characters and lone surrogates, and lets surrogate pairs and ordinary text through', () => {
    expect(unstorableText('a\u0000b')?.rule).toBe('noNulCharacter');
    expect(unstorableText('\ud800')?.rule).toBe('wellFormedUnicode');
    expect(unstorableText('x\udfff')?.rule).toBe('wellFormedUnicode');
    expect(unstorableText('\udc00\ud800')?.rule).toBe('wellFormedUnicode');
    expect(unstorableText('Kalayaan 😀 नेपाल')).toBeNull();
    expect(unstorableText('')).toBeNull();
  });

  it('names every unstorable string by its path, member names included, in document order', () => {
    const errors = unstorableTextErrors({ a: 'ok', b: ['x', 'y\u0000'], c: { d: '\ud800' }, 'e\u0000': 'hidden' });
    expect(errors.map((e) => `${e.field}:${e.rule}`)).toEqual(['b[1]:noNulCharacter', 'c.d:wellFormedUnicode', '"e\\u0000":noNulCharacter']);
    expect(unstorableTextErrors({ q: '\u0000' }, '')).toHaveLength(1);
    expect(unstorableTextErrors(undefined)).toEqual([]);
  });

  it('stops listing after 20 errors', () => {
    expect(unstorableTextErrors(Array.from({ length: 500 }, () => '\u0000'))).toHaveLength(20);
  });

  it('measures depth without recursion, whatever the depth', () => {
    expect(tooDeepPath(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(tooDeepPath(nested(MAX_JSON_DEPTH + 1))).toBe(`${'[0]'.repeat(MAX_JSON_DEPTH)}`);
    // The top level is 1, `a` 2, `b` 3, `b[1]` 4, `c` 5.
    expect(tooDeepPath({ a: { b: [1, { c: {} }] } }, 5)).toBeNull();
    expect(tooDeepPath({ a: { b: [1, { c: {} }] } }, 4)).toBe('a.b[1].c');
    expect(tooDeepPath(nested(500_000))).not.toBeNull();
    expect(tooDeepPath('text')).toBeNull();
  });
});
