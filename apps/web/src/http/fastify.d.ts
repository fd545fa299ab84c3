/**
 * What the web process adds to Fastify's request, reply and session (the top-level `fastify`
 * package's types, which the plugins augment; Nest's adapter carries its own copy, so handlers
 * take `FastifyRequest`/`FastifyReply` from 'fastify').
 */
import 'fastify';
import '@fastify/session';
import type { Locale } from '@app/i18n';
import type { SignedIn } from '../session/api-sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The reader's language: ?lang=, else the language cookie, else Accept-Language. */
    locale: Locale;
  }
  interface FastifyReply {
    /**
     * Renders a template (views/<name>) with the page context and sends it as HTML. `shared`: the
     * page is the same for every visitor without a session, and kept (http/shared-pages.ts).
     */
    view(template: string, data?: Record<string, unknown>, options?: { shared?: boolean }): FastifyReply;
    /** Sends the kept rendering of this request's shared page, if there is one: true when it did. */
    sendSharedPage(): boolean;
  }
  interface Session {
    /** The signed-in person's API tokens (see session/api-sessions.ts). */
    auth?: SignedIn;
  }
}
