import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { AuthController } from '../auth/auth.controller';
import { AdminUsersController } from './admin-users.controller';
import { AgencyUsersController } from './agency-users.controller';
import { MeController } from './me.controller';

@Module({
  imports: [AuthModule],
  controllers: [AuthController, MeController, AdminUsersController, AgencyUsersController],
})
export class UsersHttpModule {}
