import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NOTIFICATIONS_QUEUE } from '../notifications.constants';
import { mailTransportProvider } from './mail-transport';
import { NotificationRelay } from './notification-relay';
import { NotificationsProcessor } from './notifications.processor';
import { OutboxMaintenance } from './outbox-maintenance';
import { NotificationsRelayScheduler } from './relay-scheduler';

/**
 * The mail relay, for the worker process only: the `notifications` queue, its processor, the
 * repeatable relay tick, the hourly outbox maintenance (seal, purge) and the SMTP transport. Needs BullModule.forRoot, DatabaseModule,
 * ConfigModule and ClockModule from the worker's root module. The API never imports this.
 */
@Module({
  imports: [BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE })],
  providers: [mailTransportProvider, NotificationRelay, OutboxMaintenance, NotificationsProcessor, NotificationsRelayScheduler],
  exports: [NotificationRelay, OutboxMaintenance, NotificationsRelayScheduler],
})
export class NotificationsWorkerModule {}
