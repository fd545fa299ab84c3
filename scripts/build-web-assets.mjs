#!/usr/bin/env node
/**
 * Builds what the web process serves besides its compiled code (run by `npm run build:web`, after
 * `nest build web`, which empties dist/apps/web first):
 *
 *   dist/apps/web/views/      the Nunjucks templates (apps/web/views)
 *   dist/apps/web/public/     static assets under hashed names, each with .br and .gz beside it:
 *     application.<hash>.css    GOV.UK Frontend's Sass with the ministry's branding, compiled
 *     staff.<hash>.css          application.css followed by MOJ Frontend's caseworker components
 *                               (assets/scss/staff.scss): the staff pages' only stylesheet
 *     govuk-frontend.<hash>.js  GOV.UK Frontend's ES module
 *     init.<hash>.js            our module that initialises it (imports the hashed name above)
 *     agency-search.<hash>.js   names as you type on the agency search (apps/web/assets/js)
 *     favicon.<hash>.svg
 *     manifest.json             logical name → hashed name (templates call asset('application.css'))
 *
 * A file's name changes whenever its content does, so assets are served with a year's immutable
 * cache. Prints each asset's size, raw and compressed.
 *
 *   node scripts/build-web-assets.mjs [--out dist/apps/web]
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import * as sass from 'sass';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const WEB = path.join(ROOT, 'apps', 'web');

const { values } = parseArgs({ options: { out: { type: 'string', default: path.join('dist', 'apps', 'web') } } });
const OUT = path.resolve(ROOT, values.out);
const PUBLIC = path.join(OUT, 'public');

const hash = (content) => createHash('sha256').update(content).digest('hex').slice(0, 10);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Writes `content` as <base>.<hash><ext> (+ .br, .gz); returns the hashed file name. */
function emit(logical, content) {
  const ext = path.extname(logical);
  const name = `${path.basename(logical, ext)}.${hash(content)}${ext}`;
  const file = path.join(PUBLIC, name);
  writeFileSync(file, content);
  const br = brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } });
  const gz = gzipSync(content, { level: 9 });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gz);
  console.log(`  ${name.padEnd(40)} ${kb(content.length).padStart(9)}  br ${kb(br.length).padStart(8)}  gzip ${kb(gz.length).padStart(8)}`);
  return name;
}

function main() {
  const started = Date.now();
  rmSync(path.join(OUT, 'views'), { recursive: true, force: true });
  rmSync(PUBLIC, { recursive: true, force: true });
  mkdirSync(PUBLIC, { recursive: true });
  cpSync(path.join(WEB, 'views'), path.join(OUT, 'views'), { recursive: true });

  console.log(`web assets → ${path.relative(ROOT, PUBLIC)}`);
  const manifest = {};

  const css = sass.compile(path.join(WEB, 'assets', 'scss', 'application.scss'), {
    style: 'compressed',
    importers: [new sass.NodePackageImporter(ROOT)],
    quietDeps: true,
    sourceMap: false,
  }).css;
  if (/GDS Transport/.test(css)) throw new Error('the compiled CSS still names GDS Transport: check $govuk-font-family');
  manifest['application.css'] = emit('application.css', Buffer.from(css));

  // The staff pages' stylesheet: the public one plus MOJ Frontend (which loads GOV.UK Frontend's
  // base through the `node_modules/...` load path, hence ROOT): one file for the staff pages,
  // nothing added to the public pages.
  const staffCss = sass.compile(path.join(WEB, 'assets', 'scss', 'staff.scss'), {
    style: 'compressed',
    loadPaths: [ROOT],
    importers: [new sass.NodePackageImporter(ROOT)],
    quietDeps: true,
    logger: sass.Logger.silent,
    sourceMap: false,
  }).css;
  if (/GDS Transport/.test(staffCss)) throw new Error('the staff CSS still names GDS Transport: check $moj-font-family in staff.scss');
  manifest['staff.css'] = emit('staff.css', Buffer.from(`${css}\n${staffCss}`));

  const govukJs = readFileSync(
    path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk', 'govuk-frontend.min.js'),
    'utf8',
  ).replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
  manifest['govuk-frontend.js'] = emit('govuk-frontend.js', Buffer.from(govukJs));

  const init = readFileSync(path.join(WEB, 'assets', 'js', 'init.mjs'), 'utf8');
  if (!init.includes("'./govuk-frontend.min.js'")) throw new Error("apps/web/assets/js/init.mjs must import './govuk-frontend.min.js'");
  manifest['init.js'] = emit('init.js', Buffer.from(init.replace("'./govuk-frontend.min.js'", `'./${manifest['govuk-frontend.js']}'`)));

  // Page scripts that enhance one page each (loaded by that page's template only).
  manifest['agency-search.js'] = emit('agency-search.js', readFileSync(path.join(WEB, 'assets', 'js', 'agency-search.mjs')));

  manifest['favicon.svg'] = emit('favicon.svg', readFileSync(path.join(WEB, 'assets', 'images', 'favicon.svg')));

  writeFileSync(path.join(PUBLIC, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`web assets built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (e) {
  console.error(`build-web-assets: ${e?.message ?? e}`);
  process.exit(1);
}
