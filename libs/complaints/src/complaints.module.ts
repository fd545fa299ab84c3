import { Module } from '@nestjs/common';
import { LicensingModule } from '@app/agencies';
import { DocumentsModule } from '@app/documents';
import { FeesModule } from '@app/fees';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { NotificationsModule } from '@app/notifications';
import { ComplaintCases } from './cases/complaint-cases.service';
import { ComplaintLifecycle } from './cases/complaint-lifecycle.service';
import { ComplaintNotices } from './cases/complaint-notices';
import { SanctionEffects } from './cases/sanction-effects';
import { COMPLAINT_DEADLINE_HANDLERS } from './deadlines/complaint-deadline-handlers';
import { ContractBelowModelIntake } from './events/contract-below-model-intake';
import { FeeViolationIntake } from './events/fee-violation-intake';
import { ComplaintIntake } from './intake/complaint-intake.service';
import { ComplaintsContributions } from './complaints-contributions';
import { PatternWatch } from './cases/pattern-watch';
import { Fines } from './cases/fines.service';
import { ComplianceDeclarations } from './cases/compliance-declarations.service';
import { ComplaintReports } from './reports/complaint-reports.service';
import { AgencyRankingCache } from './reports/agency-ranking-cache';
import { ComplaintEvidence } from './evidence';
import { AssignmentDigest } from './cases/assignment-digest';
import { PenaltySchedules } from './penalties/penalty-schedules.service';
import { InspectionsService } from './inspections/inspections.service';

/**
 * Complaints for both processes: intake, the lifecycle, the views and queues, the deadline
 * handlers (fired in the worker) and the fee-violation subscriber (delivered by the worker's
 * event relay). Needs the global FieldEncryption (CryptoModule), and the RecipientDirectory and Accounts (RecipientDirectoryModule, libs/auth).
 */
@Module({
  imports: [AuditModule, DeadlinesModule, NotificationsModule, LicensingModule, FeesModule, DocumentsModule],
  providers: [
    PenaltySchedules,
    InspectionsService,
    ComplaintIntake,
    ComplaintLifecycle,
    ComplaintCases,
    ComplaintNotices,
    SanctionEffects,
    FeeViolationIntake,
    ContractBelowModelIntake,
    ComplaintsContributions,
    PatternWatch,
    Fines,
    ComplianceDeclarations,
    ComplaintReports,
    AgencyRankingCache,
    ComplaintEvidence,
    AssignmentDigest,
    ...COMPLAINT_DEADLINE_HANDLERS,
  ],
  exports: [
    PenaltySchedules,
    InspectionsService,
    ComplaintIntake,
    ComplaintLifecycle,
    ComplaintCases,
    Fines,
    ComplianceDeclarations,
    ComplaintReports,
    AgencyRankingCache,
    ComplaintEvidence,
    AssignmentDigest,
  ],
})
export class ComplaintsModule {}
