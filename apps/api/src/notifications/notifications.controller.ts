import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, Page, PageOf } from '@app/common';
import { Roles, CurrentActor } from '@app/auth';
import { ListNotificationsQuery, NotificationDetail, NotificationMetrics, NotificationSummary, NotificationsAdmin } from '@app/notifications';
import { ApiProblems } from '../openapi/api-problems.decorator';

const NOTIFICATION_ID = ApiParam({ name: 'id', format: 'uuid', description: "The message's id." });

/** The outgoing-mail outbox, for admins: what waits, what went out, what failed, and resending. */
@ApiTags('admin: notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notifications')
export class NotificationsController {
  constructor(private readonly admin: NotificationsAdmin) {}

  /** Backlog, age of the oldest waiting message, failed messages, and messages sent in the last hour. */
  @Get('metrics')
  @ApiOperation({
    summary: "Read the outbox's health figures",
    description:
      'How many messages wait to be sent and how old the oldest of them is, how many failed and wait for an admin, and how many were sent in the ' +
      'last hour: a growing backlog or age means the relay or the SMTP server is stuck.',
  })
  @ApiOkResponse({ type: NotificationMetrics, description: "The outbox's figures, now." })
  metrics(): Promise<NotificationMetrics> {
    return this.admin.metrics();
  }

  /** Messages newest first, optionally in one state (`?state=failed`); masked addresses, without their template data. */
  @Get()
  @ApiOperation({
    summary: 'List outgoing messages',
    description:
      'Messages of the outbox, newest first, optionally in one state (`?state=failed` for what needs an admin); with masked addresses ' +
      '(`r***@w***.test`) and without their template data (read one message for those). Paginated with `page` and `pageSize`.',
  })
  @ApiOkResponse({ type: PageOf(NotificationSummary), description: 'One page of messages, newest first.' })
  list(@Query() query: ListNotificationsQuery): Promise<Page<NotificationSummary>> {
    return this.admin.list(query);
  }

  /** One message, with its address and the data its template is rendered from. Audited. */
  @Get(':id')
  @NOTIFICATION_ID
  @ApiOperation({
    summary: 'Read one outgoing message',
    description:
      'One message of the outbox, with its full address, its dedup key and the data its template is rendered from (personal data: the read is ' +
      "audited as `notification.viewed`). A sent message's address and data are purged after `NOTIFICATION_BODY_RETENTION_DAYS`: then both are null.",
  })
  @ApiOkResponse({ type: NotificationDetail, description: 'The message.' })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<NotificationDetail> {
    return this.admin.get(id, { actor: actor.auditActor, correlationId: actor.correlationId });
  }

  /** Puts a failed message back in the queue (attempts reset, due now). 409 for any other state. Audited. */
  @Post(':id/resend')
  @HttpCode(200)
  @NOTIFICATION_ID
  @ApiOperation({
    summary: 'Resend a failed message',
    description:
      "Puts a failed message back in the queue: `pending`, attempts reset to 0, due now; the worker's relay sends it within seconds. Only a failed " +
      'message can be resent: a pending one is already queued and a sent one would be mailed twice, so any other state is a 409 ' +
      '`notification-not-failed` (its `state` member says which). Audited (`notification.resent`).',
  })
  @ApiOkResponse({ type: NotificationDetail, description: 'The message, pending again.' })
  @ApiProblems({ 400: ['bad-request'], 409: ['notification-not-failed'] })
  resend(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<NotificationDetail> {
    return this.admin.resend(id, { actor: actor.auditActor, correlationId: actor.correlationId });
  }
}
