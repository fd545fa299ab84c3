import { Module } from '@nestjs/common';
import { AuthSeedModule } from '@app/auth';
import { DemoAgenciesSeeder } from './demo-agencies.seeder';
import { DemoAgencyStaffSeeder } from './demo-agency-staff.seeder';

@Module({ imports: [AuthSeedModule], providers: [DemoAgenciesSeeder, DemoAgencyStaffSeeder] })
export class AgenciesSeedModule {}
