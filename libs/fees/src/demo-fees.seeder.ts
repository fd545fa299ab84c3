import { Injectable, Logger, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Agency, DEMO_AGENCIES } from '@app/agencies';
import { RecipientDirectoryModule } from '@app/auth';
import { ClockModule, formatLocalDate, parseLocalDate } from '@app/common';
import { DemoSeeder, Seeder } from '@app/database';
import { Placement } from './entities';
import { FeesCalendar } from './fees-calendar';
import { FeesModule } from './fees.module';
import { Placements, RecordPlacementInput } from './placements/placements.service';
import { seedFeeReferenceData } from './schedules/seed-reference-data';
import { seedModelContracts } from './contracts/seed-model-contracts';

/**
 * Demo fee data: the seeded corridors' rules with their sources (docs/fee-corridors.md),
 * demonstration exchange rates, a model contract for each seeded corridor (issue 20), and four
 * placements by Bayanihan (PH): one compliant, one charged more than the Hong Kong cap (a refund
 * order), one charging a domestic worker (serious), and one in Taiwan whose contract falls below
 * the model (salary, hours, rest days, the fare on the worker).
 * Rules and rates already there are left alone; placements are added only when the agency has none.
 */
@Seeder()
@Injectable()
export class DemoFeesSeeder implements DemoSeeder {
  readonly order = 40;
  private readonly logger = new Logger('DemoFeesSeeder');

  constructor(
    private readonly placements: Placements,
    private readonly calendar: FeesCalendar,
  ) {}

  async run(m: EntityManager): Promise<number> {
    return (await seedFeeReferenceData(m)) + (await seedModelContracts(m)) + (await this.demoPlacements(m));
  }

  private async demoPlacements(m: EntityManager): Promise<number> {
    const agency = await m.findOne(Agency, { where: { registrationNumber: DEMO_AGENCIES[0].registrationNumber } });
    if (!agency || (await m.count(Placement, { where: { agencyId: agency.id } }))) return 0;
    const today = parseLocalDate(await this.calendar.today(m))!;
    const day = (ago: number) => formatLocalDate(today - ago);
    const actor = { userId: null, roles: ['agency_admin'], agencyId: agency.id, auditActor: 'system' as const, correlationId: 'demo-seed' };
    const base = { workerEmail: null, recruitedOn: day(60), contractStart: day(20), contractMonths: 24 };
    const demo: RecordPlacementInput[] = [
      {
        ...base,
        workerName: 'Jocelyn Dela Cruz',
        workerPassportNumber: 'P4417821B',
        employerName: 'Al Noor Hospital Services',
        destinationCountry: 'SA',
        occupationCategory: 'general',
        monthlySalaryMinor: '250000',
        salaryCurrency: 'SAR',
        fees: [{ item: 'placement-fee', amountMinor: '2500000', currency: 'PHP', date: day(50), receiptNumber: 'BMS-2026-0101' }],
        contract: { hoursPerWeek: 48, restDaysPerWeek: 1, paidLeaveDaysPerYear: 21, farePaidBy: 'employer' },
      },
      {
        ...base,
        workerName: 'Ramil Bautista',
        workerPassportNumber: 'P5520913C',
        employerName: 'Kowloon Logistics Ltd.',
        destinationCountry: 'HK',
        occupationCategory: 'general',
        monthlySalaryMinor: '1200000',
        salaryCurrency: 'HKD',
        fees: [{ item: 'placement-fee', amountMinor: '6000000', currency: 'PHP', date: day(45), receiptNumber: 'BMS-2026-0102' }],
        contract: { hoursPerWeek: 48, restDaysPerWeek: 1, paidLeaveDaysPerYear: 7, farePaidBy: 'employer' },
      },
      {
        ...base,
        workerName: 'Lorna Villanueva',
        workerPassportNumber: 'P6631024D',
        employerName: 'Chan Tai Man',
        destinationCountry: 'HK',
        occupationCategory: 'domestic-work',
        monthlySalaryMinor: '499000',
        salaryCurrency: 'HKD',
        fees: [{ item: 'training', amountMinor: '1500000', currency: 'PHP', date: day(40), receiptNumber: 'BMS-2026-0103' }],
        contract: { restDaysPerWeek: 1, paidLeaveDaysPerYear: 7, farePaidBy: 'employer' },
      },
      {
        // Below the Taiwan model: TWD 24,000 a month (model 28,590), 48 hours (40), one rest day (2), the fare on the worker.
        ...base,
        contractMonths: 36,
        workerName: 'Arnel Reyes',
        workerPassportNumber: 'P7742135E',
        employerName: 'Hsinchu Precision Electronics Co.',
        destinationCountry: 'TW',
        occupationCategory: 'general',
        monthlySalaryMinor: '2400000',
        salaryCurrency: 'TWD',
        fees: [],
        contract: { hoursPerWeek: 48, restDaysPerWeek: 1, paidLeaveDaysPerYear: 7, farePaidBy: 'worker' },
      },
    ];
    let n = 0;
    for (const p of demo) {
      try {
        await this.placements.recordIn(m, agency.id, p, actor);
        n += 1;
      } catch (e) {
        this.logger.warn(`demo placement for ${p.workerName} not recorded: ${(e as Error).message}`);
      }
    }
    return n;
  }
}

@Module({ imports: [ClockModule.forRoot(), RecipientDirectoryModule, FeesModule], providers: [DemoFeesSeeder] })
export class FeesSeedModule {}
