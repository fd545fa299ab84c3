#!/usr/bin/env node
/**
 * The baseline for `npm run bench`: a bare Fastify + pg (+ ioredis) server that does, for each
 * route a scenario declares under `baseline`, the same database/Redis work as the application
 * and nothing else (no Nest, no validation, no logging, no problem+json, no auth).
 *
 *   node bench/baseline-server.mjs bench/scenarios/health.mjs [more scenario files...]
 *
 * It listens on 127.0.0.1 on a free port (or BASELINE_PORT) and, once listening, prints one line
 * of JSON on stdout: {"port": 41234}. run.mjs reads that line. SIGTERM/SIGINT close it cleanly.
 *
 * Environment (same names and defaults as the application):
 *   DATABASE_URL        postgres://postgres@127.0.0.1:5432/labour_cases
 *   DATABASE_POOL_SIZE  10   (the app's default pool size, so both have the same concurrency to pg)
 *   REDIS_URL           redis://127.0.0.1:6379   (only connected if a route uses ctx.redis)
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import Redis from 'ioredis';

const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/labour_cases';
const DATABASE_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE || 10);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/baseline-server.mjs <scenario file> [...]');
  process.exit(2);
}

// Same pool settings as the app (libs/database/src/data-source.options.ts).
const pool = new pg.Pool({
  connectionString: DATABASE_URL,
  max: DATABASE_POOL_SIZE,
  connectionTimeoutMillis: 3_000,
  idleTimeoutMillis: 30_000,
  application_name: 'labour-case-system-bench-baseline',
});
pool.on('error', (e) => console.error(`[baseline] idle pg client error: ${e.message}`));

let redis;
/** What a baseline handler gets: the pool, and a Redis client made on first use. */
const ctx = {
  pool,
  get redis() {
    // Same fail-fast options as the app's shared connection (libs/common/src/redis/redis.module.ts).
    redis ??= new Redis(REDIS_URL, {
      enableOfflineQueue: true, // first command may arrive before the connection is up
      maxRetriesPerRequest: 1,
      connectTimeout: 3_000,
    });
    return redis;
  },
};

const app = Fastify({ logger: false });

for (const file of files) {
  const { default: scenario } = await import(pathToFileURL(resolve(file)).href);
  const routes = [scenario.baseline].flat().filter(Boolean);
  for (const route of routes) {
    const url = route.path ?? scenario.path;
    if (typeof url !== 'string') throw new Error(`${file}: baseline route needs a path (or the scenario a path)`);
    app.route({ method: route.method ?? scenario.method ?? 'GET', url, handler: makeHandler(route, file) });
  }
}

function makeHandler(route, file) {
  if (typeof route.handler === 'function') {
    return (request, reply) => route.handler(ctx, request, reply);
  }
  if (typeof route.sql === 'string') {
    const params = route.params ?? (() => []);
    const respond = route.respond ?? ((rows) => rows);
    // pool.query(text, values), exactly how TypeORM's postgres driver sends a query.
    return async (request, reply) => {
      const { rows } = await pool.query(route.sql, params(request));
      return respond(rows, reply, request);
    };
  }
  throw new Error(`${file}: a baseline route needs handler(ctx, request, reply) or sql (+ params, respond)`);
}

async function close() {
  await app.close().catch(() => {});
  await pool.end().catch(() => {});
  if (redis) await redis.quit().catch(() => redis.disconnect());
  process.exit(0);
}
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ host: '127.0.0.1', port: Number(process.env.BASELINE_PORT || 0) });
process.stdout.write(JSON.stringify({ port: app.server.address().port }) + '\n');
