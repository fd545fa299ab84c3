import { isLocale, negotiateLocale } from './locales';

describe('negotiateLocale (Accept-Language)', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ne-NP,ne;q=0.9,en;q=0.8', 'ne'],
    ['fr-FR, fr;q=0.9, id;q=0.5', 'id'],
    ['en;q=0.4, fil;q=0.8', 'fil'],
    ['tl-PH', 'fil'],
    ['in', 'id'],
    ['de, fr', 'en'],
    ['ne;q=0, en', 'en'],
    ['*', 'en'],
    ['en-US,en;q=0.9', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('keeps the header order when q-values tie', () => {
    expect(negotiateLocale('id, ne')).toBe('id');
  });

  it('knows exactly its four languages', () => {
    expect(['en', 'fil', 'id', 'ne'].every(isLocale)).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale('__proto__')).toBe(false);
  });
});
