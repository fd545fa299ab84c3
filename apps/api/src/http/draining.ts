import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemType } from '@app/common';
import { DRAINING_RETRY_AFTER_SECONDS, Draining } from '@app/shutdown';

export { DRAINING_RETRY_AFTER_SECONDS };

/** The API's drain (libs/shutdown): a request that arrives during shutdown gets a problem+json 503. */
export const apiDraining = (): Draining => new Draining(refuse);

function refuse(request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .header('x-request-id', request.id)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({
      type: problemType('service-unavailable'),
      code: 'service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: `This instance is shutting down and takes no new requests; nothing was done. Try again in ${DRAINING_RETRY_AFTER_SECONDS} seconds.`,
      instance: request.url,
      correlationId: String(request.id),
      retryAfter: DRAINING_RETRY_AFTER_SECONDS,
    });
}
