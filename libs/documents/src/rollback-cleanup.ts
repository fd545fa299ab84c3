import { rm } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

const PENDING = 'lcs:documents:pending-files';

interface PendingFile {
  path: string;
  /** The transaction depth (1 = outermost, 2+ = savepoints) the file was committed at. */
  depth: number;
}

const depthOf = (qr: QueryRunner): number => (qr as unknown as { transactionDepth: number }).transactionDepth;
const pendingOf = (qr: QueryRunner): PendingFile[] => ((qr.data as Record<string, PendingFile[] | undefined>)[PENDING] ??= []);

/**
 * Removes files moved into place by a transaction that then rolls back, so the common failure
 * (the caller's transaction fails after the document was stored) leaves nothing behind.
 *
 * A TypeORM transaction subscriber: each file is remembered on the transaction's QueryRunner
 * with the savepoint depth it was written at; rolling back to a savepoint removes the files
 * written inside it, a final COMMIT forgets them. What this cannot see (the process dies, the
 * connection drops so ROLLBACK itself fails) is left to `DocumentsService.removeOrphans()`.
 */
export class RollbackFileCleanup implements EntitySubscriberInterface {
  private readonly logger = new Logger('Documents');

  /** Remembers a file that must disappear if the runner's current transaction rolls back. */
  static track(qr: QueryRunner, path: string): void {
    pendingOf(qr).push({ path, depth: depthOf(qr) });
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    const pending = (qr.data as Record<string, PendingFile[] | undefined>)[PENDING];
    if (!pending?.length) return;
    const depth = depthOf(qr);
    if (depth === 0) {
      pending.length = 0;
      return;
    }
    // A savepoint released: its files now belong to the enclosing level.
    for (const f of pending) if (f.depth > depth) f.depth = depth;
  }

  async afterTransactionRollback(event: TransactionRollbackEvent): Promise<void> {
    const qr = event.queryRunner;
    const pending = (qr.data as Record<string, PendingFile[] | undefined>)[PENDING];
    if (!pending?.length) return;
    const depth = depthOf(qr);
    const doomed = pending.filter((f) => f.depth > depth);
    const kept = pending.filter((f) => f.depth <= depth);
    pending.length = 0;
    pending.push(...kept);
    for (const f of doomed) {
      // Never let cleanup mask the error that caused the rollback: the sweep retries later.
      await rm(f.path, { force: true }).catch((err: unknown) => this.logger.warn({ err }, 'could not remove the file of a rolled-back document'));
    }
  }
}
