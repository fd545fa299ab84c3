import { Module } from '@nestjs/common';
import { DemoAgenciesSeeder } from './demo-agencies.seeder';

@Module({ providers: [DemoAgenciesSeeder] })
export class AgenciesSeedModule {}
