/**
 * The rate-limit counters against the real Redis: counting within a window, blocking past the
 * limit, the window and the block running out, keys per throttler name, and two clients sharing one count
 * (two API instances).
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisThrottlerStorage } from '@app/common';
import { setTimeout as sleep } from 'node:timers/promises';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisThrottlerStorage', () => {
  let redis: Redis;
  let other: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    other = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
    await other.quit();
  });
  const key = () => `lcs-test:throttle:${randomUUID()}`;

  it('counts hits in a window and blocks past the limit, with the time left in whole seconds', async () => {
    const storage = new RedisThrottlerStorage(redis);
    const k = key();
    const first = await storage.increment(k, 60_000, 2, 30_000, 'ip');
    expect(first).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await storage.increment(k, 60_000, 2, 30_000, 'ip')).isBlocked).toBe(false);
    const third = await storage.increment(k, 60_000, 2, 30_000, 'ip');
    expect(third).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 30 });
    // Still blocked on the next hit, with the block's own time left.
    expect(await storage.increment(k, 60_000, 2, 30_000, 'ip')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
  });

  it('blocks again while the window still holds too many hits, and starts at one hit once both have run out', async () => {
    // A 4 s window and a 1 s block: after 1.5 s the block is over and the window still holds
    // (2.5 s to spare for a busy machine); after 5.5 s both are over.
    const storage = new RedisThrottlerStorage(redis);
    const k = key();
    await storage.increment(k, 4_000, 1, 1_000, 'ip');
    expect((await storage.increment(k, 4_000, 1, 1_000, 'ip')).isBlocked).toBe(true);
    await sleep(1_500);
    expect(await storage.increment(k, 4_000, 1, 1_000, 'ip')).toMatchObject({ totalHits: 3, isBlocked: true });
    await sleep(4_000);
    expect(await storage.increment(k, 4_000, 1, 1_000, 'ip')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps one count per throttler name, shared by every client of the same Redis', async () => {
    const a = new RedisThrottlerStorage(redis);
    const b = new RedisThrottlerStorage(other);
    const k = key();
    await a.increment(k, 60_000, 5, 1_000, 'ip');
    expect((await b.increment(k, 60_000, 5, 1_000, 'ip')).totalHits).toBe(2);
    expect((await b.increment(k, 60_000, 5, 1_000, 'account')).totalHits).toBe(1);
    expect(await redis.exists(`{${k}:ip}:hits`)).toBe(1);
  });
});
