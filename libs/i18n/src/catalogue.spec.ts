import { LOCALES, catalogueProblems, formatNumber, hasMessage, messageKeys, translate, translator } from '.';

describe('message catalogues', () => {
  it('every language has exactly the keys of en.json, with the same placeholders, none empty', () => {
    expect(catalogueProblems()).toEqual([]);
  });

  it('has the texts every page layout needs', () => {
    for (const key of ['service.name', 'layout.skipLink', 'layout.pageTitle', 'errors.notFound.title']) expect(hasMessage(key)).toBe(true);
    expect(messageKeys().length).toBeGreaterThan(20);
  });

  it("fills placeholders, and writes numbers in the reader's digits", () => {
    expect(translate('en', 'layout.pageTitle', { title: 'Home', service: 'X' })).toBe('Home – X');
    expect(translate('ne', 'layout.pageTitle', { title: 12345, service: 'X' })).toBe('१२,३४५ – X');
  });

  it('answers the key itself for a key the catalogue lacks, and leaves an unknown placeholder visible', () => {
    expect(translate('fil', 'no.such.key')).toBe('no.such.key');
    expect(translate('en', 'layout.pageTitle', { title: 'Home' })).toBe('Home – {service}');
  });

  it('writes Nepali in Devanagari', () => {
    const t = translator('ne');
    expect(t('home.heading')).toMatch(/^[\u0900-\u097F\s]+$/u);
  });

  it('differs between languages for the texts a person reads first', () => {
    const headings = LOCALES.map((l) => translate(l, 'home.heading'));
    expect(new Set(headings).size).toBe(LOCALES.length);
  });

  it('fills every message of every language as the regular expression it replaced did', () => {
    const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;
    let filled = 0;
    for (const locale of LOCALES) {
      for (const key of messageKeys()) {
        const raw = translate(locale, key);
        const names = [...raw.matchAll(PLACEHOLDER)].map((m) => m[1]);
        // Placeholders given a number, a string or null, or left out; never `count`, which would
        // choose another plural form than `raw`'s.
        const vars = Object.fromEntries(
          names.map((name, i) => [name, name === 'count' ? undefined : i % 4 === 0 ? 1234 : i % 4 === 1 ? `<${name}>` : i % 4 === 2 ? null : undefined]),
        );
        const expected = raw.replace(PLACEHOLDER, (whole, name: string) => {
          const value = vars[name];
          if (value === undefined || value === null) return whole;
          return typeof value === 'number' ? formatNumber(value, locale) : value;
        });
        if (names.length) filled++;
        expect(`${locale} ${key}: ${translate(locale, key, vars)}`).toBe(`${locale} ${key}: ${expected}`);
      }
    }
    expect(filled).toBeGreaterThan(50);
    expect(translate('en', 'layout.pageTitle', { title: '{service}', service: 'X' })).toBe('{service} – X');
  });
});
