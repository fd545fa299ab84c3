import { Module } from '@nestjs/common';
import { LicensingModule } from '@app/agencies';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { NotificationsModule } from '@app/notifications';
import { AgencyRegistrationController } from './agency-registration.controller';
import { AgencyRegistrationService } from './agency-registration.service';

/** `POST /agency-registrations` and its confirmation (issue 22). */
@Module({
  imports: [AuthModule, LicensingModule, NotificationsModule, AuditModule],
  controllers: [AgencyRegistrationController],
  providers: [AgencyRegistrationService],
})
export class AgencyRegistrationHttpModule {}
