import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page } from '@app/common';
import { Actor, ActorContext, Roles } from '@app/auth';
import { ListNotificationsQuery, NotificationDetail, NotificationMetrics, NotificationSummary, NotificationsAdmin } from '@app/notifications';

/** The outgoing-mail outbox, for admins: what waits, what went out, what failed, and resending. */
@ApiTags('admin: notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notifications')
export class NotificationsController {
  constructor(private readonly admin: NotificationsAdmin) {}

  /** Backlog, age of the oldest waiting message, failed messages, and messages sent in the last hour. */
  @Get('metrics')
  metrics(): Promise<NotificationMetrics> {
    return this.admin.metrics();
  }

  /** Messages newest first, optionally in one state (`?state=failed`); without their template data. */
  @Get()
  list(@Query() query: ListNotificationsQuery): Promise<Page<NotificationSummary>> {
    return this.admin.list(query);
  }

  /** One message, with the data its template is rendered from. */
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<NotificationDetail> {
    return this.admin.get(id);
  }

  /** Puts a failed message back in the queue (attempts reset, due now). 409 for any other state. Audited. */
  @Post(':id/resend')
  @HttpCode(200)
  resend(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<NotificationDetail> {
    return this.admin.resend(id, { actor: { id: actor.user!.id, role: 'admin' }, correlationId: actor.correlationId });
  }
}
