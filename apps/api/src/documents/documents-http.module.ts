import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DocumentsModule } from '@app/documents';
import { AgencyDocumentsController } from './agency-documents.controller';
import { AgencyLibrary } from './agency-library.service';
import { LicensingDocumentsController } from './licensing-documents.controller';

@Module({
  imports: [DocumentsModule, AuditModule],
  controllers: [AgencyDocumentsController, LicensingDocumentsController],
  providers: [AgencyLibrary],
})
export class DocumentsHttpModule {}
