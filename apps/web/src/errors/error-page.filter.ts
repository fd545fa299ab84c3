/**
 * Every error becomes a page in the reader's language, never a stack trace:
 *
 *   404            no such page                               errors/not-found.njk
 *   403            the API refuses the person this page        errors/forbidden.njk
 *   403 CSRF       a form without a valid token               errors/csrf.njk
 *   503            the API or the session store cannot answer  errors/unavailable.njk (Retry-After)
 *   other 4xx      a request we cannot use (too large, wrong type) errors/bad-request.njk
 *   anything else  500, logged with its stack                  errors/server.njk
 *
 * A person whose session no longer holds valid tokens is sent to the sign-in page instead (GET)
 * or gets the CSRF/expired-form page (other methods: the form cannot be replayed).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, isLocale, negotiateLocale } from '@app/i18n';
import { ApiUnavailableError } from '../api/api-client.factory';
import { CsrfRejectedError } from './csrf-rejected.error';
import { ROUTES } from '../routes';
import { SignedOutError } from '../session/api-sessions';
import { SessionStoreUnavailableError } from '../session/redis-session-store';
import { LANG_COOKIE } from '../i18n/locale.hook';

const RETRY_AFTER_SECONDS = 30;

interface ErrorPage {
  status: number;
  template: string;
}

/** Fastify's and its plugins' errors carry a status code (Nest hands them on as HttpException). */
const statusOf = (e: unknown): number | undefined => {
  const s = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
};

export function errorPageFor(exception: unknown): ErrorPage {
  if (exception instanceof ApiUnavailableError || exception instanceof SessionStoreUnavailableError) return { status: 503, template: 'errors/unavailable.njk' };
  // A form sent without a valid token, or by someone whose sign-in ended meanwhile: it cannot be replayed.
  if (exception instanceof CsrfRejectedError || exception instanceof SignedOutError) return { status: 403, template: 'errors/csrf.njk' };
  const status = exception instanceof HttpException ? exception.getStatus() : statusOf(exception);
  if (status === 404) return { status, template: 'errors/not-found.njk' };
  // The API refused the person this page (a worker or an agency's user on a staff page).
  if (status === 403) return { status, template: 'errors/forbidden.njk' };
  if (status === 503) return { status, template: 'errors/unavailable.njk' };
  if (status !== undefined && status >= 400 && status < 500) return { status, template: 'errors/bad-request.njk' };
  return { status: 500, template: 'errors/server.njk' };
}

@Catch()
export class ErrorPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorPage');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;

    if (exception instanceof SignedOutError && request.method === 'GET') {
      void reply.redirect(`${ROUTES.signIn}?returnTo=${encodeURIComponent(request.url)}`, 303);
      return;
    }

    const page = errorPageFor(exception);
    if (page.status >= 500) {
      this.logger.error(
        `${request.method} ${request.url.split('?')[0]} failed with ${page.status}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    } else {
      this.logger.debug?.(`${request.method} ${request.url.split('?')[0]}: ${page.status}`);
    }
    // The error may have come before the language hook ran (static files, a malformed request).
    if (!isLocale(request.locale)) {
      const cookie = request.cookies?.[LANG_COOKIE];
      request.locale = isLocale(cookie) ? cookie : (negotiateLocale(request.headers['accept-language']) ?? DEFAULT_LOCALE);
    }
    void reply.status(page.status);
    if (page.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    try {
      reply.view(page.template, { status: page.status });
    } catch (e) {
      this.logger.error(`rendering ${page.template} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void reply.type('text/plain; charset=utf-8').send(page.status === 404 ? 'Not found' : 'Sorry, there is a problem with the service. Try again later.');
    }
  }
}
