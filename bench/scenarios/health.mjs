/**
 * Readiness probe: the app's GET /health/ready (Nest + Terminus: `SELECT 1` through TypeORM's
 * pool and PING on the shared ioredis connection, run concurrently) against a bare Fastify
 * route doing the same two round trips. It exists to exercise the harness and to show the
 * framework's fixed cost per request; it has no throughput gate.
 */
export default {
  name: 'health',
  description: 'GET /health/ready: SELECT 1 on Postgres and PING on Redis, concurrently',
  path: '/health/ready',
  baseline: {
    path: '/health/ready',
    handler: async ({ pool, redis }) => {
      await Promise.all([pool.query('SELECT 1'), redis.ping()]);
      return { status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } };
    },
  },
  // Report only: a ratio or latency gate on the framework's fixed cost would only measure the machine.
  targets: { minRatio: null, maxP99Ms: null },
};
