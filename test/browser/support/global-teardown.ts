import Redis from 'ioredis';
import { Client } from 'pg';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../../support/env';
import { stopProcess } from './processes';

/** Stops the processes (web first), the SMTP server, then drops the run's database and Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const run = globalThis.__LCS_BROWSER_RUN__;
  if (!run) return;
  for (const name of ['web', 'api', 'worker']) {
    const proc = run.procs.find((p) => p.name === name);
    if (proc) await stopProcess(proc);
  }
  await run.smtp.stop();
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${run.databaseName}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.redisPrefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
