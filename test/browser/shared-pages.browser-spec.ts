/**
 * The agency page kept rendered for visitors without a session (apps/web/src/http/shared-pages.ts).
 * The stack's web keeps nothing (WEB_PUBLIC_CACHE_SECONDS=0: the other tests change the registry
 * between two loads), so this file starts a second web process, from the same build, against the
 * same API with the keeping on, and asks it over HTTP: no browser is needed to read headers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyFixtures, createAgencyFixtures } from './support/agencies-fixtures';
import { Proc, freePort, startProcess, stopProcess, waitForHttp } from './support/processes';
import { stack } from './support/stack';

const KEEP_SECONDS = 4;

describe('the agency page kept for visitors without a session', () => {
  let web: Proc;
  let webUrl: string;
  let fixtures: AgencyFixtures;

  beforeAll(async () => {
    fixtures = await createAgencyFixtures();
    const port = await freePort();
    webUrl = `http://127.0.0.1:${port}`;
    const s = stack();
    web = startProcess(
      'web (keeping pages)',
      'dist/apps/web/apps/web/src/main.js',
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        WEB_HOST: '127.0.0.1',
        WEB_PORT: String(port),
        PUBLIC_URL: webUrl,
        API_URL: s.apiUrl,
        REDIS_URL: s.redisUrl,
        REDIS_PREFIX: s.redisPrefix,
        WEB_SESSION_SECRET: randomBytes(32).toString('base64'),
        WEB_PUBLIC_CACHE_SECONDS: String(KEEP_SECONDS),
      },
      { typescript: false, logFile: join(mkdtempSync(join(tmpdir(), 'lcs-shared-pages-')), 'web.log') },
    );
    await waitForHttp(web, `${webUrl}/health/ready`, 60_000);
  }, 120_000);

  afterAll(async () => {
    if (web) await stopProcess(web);
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${webUrl}${path}`, { headers: { 'accept-language': 'en', ...headers }, redirect: 'manual' });
  const page = () => `/agencies/licenses/${encodeURIComponent(fixtures.active.number)}`;

  it('renders the page once, then answers it kept, with its Age, per language, until the seconds are up', async () => {
    const first = await get(page());
    expect(first.status).toBe(200);
    expect(first.headers.get('age')).toBeNull();
    const html = await first.text();
    expect(html).toContain(fixtures.active.legalName);
    expect(html).not.toContain('_csrf');

    const second = await get(page());
    expect(second.status).toBe(200);
    expect(second.headers.get('age')).toMatch(/^\d+$/);
    expect(await second.text()).toBe(html);
    // The hooks still run for a kept page: the same security headers, never stored by the browser.
    expect(second.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    expect(second.headers.get('cache-control')).toBe('no-store');

    const nepali = await get(page(), { 'accept-language': 'ne' });
    expect(nepali.headers.get('age')).toBeNull();
    expect(await nepali.text()).not.toBe(html);
    expect((await get(page(), { 'accept-language': 'ne' })).headers.get('age')).not.toBeNull();

    await new Promise((r) => setTimeout(r, KEEP_SECONDS * 1000 + 200));
    expect((await get(page())).headers.get('age')).toBeNull();
  }, 60_000);

  it('renders for anyone with a session cookie, never from or into the kept pages', async () => {
    await get(page());
    const withSession = await get(page(), { cookie: 'lcs_session=someone' });
    expect(withSession.status).toBe(200);
    expect(withSession.headers.get('age')).toBeNull();
    expect((await get(page())).headers.get('age')).not.toBeNull();
  });

  it('keeps no "no such licence" page and no page other than the agency page', async () => {
    const unknown = `/agencies/licenses/${encodeURIComponent(fixtures.active.number.replace(/\d{5}-\d$/, '99999-9'))}`;
    for (let i = 0; i < 2; i++) expect((await get(unknown)).headers.get('age')).toBeNull();
    for (let i = 0; i < 2; i++) expect((await get(`/agencies?q=${encodeURIComponent(fixtures.word)}`)).headers.get('age')).toBeNull();
  });
});
