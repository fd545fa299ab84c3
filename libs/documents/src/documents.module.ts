import { Module } from '@nestjs/common';
import { DocumentsService } from './documents.service';

/**
 * Uploaded files for every module: `DocumentsService` stores (in the caller's transaction),
 * lists and opens them. Needs the application's DataSource and ConfigService (both global).
 */
@Module({ providers: [DocumentsService], exports: [DocumentsService] })
export class DocumentsModule {}
