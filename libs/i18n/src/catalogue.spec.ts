import { LOCALES, catalogueProblems, hasMessage, messageKeys, translate, translator } from '.';

describe('message catalogues', () => {
  it('every language has exactly the keys of en.json, with the same placeholders, none empty', () => {
    expect(catalogueProblems()).toEqual([]);
  });

  it('has the texts every page layout needs', () => {
    for (const key of ['service.name', 'layout.skipLink', 'layout.pageTitle', 'errors.notFound.title']) expect(hasMessage(key)).toBe(true);
    expect(messageKeys().length).toBeGreaterThan(20);
  });

  it('fills placeholders, and writes numbers in the reader\'s digits', () => {
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
});
