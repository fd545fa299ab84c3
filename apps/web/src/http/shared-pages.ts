/**
 * Pages everyone is shown alike, kept rendered for a few seconds: the public registry's pages
 * (a licence's page is the most visited of the site) asked for by a visitor without a session.
 *
 * The page is a function of its address, the reader's language and the API's public answer, which
 * the web already keeps for WEB_PUBLIC_CACHE_SECONDS (api/api-transport.ts). Keeping the page
 * itself as long saves its rendering too: a crowd looking at the same agency (after the news named
 * it) costs one render a language every few seconds.
 *
 * Kept only when nothing in it belongs to one visitor:
 *   - the request carries no session cookie (a session may hold a signed-in person or a CSRF
 *     secret; such a visitor always gets a page of their own);
 *   - the rendering asked for no CSRF token (no form that posts);
 *   - the page is a 200 to a GET.
 * Everything the hooks add around a page (security headers, the language cookie) is still done for
 * every request; only the handler's work is skipped. An answer from here carries `Age` (RFC 9111
 * §5.1), as any cache's does, and the same `Cache-Control: no-store` towards browsers as a rendered
 * one: keeping it is this server's business, not the browser's.
 */
import { LRUCache } from 'lru-cache';
import type { FastifyRequest } from 'fastify';

/**
 * At most this much memory for the kept pages, kept as UTF-8 (a licence page is ~10 KB; ~15 KB in
 * Nepali): a few thousand pages, a national registry's most visited licences in every language.
 */
const MAX_BYTES = 64 * 1024 * 1024;

interface KeptPage {
  html: Buffer;
  keptAt: number;
}

export class SharedPages {
  private readonly pages: LRUCache<string, KeptPage> | null;
  private readonly keepMs: number;

  /**
   * @param seconds how long a page is kept (WEB_PUBLIC_CACHE_SECONDS); 0 keeps none.
   * @param sessionCookie the session cookie's name: a request with it is never served from here.
   */
  constructor(
    seconds: number,
    private readonly sessionCookie: string,
    private readonly now: () => number = Date.now,
    maxBytes = MAX_BYTES,
  ) {
    this.keepMs = seconds * 1000;
    this.pages =
      seconds > 0
        ? new LRUCache<string, KeptPage>({
            ttl: seconds * 1000,
            maxSize: maxBytes,
            sizeCalculation: (page, key) => page.html.length + 2 * key.length + 64,
            perf: { now },
          })
        : null;
  }

  /** The key this request's page is kept under, or null when it must be rendered for this visitor. */
  keyFor(request: FastifyRequest): string | null {
    if (!this.pages || request.method !== 'GET') return null;
    if (request.cookies?.[this.sessionCookie] !== undefined) return null;
    return `${request.locale}\n${request.url}`;
  }

  /** The kept page and its age in whole seconds, when there is one. */
  get(key: string): { html: Buffer; ageSeconds: number } | undefined {
    const page = this.pages?.get(key);
    if (!page) return undefined;
    // The cache's own expiry frees the memory; this one is exact to the millisecond.
    const ageMs = Math.max(0, this.now() - page.keptAt);
    if (ageMs >= this.keepMs) return void this.pages!.delete(key);
    return { html: page.html, ageSeconds: Math.floor(ageMs / 1000) };
  }

  set(key: string, html: string): void {
    this.pages?.set(key, { html: Buffer.from(html, 'utf8'), keptAt: this.now() });
  }
}
