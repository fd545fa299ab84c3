/**
 * Security headers (helmet, built once) on every answer, and `Cache-Control: no-store` on everything
 * personal or secret: authenticated answers, sign-in, the public case view. The public registry
 * keeps its own caching, and /docs keeps the CSP Swagger UI needs.
 */
import { complaintBody } from '../support/complaints-fixtures';
import { TEST_PASSWORD, TestUser, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

describe('security headers and caching', () => {
  let t: TestApp;
  let worker: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createUser(t, { roles: ['worker'] });
  });
  afterAll(() => t.close());

  const expectHardened = (res: { headers: Record<string, string> }) => {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  };

  it('a JSON answer carries a CSP that allows nothing, and the other helmet headers', async () => {
    const res = await t.http.get('/me').set('Authorization', worker.bearer).expect(200);
    expectHardened(res);
    expect(res.headers['content-security-policy']).toBe("default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'");
    // No HSTS outside production (the API is plain HTTP on a developer's machine).
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('authenticated answers, errors included, are never stored', async () => {
    expect((await t.http.get('/me').set('Authorization', worker.bearer).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await t.http.get('/me/complaints').set('Authorization', worker.bearer).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await t.http.get('/me').expect(401)).headers['cache-control']).toBe('no-store');
  });

  it('sign-in (tokens) and the public case view (personal data behind the tracking secret) are never stored', async () => {
    const login = await t.http.post('/auth/login').send({ email: worker.email, password: TEST_PASSWORD }).expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const filed = await t.http.post('/public/complaints').send(complaintBody('Acme Manpower')).expect(201);
    expect(filed.headers['cache-control']).toBe('no-store');
    const tracked = await t.http.get(`/public/complaints/${filed.body.reference}`).set('X-Tracking-Secret', filed.body.trackingSecret).expect(200);
    expect(tracked.headers['cache-control']).toBe('no-store');
    expectHardened(tracked);
  });

  it('the public registry keeps its own short public caching', async () => {
    const res = await t.http.get('/public/agencies?q=acme').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expectHardened(res);
  });

  it('/docs gets a CSP Swagger UI can run under: its scripts are files of its own origin, no inline script', async () => {
    const page = await t.http.get('/docs').redirects(1).expect(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="/);
      expect(body.trim()).toBe('');
    }
    // Every script the page names is served from its own origin, under /docs.
    const pageUrl = page.redirects.at(-1) ?? 'http://api.test/docs';
    for (const [, src] of page.text.matchAll(/<script[^>]*src="([^"]+)"/g)) {
      const url = new URL(src, pageUrl);
      expect(url.pathname).toMatch(/^\/docs\//);
      const res = await t.http.get(url.pathname).expect(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
    }
    const json = await t.http.get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
  });
});
