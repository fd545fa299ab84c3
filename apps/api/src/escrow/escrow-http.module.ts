import { Module } from '@nestjs/common';
import { EscrowModule } from '@app/agencies';
import { AgencyEscrowController, LicensingEscrowController } from './escrow.controller';

@Module({
  imports: [EscrowModule],
  controllers: [AgencyEscrowController, LicensingEscrowController],
})
export class EscrowHttpModule {}
