import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * `Cache-Control: no-store` on every answer whose route did not choose its own caching. Nearly
 * every answer of the API is personal or secret (a case, a placement, a passport number, a
 * token, a tracking secret, the public case view of `/public/complaints/:reference`), so caching
 * is the exception a route opts into (the public registry's `public, max-age=60`; stored files
 * set `private, no-store` themselves), never the default: a shared proxy or a browser's disk
 * cache must not keep them. Errors too (a problem can name what was asked).
 */
export function registerNoStoreDefault(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
      return payload;
    });
}
