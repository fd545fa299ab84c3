import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@app/audit';
import { NotificationsModule } from '@app/notifications';
import { CalendarsService } from './calendars/calendars.service';
import { JurisdictionsService } from './calendars/jurisdictions.service';
import { DeadlineMetricsService } from './engine/deadline-metrics.service';
import { DeadlineService } from './engine/deadline.service';
import { DeadlinesProcessor } from './engine/deadlines.processor';
import { DEADLINES_QUEUE } from './engine/deadlines.queue';
import { DeadlinesRuntime } from './engine/deadlines-runtime.service';
import { FiringInProgress } from './engine/firing-in-progress';
import { FiringService } from './engine/firing.service';
import { SubjectLocks } from './engine/subject-locks';
import { SchedulerService } from './engine/scheduler.service';
import { DeadlineHandlerRegistry } from './handlers/handler-registry';
import { PoliciesService } from './policies/policies.service';

/** Writes missing default SLA policies at start-up, in whichever process starts first. */
@Injectable()
class PolicyDefaults implements OnApplicationBootstrap {
  constructor(private readonly policies: PoliciesService) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.policies.ensureDefaults();
  }
}

const shared = [
  DeadlineHandlerRegistry,
  PoliciesService,
  CalendarsService,
  JurisdictionsService,
  DeadlineService,
  DeadlineMetricsService,
  FiringInProgress,
  SubjectLocks,
];

/**
 * Deadlines for both processes: domain modules start, meet, pause, resume and cancel deadlines
 * through DeadlineService, in their own transactions. No Redis here.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [...shared, PolicyDefaults],
  exports: shared,
})
export class DeadlinesModule {}

/**
 * The worker's part: the scheduler, the sweep and the queue's processor. Needs the app to
 * provide the `RecipientDirectory` (RecipientDirectoryModule, libs/auth: the engine's mail is addressed to accounts) and BullMQ's root connection.
 */
@Module({
  // The shared providers come from DeadlinesModule: one registry and one policy service per
  // process, however many domain modules import DeadlinesModule too.
  imports: [DeadlinesModule, AuditModule, NotificationsModule, BullModule.registerQueue({ name: DEADLINES_QUEUE })],
  providers: [FiringService, SchedulerService, DeadlinesProcessor, DeadlinesRuntime],
  exports: [DeadlinesModule, FiringService, SchedulerService],
})
export class DeadlinesWorkerModule {}
