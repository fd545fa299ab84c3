import type { EntityManager } from 'typeorm';
import type { FarePayer } from './contract-terms';

export interface SeedModelContract {
  /** `<origin>-<destination>-<occupation>`, the key of the seeded fee rule of the same corridor. */
  key: string;
  originCountry: string;
  destinationCountry: string;
  occupationCategory: string;
  validFrom: string;
  minMonthlySalaryMinor: string;
  salaryCurrency: string;
  maxHoursPerWeek: number | null;
  minRestDaysPerWeek: number;
  minPaidLeaveDaysPerYear: number;
  contractMonths: number;
  farePaidBy: FarePayer;
  source: string;
}

const VERIFY = 'Demonstration figures: verify against the instrument before real use.';

/**
 * A standard contract for each seeded fee corridor (docs/fee-corridors.md), for the demo. The
 * figures follow the published instruments named in `source` as of 2025, rounded where the law
 * states them otherwise (hourly or daily); where no statutory floor exists for migrant workers the
 * figure is the origin's own minimum for the corridor, marked as such. They are a starting point,
 * not the law: a ministry keeps its own.
 */
export const SEEDED_MODEL_CONTRACTS: readonly SeedModelContract[] = [
  {
    key: 'PH-HK-general',
    originCountry: 'PH',
    destinationCountry: 'HK',
    occupationCategory: 'general',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '900000',
    salaryCurrency: 'HKD',
    maxHoursPerWeek: 48,
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 7,
    contractMonths: 24,
    farePaidBy: 'employer',
    source: `Hong Kong Employment Ordinance (Cap. 57): rest day, annual leave; Supplementary Labour Scheme wage floor approximated at HKD 9,000. ${VERIFY}`,
  },
  {
    key: 'PH-HK-domestic-work',
    originCountry: 'PH',
    destinationCountry: 'HK',
    occupationCategory: 'domestic-work',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '499000',
    salaryCurrency: 'HKD',
    maxHoursPerWeek: null,
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 7,
    contractMonths: 24,
    farePaidBy: 'employer',
    source: `Standard Employment Contract for Domestic Helpers (ID 407); Minimum Allowable Wage HKD 4,990 from 28 Sep 2024. ${VERIFY}`,
  },
  {
    key: 'PH-SA-general',
    originCountry: 'PH',
    destinationCountry: 'SA',
    occupationCategory: 'general',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '150000',
    salaryCurrency: 'SAR',
    maxHoursPerWeek: 48,
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 21,
    contractMonths: 24,
    farePaidBy: 'employer',
    source: `Saudi Labour Law (48 hours, weekly rest, 21 days' leave); DMW standard contract; wage floor approximated at SAR 1,500. ${VERIFY}`,
  },
  {
    key: 'PH-SA-domestic-work',
    originCountry: 'PH',
    destinationCountry: 'SA',
    occupationCategory: 'domestic-work',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '150000',
    salaryCurrency: 'SAR',
    maxHoursPerWeek: null,
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 15,
    contractMonths: 24,
    farePaidBy: 'employer',
    source: `DMW standard employment contract for household service workers (USD 400 minimum, about SAR 1,500); Saudi Domestic Workers Regulation (weekly rest, 30 days' leave per two years). ${VERIFY}`,
  },
  {
    key: 'PH-TW-general',
    originCountry: 'PH',
    destinationCountry: 'TW',
    occupationCategory: 'general',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '2859000',
    salaryCurrency: 'TWD',
    maxHoursPerWeek: 40,
    minRestDaysPerWeek: 2,
    minPaidLeaveDaysPerYear: 7,
    contractMonths: 36,
    farePaidBy: 'employer',
    source: `Taiwan Labor Standards Act (40 hours, one regular and one rest day a week, 7 days' leave after a year); minimum wage TWD 28,590 from 1 Jan 2025. ${VERIFY}`,
  },
  {
    key: 'PH-TW-domestic-work',
    originCountry: 'PH',
    destinationCountry: 'TW',
    occupationCategory: 'domestic-work',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '2000000',
    salaryCurrency: 'TWD',
    maxHoursPerWeek: null,
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 7,
    contractMonths: 36,
    farePaidBy: 'employer',
    source: `Taiwan Ministry of Labor: household caregivers' monthly wage TWD 20,000; standard contract for foreign household workers. ${VERIFY}`,
  },
  {
    key: 'NP-MY-general',
    originCountry: 'NP',
    destinationCountry: 'MY',
    occupationCategory: 'general',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '170000',
    salaryCurrency: 'MYR',
    maxHoursPerWeek: 45,
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 8,
    contractMonths: 24,
    farePaidBy: 'employer',
    source: `Malaysia Minimum Wages Order 2024 (MYR 1,700); Employment Act 1955 as amended 2022 (45 hours, 8 days' leave); Nepal "free visa, free ticket" policy (2015). ${VERIFY}`,
  },
  {
    key: 'NP-QA-general',
    originCountry: 'NP',
    destinationCountry: 'QA',
    occupationCategory: 'general',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '100000',
    salaryCurrency: 'QAR',
    maxHoursPerWeek: 48,
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 21,
    contractMonths: 24,
    farePaidBy: 'employer',
    source: `Qatar Law No. 17 of 2020 (basic minimum wage QAR 1,000, besides food and housing); Labour Law No. 14 of 2004 (48 hours, weekly rest, three weeks' leave); Nepal "free visa, free ticket" policy. ${VERIFY}`,
  },
  {
    key: 'ID-HK-domestic-work',
    originCountry: 'ID',
    destinationCountry: 'HK',
    occupationCategory: 'domestic-work',
    validFrom: '2025-01-01',
    minMonthlySalaryMinor: '499000',
    salaryCurrency: 'HKD',
    maxHoursPerWeek: null,
    minRestDaysPerWeek: 1,
    minPaidLeaveDaysPerYear: 7,
    contractMonths: 24,
    farePaidBy: 'employer',
    source: `Standard Employment Contract for Domestic Helpers (ID 407); Minimum Allowable Wage HKD 4,990 from 28 Sep 2024. ${VERIFY}`,
  },
];

/** Writes the seeded model contracts; one already there (or overlapping) is left alone. Returns how many were added. */
export async function seedModelContracts(m: EntityManager): Promise<number> {
  let written = 0;
  for (const c of SEEDED_MODEL_CONTRACTS) {
    const rows = (await m.query(
      `INSERT INTO model_contract (destination_country, occupation_category, origin_country, valid_from, valid_to, min_monthly_salary_minor, salary_currency, max_hours_per_week, min_rest_days_per_week, min_paid_leave_days_per_year, contract_months, fare_paid_by, source, created_by, created_at)
       VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, $12, NULL, now()) ON CONFLICT DO NOTHING RETURNING id`,
      [
        c.destinationCountry,
        c.occupationCategory,
        c.originCountry,
        c.validFrom,
        c.minMonthlySalaryMinor,
        c.salaryCurrency,
        c.maxHoursPerWeek,
        c.minRestDaysPerWeek,
        c.minPaidLeaveDaysPerYear,
        c.contractMonths,
        c.farePaidBy,
        c.source,
      ],
    )) as unknown[];
    written += rows.length;
  }
  return written;
}
