import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DocumentsService } from './documents.service';

/**
 * Uploaded files for every module: `DocumentsService` stores (in the caller's transaction),
 * lists and opens them, and audits each upload. Needs the application's DataSource and ConfigService (both global).
 */
@Module({ imports: [AuditModule], providers: [DocumentsService], exports: [DocumentsService] })
export class DocumentsModule {}
