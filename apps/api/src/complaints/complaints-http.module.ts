import { Module } from '@nestjs/common';
import { ComplaintsModule } from '@app/complaints';
import { DocumentsModule } from '@app/documents';
import { AgencyComplaintEvidenceController, ComplaintEvidenceController, PublicComplaintEvidenceController, WorkerComplaintEvidenceController } from './complaint-evidence.controller';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { ComplaintReportsController } from './complaint-reports.controller';
import { SecretAttempts } from './secret-attempts';
import { PenaltySchedulesController } from './penalty-schedules.controller';
import { AgencyInspectionsController, InspectionsController } from './inspections.controller';
import { AgencyComplaintsController, ComplaintsController, FinesController, PublicComplaintsController, WorkerComplaintsController } from './complaints.controller';

@Module({
  imports: [ComplaintsModule, DocumentsModule],
  controllers: [PublicComplaintsController, WorkerComplaintsController, ComplaintsController, AgencyComplaintsController, FinesController, ComplaintReportsController, PublicComplaintEvidenceController, WorkerComplaintEvidenceController, ComplaintEvidenceController, AgencyComplaintEvidenceController, PenaltySchedulesController, InspectionsController, AgencyInspectionsController],
  providers: [PublicThrottleGuard, SecretAttempts],
})
export class ComplaintsHttpModule {}
