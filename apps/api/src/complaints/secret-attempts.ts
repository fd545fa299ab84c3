import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DomainException } from '@app/common';

/** How long wrong secrets of one case are counted (and a case stays refused once over the limit). */
export const SECRET_ATTEMPTS_WINDOW_SECONDS = 3600;

class TooManySecretAttempts extends DomainException {
  constructor(retryAfterSeconds: number) {
    super('too-many-requests', 429, 'Too many requests', 'Too many wrong secrets for this case; try again in an hour.', { retryAfter: retryAfterSeconds });
  }
}

/**
 * The 429 for a case whose secret was guessed wrong too often, with `Retry-After` (and the
 * problem's `retryAfter`) saying when the case's counter expires, as the other 429s of the API
 * do. The limiting itself is the callers' (per case, COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR).
 */
export async function tooManySecretAttempts(redis: Redis, key: string, reply: FastifyReply): Promise<DomainException> {
  const ttl = await redis.ttl(key);
  const seconds = ttl > 0 ? ttl : SECRET_ATTEMPTS_WINDOW_SECONDS;
  void reply.header('Retry-After', String(seconds));
  return new TooManySecretAttempts(seconds);
}
