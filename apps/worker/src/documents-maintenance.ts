import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DocumentsModule, DocumentsService } from '@app/documents';

const EVERY_MS = 3_600_000;

/**
 * Removes stored files whose row never committed (a process or connection lost between writing
 * the file and COMMIT), hourly, for files older than an hour. Rolled-back transactions clean up
 * at once; this catches what a crash leaves behind.
 */
@Injectable()
class OrphanDocumentSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private timer?: NodeJS.Timeout;

  constructor(private readonly documents: DocumentsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      const result = await this.documents.removeOrphans({ olderThanMs: EVERY_MS });
      if (result.removedFiles || result.removedTemp) this.logger.warn(`orphan documents removed: ${JSON.stringify(result)}`);
    } catch (e) {
      this.logger.error(`orphan document sweep failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

@Module({ imports: [DocumentsModule], providers: [OrphanDocumentSweep] })
export class DocumentsMaintenanceModule {}
