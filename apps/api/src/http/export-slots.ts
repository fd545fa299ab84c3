import { Global, Injectable, Module, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ConfigService, CsvColumn, DomainException } from '@app/common';
import { csvStream } from './report-query';

/** Seconds a download refused for want of a slot is told to wait (a download at national scale takes about a second; docs/benchmarks.md). */
export const EXPORT_BUSY_RETRY_AFTER_SECONDS = 5;

/** 503: this process streams as many downloads as it may at once (DATABASE_EXPORT_STREAMS); nothing was done. */
export class ExportsBusyException extends DomainException {
  constructor(max: number) {
    super(
      'service-unavailable',
      503,
      'Service unavailable',
      `This instance is already streaming ${max} download${max === 1 ? '' : 's'}, the most it streams at once; nothing was done. Try again in ${EXPORT_BUSY_RETRY_AFTER_SECONDS} seconds.`,
      { retryAfter: EXPORT_BUSY_RETRY_AFTER_SECONDS },
    );
  }
}

/** Rows read through a database cursor (QueryCursor), as the reports' `…Rows` methods open them. */
export interface OpenedRows<H, T> {
  header: H;
  rows: AsyncIterable<readonly T[]>;
  close: () => Promise<void>;
}

/**
 * The process's cap on streamed CSV downloads (issue 23). A streamed download holds a pooled
 * database connection (its cursor's read-only transaction) while the client reads, so with no cap
 * enough slow downloads would take every connection of the pool and every other request would wait
 * for one (then 503 after the pool's wait). A download takes a slot before its cursor opens, or is
 * refused at once with 503 `service-unavailable` and Retry-After; the slot is given back when its
 * stream closes: read to the end, failed, or destroyed because the client went away (and when the
 * cursor fails to open). At most DATABASE_EXPORT_STREAMS slots, and never more than
 * DATABASE_POOL_SIZE − 2, so that two connections are always left to the other requests.
 * Per process: each API instance has its own pool and its own slots.
 */
@Injectable()
export class ExportSlots {
  /** How many downloads may stream at once. */
  readonly max: number;
  private held = 0;

  constructor(config: ConfigService) {
    const db = config.get('database');
    this.max = Math.max(1, Math.min(db.DATABASE_EXPORT_STREAMS, db.DATABASE_POOL_SIZE - 2));
  }

  /** Downloads streaming now. */
  get inUse(): number {
    return this.held;
  }

  /**
   * Takes a slot and gives back the function that releases it (once, however often called); with
   * none free, throws ExportsBusyException (503; its `retryAfter` becomes the Retry-After header).
   */
  take(): () => void {
    if (this.held >= this.max) throw new ExportsBusyException(this.max);
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
    };
  }

  /**
   * Sends the rows `open` reads as a CSV download (csvStream: chunked, as the client reads) named
   * `filename(header)`, holding a slot from before the cursor opens until the stream closes. A
   * refusal (no slot) or a failure to open the rows is thrown before anything is sent: the route
   * answers problem+json.
   */
  async csv<H, T>(
    reply: FastifyReply,
    open: () => Promise<OpenedRows<H, T>>,
    filename: (header: H) => string,
    columns: readonly CsvColumn<T>[],
  ): Promise<StreamableFile> {
    const release = this.take();
    let opened: OpenedRows<H, T>;
    try {
      opened = await open();
    } catch (e) {
      release();
      throw e;
    }
    return csvStream(reply, filename(opened.header), opened.rows, columns, async () => {
      try {
        await opened.close();
      } finally {
        release();
      }
    });
  }
}

/** One ExportSlots per process, for every module's report routes. */
@Global()
@Module({ providers: [ExportSlots], exports: [ExportSlots] })
export class ExportSlotsModule {}
