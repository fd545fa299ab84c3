import { pathInLanguage, pathWithoutLang } from './page-context';

describe('language links', () => {
  it('keep the page and its query, replacing only lang', () => {
    expect(pathInLanguage('/agencies?q=bayanihan&lang=en', 'ne')).toBe('/agencies?q=bayanihan&lang=ne');
    expect(pathInLanguage('/', 'fil')).toBe('/?lang=fil');
  });

  it('the current path drops lang', () => {
    expect(pathWithoutLang('/agencies?lang=ne&q=x')).toBe('/agencies?q=x');
    expect(pathWithoutLang('/?lang=ne')).toBe('/');
  });
});
