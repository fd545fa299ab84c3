import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The API answers JSON, CSV and stored files, never pages: nothing it sends may run script, load
 * anything, be framed or submit a form, even if a browser is tricked into rendering it.
 */
const API_CSP: Record<string, string[]> = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Swagger UI (when API_DOCS_ENABLED) is a page: its own scripts and styles from /docs, the inline
 * `<style>` blocks of @nestjs/swagger's page and the `style=` attributes Swagger UI sets, its
 * data: icons, and the document fetched from /docs-json. No inline script, no other origin.
 */
const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** /docs, /docs/…, /docs-json: the only routes that serve a page. */
export const isDocsPath = (url: string) => /^\/docs(?:[/?#-]|$)/.test(url);

/**
 * Security headers on every answer: helmet's middleware, built once, as the web app does
 * (@fastify/helmet builds it anew, CSP string and all, on every request: a tenth of a probe's
 * cost at load; we use neither its per-route options nor its nonces). A strict CSP, no framing,
 * no referrer, no MIME sniffing, HSTS in production (the API is behind TLS there). /docs gets
 * the CSP Swagger UI needs instead of the JSON one.
 */
export function registerSecurityHeaders(app: NestFastifyApplication, production: boolean): void {
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, done as (e?: unknown) => void));
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (isDocsPath(request.url)) void reply.header('content-security-policy', DOCS_CSP);
    return payload;
  });
}
