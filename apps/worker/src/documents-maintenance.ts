import { Injectable, Module } from '@nestjs/common';
import { PeriodicWork } from '@app/common';
import { DocumentsModule, DocumentsService } from '@app/documents';

const EVERY_MS = 3_600_000;

type SweepResult = Awaited<ReturnType<DocumentsService['removeOrphans']>>;

/**
 * Removes stored files whose row never committed (a process or connection lost between writing
 * the file and COMMIT), hourly, for files older than an hour. Rolled-back transactions clean up
 * at once; this catches what a crash leaves behind.
 */
@Injectable()
export class OrphanDocumentSweep extends PeriodicWork<SweepResult> {
  readonly name = 'orphan document sweep';
  readonly everyMs = EVERY_MS;

  constructor(private readonly documents: DocumentsService) {
    super();
  }

  protected work(): Promise<SweepResult> {
    return this.documents.removeOrphans({ olderThanMs: EVERY_MS });
  }

  protected override describe(result: SweepResult): string | undefined {
    return result.removedFiles || result.removedTemp ? `removed ${JSON.stringify(result)}` : undefined;
  }
}

@Module({ imports: [DocumentsModule], providers: [OrphanDocumentSweep] })
export class DocumentsMaintenanceModule {}
