import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { EscrowHolds } from '../escrow/escrow-holds';
import { EscrowModule } from '../escrow/escrow.module';
import { AgencyProfileService } from './agency-profile.service';
import { AgencyHolds, EmptyScorecards, NoRenewalPending, RenewalStatus, ScorecardSource } from './extension-points';
import { LicenseExpiryDeadline, LicenseSuspensionEndDeadline } from './license-deadlines';
import { LicensingService } from './licensing.service';
import { PublicAnswerCache } from './public-answer-cache';
import { PublicVerificationService } from './public-verification.service';

/**
 * Licensing for both processes: the services and the two deadline handlers (license.expiry,
 * license.suspension-end), which must be present wherever deadlines fire (the worker) and where
 * their default SLA policies are written (either). Needs Clock, ConfigService and the DataSource.
 *
 * The three extension points answer "nothing" until their modules replace the lines below:
 * AgencyHolds (escrow), RenewalStatus (renewals), ScorecardSource (complaints, placements).
 */
@Module({
  imports: [AuditModule, DeadlinesModule, EscrowModule],
  providers: [
    LicensingService,
    AgencyProfileService,
    PublicVerificationService,
    PublicAnswerCache,
    LicenseExpiryDeadline,
    LicenseSuspensionEndDeadline,
    { provide: AgencyHolds, useExisting: EscrowHolds },
    { provide: RenewalStatus, useClass: NoRenewalPending },
    { provide: ScorecardSource, useClass: EmptyScorecards },
  ],
  exports: [LicensingService, AgencyProfileService, PublicVerificationService, AgencyHolds, RenewalStatus, ScorecardSource],
})
export class LicensingModule {}
