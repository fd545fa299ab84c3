import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { WebConfig } from '../config/web-config';
import { ApiClientFactory, ApiUnavailableError } from './api-client.factory';
import { ApiRequest, ApiResponse, ApiTransport } from './api-transport';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in API on a free port: `answer` decides each reply; every request is recorded. */
async function fakeApi(answer: (req: Seen, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

const page = { id: 'req-42', ip: '203.0.113.9', locale: 'ne' } as unknown as FastifyRequest;
const factoryFor = (url: string, timeoutMs = 2_000) => new ApiClientFactory({ API_URL: url, API_TIMEOUT_MS: timeoutMs } as WebConfig);

describe('the API transport (undici, through the typed client)', () => {
  const servers: Server[] = [];
  const factories: ApiClientFactory[] = [];
  const start = async (answer: (req: Seen, res: ServerResponse) => void) => {
    const api = await fakeApi(answer);
    servers.push(api.server);
    return api;
  };
  const factory = (url: string, timeoutMs?: number) => {
    const f = factoryFor(url, timeoutMs);
    factories.push(f);
    return f;
  };
  afterEach(async () => {
    await Promise.all(factories.splice(0).map((f) => f.onApplicationShutdown()));
    await Promise.all(servers.splice(0).map(close));
  });

  it("sends the page's correlation id, address and language, and reads the JSON answer", async () => {
    const api = await start((_req, res) => json(res, 200, { legalName: 'Bayanihan Manpower', license: null }, { 'x-request-id': 'req-42' }));
    const { data, response } = await factory(api.url)
      .forRequest(page)
      .GET('/public/licenses/{number}', { params: { path: { number: 'PH-LRA-2026-00042-7' } } });
    expect(data).toMatchObject({ legalName: 'Bayanihan Manpower' });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]).toMatchObject({ method: 'GET', url: '/public/licenses/PH-LRA-2026-00042-7', body: '' });
    expect(api.seen[0].headers).toMatchObject({ 'x-request-id': 'req-42', 'x-forwarded-for': '203.0.113.9', 'accept-language': 'ne' });
    expect(api.seen[0].headers.authorization).toBeUndefined();
  });

  it("sends a signed-in person's access token, and a JSON body with its type", async () => {
    const api = await start((_req, res) => json(res, 200, { ok: true }));
    const client = factory(api.url).forRequest(page, { accessToken: async () => 'token-1' });
    await client.POST('/public/fees/calculator/check', { body: { answer: 42 } as never });
    expect(api.seen[0]).toMatchObject({ method: 'POST', url: '/public/fees/calculator/check', body: '{"answer":42}' });
    expect(api.seen[0].headers).toMatchObject({ authorization: 'Bearer token-1', 'content-type': 'application/json', 'x-request-id': 'req-42' });
  });

  it("gives middleware a Response it may hand back (ApiSession's check of a refused token)", async () => {
    const api = await start((_req, res) => json(res, 401, { code: 'unauthorized', status: 401 }));
    const client = factory(api.url).forRequest(page, { accessToken: async () => 'token-1' });
    const statuses: number[] = [];
    client.use({ onResponse: ({ response }) => (statuses.push(response.status), response) });
    const { response } = await client.GET('/me');
    expect(statuses).toEqual([401]);
    expect(response.status).toBe(401);
  });

  it('keeps the query string and a path under the base URL', async () => {
    const api = await start((_req, res) => json(res, 200, { items: [], total: 0, page: 1, pageSize: 25 }));
    await factory(`${api.url}/v1`)
      .forRequest(page)
      .GET('/public/licenses', { params: { query: { state: 'suspended', page: 2, pageSize: 25 } } });
    expect(api.seen[0].url).toBe('/v1/public/licenses?state=suspended&page=2&pageSize=25');
  });

  it("sends through the pool whatever way the base URL writes the API's address", async () => {
    const api = await start((_req, res) => json(res, 200, {}));
    const port = new URL(api.url).port;
    const globalFetch = jest.spyOn(globalThis, 'fetch');
    try {
      for (const base of [`http://localhost:${port}`, `HTTP://LOCALHOST:${port}/`, `http://127.0.0.1:${port}/v1/`]) {
        await factory(base)
          .forRequest(page)
          .GET('/public/licenses/{number}', { params: { path: { number: 'X' } } });
      }
      expect(globalFetch).not.toHaveBeenCalled();
    } finally {
      globalFetch.mockRestore();
    }
    expect(api.seen.map((s) => s.url)).toEqual(['/public/licenses/X', '/public/licenses/X', '/v1/public/licenses/X']);
  });

  it('gives an error answer to the caller, headers and problem included', async () => {
    const api = await start((_req, res) => json(res, 429, { code: 'rate-limited', status: 429 }, { 'retry-after': '30' }));
    const { data, error, response } = await factory(api.url)
      .forRequest(page)
      .GET('/public/licenses/{number}', { params: { path: { number: 'X' } } });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'rate-limited' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
  });

  it('answers a 204 with no body', async () => {
    const api = await start((_req, res) => res.writeHead(204).end());
    const { response } = await factory(api.url).forRequest(page).POST('/auth/logout');
    expect(response.status).toBe(204);
  });

  it.each([502, 503, 504])('takes a %i for an API that cannot serve: ApiUnavailableError', async (status) => {
    const api = await start((_req, res) => json(res, status, { code: 'unavailable', status }));
    await expect(
      factory(api.url)
        .forRequest(page)
        .GET('/public/licenses/{number}', { params: { path: { number: 'X' } } }),
    ).rejects.toThrow(new ApiUnavailableError(`it answered ${status}`));
  });

  it('takes a refused connection for an API that cannot be reached: ApiUnavailableError (ECONNREFUSED)', async () => {
    const api = await start(() => undefined);
    await close(api.server);
    const call = factory(api.url)
      .forRequest(page)
      .GET('/public/licenses/{number}', { params: { path: { number: 'X' } } });
    await expect(call).rejects.toBeInstanceOf(ApiUnavailableError);
    await expect(call).rejects.toThrow('the API is unavailable: ECONNREFUSED');
  });

  it('gives up after API_TIMEOUT_MS waiting for the answer: ApiUnavailableError (TimeoutError)', async () => {
    const api = await start(() => undefined); // never answers
    const started = Date.now();
    const call = factory(api.url, 150)
      .forRequest(page)
      .GET('/public/licenses/{number}', { params: { path: { number: 'X' } } });
    await expect(call).rejects.toBeInstanceOf(ApiUnavailableError);
    await expect(call).rejects.toThrow('the API is unavailable: TimeoutError: The operation was aborted due to timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts the time limit to the last byte of the answer, not only to its headers', async () => {
    const api = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"legalName":'); // and nothing more
    });
    await expect(
      factory(api.url, 150)
        .forRequest(page)
        .GET('/public/licenses/{number}', { params: { path: { number: 'X' } } }),
    ).rejects.toBeInstanceOf(ApiUnavailableError);
  });

  it('keeps the connection for the next call', async () => {
    const api = await start((_req, res) => json(res, 200, {}));
    const apis = factory(api.url);
    for (let i = 0; i < 3; i++) await apis.forRequest(page).GET('/public/licenses/{number}', { params: { path: { number: 'X' } } });
    const ports = new Set<number>();
    api.server.on('connection', (s) => ports.add(s.remotePort ?? 0));
    await apis.forRequest(page).GET('/public/licenses/{number}', { params: { path: { number: 'X' } } });
    expect(ports.size).toBe(0); // no new connection was opened
    expect(api.seen.every((s) => s.headers.connection === 'keep-alive')).toBe(true);
  });

  it('sends a FormData upload through the global fetch, as multipart', async () => {
    const api = await start((_req, res) => json(res, 201, { id: 'e1' }));
    const form = new FormData();
    form.append('kind', 'receipt');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'receipt-1.png');
    const { response } = await factory(api.url)
      .forRequest(page)
      .POST('/public/complaints/{reference}/evidence', { params: { path: { reference: 'C-1' }, header: { 'X-Tracking-Secret': 's' } }, body: form as never });
    expect(response.status).toBe(201);
    expect(api.seen[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(api.seen[0].headers).toMatchObject({ 'x-tracking-secret': 's', 'x-request-id': 'req-42' });
    expect(api.seen[0].body).toContain('name="kind"');
  });
});

describe('ApiRequest', () => {
  it('records what openapi-fetch builds: URL, method in capitals, headers, body', () => {
    const headers = new Headers({ 'x-a': '1' });
    const r = new ApiRequest('http://api/x?y=1', { method: 'post', headers, body: '{}' });
    expect(r).toMatchObject({ url: 'http://api/x?y=1', method: 'POST', body: '{}' });
    expect(r.headers).toBe(headers);
    expect(new ApiRequest('http://api/x')).toMatchObject({ method: 'GET', body: null });
  });

  it('sends a call for another origin through the global fetch', async () => {
    const api = await fakeApi((_req, res) => json(res, 200, { elsewhere: true }));
    const transport = new ApiTransport({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    try {
      const response = await transport.fetch(new ApiRequest(`${api.url}/other`, { method: 'GET', headers: new Headers() }));
      expect(await response.json()).toEqual({ elsewhere: true });
    } finally {
      await transport.close();
      await close(api.server);
    }
  });
});

describe('ApiResponse', () => {
  const bytes = new TextEncoder().encode('\ufeff{"name":"Bayanihan","n":1}');
  const answer = () =>
    new ApiResponse(200, 'OK', { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'retry-after': '30' }, bytes, 'http://api/x');

  it('is a Response with the status, headers and URL of the answer', () => {
    const r = answer();
    expect(r).toBeInstanceOf(Response);
    expect(r).toMatchObject({ status: 200, ok: true, statusText: 'OK', url: 'http://api/x', bodyUsed: false });
    expect(r.headers).toBeInstanceOf(Headers);
    expect(r.headers.get('retry-after')).toBe('30');
    expect(r.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(r.headers).toBe(r.headers);
  });

  it('reads its body once, as text or JSON, as a Response does (a leading BOM dropped)', async () => {
    const r = answer();
    await expect(r.json()).resolves.toEqual({ name: 'Bayanihan', n: 1 });
    expect(r.bodyUsed).toBe(true);
    // (TypeErrors of Node's own fetch come from outside Jest's realm: compared by name.)
    await expect(r.text()).rejects.toMatchObject({ name: 'TypeError' });
    expect(() => r.clone()).toThrow(TypeError);
    expect(r.body).not.toBeNull();
    await expect(r.arrayBuffer()).rejects.toMatchObject({ name: 'TypeError' });
    await expect(answer().text()).resolves.toBe('{"name":"Bayanihan","n":1}');
    await expect(new ApiResponse(200, 'OK', {}, new TextEncoder().encode('nope'), '').json()).rejects.toMatchObject({ name: 'SyntaxError' });
  });

  it('does everything else a Response does with the same bytes', async () => {
    const r = answer();
    const copy = r.clone();
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(bytes);
    expect(r.bodyUsed).toBe(true);
    await expect(copy.text()).resolves.toBe('{"name":"Bayanihan","n":1}');
    const streamed = answer();
    const reader = streamed.body!.getReader();
    expect((await reader.read()).value).toEqual(bytes);
    expect(streamed.bodyUsed).toBe(true);
    await expect(answer().blob()).resolves.toMatchObject({ size: bytes.length });
  });

  it('has no body for a status that carries none', async () => {
    const r = new ApiResponse(204, 'No Content', {}, new Uint8Array(), '');
    await expect(r.text()).resolves.toBe('');
    expect(r.body).toBeNull();
  });
});

describe('the kept public answers (WEB_PUBLIC_CACHE_SECONDS)', () => {
  const get = (transport: ApiTransport, base: string, path: string, headers: Record<string, string> = {}) =>
    transport.fetch(new ApiRequest(`${base}${path}`, { method: 'GET', headers: new Headers(headers) }));

  /** A stand-in API whose answers to each path are counted: `answer(path)` gives status and Cache-Control. */
  async function withApi(
    answer: (path: string) => [number, string],
    test: (api: { url: string; seen: Seen[] }, transport: ApiTransport) => Promise<void>,
    cacheSeconds = 10,
  ) {
    let n = 0;
    const api = await fakeApi((req, res) => {
      const [status, cacheControl] = answer(req.url);
      json(res, status, { n: ++n }, { 'cache-control': cacheControl });
    });
    const transport = new ApiTransport({ baseUrl: api.url, timeoutMs: 2_000, cacheSeconds });
    try {
      await test(api, transport);
    } finally {
      await transport.close();
      await close(api.server);
    }
  }

  it('shows an answer the API marks public again without asking, for the same path only', async () => {
    await withApi(
      () => [200, 'public, max-age=60'],
      async (api, transport) => {
        expect(await (await get(transport, api.url, '/public/licenses/A')).json()).toEqual({ n: 1 });
        // A person's own headers (address, correlation id, token) do not make it another answer.
        expect(
          await (
            await get(transport, api.url, '/public/licenses/A', { 'x-forwarded-for': '198.51.100.7', 'x-request-id': 'other', authorization: 'Bearer t' })
          ).json(),
        ).toEqual({ n: 1 });
        expect(await (await get(transport, api.url, '/public/licenses/B')).json()).toEqual({ n: 2 });
        expect(api.seen.map((s) => s.url)).toEqual(['/public/licenses/A', '/public/licenses/B']);
      },
    );
  });

  it('keeps it no longer than WEB_PUBLIC_CACHE_SECONDS, even when the API allows longer', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'] });
    try {
      await withApi(
        () => [200, 'public, max-age=60'],
        async (api, transport) => {
          await get(transport, api.url, '/public/licenses/A');
          jest.setSystemTime(Date.now() + 9_000);
          expect(await (await get(transport, api.url, '/public/licenses/A')).json()).toEqual({ n: 1 });
          jest.setSystemTime(Date.now() + 2_000);
          expect(await (await get(transport, api.url, '/public/licenses/A')).json()).toEqual({ n: 2 });
          expect(api.seen).toHaveLength(2);
        },
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it('never keeps what the API marks no-store (personal, secret, errors), an error marked public, or a POST', async () => {
    await withApi(
      (path) => (path.startsWith('/me') ? [200, 'no-store'] : path.startsWith('/gone') ? [404, 'public, max-age=60'] : [429, 'no-store']),
      async (api, transport) => {
        for (let i = 0; i < 2; i++) {
          await get(transport, api.url, '/me', { authorization: 'Bearer t' });
          await get(transport, api.url, '/gone');
          await get(transport, api.url, '/public/licenses/A');
          await transport.fetch(
            new ApiRequest(`${api.url}/public/complaints`, { method: 'POST', headers: new Headers({ 'content-type': 'application/json' }), body: '{}' }),
          );
        }
        expect(api.seen).toHaveLength(8);
      },
    );
  });

  it('keeps nothing when WEB_PUBLIC_CACHE_SECONDS is 0', async () => {
    await withApi(
      () => [200, 'public, max-age=60'],
      async (api, transport) => {
        await get(transport, api.url, '/public/licenses/A');
        await get(transport, api.url, '/public/licenses/A');
        expect(api.seen).toHaveLength(2);
      },
      0,
    );
  });
});
