import { Module } from '@nestjs/common';
import { LicensingModule } from '@app/agencies';
import { AgencyLicensingController } from './agency-licensing.controller';
import { AmendmentsController } from './amendments.controller';
import { LicensesController } from './licenses.controller';
import { PublicThrottleGuard } from './public-throttle.guard';
import { PublicVerificationController } from './public-verification.controller';

@Module({
  imports: [LicensingModule],
  controllers: [LicensesController, AmendmentsController, AgencyLicensingController, PublicVerificationController],
  providers: [PublicThrottleGuard],
})
export class LicensingHttpModule {}
