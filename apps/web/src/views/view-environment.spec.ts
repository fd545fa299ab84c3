import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { createViewEnvironment } from './view-environment';

describe('imports without context', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lcs-views-'));
  // A macro file whose top level counts its own runs; a page importing it twice per render.
  writeFileSync(join(dir, 'macros.njk'), '{% set runs = count() %}{% macro hello(name) %}Hello {{ name }}{% endmacro %}');
  writeFileSync(
    join(dir, 'page.njk'),
    '{% from "macros.njk" import hello %}{{ hello(who) }}|{% from "macros.njk" import hello as again %}{{ again("twice") }}|{{ greeting }}',
  );
  writeFileSync(join(dir, 'with-context.njk'), '{% from "shout.njk" import shout with context %}{{ shout() }}');
  writeFileSync(join(dir, 'shout.njk'), '{% macro shout() %}{{ greeting | upper }}{% endmacro %}');

  it('run the imported template once and give the same macros to every render', () => {
    const env = createViewEnvironment({ viewsDir: dir });
    let runs = 0;
    env.addGlobal('count', () => ++runs);
    expect(env.render('page.njk', { who: '<Ana>', greeting: 'hi' })).toBe('Hello &lt;Ana&gt;|Hello twice|hi');
    expect(env.render('page.njk', { who: 'Ben', greeting: 'hey' })).toBe('Hello Ben|Hello twice|hey');
    expect(runs).toBe(1);
  });

  it("leave imports with context alone: they see each page's variables", () => {
    const env = createViewEnvironment({ viewsDir: dir });
    expect(env.render('with-context.njk', { greeting: 'hi' })).toBe('HI');
    expect(env.render('with-context.njk', { greeting: 'hey' })).toBe('HEY');
  });

  it('re-run them when templates are re-read on every render (WEB_RELOAD_TEMPLATES)', () => {
    const env = createViewEnvironment({ viewsDir: dir, noCache: true });
    let runs = 0;
    env.addGlobal('count', () => ++runs);
    env.render('page.njk', { who: 'A', greeting: '' });
    env.render('page.njk', { who: 'B', greeting: '' });
    expect(runs).toBeGreaterThanOrEqual(2);
  });
});

describe('Nunjucks with its repeated work kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lcs-views-'));
  mkdirSync(join(dir, 'one'));
  mkdirSync(join(dir, 'two'));
  // The same relative name from two parents: two different templates.
  writeFileSync(join(dir, 'one', 'macro.njk'), '{% macro m() %}{% include "./part.njk" %}{% endmacro %}');
  writeFileSync(join(dir, 'one', 'part.njk'), 'one');
  writeFileSync(join(dir, 'two', 'macro.njk'), '{% macro m() %}{% include "./part.njk" %}{% endmacro %}');
  writeFileSync(join(dir, 'two', 'part.njk'), 'two');
  writeFileSync(join(dir, 'relative.njk'), '{% from "one/macro.njk" import m as a %}{% from "two/macro.njk" import m as b %}{{ a() }}|{{ b() }}|{{ a() }}');
  writeFileSync(
    join(dir, 'loop.njk'),
    '{% set total = 0 %}{% for x in xs %}{{ loop.index }}/{{ loop.length }}{{ "," if not loop.last }}{% set total = total + x %}{% endfor %} = {{ total }}',
  );
  writeFileSync(join(dir, 'macro-scope.njk'), '{% macro m() %}{% set total = 5 %}{{ total }}{% endmacro %}{% set total = 1 %}{{ m() }}{{ total }}');
  writeFileSync(join(dir, 'escape.njk'), '{{ plain }}|{{ html }}|{{ html | safe }}');
  writeFileSync(join(dir, 'trim.njk'), '[{{ value | trim }}]');

  const env = createViewEnvironment({ viewsDir: dir });

  it('resolves a relative include against its own parent, every time', () => {
    expect(env.render('relative.njk')).toBe('one|two|one');
    expect(env.render('relative.njk')).toBe('one|two|one');
  });

  it('sets loop variables, and variables in their scope, as Nunjucks does', () => {
    // (Nunjucks, unlike Jinja, lets a loop's `set` change the variable outside it; a macro's stays in it.)
    expect(env.render('loop.njk', { xs: [1, 2, 3] })).toBe('1/3,2/3,3/3 = 6');
    expect(env.render('macro-scope.njk')).toBe('51');
  });

  it('escapes what needs escaping, and only that', () => {
    expect(env.render('escape.njk', { plain: 'Bayanihan Manpower', html: `<a href="x">'&'\\</a>` })).toBe(
      `Bayanihan Manpower|&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&#92;&lt;/a&gt;|<a href="x">'&'\\</a>`,
    );
  });

  it('trims the characters the regular expression did, keeping markup marked safe', () => {
    for (const value of ['  a b  ', '\n\t a\u00a0\u2028', '\ufeff\u3000x\u202f', '', '   ', 'none']) {
      expect(env.render('trim.njk', { value })).toBe(`[${value.replace(/^\s*|\s*$/g, '')}]`);
    }
    const safe = new nunjucks.runtime.SafeString('  <b>x</b>  ');
    expect(env.renderString('{{ v | trim }}', { v: safe })).toBe('<b>x</b>');
  });
});
