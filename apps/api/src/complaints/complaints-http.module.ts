import { Module } from '@nestjs/common';
import { ComplaintsModule } from '@app/complaints';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { ComplaintReportsController } from './complaint-reports.controller';
import { AgencyComplaintsController, ComplaintsController, FinesController, PublicComplaintsController, WorkerComplaintsController } from './complaints.controller';

@Module({
  imports: [ComplaintsModule],
  controllers: [PublicComplaintsController, WorkerComplaintsController, ComplaintsController, AgencyComplaintsController, FinesController, ComplaintReportsController],
  providers: [PublicThrottleGuard],
})
export class ComplaintsHttpModule {}
