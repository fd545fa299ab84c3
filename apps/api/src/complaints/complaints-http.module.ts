import { Module } from '@nestjs/common';
import { ComplaintsModule } from '@app/complaints';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { AgencyComplaintsController, ComplaintsController, PublicComplaintsController, WorkerComplaintsController } from './complaints.controller';

@Module({
  imports: [ComplaintsModule],
  controllers: [PublicComplaintsController, WorkerComplaintsController, ComplaintsController, AgencyComplaintsController],
  providers: [PublicThrottleGuard],
})
export class ComplaintsHttpModule {}
