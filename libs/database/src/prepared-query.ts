import { createHash } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

// One name per statement text, made from the text itself: no two texts can share a name, and
// callers need not invent one.
const names = new Map<string, string>();
const nameOf = (text: string): string => {
  let name = names.get(text);
  if (!name) names.set(text, (name = `lcs_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return name;
};

/**
 * `EntityManager.query` for the hot paths (filing a complaint: docs/benchmarks.md): the statement
 * is prepared once per connection, under a name made from its text, and then only bound and
 * executed, where a plain query is parsed and planned by Postgres at every call (for the filing's
 * statements, planning took longer than running them). Same rows, same errors (QueryFailedError,
 * so constraint-errors.ts reads them alike), logged alike (DATABASE_LOG_SQL).
 *
 * Only through a manager that holds one connection: a transaction's, or a query runner's taken for
 * a few statements in a row (filing a complaint reads, then writes in one statement that is its
 * own transaction); through the pool's manager it is a plain `query`. A statement prepared before
 * a migration changed its tables fails until the process restarts: migrate before starting the
 * processes, as `npm start` and the docs do.
 */
export async function preparedQuery<T>(m: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const runner = m.queryRunner as PostgresQueryRunner | undefined;
  if (!runner || runner.isReleased) return (await m.query(text, values)) as T[];
  const client = (await runner.connect()) as { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> };
  const logger = m.connection.logger;
  logger.logQuery(text, values, runner);
  try {
    return (await client.query({ name: nameOf(text), text, values })).rows;
  } catch (e) {
    logger.logQueryError(e as Error, text, values, runner);
    throw new QueryFailedError(text, values, e as Error);
  }
}
