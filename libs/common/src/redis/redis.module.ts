import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { ConfigService } from '../config';
import { redisOptionsFromUrl } from './redis.options';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * A shared connection for short commands (health, rate limits). It fails fast instead of
 * queueing while Redis is down, so callers see the outage at once; it reconnects by itself.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        new Redis(
          redisOptionsFromUrl(config.get('redis').REDIS_URL, {
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            connectTimeout: 3_000,
            retryStrategy: (times) => Math.min(times * 200, 2_000),
          }),
        ),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
