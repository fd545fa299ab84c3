export { ApplicationsModule } from './applications.module';
export {
  APPLICATION_EVENT_ACTIONS,
  APPLICATION_OWNER_TYPE,
  ApplicationDetailView,
  ApplicationEventDetails,
  ApplicationEventView,
  ApplicationView,
  ApplicationsService,
  ChecklistItem,
} from './applications.service';
export type { ApplicationFilters, ApplicationMoveInput } from './applications.service';
export { ApplicationRenewalStatus } from './application-renewal-status';
export { ClearanceCheck, ClearanceSource, ClearanceView, CLEARANCE_CHECKS, OpenCase } from './clearance';
export type { ClearanceContributor } from './clearance';
export type { ClearanceCheckName, OutstandingObligation } from './clearance';
export {
  APPLICATION_ACTIONS,
  APPLICATION_DOCUMENT_KINDS,
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  APPLICATION_TYPES,
  FINAL_APPLICATION_STATES,
  PENDING_APPLICATION_STATES,
  REQUIRED_APPLICATION_DOCUMENTS,
  APPLICATION_LIFECYCLE,
  allowedApplicationActions,
} from './application-transitions';
export type {
  ApplicationAction,
  ApplicationDocumentKind,
  ApplicationEffects,
  ApplicationState,
  ApplicationType,
  ApplicationTransition,
} from './application-transitions';
