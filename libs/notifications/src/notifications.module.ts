import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { NotificationsAdmin } from './notifications-admin.service';
import { Notifications } from './notifications.service';

/**
 * For both processes: `Notifications` (enqueue in the caller's transaction) and
 * `NotificationsAdmin`. Nothing here sends mail or touches Redis; the worker adds
 * `NotificationsWorkerModule` for that. Needs DatabaseModule and ClockModule.
 */
@Module({ imports: [AuditModule], providers: [Notifications, NotificationsAdmin], exports: [Notifications, NotificationsAdmin] })
export class NotificationsModule {}
