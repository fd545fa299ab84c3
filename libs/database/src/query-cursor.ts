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
 * must `close()` it.
 */
export class QueryCursor<R> implements AsyncIterable<R[]> {
  private closed = false;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly batchSize: number,
    /** The first batch (fewer than batchSize rows: the last one too). */
    readonly first: R[],
  ) {}

  static async open<R>(db: DataSource, sql: string, params: unknown[], batchSize = 500): Promise<QueryCursor<R>> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    const runner = db.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      await runner.query('SET TRANSACTION READ ONLY');
      // The whole result is read: the plan for all rows, not the planner's fast start for a cursor's first tenth.
      await runner.query('SET LOCAL cursor_tuple_fraction = 1.0');
      await runner.query(`DECLARE lcs_cursor NO SCROLL CURSOR FOR ${sql}`, params);
      const first = (await runner.query(`FETCH ${batchSize} FROM lcs_cursor`)) as R[];
      return new QueryCursor<R>(runner, batchSize, first);
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
        batch = (await this.runner.query(`FETCH ${this.batchSize} FROM lcs_cursor`)) as R[];
      }
    } finally {
      await this.close();
    }
  }

  /** Ends the read-only transaction (closing the cursor) and gives the connection back; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await end(this.runner);
  }
}

async function end(runner: QueryRunner): Promise<void> {
  try {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
  } finally {
    if (!runner.isReleased) await runner.release();
  }
}
