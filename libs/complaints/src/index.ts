export * from './entities';
export * from './penalties';
export { ComplaintsModule } from './complaints.module';
export * from './lifecycle/complaint-transitions';
export * from './lifecycle/fine-transitions';
export { ComplaintIntake, complaintIntakeChain } from './intake/complaint-intake.service';
export type { AllegationInput, FileComplaintInput, FiledComplaint, IntakeContext } from './intake/complaint-intake.service';
export { canonicalReference, formatComplaintReference } from './intake/references';
export { ComplaintLifecycle } from './cases/complaint-lifecycle.service';
export { COMPLAINT_SUBJECT } from './deadlines/complaint-deadline-kinds';
export type { ActInput, LifecycleActor } from './cases/complaint-lifecycle.service';
export { caseActor, complainantActor, inspectionActor } from './cases/case-actors';
export type { FindingInput } from './cases/sanction-effects';
export { ComplaintCases } from './cases/complaint-cases.service';
export { AssignmentDigest, DIGEST_LIST_MAX, caseList } from './cases/assignment-digest';
export type { DigestRun } from './cases/assignment-digest';
export { Fines, FineView, assertFineDeclarable } from './cases/fines.service';
export {
  COMPLIANCE_DECLARED,
  COMPLIANCE_STATEMENT_MAX,
  CaseNotSettledException,
  ComplianceAlreadyDeclaredException,
  ComplianceDeclarations,
} from './cases/compliance-declarations.service';
export type { DeclarationActor } from './cases/compliance-declarations.service';
export { DEADLINE_STATES, DUE_SOON_HOURS, InspectorWorkloadView, QueueItem, QueuePage } from './cases/complaint-cases.service';
export type { DeadlineState, QueueFilter } from './cases/complaint-cases.service';
export { QUEUE_SORTS, SORT_ORDERS } from './cases/queue-order';
export type { QueueSort, SortOrder } from './cases/queue-order';
export {
  AgencyComplaintView,
  AllegationSanctionView,
  AllegationView,
  ComplainantView,
  ComplianceDeclarationView,
  ComplaintViewBase,
  DeadlineSummary,
  DecidedSanctionView,
  FeeCheckProblemView,
  FeeCheckView,
  FeeCheckViolationView,
  HearingView,
  LinkedCaseView,
  NextStepView,
  SanctionBasisView,
  SettlementAmountView,
  SettlementView,
  StaffComplaintView,
  TIMELINE_KINDS,
  TimelineEntry,
  WorkerComplaintListItem,
  WorkerComplaintView,
} from './cases/complaint-views';
export type { DecidedSanction } from './cases/sanction-effects';
export { COMPLAINT_DEADLINES } from './deadlines/complaint-deadline-kinds';
export * from './evidence';
export { PenaltySchedules, PenaltyScheduleView, SeriousFineView, SuspensionStepView } from './penalties/penalty-schedules.service';
export type { NewPenaltySchedule } from './penalties/penalty-schedules.service';
export { SanctionProposalView } from './cases/complaint-views';
export { AgencyInspectionView, ChecklistResultView, InspectionFindingView, InspectionView, InspectionsService } from './inspections/inspections.service';
export type { InspectionActInput, InspectionActorContext } from './inspections/inspections.service';
export * from './inspections/inspection-transitions';
