import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS } from '@app/common';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  async pingCheck(key: string, timeoutMs = 1_500) {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    // A ping that loses the race must not reject later unobserved.
    const ping = this.redis.ping().then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e.message : 'unreachable'),
    );
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
    });
    const failure = await Promise.race([ping, timeout]);
    clearTimeout(timer);
    return failure === undefined ? indicator.up() : indicator.down({ message: failure });
  }
}
