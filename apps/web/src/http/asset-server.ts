/**
 * The static assets (a handful of small files with hashed names, see
 * scripts/build-web-assets.mjs), held in memory with their build-time brotli and gzip forms and
 * answered in front of Fastify (its serverFactory), so that no page machinery runs for them: no
 * session read from Redis, no cookie set, no CSP computed. Each is cached by browsers for a year
 * (`immutable`: a changed file has a new name).
 *
 * A path that is not one of them falls through to Fastify, whose localized 404 page answers it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { ASSETS_PREFIX, AssetManifest } from '../views/view-environment';

const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

interface Asset {
  type: string;
  etag: string;
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

export class AssetServer {
  private constructor(private readonly assets: ReadonlyMap<string, Asset>) {}

  /** Loads every file the manifest names (and its .br/.gz when built). */
  static load(publicDir: string, manifest: AssetManifest): AssetServer {
    const assets = new Map<string, Asset>();
    for (const file of Object.values(manifest)) {
      const path = join(publicDir, file);
      const identity = readFileSync(path);
      const optional = (p: string) => (existsSync(p) ? readFileSync(p) : undefined);
      assets.set(ASSETS_PREFIX + file, {
        type: TYPES[extname(file)] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
        identity,
        br: optional(`${path}.br`),
        gzip: optional(`${path}.gz`),
      });
    }
    return new AssetServer(assets);
  }

  get paths(): string[] {
    return [...this.assets.keys()];
  }

  /** Answers the request when it asks for one of the assets (GET/HEAD); false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '';
    if (!url.startsWith(ASSETS_PREFIX) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const asset = this.assets.get(url.split('?', 1)[0]);
    if (!asset) return false;

    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const [encoding, body] =
      asset.br && accepted.has('br') ? ['br', asset.br] : asset.gzip && accepted.has('gzip') ? ['gzip', asset.gzip] : [null, asset.identity];
    res.setHeader('content-type', asset.type);
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('etag', asset.etag);
    res.setHeader('vary', 'Accept-Encoding');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    if (req.headers['if-none-match'] === asset.etag) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    if (encoding) res.setHeader('content-encoding', encoding);
    res.setHeader('content-length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
}

/** The codings an Accept-Encoding header allows (q=0 excludes one). */
function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (q !== undefined && Number(q) === 0) continue;
    accepted.add(name.trim());
  }
  return accepted;
}
