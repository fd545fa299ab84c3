import { isIPv4, isIPv6 } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { ConfigService, DomainException, FieldEncryption, NotFoundException, REDIS } from '@app/common';

/** How long wrong secrets are counted (and an address stays refused once over its limit). */
export const SECRET_ATTEMPTS_WINDOW_SECONDS = 3600;

/** The tracking secret's limits, as both public secret routes describe them. */
export const SECRET_LIMITS =
  'Wrong secrets are counted per caller (the client address; IPv6: its /64) across all cases: past COMPLAINTS_SECRET_ATTEMPTS_PER_CALLER_PER_HOUR (30) in an hour the address is refused (429) until its counter runs out. ' +
  'They are also counted per case: past COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR (10) in an hour, further wrong secrets for that case are 429 instead of 404, but the right secret always opens its case. ' +
  'Every 429 carries `Retry-After` (seconds); the per-address public limit applies besides.';

class TooManySecretAttempts extends DomainException {
  constructor(retryAfterSeconds: number, detail: string) {
    super('too-many-requests', 429, 'Too many requests', detail, { retryAfter: retryAfterSeconds });
  }
}

/**
 * Who is guessing, for the per-caller counter: the client address as the app derives it behind
 * its trusted proxies (`TRUST_PROXY`). An IPv4-mapped IPv6 address is its IPv4 address; an IPv6
 * address is its /64, the block one subscriber is usually given (counting single IPv6 addresses
 * would give a guesser 2^64 fresh counters).
 */
export function callerOf(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head, tail] = address.split('::');
  const words = (part: string | undefined) => (part ? part.split(':').flatMap((w) => (w.includes('.') ? ['0', '0'] : [w])) : []);
  const front = words(head);
  const back = tail === undefined ? [] : words(tail);
  const all = [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${all
    .slice(0, 4)
    .map((w) => parseInt(w, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The limits on the tracking secret (docs/complaints.md, "Tracking secret limits"), shared by the
 * tracking page and the public evidence upload:
 *
 * - per caller: wrong secrets from one address (IPv6: /64) across all cases; past
 *   COMPLAINTS_SECRET_ATTEMPTS_PER_CALLER_PER_HOUR the address is refused before anything is checked,
 *   until its counter runs out. This is what bounds one guesser.
 * - per case: wrong secrets for one reference from anyone; past COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR
 *   further *wrong* secrets for it are answered 429 instead of 404. The secret is always checked
 *   first (at constant time), and the right one is let through whatever the case's counter says, so
 *   nobody can lock a complainant out of their own case by guessing at it.
 *
 * Counter keys hold a keyed hash (the blind-index key) of the address, never the address; the
 * reference is not personal data. Every 429 has `Retry-After` (the counter's remaining seconds).
 */
@Injectable()
export class SecretAttempts {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ConfigService,
    private readonly crypto: FieldEncryption,
  ) {}

  /**
   * Runs `open` (which checks the reference and secret and throws NotFoundException when they do
   * not open a case) under both limits, and answers what it answers.
   */
  async guard<T>(reference: string, ip: string | undefined, reply: FastifyReply, open: () => Promise<T>): Promise<T> {
    const prefix = `${this.config.get('redis').REDIS_PREFIX}:complaint-secret`;
    const limits = this.config.get('complaints');
    const callerKey = `${prefix}:caller:${this.crypto.blindIndex(callerOf(ip), 'complaint-secret-caller')}`;
    const caseKey = `${prefix}:${reference}`;
    if (Number((await this.redis.get(callerKey)) ?? 0) >= limits.COMPLAINTS_SECRET_ATTEMPTS_PER_CALLER_PER_HOUR) {
      throw await this.refuse(callerKey, reply, 'Too many wrong secrets from your address; try again later.');
    }
    try {
      return await open();
    } catch (e) {
      if (!(e instanceof NotFoundException)) throw e;
      const counts = await this.redis
        .multi()
        .incr(callerKey)
        .expire(callerKey, SECRET_ATTEMPTS_WINDOW_SECONDS)
        .incr(caseKey)
        .expire(caseKey, SECRET_ATTEMPTS_WINDOW_SECONDS)
        .exec();
      const caseFailures = Number(counts?.[2]?.[1] ?? 0);
      if (caseFailures > limits.COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR)
        throw await this.refuse(caseKey, reply, 'Too many wrong secrets for this case; try again later.');
      throw e;
    }
  }

  private async refuse(key: string, reply: FastifyReply, detail: string): Promise<DomainException> {
    const ttl = await this.redis.ttl(key);
    const seconds = ttl > 0 ? ttl : SECRET_ATTEMPTS_WINDOW_SECONDS;
    void reply.header('Retry-After', String(seconds));
    return new TooManySecretAttempts(seconds, detail);
  }
}
