import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '@app/common';
import type { DependencyCheck } from './health.views';

/** How long each dependency has to answer the readiness probe. */
export const READINESS_TIMEOUT_MS = 1_500;

/** The driver's pool under TypeORM (what its query runners wrap): one round trip, no query runner. */
interface PgPool {
  query(text: string): Promise<unknown>;
}

/**
 * The readiness probe's two round trips, run at once: `SELECT 1` on the database pool and `PING`
 * on the shared Redis connection, each within READINESS_TIMEOUT_MS. Straight on the clients, as
 * the probe is called every few seconds by every load balancer: no health framework, no query
 * runner, no per-check objects (Terminus cost three quarters of the route's throughput).
 */
@Injectable()
export class Readiness {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<{ database: DependencyCheck; redis: DependencyCheck }> {
    const pool = (this.db.driver as unknown as { master: PgPool }).master;
    const [database, redis] = await Promise.all([within(() => pool.query('SELECT 1')), within(() => this.redis.ping())]);
    return { database, redis };
  }
}

/** `up` when `ping` settles within the time, else `down` with why; never rejects, even later. */
async function within(ping: () => Promise<unknown>): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  const answered = ping().then(
    () => undefined,
    (e: unknown) => (e instanceof Error && e.message ? e.message : 'unreachable'),
  );
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${READINESS_TIMEOUT_MS} ms`), READINESS_TIMEOUT_MS);
  });
  const failure = await Promise.race([answered, late]);
  clearTimeout(timer);
  return failure === undefined ? { status: 'up' } : { status: 'down', message: failure };
}
