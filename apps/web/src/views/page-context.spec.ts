import { LOCALES, type Locale } from '@app/i18n';
import { isPlainPath, pathInLanguage, pathWithoutLang } from './page-context';

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

describe('language links of a plain path (no URL parsed)', () => {
  // What the links were before the shortcut: the URL parser's answer, for every address.
  const parsed = (url: string, locale?: Locale) => {
    const u = new URL(url, 'http://x');
    if (locale) u.searchParams.set('lang', locale);
    else u.searchParams.delete('lang');
    return u.pathname + u.search;
  };

  it('takes the shortcut only for a path the parser gives back as it is', () => {
    expect(isPlainPath('/agencies/licenses/PH-LRA-2026-00042-7')).toBe(true);
    expect(isPlainPath('/')).toBe(true);
    for (const url of [
      '/agencies?q=x',
      '//evil.example/x',
      '/a/./b',
      '/a/../b',
      '/a/%2E%2e/b',
      '/a b',
      '/a\\b',
      '/é',
      '/a#b',
      '/a"b',
      '/a<b>',
      '/a`b',
      '/a{b}',
      '/a|b',
      '/a^b',
      'a',
    ]) {
      expect(isPlainPath(url)).toBe(false);
    }
  });

  it('gives what the URL parser gives, for any address', () => {
    const alphabet = [
      'a',
      'Z',
      '0',
      '-',
      '.',
      '_',
      '~',
      '!',
      '$',
      '&',
      "'",
      '(',
      ')',
      '*',
      '+',
      ',',
      ';',
      '=',
      ':',
      '@',
      '%',
      '%2e',
      '%2F',
      '/',
      '//',
      '?',
      '#',
      ' ',
      '\\',
      'é',
      '"',
      '<',
      '|',
      '^',
      '`',
      '{',
      'lang=ne',
      '..',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const urls = ['/', '/agencies/licenses/PH-LRA-2026-00042-7', '/a//b', '/a/.hidden', '/a/b.', '/%zz', '/a;b=c'];
    for (let i = 0; i < 1500; i++)
      urls.push('/' + Array.from({ length: 1 + Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    expect(urls.filter(isPlainPath).length).toBeGreaterThan(300);
    const outcome = (f: () => string) => {
      try {
        return f();
      } catch (e) {
        return `throws ${String(e)}`;
      }
    };
    const differ: string[] = [];
    for (const url of urls) {
      if (outcome(() => pathWithoutLang(url)) !== outcome(() => parsed(url))) differ.push(url);
      for (const locale of LOCALES) if (outcome(() => pathInLanguage(url, locale)) !== outcome(() => parsed(url, locale))) differ.push(`${url} (${locale})`);
    }
    expect(differ).toEqual([]);
  });
});
