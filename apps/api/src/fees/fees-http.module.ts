import { ModelContractsController } from './model-contracts.controller';
import { Module } from '@nestjs/common';
import { DocumentsModule } from '@app/documents';
import { FeesModule } from '@app/fees';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { FeeRulesAdminController } from './fee-rules.controller';
import { PlacementsController } from './placements.controller';
import { PublicFeesController } from './public-fees.controller';
import { AgencyRefundOrdersController, RefundOrdersController } from './refund-orders.controller';
import { RefundPaymentDeclarations } from './refund-payment-declarations.service';

@Module({
  imports: [FeesModule, DocumentsModule],
  controllers: [
    FeeRulesAdminController,
    ModelContractsController,
    PlacementsController,
    RefundOrdersController,
    AgencyRefundOrdersController,
    PublicFeesController,
  ],
  providers: [PublicThrottleGuard, RefundPaymentDeclarations],
})
export class FeesHttpModule {}
