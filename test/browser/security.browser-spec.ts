import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, watchPage } from './support/chromium';
import { stack } from './support/stack';

/** `name=value; Attr; Attr=x` → { name, value, attributes (lower-cased) }. */
function parseSetCookie(header: string) {
  const [pair, ...attrs] = header.split(';').map((s) => s.trim());
  const [name, ...value] = pair.split('=');
  return { name, value: value.join('='), attributes: attrs.map((a) => a.toLowerCase()) };
}

describe('security of the pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends a strict Content-Security-Policy, and the page has no inline script or style', async () => {
    const res = await fetch(`${stack().webUrl}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v.join(' ')]),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'script-src-attr': "'none'",
      'style-src-attr': "'none'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'self'",
      'base-uri': "'self'",
    });
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|nonce-|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');

    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\/[^"]+"/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
  });

  it('the browser runs the page without a single CSP violation (JavaScript on)', async () => {
    const context = await newContext(browser, { js: true, viewport: 'desktop' });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto('/language');
      await page.waitForFunction("document.body.classList.contains('govuk-frontend-supported')");
      expect(watch.problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a visitor who fills no form gets no session (nothing stored, no session cookie)', async () => {
    const res = await fetch(`${stack().webUrl}/`);
    expect(res.headers.getSetCookie().filter((c) => c.startsWith('lcs_session='))).toEqual([]);
  });

  it('the session cookie is a random id, HttpOnly, SameSite=Lax, for the whole site (Secure only in production)', async () => {
    const res = await fetch(`${stack().webUrl}/language`);
    const cookies = res.headers.getSetCookie().map(parseSetCookie);
    const session = cookies.find((c) => c.name === 'lcs_session');
    expect(session).toBeDefined();
    expect(session!.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(session!.attributes).not.toContain('secure'); // NODE_ENV=test over http; production sets Secure
    // A signed random id, nothing else: no token, no data.
    expect(session!.value).toMatch(/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9%+/=]+$/);

    // In the browser: the same, and out of reach of script.
    const context = await newContext(browser, { js: true, viewport: 'phone' });
    try {
      const page = await context.newPage();
      await page.goto('/language');
      const inBrowser = (await context.cookies()).find((c) => c.name === 'lcs_session');
      expect(inBrowser).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
      expect(await page.evaluate<string>('document.cookie')).not.toContain('lcs_session');
    } finally {
      await context.close();
    }
  });

  it("refuses a POST without a CSRF token, or with a wrong one, with a page in the reader's language", async () => {
    const web = stack().webUrl;
    // A session with a CSRF secret: what a real visitor has after opening a form.
    const form = await fetch(`${web}/language?lang=ne`);
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const post = (body: string, withCookie = true) =>
      fetch(`${web}/language`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(withCookie ? { cookie } : {}) },
        body,
      });

    const without = await post('lang=en&returnTo=%2F');
    expect(without.status).toBe(403);
    const page = await without.text();
    expect(page).toContain('<html lang="ne"');
    expect(page).toContain('तपाईंको फारम पठाउन सकिएन');
    expect(without.headers.getSetCookie().some((c) => c.startsWith('lcs_lang=en'))).toBe(false); // nothing was changed

    expect((await post(`lang=en&returnTo=%2F&_csrf=${encodeURIComponent(token.slice(0, -2) + 'xx')}`)).status).toBe(403);
    expect((await post(`lang=en&returnTo=%2F&_csrf=${encodeURIComponent(token)}`, false)).status).toBe(403); // a token without its session
    const accepted = await post(`lang=en&returnTo=%2F&_csrf=${encodeURIComponent(token)}`);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/');
  });

  it('refuses a form another site makes the browser post (no token; SameSite=Lax keeps the session cookie back)', async () => {
    const context = await newContext(browser, { js: true, viewport: 'desktop' });
    try {
      const page = await context.newPage();
      await page.goto('/language'); // the visitor has a session with a CSRF secret
      // Another site (a data: URL is an opaque, cross-site origin) posting to ours in the same browser.
      const form = `<form method="post" action="${stack().webUrl}/language"><input name="lang" value="id"><input name="returnTo" value="/"><button>go</button></form>`;
      await page.goto(`data:text/html,${encodeURIComponent(form)}`);
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/language')), page.click('button')]);
      expect(response.status()).toBe(403);
      await page.goto('/');
      expect(await page.getAttribute('html', 'lang')).toBe('en'); // nothing changed
    } finally {
      await context.close();
    }
  });

  it('does not follow a returnTo off the site', async () => {
    const web = stack().webUrl;
    const form = await fetch(`${web}/language`);
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const res = await fetch(`${web}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: `lang=id&returnTo=${encodeURIComponent('//evil.example/')}&_csrf=${encodeURIComponent(token)}`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it("serves assets under hashed names with a year's cache, compressed, and without cookies", async () => {
    const html = await (await fetch(`${stack().webUrl}/`)).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const path of assets) {
      expect(path).toMatch(/\.[0-9a-f]{10}\.(css|js|svg)$/);
      const res = await fetch(`${stack().webUrl}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });
});
