import { createHash } from 'node:crypto';
import { ThrottlerModuleOptions } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { RedisThrottlerStorage, type AppConfig } from '@app/common';
import { normaliseEmail } from '../users/user.dto';

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * Two counters for every sign-in or registration attempt, both in Redis: one per client address,
 * one per account (the email in the body). Keys hold digests, never the address or the email.
 */
export function throttleOptions(config: Pick<AppConfig, 'auth' | 'redis'>, redis: Redis): ThrottlerModuleOptions {
  const { AUTH_LOGIN_LIMIT_PER_ACCOUNT, AUTH_LOGIN_LIMIT_PER_IP, AUTH_LOGIN_WINDOW_SECONDS } = config.auth;
  const ttl = AUTH_LOGIN_WINDOW_SECONDS * 1000;
  const key = (name: string, tracker: string) => `${config.redis.REDIS_PREFIX}:throttle:login:${name}:${digest(tracker)}`;
  return {
    storage: new RedisThrottlerStorage(redis),
    // No X-RateLimit-* headers: the per-account "remaining" count would tell anyone how many
    // attempts were made on someone else's account. A refusal still carries Retry-After.
    setHeaders: false,
    throttlers: [
      {
        name: 'ip',
        ttl,
        limit: AUTH_LOGIN_LIMIT_PER_IP,
        getTracker: (req: { ip?: string }) => req.ip ?? 'unknown',
        generateKey: (_ctx, tracker, name) => key(name, tracker),
      },
      {
        name: 'account',
        ttl,
        limit: AUTH_LOGIN_LIMIT_PER_ACCOUNT,
        getTracker: (req: { body?: { email?: unknown } }) => (typeof req.body?.email === 'string' ? normaliseEmail(req.body.email) : 'no-email'),
        generateKey: (_ctx, tracker, name) => key(name, tracker),
      },
    ],
  };
}
