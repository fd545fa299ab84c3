import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LOCALES, hasMessage } from '@app/i18n';
import { testPageContext } from './template-test-context';
import { createViewEnvironment } from './view-environment';

const VIEWS = join(__dirname, '..', '..', 'views');

function templates(dir = VIEWS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? templates(path) : name.endsWith('.njk') ? [path] : [];
  });
}

/** Every `t(` call of a template (outside `{# comments #}`): its first argument as written. */
function translationCalls(source: string): string[] {
  const code = source.replace(/\{#[\s\S]*?#\}/g, '');
  return [...code.matchAll(/(?<![\w.])t\(\s*([^,)]*)/g)].map((m) => m[1].trim());
}

describe('templates and the message catalogue', () => {
  const files = templates();

  it('finds the templates', () => {
    expect(files.map((f) => relative(VIEWS, f))).toEqual(expect.arrayContaining(['layout.njk', 'pages/home.njk', 'errors/not-found.njk']));
  });

  it('every t() call names its key as a literal string (so this test can check it)', () => {
    const dynamic = files.flatMap((f) =>
      translationCalls(readFileSync(f, 'utf8'))
        .filter((arg) => !/^(["'])[^"']+\1$/.test(arg))
        .map((arg) => `${relative(VIEWS, f)}: t(${arg}`),
    );
    expect(dynamic).toEqual([]);
  });

  it('every key a template uses is in the catalogue', () => {
    const missing = files.flatMap((f) =>
      translationCalls(readFileSync(f, 'utf8'))
        .map((arg) => arg.slice(1, -1))
        .filter((key) => !hasMessage(key))
        .map((key) => `${relative(VIEWS, f)}: "${key}"`),
    );
    expect(missing).toEqual([]);
  });

  it('every notification banner names its title (GOV.UK Frontend would write "Success" or "Important" in English)', () => {
    const untitled = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/govukNotificationBanner\(\{([^}]*)/g)]
        .filter((m) => !/titleText|titleHtml/.test(m[1]))
        .map(() => relative(VIEWS, f)),
    );
    expect(untitled).toEqual([]);
  });

  it("every character count is the one in the reader's language (GOV.UK Frontend's own counts in English)", () => {
    const english = files
      .filter((f) => !f.endsWith(join('macros', 'character-count.njk')) && readFileSync(f, 'utf8').includes('govukCharacterCount('))
      .map((f) => relative(VIEWS, f));
    expect(english).toEqual([]);
  });

  it('the check itself catches a key the catalogue lacks', () => {
    expect(translationCalls('{{ t("home.nope") }} {{ t(\'home.heading\', { a: 1 }) }} {# t() in a comment #}')).toEqual(['"home.nope"', "'home.heading'"]);
    expect(hasMessage('home.nope')).toBe(false);
  });
});

describe('rendering', () => {
  const env = createViewEnvironment({ viewsDir: VIEWS });
  const context = (locale: (typeof LOCALES)[number], extra: Record<string, unknown> = {}) => testPageContext(locale, '/', extra);

  it.each(LOCALES)('renders every page and error page in %s, fully translated', (locale) => {
    for (const template of [
      'pages/home.njk',
      'pages/language.njk',
      'errors/not-found.njk',
      'errors/server.njk',
      'errors/unavailable.njk',
      'errors/csrf.njk',
      'errors/bad-request.njk',
    ]) {
      const html = env.render(template, context(locale, { options: [], returnTo: '/' }));
      expect(html).toContain(`<html lang="${locale}"`);
      expect(html).not.toMatch(/undefined|\[object Object\]/);
      // A key shown instead of its text means a missing message.
      expect(html).not.toMatch(/>\s*(home|layout|errors|language)\.[a-zA-Z.]+\s*</);
    }
  });

  it('puts the CSRF token in every form, and a sign-out form only for a signed-in person', () => {
    const language = env.render(
      'pages/language.njk',
      context('en', { options: [{ value: 'en', text: 'English', checked: true, lang: 'en' }], returnTo: '/x' }),
    );
    expect(language).toContain('<input type="hidden" name="_csrf" value="TOKEN-123">');
    expect(language).not.toContain('action="/sign-out"');
    const signedIn = env.render('pages/home.njk', context('en', { signedIn: true }));
    expect(signedIn).toMatch(/<form method="post" action="\/sign-out"[^>]*>\s*<input type="hidden" name="_csrf" value="TOKEN-123">/);
  });

  it('escapes what it shows (autoescape on)', () => {
    const html = env.renderString('{{ value }}', { value: '<script>alert(1)</script>' });
    expect(html).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('has no inline script and no inline style', () => {
    const html = env.render('pages/home.njk', context('en', { signedIn: true }));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});
