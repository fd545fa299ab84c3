import type { FastifyReply, FastifyRequest } from 'fastify';
import { Locale, LOCALE_INFO, negotiateLocale, translator } from '@app/i18n';
import { Draining } from '@app/shutdown';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page a request gets while this web process shuts down: a 503 in the reader's language
 * (from Accept-Language: no cookie or session is read this early), with Retry-After and
 * `Connection: close`, so a phone on a kept-alive connection reconnects, to another instance or
 * the restarted one, instead of finding its connection reset. Plain markup, no stylesheet: it is
 * answered before any other hook, and the next request will get the real page.
 */
export function drainingPage(locale: Locale): string {
  const t = translator(locale);
  const info = LOCALE_INFO[locale];
  return `<!DOCTYPE html>
<html lang="${locale}" dir="${info.dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t('errors.unavailable.title'))}</title></head>
<body><main><h1>${escape(t('errors.unavailable.title'))}</h1><p>${escape(t('errors.unavailable.later'))}</p><p>${escape(t('errors.unavailable.form'))}</p></main></body>
</html>
`;
}

/** The web's drain (libs/shutdown): during shutdown a new request gets drainingPage. */
export function webDraining(): Draining {
  return new Draining((request: FastifyRequest, reply: FastifyReply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    void reply.header('content-language', locale).type('text/html; charset=utf-8').send(drainingPage(locale));
  });
}
