import { Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoSeeder, Seeder } from '@app/database';
import { seedBenefitSchedule } from './schedules/benefit-schedules.service';

/** Demo welfare data: the seeded benefit schedule with its sources (core/seed-benefit-schedule.ts; verify before real use). */
@Seeder()
@Injectable()
export class DemoWelfareSeeder implements DemoSeeder {
  readonly order = 50;

  run(m: EntityManager): Promise<number> {
    return seedBenefitSchedule(m);
  }
}

@Module({ providers: [DemoWelfareSeeder] })
export class WelfareSeedModule {}
