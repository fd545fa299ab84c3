export { LicensingModule } from './licensing.module';
export { LicensingSeedModule, DemoLicensingSeeder, DEMO_LICENSED } from './demo-licensing.seeder';
export {
  LicensingService,
  LICENSE_EXPIRY_KIND,
  LICENSE_SUSPENSION_END_KIND,
  StaleVersionException,
  endOfDate,
  LICENSE_EVENT_ACTIONS,
  LicenseDetailView,
  LicenseEventView,
  LicenseView,
  PLACEMENT_REFUSALS,
  PlacementEligibility,
} from './licensing.service';
export type { LicenseFilters, PlacementRefusal, TransitionInput } from './licensing.service';
export {
  AgencyLegalIdentity,
  AgencyMatchView,
  AgencyProfileService,
  AgencyProfileView,
  AmendmentView,
  BranchReviewView,
  BranchView,
} from './agency-profile.service';
export type { ContactUpdate } from './agency-profile.service';
export { AgencyFounding, AgencyDisqualifiedException, revocationsWithin } from './agency-founding';
export type { AgencyFoundingInput } from './agency-founding';
export {
  PublicAgencySearchView,
  PublicAgencyView,
  PublicBranchView,
  PublicLicenseListView,
  PublicLicenseView,
  PublicRevocationView,
  PublicSuspensionView,
  PublicVerificationService,
} from './public-verification.service';
export { AgencyHolds, NoAgencyHolds, RenewalStatus, NoRenewalPending, Scorecard, ScorecardSource, EMPTY_SCORECARD } from './extension-points';
export type { ScorecardContributor } from './extension-points';
export { AMENDMENT_ACTIONS, AMENDMENT_LIFECYCLE, AMENDMENT_TRANSITIONS } from './amendment-transitions';
export type { AmendmentAction, AmendmentTransition } from './amendment-transitions';
export { BRANCH_ACTIONS, BRANCH_LIFECYCLE, BRANCH_TRANSITIONS } from './branch-transitions';
export type { BranchAction, BranchTransition } from './branch-transitions';
export { LICENSE_ACTIONS, LICENSE_LIFECYCLE, LICENSE_TRANSITIONS, FINAL_LICENSE_STATES, humanActions } from './license-transitions';
export type { LicenseAction, LicenseActor, LicenseEffects, LicenseGuardContext, LicenseTransition } from './license-transitions';
export { dammCheckDigit, dammValid, formatLicenseNumber, isValidLicenseNumber, normaliseLicenseNumber } from './license-number';
export { systemActor, auditActorOf } from './licensing-actor';
export { shareLockLiveLicense } from './live-license-lock';
export type { LicensingActor } from './licensing-actor';
export { License, LICENSE_STATES, LICENSE_TYPES } from './entities/license.entity';
export type { LicenseState, LicenseType } from './entities/license.entity';
export { LicenseEvent } from './entities/license-event.entity';
export { AgencyCapital, AgencyOfficer, AgencyOwner, AgencyProfile } from './entities/agency-profile.entity';
export { AgencyBranch, BRANCH_STATES } from './entities/agency-branch.entity';
export type { BranchState } from './entities/agency-branch.entity';
export { AgencyAmendment, AMENDMENT_STATES, AmendmentChanges } from './entities/agency-amendment.entity';
export type { AmendmentState } from './entities/agency-amendment.entity';
export * from './applications';
export { LicenseApplication } from './entities/license-application.entity';
export { LicenseApplicationEvent } from './entities/license-application-event.entity';
export { LICENSE_RENEWAL_REMINDER_KIND, LicenseRenewalReminderDeadline, renewalReminderDays } from './renewal-reminders';
export { APPLICATION_REVIEW_KIND, RENEWAL_DECISION_KIND } from './license-deadlines';
export { licenseTypeFor, disqualificationsOf, personKey } from './license-type-rule';
export type { LicenseTypeDecision, Disqualification, RevocationRecord } from './license-type-rule';
