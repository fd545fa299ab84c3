import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { FeesModule } from '@app/fees';
import { NotificationsModule } from '@app/notifications';
import { WelfareDecisionDeadline } from './claims/decision-deadline.handler';
import { WelfareClaims } from './claims/welfare-claims.service';
import { Contributions } from './contributions/contributions.service';
import { FundLedger } from './ledger/fund-ledger.service';
import { BenefitSchedules } from './schedules/benefit-schedules.service';
import { WelfareReports } from './reports/welfare-reports.service';

/** Welfare fund for both processes: contributions, schedules, claims, the fund ledger, the decision deadline's handler. */
@Module({
  imports: [AuditModule, DeadlinesModule, NotificationsModule, FeesModule],
  providers: [FundLedger, Contributions, BenefitSchedules, WelfareClaims, WelfareDecisionDeadline, WelfareReports],
  exports: [FundLedger, Contributions, BenefitSchedules, WelfareClaims, WelfareReports],
})
export class WelfareModule {}
