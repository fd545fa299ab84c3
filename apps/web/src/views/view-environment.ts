/**
 * The Nunjucks environment: our templates first, then GOV.UK Frontend's and MOJ Frontend's
 * (`{% from "govuk/components/button/macro.njk" import govukButton %}`,
 * `{% from "moj/components/badge/macro.njk" import mojBadge %}`). Autoescape is on: every
 * `{{ value }}` is HTML-escaped unless a template says `| safe`, which ours never do with
 * anything a person typed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
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
  throw new Error(
    `the web app's templates and assets were not found above ${from}: run \`npm run build\` (it writes dist/apps/web/views and dist/apps/web/public)`,
  );
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
/** Where a compiled template keeps what it exports (a property of its own: a WeakMap lookup cost more). */
const EXPORTED = Symbol('exported');
type WithExports = { [EXPORTED]?: unknown };
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
  proto.getExported = function (this: WithExports, ctx?: unknown, parentFrame?: unknown, cb?: (err: Error | null, exported?: unknown) => void) {
    if (typeof ctx !== 'function' || parentFrame !== undefined || cb !== undefined) return original.call(this, ctx, parentFrame, cb);
    const done = ctx as (err: Error | null, exported?: unknown) => void;
    if (EXPORTED in this) return done(null, this[EXPORTED]);
    return original.call(this, (err: Error | null, exported?: unknown) => {
      if (!err) this[EXPORTED] = exported;
      done(err, exported);
    });
  };
}

interface FrameLike {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite?: boolean): FrameLike | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}
type ResolveName = (this: unknown, from: string, to: string) => string;
type Escape = (value: string) => string;
let nunjucksSpedUp = false;
/** Bounds on the memos below: template paths and variable names are a few hundred. */
const MAX_MEMO = 10_000;

/**
 * Work Nunjucks repeats on every render for answers that never change, each measured on the
 * agency page (together about a fifth of its rendering time):
 *
 *   - a relative include or import (GOV.UK Frontend's `{% include "./template.njk" %}` in every
 *     component, `"../../macros/attributes.njk"` in its templates) is resolved with
 *     path.resolve, once per loader, on every call: the answer for an absolute parent path is kept;
 *   - every variable a template sets (`{% set %}`, a macro's arguments, a loop's seven `loop.*`)
 *     splits its name on dots: the split is kept per name;
 *   - escaping a value runs a replace with a callback even when there is nothing to escape:
 *     tested first.
 *
 * What each does is unchanged (the originals run on anything unusual).
 */
export function speedUpNunjucks(): void {
  if (nunjucksSpedUp) return;
  nunjucksSpedUp = true;

  const loaderProto = (nunjucks.Loader as unknown as { prototype: { resolve: ResolveName } }).prototype;
  const resolveName = loaderProto.resolve;
  // By parent, then by name: both are the compiled templates' constant strings, quick to look up.
  const resolved = new Map<string, Map<string, string>>();
  loaderProto.resolve = function (this: unknown, from: string, to: string): string {
    let byName = resolved.get(from);
    let path = byName?.get(to);
    if (path === undefined) {
      path = resolveName.call(this, from, to);
      if (isAbsolute(from) && resolved.size < MAX_MEMO) {
        if (!byName) resolved.set(from, (byName = new Map()));
        if (byName.size < MAX_MEMO) byName.set(to, path);
      }
    }
    return path;
  };

  const frameProto = (nunjucks.runtime as unknown as { Frame: { prototype: FrameLike } }).Frame.prototype;
  const nameParts = new Map<string, string[]>();
  frameProto.set = function (this: FrameLike, name: string, value: unknown, resolveUp?: boolean): void {
    let parts = nameParts.get(name);
    if (!parts) {
      parts = name.split('.');
      if (nameParts.size < MAX_MEMO) nameParts.set(name, parts);
    }
    // Nunjucks' Frame.set, with the split kept.
    if (resolveUp) {
      const frame = this.resolve(parts[0], true);
      if (frame) return frame.set(name, value);
    }
    let scope = this.variables;
    for (let i = 0; i < parts.length - 1; i++) {
      if (!scope[parts[i]]) scope[parts[i]] = {};
      scope = scope[parts[i]] as Record<string, unknown>;
    }
    scope[parts[parts.length - 1]] = value;
  };

  const lib = nunjucks.lib as unknown as { escape: Escape };
  const escape = lib.escape;
  const ESCAPED = /[&"'<>\\]/;
  lib.escape = (value: string): string => (ESCAPED.test(value) ? escape(value) : value);
}

/**
 * Nunjucks' `trim` filter is a regular expression (`/^\s*|\s*$/g`) that walks every run of
 * whitespace in the string, and GOV.UK Frontend trims whole blocks of HTML with it; the string's
 * own trim() removes the same characters (`\s` is exactly what trim() removes) in a fraction of
 * the time.
 */
const copySafeness = (nunjucks.runtime as unknown as { copySafeness: (from: unknown, to: string) => unknown }).copySafeness;
const trimFilter = (value: string): unknown => copySafeness(value, value.trim());

export function createViewEnvironment(options: ViewEnvironmentOptions): nunjucks.Environment {
  memoizeContextFreeImports();
  speedUpNunjucks();
  const loader = new nunjucks.FileSystemLoader([options.viewsDir, govukFrontendDir(), mojFrontendDir()], { noCache: options.noCache ?? false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  env.addFilter('trim', trimFilter);
  const manifest = options.manifest;
  env.addGlobal('asset', (name: string): string => {
    if (!manifest) return ASSETS_PREFIX + name;
    const file = manifest[name];
    if (!file) throw new Error(`no built asset "${name}" (have: ${Object.keys(manifest).join(', ')})`);
    return ASSETS_PREFIX + file;
  });
  return env;
}
