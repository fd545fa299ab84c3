/**
 * The reader's language, decided once per request (an onRequest hook):
 *   1. `?lang=ne` on any page (the language links): used, and remembered in the cookie;
 *   2. the language cookie;
 *   3. the browser's Accept-Language;
 *   4. English.
 * The answer says which language it is in (Content-Language) and what it varied on.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { Locale, isLocale, negotiateLocale } from '@app/i18n';
import { LANG_PARAM } from '../views/page-context';

export const LANG_COOKIE = 'lcs_lang';

export const langCookieOptions = (production: boolean): CookieSerializeOptions => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  secure: production,
  maxAge: 365 * 24 * 3600, // seconds
});

export function rememberLocale(reply: FastifyReply, locale: Locale, production: boolean): void {
  void reply.setCookie(LANG_COOKIE, locale, langCookieOptions(production));
}

export function localeHook(production: boolean) {
  return async function chooseLocale(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const asked = (request.query as Record<string, unknown> | undefined)?.[LANG_PARAM];
    const cookie = request.cookies[LANG_COOKIE];
    if (isLocale(asked)) {
      request.locale = asked;
      if (asked !== cookie) rememberLocale(reply, asked, production);
    } else {
      request.locale = isLocale(cookie) ? cookie : negotiateLocale(request.headers['accept-language']);
    }
    void reply.header('content-language', request.locale);
    void reply.header('vary', 'Accept-Language, Cookie');
  };
}
