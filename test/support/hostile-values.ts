import fc from 'fast-check';

/**
 * Values no honest client sends, for the generative test (test/platform/generative.e2e-spec.ts):
 * wrong types, numbers at and past every integer width, text Postgres or the validators may not
 * take (NUL, lone surrogates, very long text, four-byte characters), dates that are not dates,
 * injection-looking text and shapes (deep nesting, huge arrays, prototype-named members).
 */

const deepArray = (depth: number): unknown => {
  let v: unknown = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
};
const deepObject = (depth: number): unknown => {
  let v: unknown = {};
  for (let i = 1; i < depth; i++) v = { a: v };
  return v;
};

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '1e-400',
  '-1',
  '0',
  '1.5',
  '0x1F',
  '1_000',
  ' 12 ',
  '9'.repeat(40),
  '-9223372036854775809',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '\u0661\u0662\u0663',
  '\uff11\uff12\uff13',
  '0000-00-00',
  '2026-02-30',
  '2026-13-01',
  '2026-02-29',
  '0001-01-01',
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '2026-01-01T25:61:00Z',
  '1970-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-06-01T00:00:00+14:00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '\u202e\u2066abc',
  '\ufeff',
  '\u2028\u2029',
  'e\u0301\u0301\u0301',
  '\ud835\udd18\ud835\udd2b\ud835\udd26',
  "' OR 1=1 --",
  '"; DROP TABLE app_user; --',
  '\\',
  '%00',
  '%',
  '%ZZ',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '=HYPERLINK("https://x.test")',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'Mars/Olympus_Mons',
  'Etc/GMT+99',
  'a@b',
  `${'a'.repeat(250)}@example.org`,
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000g',
  '{00000000-0000-4000-8000-000000000000}',
  'x'.repeat(10_001),
  '\ud83d\ude00'.repeat(3_000),
  '\u00e9'.repeat(70_000),
  'x'.repeat(300_000),
];

export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  -1.5,
  0.1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 63,
  -(2 ** 63),
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];

const protoMember = (): unknown => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');

export const HOSTILE_SHAPES: readonly unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [null],
  [''],
  { '': '' },
  { a: null },
  protoMember(),
  deepArray(33),
  deepArray(40),
  deepObject(33),
  Array.from({ length: 10_000 }, () => 0),
  Array.from({ length: 2_000 }, (_, i) => `item-${i}`),
];

/** Any hostile value: a listed one, or generated text (lone surrogates included), numbers, JSON. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SHAPES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.bigInt().map(String)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

/**
 * Hostile text for places that only carry text (query and path parameters, headers, multipart
 * fields). In a URL, at most `maxLength` characters: a request line past Node's header limit
 * (16 KiB) is refused by the HTTP server before the application sees it.
 */
export const hostileText = (maxLength = Infinity): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length <= maxLength)) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS).map(String) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );

/** Already percent-encoded pieces of a URL that decode to nothing sensible (invalid UTF-8, encoded slashes, dots). */
export const RAW_URL_PIECES: readonly string[] = [
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  '%FF%FE',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '%00',
  '%20',
  '+',
  ';x=1',
  '%3F%23',
  'a'.repeat(5_000),
];

/** Text as a client puts it into a URL: percent-encoded UTF-8, and a lone surrogate as its (invalid) WTF-8 bytes. */
export function percentEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** Node refuses header values outside tab, printable ASCII and Latin-1: keep the rest as `?`. */
export const headerSafe = (text: string): string => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
