import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { DocumentsModule } from '@app/documents';
import { EscrowModule } from '../../escrow/escrow.module';
import { LicensingModule } from '../licensing.module';
import { ApplicationsService } from './applications.service';

/**
 * License applications and renewals (the API process). RenewalStatus, which the license.expiry
 * deadline asks, is provided by LicensingModule itself (ApplicationRenewalStatus), so the worker
 * needs nothing from here. ClearanceSource (unpaid fines, open refund orders) comes from LicensingModule, where the modules that know them register.
 */
@Module({
  imports: [AuditModule, DeadlinesModule, DocumentsModule, EscrowModule, LicensingModule],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
