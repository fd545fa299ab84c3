import { BeforeApplicationShutdown, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DocumentsModule, DocumentsService } from '@app/documents';

const EVERY_MS = 3_600_000;

/**
 * Removes stored files whose row never committed (a process or connection lost between writing
 * the file and COMMIT), hourly, for files older than an hour. Rolled-back transactions clean up
 * at once; this catches what a crash leaves behind.
 */
@Injectable()
class OrphanDocumentSweep implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly documents: DocumentsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.run().finally(() => (this.running = undefined));
    }, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Shutdown waits for a sweep in progress, while the database pool is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.running;
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
