import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DocumentsModule } from '@app/documents';
import { AgencyDocumentsController } from './agency-documents.controller';
import { LicensingDocumentsController } from './licensing-documents.controller';

@Module({
  imports: [DocumentsModule, AuditModule],
  controllers: [AgencyDocumentsController, LicensingDocumentsController],
})
export class DocumentsHttpModule {}
