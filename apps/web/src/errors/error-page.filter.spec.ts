import { ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { ApiUnavailableError } from '../api/api-client.factory';
import { SignedOutError } from '../session/api-sessions';
import { SessionStoreUnavailableError } from '../session/redis-session-store';
import { CsrfRejectedError } from './csrf-rejected.error';
import { errorPageFor } from './error-page.filter';

describe('errorPageFor', () => {
  it.each([
    ['no such page', new NotFoundException(), 404, 'errors/not-found.njk'],
    ['a page the API refuses the person (a worker on a staff page)', new ForbiddenException(), 403, 'errors/forbidden.njk'],
    ['a form without its token', new CsrfRejectedError('FST_CSRF_INVALID_TOKEN'), 403, 'errors/csrf.njk'],
    ['a form after sign-in ended', new SignedOutError('x'), 403, 'errors/csrf.njk'],
    ['the API unreachable', new ApiUnavailableError('ECONNREFUSED'), 503, 'errors/unavailable.njk'],
    ['Redis unreachable', new SessionStoreUnavailableError(new Error('ECONNREFUSED')), 503, 'errors/unavailable.njk'],
    ['a body too large (Fastify, through Nest)', new HttpException('Request body is too large', 413), 413, 'errors/bad-request.njk'],
    ['a wrong content type', new HttpException('Unsupported Media Type', 415), 415, 'errors/bad-request.njk'],
    ['a bug', new TypeError('x is undefined'), 500, 'errors/server.njk'],
    ['something thrown that is no error', 'oops', 500, 'errors/server.njk'],
  ])('%s → %i', (_what, exception, status, template) => {
    expect(errorPageFor(exception)).toEqual({ status, template });
  });
});
