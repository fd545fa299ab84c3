import { Module } from '@nestjs/common';
import { ComplaintsModule } from '@app/complaints';
import { DocumentsModule } from '@app/documents';
import {
  AgencyComplaintEvidenceController,
  ComplaintEvidenceController,
  PublicComplaintEvidenceController,
  WorkerComplaintEvidenceController,
} from './complaint-evidence.controller';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { ComplaintReportsController } from './complaint-reports.controller';
import { AgencyComplianceDeclarationsController } from './compliance-declarations.controller';
import { AgencyFinePaymentsController, FineDeclarationsController } from './fine-payments.controller';
import { FinePaymentDeclarations } from './fine-payment-declarations.service';
import { SecretAttempts } from './secret-attempts';
import { PenaltySchedulesController } from './penalty-schedules.controller';
import { AgencyInspectionsController, InspectionsController } from './inspections.controller';
import {
  AgencyComplaintsController,
  ComplaintsController,
  FinesController,
  PublicComplaintsController,
  WorkerComplaintsController,
} from './complaints.controller';

@Module({
  imports: [ComplaintsModule, DocumentsModule],
  controllers: [
    PublicComplaintsController,
    WorkerComplaintsController,
    ComplaintsController,
    AgencyComplaintsController,
    FinesController,
    FineDeclarationsController,
    AgencyFinePaymentsController,
    ComplaintReportsController,
    PublicComplaintEvidenceController,
    WorkerComplaintEvidenceController,
    ComplaintEvidenceController,
    AgencyComplaintEvidenceController,
    AgencyComplianceDeclarationsController,
    PenaltySchedulesController,
    InspectionsController,
    AgencyInspectionsController,
  ],
  providers: [PublicThrottleGuard, SecretAttempts, FinePaymentDeclarations],
})
export class ComplaintsHttpModule {}
