import Redis from 'ioredis';

export class RedisPolicyError extends Error {
  constructor(policy: string) {
    super(
      `Redis maxmemory-policy is "${policy}", but this system needs "noeviction": under memory ` +
        'pressure any other policy silently deletes queued jobs. Set it in redis.conf ' +
        '(maxmemory-policy noeviction) or run: redis-cli CONFIG SET maxmemory-policy noeviction',
    );
    this.name = 'RedisPolicyError';
  }
}

/** Reads the eviction policy through INFO (allowed where CONFIG is disabled, as on managed Redis). */
export async function readMaxmemoryPolicy(redis: Redis): Promise<string> {
  const info = await redis.info('memory');
  const match = /^maxmemory_policy:(\S+)/m.exec(info);
  if (!match) throw new Error('Redis INFO memory did not report maxmemory_policy');
  return match[1];
}

export async function assertNoEviction(redis: Redis): Promise<void> {
  const policy = await readMaxmemoryPolicy(redis);
  if (policy !== 'noeviction') throw new RedisPolicyError(policy);
}
