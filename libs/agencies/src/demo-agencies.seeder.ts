import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoSeeder, Seeder } from '@app/database';
import { Agency } from './agency.entity';

export const DEMO_AGENCIES = [
  { legalName: 'Bayanihan Manpower Services Inc.', registrationNumber: 'CS201912345' },
  { legalName: 'Everest Overseas Recruitment Pvt. Ltd.', registrationNumber: 'NP-OCR-2018-0421' },
] as const;

@Seeder()
@Injectable()
export class DemoAgenciesSeeder implements DemoSeeder {
  readonly order = 10;

  async run(m: EntityManager): Promise<number> {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(Agency)
      .values(DEMO_AGENCIES.map((a) => ({ ...a })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length;
  }
}
