import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { NotificationsModule } from '@app/notifications';
import { EscrowHolds } from '../escrow/escrow-holds';
import { EscrowModule } from '../escrow/escrow.module';
import { AgencyFounding } from './agency-founding';
import { AgencyProfileService } from './agency-profile.service';
import { ApplicationRenewalStatus } from './applications/application-renewal-status';
import { ClearanceSource } from './applications/clearance';
import { AgencyHolds, RenewalStatus, ScorecardSource } from './extension-points';
import { LicenseNotices } from './license-notices';
import { ApplicationReviewDeadline, LicenseExpiryDeadline, LicenseSuspensionEndDeadline, RenewalDecisionDeadline } from './license-deadlines';
import { LicensingService } from './licensing.service';
import { LicenseRenewalReminderDeadline } from './renewal-reminders';
import { PublicAnswerCache } from './public-answer-cache';
import { PublicRegistryChanges } from './public-registry-changes';
import { PublicVerificationService } from './public-verification.service';

/**
 * Licensing for both processes: the services and the three deadline handlers (license.expiry,
 * license.suspension-end, license.renewal-reminder), which must be present wherever deadlines fire (the worker) and where
 * their default SLA policies are written (either). Needs Clock, ConfigService and the DataSource.
 *
 * Extension points: RenewalStatus is the renewal applications'; AgencyHolds is escrow's;
 * ScorecardSource and ClearanceSource are registries that other modules (fees: deployments and
 * refund orders; complaints: the rest) register with at start, so licensing never imports them.
 */
@Module({
  imports: [AuditModule, DeadlinesModule, EscrowModule, NotificationsModule],
  providers: [
    LicensingService,
    LicenseNotices,
    AgencyProfileService,
    AgencyFounding,
    PublicVerificationService,
    PublicAnswerCache,
    PublicRegistryChanges,
    LicenseExpiryDeadline,
    ApplicationReviewDeadline,
    RenewalDecisionDeadline,
    LicenseSuspensionEndDeadline,
    LicenseRenewalReminderDeadline,
    { provide: AgencyHolds, useExisting: EscrowHolds },
    { provide: RenewalStatus, useClass: ApplicationRenewalStatus },
    ScorecardSource,
    ClearanceSource,
  ],
  exports: [
    LicensingService,
    LicenseNotices,
    AgencyProfileService,
    AgencyFounding,
    PublicVerificationService,
    AgencyHolds,
    RenewalStatus,
    ScorecardSource,
    ClearanceSource,
  ],
})
export class LicensingModule {}
