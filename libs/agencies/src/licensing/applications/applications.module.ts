import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DocumentsModule } from '@app/documents';
import { EscrowModule } from '../../escrow/escrow.module';
import { LicensingModule } from '../licensing.module';
import { ApplicationsService } from './applications.service';
import { ClearanceSource, NoOutstandingObligations } from './clearance';

/**
 * License applications and renewals (the API process). RenewalStatus, which the license.expiry
 * deadline asks, is provided by LicensingModule itself (ApplicationRenewalStatus), so the worker
 * needs nothing from here. ClearanceSource answers "nothing owed" until fines and refund orders land.
 */
@Module({
  imports: [AuditModule, DocumentsModule, EscrowModule, LicensingModule],
  providers: [ApplicationsService, { provide: ClearanceSource, useClass: NoOutstandingObligations }],
  exports: [ApplicationsService, ClearanceSource],
})
export class ApplicationsModule {}
