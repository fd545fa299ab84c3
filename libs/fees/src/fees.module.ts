import { Module } from '@nestjs/common';
import { EscrowModule, LicensingModule } from '@app/agencies';
import { AuditModule } from '@app/audit';
import { DeadlinesModule } from '@app/deadlines';
import { EventsModule } from '@app/events';
import { NotificationsModule } from '@app/notifications';
import { AssessmentRecorder } from './assessing/assessment-recorder';
import { FeeAssessor } from './assessing/fee-assessor';
import { FeeCalculator } from './calculator/fee-calculator.service';
import { FeesContributions } from './fees-contributions';
import { FeesCalendar } from './fees-calendar';
import { Placements } from './placements/placements.service';
import { ExchangeRates } from './rates/exchange-rates.service';
import { RefundOrders } from './refunds/refund-orders.service';
import { RefundPaymentDeadline } from './refunds/refund-payment-deadline.handler';
import { FeeSchedules } from './schedules/fee-schedules.service';
import { ModelContracts } from './contracts/model-contracts.service';

/**
 * Fee-structure enforcement, for both processes: schedules, rates, placements, assessments,
 * refund orders and their deadline (fees.refund-payment, which fires in the worker), and the
 * scorecard and clearance contributions to licensing. Needs the RecipientDirectory and Accounts (RecipientDirectoryModule, global).
 */
@Module({
  imports: [AuditModule, DeadlinesModule, EventsModule, NotificationsModule, LicensingModule, EscrowModule],
  providers: [
    FeesCalendar,
    ModelContracts,
    FeeSchedules,
    ExchangeRates,
    FeeAssessor,
    AssessmentRecorder,
    RefundOrders,
    RefundPaymentDeadline,
    Placements,
    FeeCalculator,
    FeesContributions,
  ],
  exports: [ModelContracts, FeeSchedules, ExchangeRates, Placements, RefundOrders, FeeCalculator, FeesCalendar],
})
export class FeesModule {}
