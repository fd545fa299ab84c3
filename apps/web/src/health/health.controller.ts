import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { ApiClientFactory } from '../api/api-client.factory';
import { ROUTES } from '../routes';
import { WEB_REDIS } from '../web.tokens';

const CHECK_TIMEOUT_MS = 1_500;

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/** Liveness and readiness of the web process (JSON, for probes and `npm start`). */
@Controller()
export class HealthController {
  constructor(
    @Inject(WEB_REDIS) private readonly redis: Redis,
    private readonly clients: ApiClientFactory,
  ) {}

  /** The process serves requests; says nothing of Redis or the API. */
  @Get(ROUTES.healthLive)
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when Redis (sessions) and the API answer; 503 names whichever does not. */
  @Get(ROUTES.healthReady)
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await within(fn(), CHECK_TIMEOUT_MS);
        return { status: 'up' as const };
      } catch (e) {
        return { status: 'down' as const, message: e instanceof Error ? e.message : String(e) };
      }
    };
    const [redis, api] = await Promise.all([
      check(() => this.redis.ping()),
      check(async () => {
        const { response } = await this.clients.bare().GET('/health/live');
        if (!response.ok) throw new Error(`answered ${response.status}`);
      }),
    ]);
    const ok = redis.status === 'up' && api.status === 'up';
    void reply
      .status(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'not-ready', checks: { redis, api } });
  }
}
