import { Module } from '@nestjs/common';
import { ApplicationsModule, LicensingModule } from '@app/agencies';
import { AuditModule } from '@app/audit';
import { DocumentsModule } from '@app/documents';
import { ApplicationDocuments } from './application-documents.service';
import { AgencyApplicationsController, LicensingApplicationsController } from './applications.controller';
import { AgencyLicensingController } from './agency-licensing.controller';
import { AmendmentsController } from './amendments.controller';
import { BranchesController } from './branches.controller';
import { LicensesController } from './licenses.controller';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { PublicVerificationController } from './public-verification.controller';

@Module({
  imports: [LicensingModule, ApplicationsModule, DocumentsModule, AuditModule],
  controllers: [
    LicensesController,
    AmendmentsController,
    BranchesController,
    AgencyLicensingController,
    PublicVerificationController,
    AgencyApplicationsController,
    LicensingApplicationsController,
  ],
  providers: [PublicThrottleGuard, ApplicationDocuments],
})
export class LicensingHttpModule {}
