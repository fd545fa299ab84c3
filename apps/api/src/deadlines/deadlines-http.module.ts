import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { DeadlineMetricsController } from './deadline-metrics.controller';
import { DeadlineSettings } from './deadline-settings.service';
import { JurisdictionsController } from './jurisdictions.controller';
import { SlaPoliciesController } from './sla-policies.controller';

@Module({
  imports: [DeadlinesModule, AuditModule],
  controllers: [SlaPoliciesController, JurisdictionsController, DeadlineMetricsController],
  providers: [DeadlineSettings],
})
export class DeadlinesHttpModule {}
