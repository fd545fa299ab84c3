import { appendFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * One query at a time on a connection. Two queries sent at once on one client (a `Promise.all`
 * over a transaction's manager, whose queries all go to the transaction's one connection) are
 * queued by pg 8 with a deprecation warning printed once per process, and refused by pg 9. In the
 * end-to-end tests each such query fails here, with the stack of the code that sent it, so every
 * place is found, not only the first. (Reads side by side belong on the pool: libs/database's
 * `readTogether` runs them in parallel there and one after another inside a transaction.)
 */
type Queryable = { _activeQuery: unknown; _queryQueue: unknown[]; pipeline?: boolean };
/**
 * TypeORM's own schema reading (the migration drift check of test/platform/migrations.e2e-spec.ts,
 * `npm run migration:check`) still reads a table's columns, constraints and user-defined types
 * side by side on one connection in 1.1.3, the latest release (`loadTables`; typeorm/typeorm#12055
 * tracks it upstream): TypeORM's to finish before pg 9, and tooling rather than the apps, so it is
 * let through.
 */
const TYPEORM_SCHEMA_READING = /RdbmsSchemaBuilder|PostgresQueryRunner\.(getTables|loadTables|getUserDefinedTypeName)/;
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Queryable, ...args: unknown[]) {
  if ((this._activeQuery || this._queryQueue.length > 0) && !this.pipeline) {
    const error = new Error('a query was sent on a connection already executing one (pg 9 refuses it): run the reads one after another');
    if (TYPEORM_SCHEMA_READING.test(error.stack ?? '')) return query.apply(this, args);
    if (process.env.LCS_OVERLAP_LOG) appendFileSync(process.env.LCS_OVERLAP_LOG, `${error.stack}\n----\n`);
    else throw error;
  }
  return query.apply(this, args);
} as typeof Client.prototype.query;
