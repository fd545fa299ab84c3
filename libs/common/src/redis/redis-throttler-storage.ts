/**
 * Rate-limit counters in Redis for @nestjs/throttler (the sign-in limits) and for our own guards
 * (the public routes), so that a limit holds across API instances.
 *
 * Ours rather than @nest-lab/throttler-storage-redis, which stopped at NestJS 11: the same
 * counting (one Lua script, atomic, after wyattjoh/rate-limit-redis), registered once as a Redis
 * command so that each call sends the script's digest, not its text.
 *
 * Per key: a hit counter that expires `ttl` ms after the first hit of a window, and once the
 * count passes `limit`, a block flag that lasts `blockDuration` ms (set again on the next hit while
 * the window still holds too many); once both have run out, counting starts again at one hit.
 */
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

const INCREMENT = `
local hitKey = KEYS[1]
local blockKey = KEYS[2]
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local blockDuration = tonumber(ARGV[3])
local totalHits = redis.call('INCR', hitKey)
local timeToExpire = redis.call('PTTL', hitKey)
if timeToExpire <= 0 then
  redis.call('PEXPIRE', hitKey, ttl)
  timeToExpire = ttl
end
local isBlocked = redis.call('GET', blockKey)
local timeToBlockExpire = 0
if isBlocked then
  timeToBlockExpire = redis.call('PTTL', blockKey)
elseif totalHits > limit then
  redis.call('SET', blockKey, 1, 'PX', blockDuration)
  isBlocked = '1'
  timeToBlockExpire = blockDuration
end
if isBlocked and timeToBlockExpire <= 0 then
  redis.call('DEL', blockKey)
  redis.call('SET', hitKey, 1, 'PX', ttl)
  totalHits = 1
  timeToExpire = ttl
  isBlocked = false
end
return { totalHits, timeToExpire, isBlocked and 1 or 0, timeToBlockExpire }
`;

const COMMAND = 'lcsThrottleIncrement';

type ThrottleRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
type WithIncrement = Redis & { [COMMAND](hitKey: string, blockKey: string, ttl: number, limit: number, blockDuration: number): Promise<unknown> };

export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: WithIncrement;

  constructor(redis: Redis) {
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { numberOfKeys: 2, lua: INCREMENT });
    this.redis = redis as WithIncrement;
  }

  /** Counts one hit on `key` for `throttlerName`; times in the answer are whole seconds, rounded up. */
  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottleRecord> {
    // One hash tag for both keys: a Redis Cluster keeps them on one node, as the script needs.
    const tag = `{${key}:${throttlerName}}`;
    const result = await this.redis[COMMAND](`${tag}:hits`, `${tag}:blocked`, ttl, limit, blockDuration);
    if (!Array.isArray(result) || result.length !== 4 || !result.every((n) => typeof n === 'number')) {
      throw new TypeError(`the throttle script answered ${JSON.stringify(result)}`);
    }
    const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = result as number[];
    return {
      totalHits,
      timeToExpire: Math.ceil(timeToExpire / 1000),
      isBlocked: isBlocked === 1,
      timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000),
    };
  }
}
