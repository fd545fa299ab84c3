/**
 * The web process holds no database connection and no domain rule: it reaches data only through
 * the API. This walks every import reachable from main.ts (our files and the libs they pull in)
 * and fails on a domain lib, the database lib, or a database or queue driver.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
// secrets: pure functions, no imports (the production check of WEB_SESSION_SECRET).
const ALLOWED_LIBS = new Set(['i18n', 'api-client', 'secrets']);
const FORBIDDEN_PACKAGES = new Set(['typeorm', 'pg', '@nestjs/typeorm', 'bullmq', '@nestjs/bullmq', 'argon2', 'nodemailer']);

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveFile(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.d.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  }
  return existsSync(`${base}`) && base.endsWith('.json') ? base : null;
}

function walk(entry: string) {
  const seen = new Set<string>();
  const libs = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || file.endsWith('.json')) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const target = resolveFile(resolve(dirname(file), spec));
        if (target) stack.push(target);
      } else if (spec.startsWith('@app/')) {
        const [, lib, ...rest] = spec.split('/');
        libs.add(lib);
        const target = resolveFile(join(ROOT, 'libs', lib, 'src', ...rest));
        if (target) stack.push(target);
      } else if (!spec.startsWith('node:')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
  }
  return { files: [...seen].map((f) => relative(ROOT, f)), libs: [...libs], packages: [...packages] };
}

describe('apps/web boundaries', () => {
  const graph = walk(join(__dirname, 'main.ts'));

  it('reaches the whole app from main.ts', () => {
    expect(graph.files).toEqual(expect.arrayContaining(['apps/web/src/bootstrap.ts', 'apps/web/src/session/api-sessions.ts', 'libs/i18n/src/catalogue.ts', 'libs/api-client/src/index.ts']));
  });

  it('imports no lib but @app/i18n, @app/api-client and @app/secrets', () => {
    expect(graph.libs.filter((l) => !ALLOWED_LIBS.has(l))).toEqual([]);
  });

  it('uses no database or queue driver', () => {
    expect(graph.packages.filter((p) => FORBIDDEN_PACKAGES.has(p))).toEqual([]);
  });

  it('would notice a forbidden import (the walker follows @app/ paths)', () => {
    const api = walk(join(ROOT, 'apps', 'api', 'src', 'main.ts'));
    expect(api.libs).toContain('common');
    expect(api.packages).toEqual(expect.arrayContaining(['typeorm']));
  });
});
