import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  get(@Query() query: MetricsQuery): Promise<DeadlineMetrics> {
    return this.metrics.metrics(query.windowHours ?? 24);
  }
}
