/**
 * The Nunjucks environment: our templates first, then GOV.UK Frontend's and MOJ Frontend's
 * (`{% from "govuk/components/button/macro.njk" import govukButton %}`,
 * `{% from "moj/components/badge/macro.njk" import mojBadge %}`). Autoescape is on: every
 * `{{ value }}` is HTML-escaped unless a template says `| safe`, which ours never do with
 * anything a person typed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import nunjucks from 'nunjucks';

/** GOV.UK Frontend's `dist` folder (holds `govuk/...`). */
export const govukFrontendDir = (): string => join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** MOJ Frontend's package folder (holds `moj/...`), for the caseworker pages. */
export const mojFrontendDir = (): string => dirname(require.resolve('@ministryofjustice/frontend/package.json'));

export interface WebPaths {
  /** Our templates. */
  views: string;
  /** Built static assets (hashed file names) and their manifest.json. */
  public: string;
}

/**
 * Where the built web app keeps its templates and assets: `npm run build` puts them beside the
 * compiled code, in dist/apps/web/{views,public} (main.js is dist/apps/web/apps/web/src/main.js).
 */
export function findWebPaths(from: string = __dirname): WebPaths {
  let dir = resolve(from);
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'public', 'manifest.json')) && existsSync(join(dir, 'views'))) return { views: join(dir, 'views'), public: join(dir, 'public') };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`the web app's templates and assets were not found above ${from}: run \`npm run build\` (it writes dist/apps/web/views and dist/apps/web/public)`);
}

/** Logical asset name → hashed file name (`application.css` → `application.3f9a1c0b2e.css`). */
export type AssetManifest = Readonly<Record<string, string>>;

export function readManifest(publicDir: string): AssetManifest {
  return JSON.parse(readFileSync(join(publicDir, 'manifest.json'), 'utf8')) as AssetManifest;
}

export const ASSETS_PREFIX = '/assets/';

export interface ViewEnvironmentOptions {
  viewsDir: string;
  /** Hashed names of the built assets; without one (template tests) `asset()` answers the plain name. */
  manifest?: AssetManifest;
  /** Re-read templates on every render (development). */
  noCache?: boolean;
}

type GetExported = (ctx?: unknown, parentFrame?: unknown, cb?: (err: Error | null, exported?: unknown) => void) => void;
const exportedOf = new WeakMap<object, unknown>();
let importsMemoized = false;

/**
 * `{% from "x.njk" import m %}` (without context) runs x.njk's top level on every render to
 * collect its macros, and GOV.UK Frontend's component templates import their helper macros on
 * every call of a component: profiling the agency page under load showed a fifth of the web's CPU
 * there. Without context, what a template exports depends on nothing but the template (a fresh
 * context with no variables, a new frame), so the first answer is kept per compiled template and
 * given again. A template re-read from disk (WEB_RELOAD_TEMPLATES) is a new object: nothing stale.
 * Imports `with context` are not memoized (their exports may depend on the page's variables).
 */
export function memoizeContextFreeImports(): void {
  if (importsMemoized) return;
  importsMemoized = true;
  const proto = (nunjucks.Template as unknown as { prototype: { getExported: GetExported } }).prototype;
  const original = proto.getExported;
  proto.getExported = function (this: object, ctx?: unknown, parentFrame?: unknown, cb?: (err: Error | null, exported?: unknown) => void) {
    if (typeof ctx !== 'function' || parentFrame !== undefined || cb !== undefined) return original.call(this, ctx, parentFrame, cb);
    const done = ctx as (err: Error | null, exported?: unknown) => void;
    if (exportedOf.has(this)) return done(null, exportedOf.get(this));
    return original.call(this, (err: Error | null, exported?: unknown) => {
      if (!err) exportedOf.set(this, exported);
      done(err, exported);
    });
  };
}

export function createViewEnvironment(options: ViewEnvironmentOptions): nunjucks.Environment {
  memoizeContextFreeImports();
  const loader = new nunjucks.FileSystemLoader([options.viewsDir, govukFrontendDir(), mojFrontendDir()], { noCache: options.noCache ?? false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  const manifest = options.manifest;
  env.addGlobal('asset', (name: string): string => {
    if (!manifest) return ASSETS_PREFIX + name;
    const file = manifest[name];
    if (!file) throw new Error(`no built asset "${name}" (have: ${Object.keys(manifest).join(', ')})`);
    return ASSETS_PREFIX + file;
  });
  return env;
}
