import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { DocumentsModule } from '@app/documents';
import { FeesModule } from '@app/fees';
import { NotificationsModule } from '@app/notifications';
import { Beneficiaries } from './beneficiaries/beneficiaries.service';
import { WelfareDecisionDeadline } from './claims/decision-deadline.handler';
import { ClaimDocuments } from './claims/claim-documents.service';
import { WelfareClaims } from './claims/welfare-claims.service';
import { Contributions } from './contributions/contributions.service';
import { FundIncomes } from './ledger/fund-income.service';
import { FundLedger } from './ledger/fund-ledger.service';
import { BenefitSchedules } from './schedules/benefit-schedules.service';
import { WelfareReports } from './reports/welfare-reports.service';

/** Welfare fund for both processes: contributions, schedules, claims, the fund ledger, the decision deadline's handler. */
@Module({
  imports: [AuditModule, DeadlinesModule, NotificationsModule, FeesModule, DocumentsModule],
  providers: [FundLedger, FundIncomes, Contributions, Beneficiaries, BenefitSchedules, WelfareClaims, ClaimDocuments, WelfareDecisionDeadline, WelfareReports],
  exports: [FundLedger, FundIncomes, Contributions, Beneficiaries, BenefitSchedules, WelfareClaims, ClaimDocuments, WelfareReports],
})
export class WelfareModule {}
