import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { AssetServer } from './asset-server';

describe('AssetServer', () => {
  let server: Server;
  let base: string;
  const css = Buffer.from('body{color:red}'.repeat(100));

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lcs-assets-'));
    writeFileSync(join(dir, 'app.abc.css'), css);
    writeFileSync(join(dir, 'app.abc.css.br'), brotliCompressSync(css));
    writeFileSync(join(dir, 'app.abc.css.gz'), gzipSync(css));
    writeFileSync(join(dir, 'init.def.js'), 'export {}');
    const assets = AssetServer.load(dir, { 'app.css': 'app.abc.css', 'init.js': 'init.def.js' });
    server = createServer((req, res) => {
      if (!assets.handle(req, res)) res.writeHead(404, { 'x-fell-through': '1' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  // fetch() would decode the body; ask with a raw header and look at what was sent.
  const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

  it('answers brotli when accepted, else gzip, else the file itself, cached for a year', async () => {
    const br = await get('/assets/app.abc.css', { 'accept-encoding': 'gzip, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('set-cookie')).toBeNull();
    expect(Buffer.from(await br.arrayBuffer())).toEqual(css); // decoded by fetch
    expect((await get('/assets/app.abc.css', { 'accept-encoding': 'gzip' })).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/assets/app.abc.css', { 'accept-encoding': 'br;q=0, gzip' })).headers.get('content-encoding')).toBe('gzip');
    const plain = await get('/assets/app.abc.css', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(css.length);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/assets/init.def.js');
    const again = await get('/assets/init.def.js', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('lets anything else through to the application', async () => {
    for (const path of ['/assets/app.css', '/assets/other.css', '/', '/assets/../package.json']) {
      const res = await get(path);
      expect(res.headers.get('x-fell-through')).toBe('1');
    }
    const post = await fetch(`${base}/assets/app.abc.css`, { method: 'POST' });
    expect(post.headers.get('x-fell-through')).toBe('1');
  });
});
