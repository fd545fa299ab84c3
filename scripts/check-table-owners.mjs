#!/usr/bin/env node
/**
 * `npm run lint:tables` (a step of `npm test`): no raw SQL in one lib names another lib's table.
 *
 * Each lib owns the tables of its own `@Entity` classes. The import boundaries
 * (.dependency-cruiser.cjs) keep a lib from importing what lies above it, but SQL text passes
 * every import check: a JOIN on another lib's table ties the two schemas as much as an import
 * would, and a column renamed in the owner breaks a query no compiler sees. So a lib reads another
 * lib's table only through what the owner publishes: a service method, or, where one indexed query
 * must join both (the case queue, the reports), a SQL fragment built by the owner (e.g.
 * libs/deadlines' published fragments), whose table and column names then live in the owner alone.
 *
 * What counts: a table name after FROM, JOIN, UPDATE, INTO or DELETE FROM in a lib's source
 * (specs left out: a test may read any table to check what was written). Uppercase keywords only,
 * as the house writes SQL, so prose ("read from placement") is not mistaken for a query.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const sources = (lib) => walk(join(root, 'libs', lib, 'src')).filter((f) => f.endsWith('.ts'));
const libs = readdirSync(join(root, 'libs')).filter((d) => statSync(join(root, 'libs', d)).isDirectory());

const owner = new Map();
for (const lib of libs)
  for (const file of sources(lib))
    for (const m of readFileSync(file, 'utf8').matchAll(/@Entity\(\s*(?:\{\s*name:\s*)?['"]([a-z_][a-z0-9_]*)['"]/g)) owner.set(m[1], lib);

const violations = [];
for (const lib of libs)
  for (const file of sources(lib).filter((f) => !f.endsWith('.spec.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+(?:ONLY\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/g)) {
      const table = m[1];
      const owning = owner.get(table);
      if (!owning || owning === lib) continue;
      const line = text.slice(0, m.index).split('\n').length;
      violations.push(`${relative(root, file)}:${line}  libs/${lib} reads libs/${owning}'s table "${table}"`);
    }
  }

if (violations.length) {
  console.error(`${violations.length} raw SQL read(s) of another lib's table (scripts/check-table-owners.mjs):\n${violations.map((v) => `  ${v}`).join('\n')}`);
  console.error('Read it through what the owning lib publishes: a service method, or a SQL fragment the owner builds.');
  process.exit(1);
}
console.log(`✔ no lib's SQL names another lib's table (${owner.size} tables, ${libs.length} libs)`);
