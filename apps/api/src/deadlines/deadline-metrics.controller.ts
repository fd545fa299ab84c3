import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { DeadlineMetrics, DeadlineMetricsService } from '@app/deadlines';
import { MetricsQuery } from './deadlines.dto';

@ApiTags('admin: deadlines')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('admin/deadlines')
export class DeadlineMetricsController {
  constructor(private readonly metrics: DeadlineMetricsService) {}

  /** Open deadlines by kind and state, how late levels fired (p50, p99), the sweep's repairs, what is overdue now. */
  @Get('metrics')
  @ApiOperation({
    summary: "Read the deadline engine's health figures",
    description:
      'Open deadlines by kind and state; how late levels (reminders, breaches, escalations) fired over the last `windowHours` (default 24): p50, p99 ' +
      'and max milliseconds after due; what the sweep repaired over the window (Redis resets, re-queued deadlines, levels it fired itself); and how ' +
      'many levels are overdue now. Mail backlog is at `GET /admin/notifications/metrics`.',
  })
  @ApiOkResponse({ type: DeadlineMetrics, description: 'The figures, now.' })
  get(@Query() query: MetricsQuery): Promise<DeadlineMetrics> {
    return this.metrics.metrics(query.windowHours ?? 24);
  }
}
