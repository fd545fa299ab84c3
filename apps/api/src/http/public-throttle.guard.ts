import { createHash } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { ConfigService, DomainException, REDIS, RedisThrottlerStorage } from '@app/common';

export class TooManyPublicRequestsException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super('too-many-requests', 429, 'Too many requests', `Too many requests from your address; try again in ${retryAfterSeconds} seconds.`, {
      retryAfter: retryAfterSeconds,
    });
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * Limits the public routes (license verification, the fee calculator) per client address: the `public` throttler, counted in Redis by the
 * same storage (and Lua script) as the sign-in limits, so the limit holds across API instances.
 * Keys hold a digest of the address. Past the limit: 429 problem+json with Retry-After. When
 * Redis does not answer, requests are served unthrottled (verification stays up; logged).
 */
@Injectable()
export class PublicThrottleGuard implements CanActivate {
  private readonly logger = new Logger('PublicThrottle');
  private readonly storage: RedisThrottlerStorage;
  private readonly limit: number;
  private readonly ttlMs: number;
  private readonly prefix: string;

  constructor(@Inject(REDIS) redis: Redis, config: ConfigService) {
    this.storage = new RedisThrottlerStorage(redis);
    const settings = config.get('licensing');
    this.limit = settings.LICENSING_PUBLIC_LIMIT_PER_IP;
    this.ttlMs = settings.LICENSING_PUBLIC_WINDOW_SECONDS * 1000;
    this.prefix = `${config.get('redis').REDIS_PREFIX}:throttle:public`;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    let result: Awaited<ReturnType<RedisThrottlerStorage['increment']>>;
    try {
      result = await this.storage.increment(`${this.prefix}:${digest(request.ip ?? 'unknown')}`, this.ttlMs, this.limit, this.ttlMs, 'public');
    } catch (e) {
      this.logger.warn(`public rate limit not applied: ${(e as Error).message}`);
      return true;
    }
    if (!result.isBlocked) return true;
    throw new TooManyPublicRequestsException(Math.max(1, result.timeToBlockExpire));
  }
}
