import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A query read in batches through a server-side cursor (issue 23: no route loads an unbounded
 * number of rows into the process): `DECLARE … NO SCROLL CURSOR`, then `FETCH <batch>` as the
 * reader asks, on a connection of its own, in a read-only transaction (one snapshot for the whole
 * read). Rows come as `DataSource.query` gives them.
 *
 * `open` declares the cursor and fetches the first batch, so an error of the query (or of a pool
 * that has no connection to give) is thrown before anything is sent: a route can still answer
 * problem+json. Iterating yields that batch, then the next ones, and closes the cursor at the end,
 * on an error, or when the reader stops (`return()` of the iterator: a stream destroyed because the
 * client went away). The connection is held while the rows are read: a reader that never starts
 * must `close()` it. A reader that stalls (a client that stops reading mid-download) holds it at
 * most `idleTimeoutMs` between two batches: the transaction sets Postgres's
 * `idle_in_transaction_session_timeout`, so the server ends the session, the next `FETCH` fails
 * (the download is cut) and the pool replaces the connection; a pool of ten is never drained by
 * ten stalled downloads for longer than that.
 */
/** How long a cursor's connection may wait for its reader between two batches (30 s: a batch of 500 report rows is tens of KB, seconds on a slow phone line). */
export const QUERY_CURSOR_IDLE_TIMEOUT_MS = 30_000;

export class QueryCursor<R> implements AsyncIterable<R[]> {
  private closed = false;
  private closing?: Promise<void>;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly batchSize: number,
    private readonly idleTimeoutMs: number,
    /** The first batch (fewer than batchSize rows: the last one too). */
    readonly first: R[],
  ) {}

  static async open<R>(db: DataSource, sql: string, params: unknown[], batchSize = 500, idleTimeoutMs = QUERY_CURSOR_IDLE_TIMEOUT_MS): Promise<QueryCursor<R>> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    if (!Number.isInteger(idleTimeoutMs) || idleTimeoutMs < 1) throw new RangeError(`idleTimeoutMs must be a positive integer, got ${idleTimeoutMs}`);
    const runner = db.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      await runner.query('SET TRANSACTION READ ONLY');
      await runner.query(`SET LOCAL idle_in_transaction_session_timeout = ${idleTimeoutMs}`);
      // The whole result is read: the plan for all rows, not the planner's fast start for a cursor's first tenth.
      await runner.query('SET LOCAL cursor_tuple_fraction = 1.0');
      await runner.query(`DECLARE lcs_cursor NO SCROLL CURSOR FOR ${sql}`, params);
      const first = (await runner.query(`FETCH ${batchSize} FROM lcs_cursor`)) as R[];
      return new QueryCursor<R>(runner, batchSize, idleTimeoutMs, first);
    } catch (e) {
      await end(runner);
      throw e;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<R[], void, undefined> {
    try {
      let batch = this.first;
      for (;;) {
        if (batch.length) yield batch;
        if (batch.length < this.batchSize || this.closed) return;
        // The server ended a session left idle past the timeout, and TypeORM gave the connection back with the error.
        if (this.runner.isReleased)
          throw new Error(`query cursor: its connection was closed (the reader left it idle for more than ${this.idleTimeoutMs} ms, or it failed)`);
        batch = (await this.runner.query(`FETCH ${this.batchSize} FROM lcs_cursor`)) as R[];
      }
    } finally {
      await this.close();
    }
  }

  /** Ends the read-only transaction (closing the cursor) and gives the connection back; idempotent: a second call waits for the first. */
  close(): Promise<void> {
    this.closed = true;
    return (this.closing ??= end(this.runner));
  }
}

async function end(runner: QueryRunner): Promise<void> {
  // Already given back: the connection failed (a session the server ended) and TypeORM released it with the error.
  if (runner.isReleased) return;
  try {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
  } finally {
    if (!runner.isReleased) await runner.release();
  }
}
