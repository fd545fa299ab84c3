import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createViewEnvironment } from './view-environment';

describe('imports without context', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lcs-views-'));
  // A macro file whose top level counts its own runs; a page importing it twice per render.
  writeFileSync(join(dir, 'macros.njk'), '{% set runs = count() %}{% macro hello(name) %}Hello {{ name }}{% endmacro %}');
  writeFileSync(join(dir, 'page.njk'), '{% from "macros.njk" import hello %}{{ hello(who) }}|{% from "macros.njk" import hello as again %}{{ again("twice") }}|{{ greeting }}');
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

  it('leave imports with context alone: they see each page\'s variables', () => {
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
