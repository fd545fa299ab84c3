/**
 * SIGTERM to a web process while keep-alive clients keep it busy (apps/web/src/main.ts,
 * libs/shutdown): the pages in flight finish with their own answer, every request after the signal
 * gets the 503 page in the reader's language with Retry-After and `Connection: close` (never a reset
 * connection), and the process exits 0 within SHUTDOWN_TIMEOUT_MS.
 *
 * A second web process from the stack's build, in front of a stand-in for the API that holds its
 * answer to a licence lookup until the test lets it go, so that pages are in flight when the signal lands. No browser is
 * needed to read statuses and headers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { Agent, IncomingHttpHeaders, ServerResponse, createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLicenseNumber } from '@app/agencies';
import { Proc, freePort, startProcess, stopProcess, waitForHttp } from './support/processes';
import { stack } from './support/stack';

const SHUTDOWN_TIMEOUT_MS = 8_000;

interface Answer {
  at: number;
  status?: number;
  headers?: IncomingHttpHeaders;
  body?: string;
  error?: string;
}

function get(agent: Agent, port: number, path: string, language = 'en'): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { 'accept-language': language } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ at: Date.now(), status: res.statusCode, headers: res.headers, body }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ at: Date.now(), error: e.code ?? e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ at: Date.now(), error: e.code ?? e.message }));
    req.end();
  });
}

/**
 * The API as the web sees it for these pages: live, and no licence by that number, answered only
 * when the test releases it. `lookupsReached` resolves once that many lookups are held, so the
 * signal lands while every page is really in flight, however loaded the machine.
 */
function slowApi() {
  const held: (() => void)[] = [];
  let waiting: { n: number; resolve: () => void }[] = [];
  let released = false;
  const notFound = (res: ServerResponse) => {
    res.writeHead(404, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'urn:lcs:problem:not-found', code: 'not-found', title: 'Not found', status: 404, detail: 'No license has this number.' }));
  };
  const server = createServer((req, res) => {
    if (req.url === '/health/live') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.url?.startsWith('/public/licenses/')) {
      if (released) return notFound(res);
      held.push(() => notFound(res));
      waiting = waiting.filter((w) => (w.n <= held.length ? (w.resolve(), false) : true));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
  });
  return Object.assign(server, {
    lookupsReached: (n: number) => (held.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n, resolve }))),
    release: () => {
      released = true;
      held.splice(0).forEach((answer) => answer());
    },
  });
}

describe('the web on SIGTERM under keep-alive load', () => {
  let api: ReturnType<typeof slowApi>;
  let web: Proc;
  let port: number;

  beforeAll(async () => {
    api = slowApi();
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    port = await freePort();
    const s = stack();
    web = startProcess(
      'web (to be stopped)',
      'dist/apps/web/apps/web/src/main.js',
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        WEB_HOST: '127.0.0.1',
        WEB_PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        API_URL: apiUrl,
        REDIS_URL: s.redisUrl,
        REDIS_PREFIX: `${s.redisPrefix}-shutdown`,
        WEB_SESSION_SECRET: randomBytes(32).toString('base64'),
        WEB_PUBLIC_CACHE_SECONDS: '0',
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      },
      { typescript: false, logFile: join(mkdtempSync(join(tmpdir(), 'lcs-web-shutdown-')), 'web.log') },
    );
    await waitForHttp(web, `http://127.0.0.1:${port}/health/ready`, 60_000);
  }, 120_000);

  afterAll(async () => {
    api?.release();
    if (web) await stopProcess(web, 1_000);
    await new Promise((r) => api?.close(r));
  });

  it('finishes the pages in flight, answers the rest with the 503 page and Connection: close, never resets a connection, exits 0 in time', async () => {
    const page = (i: number) => `/agencies/licenses/${formatLicenseNumber('PH-LRA', 2026, 80_000 + i)}`;
    // Keep-alive readers of the home page, looping until told to go.
    const fastAgent = new Agent({ keepAlive: true, maxSockets: 4 });
    const warm = await Promise.all(Array.from({ length: 8 }, () => get(fastAgent, port, '/')));
    expect(warm.map((a) => a.status)).toEqual(warm.map(() => 200));
    let stop = false;
    const fast: Answer[] = [];
    const loops = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const a = await get(fastAgent, port, '/');
        fast.push(a);
        if (a.status === 503 || a.error) return;
      }
    });

    // Six licence pages waiting on the API when the signal lands.
    const slowAgent = new Agent({ keepAlive: true, maxSockets: 6 });
    const slow = Array.from({ length: 6 }, (_, i) => get(slowAgent, port, page(i)));
    // All six have reached the API (so the web is waiting on it for each) before the signal.
    await api.lookupsReached(6);
    const signalledAt = Date.now();
    web.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    // New readers while those six are still running: every one gets the page saying so, none a reset.
    const burstAgent = new Agent({ keepAlive: true, maxSockets: 10 });
    const burst = await Promise.all([...Array.from({ length: 10 }, () => get(burstAgent, port, '/')), get(burstAgent, port, '/', 'ne')]);
    burstAgent.destroy();
    // The API answers the six; the web finishes them and then exits.
    setTimeout(() => api.release(), 300);

    const slowAnswers = await Promise.all(slow);
    const code = await web.exited;
    const exitedAt = Date.now();
    stop = true;
    await Promise.all(loops);
    fastAgent.destroy();
    slowAgent.destroy();

    expect({ code, output: code === 0 ? '' : web.tail() }).toEqual({ code: 0, output: '' });
    expect(exitedAt - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    for (const a of slowAnswers) {
      // Their own answer (the page saying no licence has this number), told to close the connection.
      expect(a.status).toBe(404);
      expect(a.headers!.connection).toBe('close');
    }
    expect(fast.filter((a) => a.error && a.error !== 'ECONNREFUSED')).toEqual([]);
    expect(burst.map((a) => a.status ?? a.error)).toEqual(burst.map(() => 503));
    for (const a of [...fast, ...burst].filter((x) => x.status === 503)) {
      expect(a.headers!.connection).toBe('close');
      expect(a.headers!['retry-after']).toBe('5');
      expect(a.headers!['content-type']).toMatch(/^text\/html/);
    }
    expect(burst[0].body).toContain('<html lang="en"');
    expect(burst[0].body).toContain('Sorry, the service is unavailable');
    expect(burst[10].body).toContain('<html lang="ne"');
    expect(burst[10].headers!['content-language']).toBe('ne');
    expect(fast.filter((a) => a.at > signalledAt + 250 && a.status === 200)).toEqual([]);
    expect(web.tail()).toMatch(/draining: \d+ request\(s\) in flight finished/);
  }, 60_000);
});
