import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { NotificationsController } from './notifications.controller';

@Module({ imports: [NotificationsModule], controllers: [NotificationsController] })
export class NotificationsHttpModule {}
