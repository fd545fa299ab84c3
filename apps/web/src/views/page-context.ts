/**
 * What every template can use, besides the data its controller passes:
 *
 *   t(key, vars)             the catalogue message in the reader's language
 *   lang, dir                for <html lang dir>
 *   languages                the language links ({ code, name, href, current })
 *   routes                   every path of the site (routes.ts)
 *   currentPath              this page's path and query, for forms' returnTo
 *   csrfToken()              this session's CSRF token (creating the session on first use);
 *   onceToken()              a new random token for a form sent at most once (lcsForm's `once`);
 *                            forms get it through the `lcsForm` macro (macros/form.njk)
 *   signedIn                 whether the session holds API tokens
 *   formatMoney(minor, cur)  money held in minor units, ISO 4217 exponent from libs/i18n
 *   formatDate(v, style, zone), formatNumber(n)
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOCALES, LOCALE_INFO, Locale, formatDate, formatMoney, formatNumber, translator } from '@app/i18n';
import type { DateStyle } from '@app/i18n';
import { ROUTES } from '../routes';

export const LANG_PARAM = 'lang';

/**
 * A path without a query that the URL parser would give back as it is: characters it never
 * encodes, no dot segment (`/.`, `/%2e`), not `//` (a host). Most pages' addresses are such, and
 * need no URL parsed five times per page (the language links and the current path).
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const DOT_SEGMENT = /\/(?:\.|%2e)/i;
export const isPlainPath = (url: string): boolean => PLAIN_PATH.test(url) && !DOT_SEGMENT.test(url);

/** The URL's path and query without `lang=`. */
export function pathWithoutLang(url: string): string {
  if (isPlainPath(url)) return url;
  const u = new URL(url, 'http://x');
  u.searchParams.delete(LANG_PARAM);
  return u.pathname + u.search;
}

/** The same page in another language: its path and query with `lang=<locale>`. */
export function pathInLanguage(url: string, locale: Locale): string {
  if (isPlainPath(url)) return `${url}?${LANG_PARAM}=${locale}`;
  const u = new URL(url, 'http://x');
  u.searchParams.set(LANG_PARAM, locale);
  return u.pathname + u.search;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  const locale = request.locale;
  const t = translator(locale);
  // After a POST the language links lead to the page the form came from would be wrong; GET only.
  const here = request.method === 'GET' ? request.url : ROUTES.home;
  return {
    t,
    lang: locale,
    dir: LOCALE_INFO[locale].dir,
    serviceName: t('service.name'),
    languages: LOCALES.map((code) => ({ code, name: LOCALE_INFO[code].name, href: pathInLanguage(here, code), current: code === locale })),
    routes: ROUTES,
    currentPath: pathWithoutLang(here),
    csrfToken: () => reply.generateCsrf(),
    onceToken: () => randomUUID(),
    signedIn: Boolean(request.session?.auth),
    formatMoney: (minor: bigint | string | number, currency: string) => formatMoney(minor, currency, locale),
    formatDate: (value: string | Date, style?: DateStyle, zone?: string) => formatDate(value, locale, style, zone),
    formatNumber: (value: number | bigint | string) => formatNumber(value, locale),
  };
}
