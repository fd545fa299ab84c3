export { ApplicationsModule } from './applications.module';
export { ApplicationsService, APPLICATION_OWNER_TYPE } from './applications.service';
export type { ApplicationDetailView, ApplicationEventView, ApplicationFilters, ApplicationMoveInput, ApplicationView, ChecklistItem } from './applications.service';
export { ApplicationRenewalStatus } from './application-renewal-status';
export { ClearanceSource, CLEARANCE_CHECKS } from './clearance';
export type { ClearanceContributor } from './clearance';
export type { ClearanceCheck, ClearanceCheckName, ClearanceView, OutstandingObligation } from './clearance';
export {
  APPLICATION_ACTIONS,
  APPLICATION_DOCUMENT_KINDS,
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  APPLICATION_TYPES,
  FINAL_APPLICATION_STATES,
  PENDING_APPLICATION_STATES,
  REQUIRED_APPLICATION_DOCUMENTS,
  allowedApplicationActions,
  decideApplication,
  findApplicationTransition,
} from './application-transitions';
export type { ApplicationAction, ApplicationDocumentKind, ApplicationState, ApplicationType, ApplicationTransition } from './application-transitions';
