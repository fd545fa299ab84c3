import type { WorkerHost } from '@nestjs/bullmq';
import type { Type } from '@nestjs/common';
import { RecipientDirectoryModule } from '@app/auth';
import {
  APPLICATION_REVIEW_KIND,
  ESCROW_TOP_UP_KIND,
  EscrowModule,
  LICENSE_EXPIRY_KIND,
  LICENSE_RENEWAL_REMINDER_KIND,
  LICENSE_SUSPENSION_END_KIND,
  LicensingModule,
  RENEWAL_DECISION_KIND,
} from '@app/agencies';
import {
  AuditCheckpointModule,
  AuditCheckpointWriter,
  AuditPartitionsJob,
  AuditPartitionsModule,
  AuditVerificationJob,
  AuditVerificationModule,
} from '@app/audit';
import type { JobHandlers, PeriodicWork } from '@app/common';
import { COMPLAINT_DEADLINES, ComplaintsModule } from '@app/complaints';
import { DEADLINES_QUEUE, DeadlineJob, DeadlinesProcessor, DeadlinesRuntime, DeadlinesWorkerModule } from '@app/deadlines';
import { DomainEventRelay, EventsWorkerModule } from '@app/events';
import { FeesModule, REFUND_PAYMENT_KIND } from '@app/fees';
import { NOTIFICATIONS_QUEUE, NOTIFICATION_JOBS, NotificationsProcessor, NotificationsRelayScheduler, NotificationsWorkerModule } from '@app/notifications';
import { WELFARE_DECISION_KIND, WelfareModule } from '@app/welfare';
import { AgencyRankingChangesModule, AgencyRankingChangesPrune } from './agency-ranking-changes';
import { AssignmentDigestModule, AssignmentDigestTicker } from './assignment-digest';
import { DocumentsMaintenanceModule, OrphanDocumentSweep } from './documents-maintenance';
import { RoutineInspectionsModule, RoutineInspectionsTicker } from './routine-inspections';

/**
 * What the worker runs, in one place: every BullMQ queue it consumes (its processor and every job
 * name the queue carries), every deadline kind a `fire` job can carry, every PeriodicWork and the
 * loops with timers of their own, and the modules that provide them. At start-up
 * (WorkerStartupCheck) the worker refuses to run when one of them is missing, has no handler for
 * a job name or a deadline kind, or runs without being declared here.
 * Model: novu's worker-init.config.ts (one list of the workers), immich's job.repository.ts
 * (a handler for every job name, checked at start-up).
 */

/** A BullMQ queue the worker consumes: its processor and every job name the queue carries. */
export interface WorkerQueue {
  queue: string;
  processor: Type<WorkerHost & JobHandlers>;
  jobs: readonly string[];
}

export const WORKER_QUEUES: readonly WorkerQueue[] = [
  // Fires one level of one deadline; each deadline's kind needs its handler (WORKER_DEADLINE_KINDS).
  { queue: DEADLINES_QUEUE, processor: DeadlinesProcessor, jobs: Object.values(DeadlineJob) },
  // The outbox relay's tick and the outbox maintenance (repeatable jobs, upserted by NotificationsRelayScheduler).
  { queue: NOTIFICATIONS_QUEUE, processor: NotificationsProcessor, jobs: Object.values(NOTIFICATION_JOBS) },
];

/** Every deadline kind the product starts: a `fire` job can carry any of them, and each needs its handler. */
export const WORKER_DEADLINE_KINDS: readonly string[] = [
  ...Object.values(COMPLAINT_DEADLINES),
  LICENSE_EXPIRY_KIND,
  LICENSE_SUSPENSION_END_KIND,
  LICENSE_RENEWAL_REMINDER_KIND,
  APPLICATION_REVIEW_KIND,
  RENEWAL_DECISION_KIND,
  ESCROW_TOP_UP_KIND,
  REFUND_PAYMENT_KIND,
  WELFARE_DECISION_KIND,
].sort();

/** Work on a timer, written with PeriodicWork (no overlapping runs, clean shutdown). */
export const WORKER_PERIODIC_WORK: readonly Type<PeriodicWork>[] = [
  AuditCheckpointWriter, // signed checkpoints of the audit chains
  AuditVerificationJob, // the audit chains verified from their last verified point, every 5 minutes
  AuditPartitionsJob, // audit_log's monthly partitions made three months ahead, at start and daily
  AssignmentDigestTicker, // inspectors' digests of newly assigned cases, every minute
  OrphanDocumentSweep, // stored files whose row never committed, hourly
  RoutineInspectionsTicker, // routine inspections of licensed agencies, hourly
  AgencyRankingChangesPrune, // what no kept per-agency ranking still needs deleted, every minute
];

/**
 * Loops with timers of their own, each with its reason: the deadline scheduler and sweep (they
 * must survive a Redis flush and sweep again when Redis comes back), the domain-event relay (it
 * polls again as soon as a drain ends), and the keeper of the notifications' repeatable jobs.
 */
export const WORKER_OWN_LOOPS: readonly Type[] = [DeadlinesRuntime, DomainEventRelay, NotificationsRelayScheduler];

/** The modules that provide all of the above (and the deadline handlers' domains). */
export const WORKER_FEATURE_MODULES: readonly Type[] = [
  DeadlinesWorkerModule,
  NotificationsWorkerModule,
  EventsWorkerModule,
  LicensingModule,
  RecipientDirectoryModule,
  EscrowModule,
  FeesModule,
  ComplaintsModule,
  WelfareModule,
  DocumentsMaintenanceModule,
  AssignmentDigestModule,
  RoutineInspectionsModule,
  AgencyRankingChangesModule,
  AuditCheckpointModule,
  AuditVerificationModule,
  AuditPartitionsModule,
];
