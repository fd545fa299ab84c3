#!/usr/bin/env node
/**
 * Builds the web app as production runs it: `nest build web` (dist/apps/web), then its assets
 * (scripts/build-web-assets.mjs: GOV.UK and MOJ Frontend's CSS, fonts and scripts). Used by
 * `npm test` (beside the other checks, so the browser tests' set-up need not) and by the browser
 * tests' set-up when run alone.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
  ['nest build web', [path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'web']],
  ['web assets', [path.join(ROOT, 'scripts', 'build-web-assets.mjs')]],
];
for (const [label, args] of steps) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}
